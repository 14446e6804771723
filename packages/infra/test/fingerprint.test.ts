import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { offlineTerraformEnv, terraformVersion } from '@canary-delivery/tools'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  canonicalJson,
  compareDigests,
  fingerprintOf,
  intentDigests,
  type PlanJson,
  planFacts,
  planIntent,
  resolveBinary,
  Terraform,
  type Variable,
} from '../src'

const fixture = join(import.meta.dirname, 'fixtures/intent')
let tmp: string
let env: Record<string, string>
let binary: string

beforeAll(() => {
  terraformVersion()
  tmp = mkdtempSync(join(tmpdir(), 'infra-fingerprint-'))
  env = offlineTerraformEnv(tmp)
  binary = resolveBinary('terraform', tmp).file
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Another team's state file, holding one output. */
function sharedState(path: string, region: string): string {
  writeFileSync(
    path,
    JSON.stringify({
      version: 4,
      terraform_version: '1.11.4',
      serial: 1,
      lineage: '8f3c2d9e-0000-4000-8000-000000000001',
      outputs: { region: { value: region, type: 'string' } },
      resources: [],
      check_results: null,
    }),
  )
  return path
}

/** A copy of the module in its own folder (another checkout, another runner) with its own state. */
async function checkout(name: string) {
  const dir = join(tmp, name)
  cpSync(fixture, dir, { recursive: true })
  const state = join(dir, 'state.tfstate')
  const backend = join(dir, 'backend.json')
  writeFileSync(backend, JSON.stringify({ path: state }))
  const terraform = new Terraform({ file: binary, workingDirectory: dir, label: name, env, log: () => {} })
  await terraform.init(backend)
  let plans = 0
  const plan = async (variables: Variable[]): Promise<{ json: PlanJson; file: string }> => {
    const file = join(dir, `plan-${++plans}.tfplan`)
    await terraform.plan({ planFile: file, varFiles: [], variables, lockTimeoutMs: 5_000 })
    return { json: await terraform.showJson(file), file }
  }
  return { dir, state, terraform, plan }
}

const vars = (values: Record<string, string>): Variable[] =>
  Object.entries(values).map(([name, value]) => ({ name, value }))
const fingerprint = (plan: PlanJson) => fingerprintOf(planIntent(plan))

describe('the plan fingerprint, from the real terraform', () => {
  it('is the same for the same intent planned in another directory, as on another runner', async () => {
    const [a, b] = await Promise.all([checkout('runner-a'), checkout('runner-b')])
    const planA = await a.plan(
      vars({ size: '2', extra: 'true', shared_state: sharedState(join(a.dir, 'shared.tfstate'), 'eu') }),
    )
    const planB = await b.plan(
      vars({ size: '2', extra: 'true', shared_state: sharedState(join(b.dir, 'shared.tfstate'), 'eu') }),
    )
    // The documents differ (paths in the variables, timestamps)…
    expect(canonicalJson(planA.json)).not.toBe(canonicalJson(planB.json))
    // …the intent does not.
    expect(fingerprint(planA.json)).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(fingerprint(planA.json)).toBe(fingerprint(planB.json))
    expect(planFacts(planA.json).counts).toMatchObject({ add: 2, change: 0, destroy: 0 })
  })

  it('is the same after a refresh-only change: another state read by the module, an attribute changed outside', async () => {
    const a = await checkout('refresh')
    const shared = sharedState(join(a.dir, 'shared.tfstate'), 'eu')
    const first = await a.plan(vars({ shared_state: shared }))
    await a.terraform.apply(first.file, 5_000)

    const before = await a.plan(vars({ extra: 'true', shared_state: shared }))
    // What a refresh brings in: the other state moved on, and the object's id changed outside Terraform.
    sharedState(shared, 'us')
    const state = JSON.parse(readFileSync(a.state, 'utf8'))
    state.serial += 1
    state.resources.find((r: { name: string }) => r.name === 'base').instances[0].attributes.id =
      'changed-outside'
    writeFileSync(a.state, JSON.stringify(state))
    const after = await a.plan(vars({ extra: 'true', shared_state: shared }))

    const priorState = (plan: PlanJson) => canonicalJson((plan as { prior_state?: unknown }).prior_state)
    expect(priorState(after.json)).not.toBe(priorState(before.json))
    expect(priorState(after.json)).toContain('changed-outside')
    expect(priorState(after.json)).toContain('"us"')
    expect(fingerprint(after.json)).toBe(fingerprint(before.json))
    // The untouched resource is a no-op: not intent.
    expect(planFacts(after.json).changes.map((c) => c.address)).toEqual(['terraform_data.extra[0]'])
  })

  it('changes with any change of intent: a value, a resource more, a sensitive value (never shown)', async () => {
    const a = await checkout('values')
    const shared = sharedState(join(a.dir, 'shared.tfstate'), 'eu')
    const base = await a.plan(vars({ size: '2', extra: 'true', shared_state: shared }))
    const size = await a.plan(vars({ size: '3', extra: 'true', shared_state: shared }))
    const fewer = await a.plan(vars({ size: '2', extra: 'false', shared_state: shared }))
    const token = await a.plan(
      vars({ size: '2', extra: 'true', shared_state: shared, token: 'another-t0ken' }),
    )
    const all = [base, size, fewer, token].map((p) => fingerprint(p.json))
    expect(new Set(all).size).toBe(4)
    // The digests say which resource differs; the sensitive value appears in no intent text.
    expect(
      compareDigests(intentDigests(planIntent(base.json)), intentDigests(planIntent(token.json))),
    ).toEqual({
      added: [],
      removed: [],
      changed: ['terraform_data.extra[0]'],
    })
    for (const plan of [base, token]) {
      const text = canonicalJson(planIntent(plan.json))
      expect(text).not.toContain('t0ken')
      expect(text).toContain('"sensitive":"sha256:')
    }
  })

  it('ignores key order, versions, timestamps, drift and the order of resources; counts actions and unknowns', async () => {
    const a = await checkout('shapes')
    const { json } = await a.plan(
      vars({ size: '2', extra: 'true', shared_state: sharedState(join(a.dir, 'shared.tfstate'), 'eu') }),
    )
    const reference = fingerprint(json)
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reverseKeys(v)]),
            )
          : value
    const copy = () => structuredClone(json) as PlanJson & Record<string, unknown>

    const shuffled = reverseKeys(copy()) as PlanJson
    shuffled.resource_changes!.reverse()
    expect(fingerprint(shuffled)).toBe(reference)

    const other = copy()
    Object.assign(other, {
      terraform_version: '1.99.0',
      format_version: '9.9',
      timestamp: '2030-01-01T00:00:00Z',
    })
    other.resource_drift = [
      {
        address: 'terraform_data.base',
        mode: 'managed',
        type: 'terraform_data',
        name: 'base',
        change: { actions: ['update'], before: { id: 'a' }, after: { id: 'b' } },
      },
    ]
    other.resource_changes!.push({
      address: 'data.terraform_remote_state.shared',
      mode: 'data',
      type: 'terraform_remote_state',
      name: 'shared',
      change: { actions: ['read'], after: { outputs: { region: 'us' } } },
    })
    expect(fingerprint(other)).toBe(reference)
    expect(planFacts(other).drifted).toEqual([{ address: 'terraform_data.base', actions: ['update'] }])

    const unknown = copy()
    unknown.resource_changes![0]!.change.after_unknown = {}
    expect(fingerprint(unknown)).not.toBe(reference)
    const action = copy()
    action.resource_changes![0]!.change.actions = ['delete', 'create']
    expect(fingerprint(action)).not.toBe(reference)
    expect(planFacts(action).replaced.map((r) => r.address)).toEqual([json.resource_changes![0]!.address])
  })
})
