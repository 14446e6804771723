import { execFile } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ENVIRONMENTS } from '../../scripts/gitops-layout'
import { parseEnvironments, resolveMode, validate as validateRequest } from '../../scripts/infra-validate'

// The reusable infrastructure workflow as its users meet it: the order and guards of its jobs, read
// from the YAML, and its first job's check run for real, the way the runner runs that step.

const root = join(import.meta.dirname, '../..')
const workflow = parse(readFileSync(join(root, '.github/workflows/infra.yml'), 'utf8'))
type Job = {
  needs?: string | string[]
  if?: string
  environment?: string | { name: string }
  concurrency?: { group: string; 'cancel-in-progress': boolean }
  permissions?: Record<string, string>
  strategy?: { matrix?: { environment?: unknown } }
  steps: {
    id?: string
    uses?: string
    run?: string
    if?: string
    env?: Record<string, string>
    with?: Record<string, unknown>
  }[]
}
const jobs = workflow.jobs as Record<string, Job>
const needsOf = (job: Job) => (job.needs === undefined ? [] : ([] as string[]).concat(job.needs))
const OWN = 'canary-delivery/canary-delivery-actions/actions/'
const stepOf = (job: Job, action: string) => job.steps.find((s) => s.uses === `${OWN}${action}@v1`)

describe('the infrastructure workflow', () => {
  it('applies devops → monitor → sit → uat → prod, each job needing the one before', () => {
    const applies = Object.keys(jobs).filter((id) => id.startsWith('apply-'))
    // Walk the chain from the job that needs no other apply job.
    const order: string[] = []
    let next = applies.find((id) => !needsOf(jobs[id]!).some((n) => n.startsWith('apply-')))
    while (next) {
      order.push(next.slice('apply-'.length))
      const current = next
      const after = applies.filter((id) => needsOf(jobs[id]!).includes(current))
      expect(after.length, `jobs needing ${current}`).toBeLessThanOrEqual(1)
      next = after[0]
    }
    expect(order).toEqual([...ENVIRONMENTS])
    expect(order).toHaveLength(applies.length)
  })

  it.each([...ENVIRONMENTS])(
    'apply %s: behind its GitHub environment, never two at once, the reviewed plan then its add-ons on the hosts it made',
    (environment) => {
      const job = jobs[`apply-${environment}`]!
      expect(job.environment).toBe(environment)
      expect(job.concurrency).toEqual({ group: `infra-apply-${environment}`, 'cancel-in-progress': false })
      // Runs when asked for and nothing before it failed; an environment left out does not stop the chain.
      expect(job.if?.replace(/\s+/g, ' ')).toBe(
        `\${{ !cancelled() && !failure() && needs.validate.outputs.mode == 'apply' && contains(fromJSON(needs.validate.outputs.environments), '${environment}') }}`,
      )
      const infra = stepOf(job, 'provision-infra')!
      const addons = stepOf(job, 'bootstrap-addons')!
      expect(infra.with).toMatchObject({ command: 'apply', environment })
      expect(infra.with!['plan-fingerprint']).toBe(
        `\${{ fromJSON(inputs.plan-fingerprints || '{}').${environment} }}`,
      )
      expect(addons.with).toMatchObject({
        command: 'apply',
        environment,
        hosts: `\${{ steps.${infra.id}.outputs.hosts }}`,
      })
      expect(job.steps.indexOf(addons)).toBeGreaterThan(job.steps.indexOf(infra))
      // A plan that is not the reviewed one fails the step: the add-ons are not touched then.
      expect(addons.if).toBeUndefined()
    },
  )

  it('verifies canaries where the layout runs Flagger, and only the gateway where it does not', () => {
    const layout = join(root, 'workflows-examples/gitops/clusters')
    const runsFlagger = (environment: string) =>
      readFileSync(join(layout, environment, 'addons/kustomization.yaml'), 'utf8').includes('addons/flagger')
    for (const environment of ENVIRONMENTS) {
      const verify = stepOf(jobs[`apply-${environment}`]!, 'bootstrap-addons')?.with?.verify ?? 'canary'
      expect(verify, `apply-${environment}`).toBe(runsFlagger(environment) ? 'canary' : 'gateway')
    }
    // The check job is one matrix: its expression must give the same answer per environment.
    const expression = String(stepOf(jobs.check!, 'bootstrap-addons')?.with?.verify)
    for (const environment of ENVIRONMENTS) {
      const gateway = ['devops', 'monitor'].filter((name) => expression.includes(`'${name}'`))
      expect(gateway.includes(environment), `check ${environment}`).toBe(!runsFlagger(environment))
    }
  })

  it('checks the request first: every other job needs validate and acts only on the mode it found', () => {
    expect(needsOf(jobs.validate!)).toEqual([])
    for (const [id, job] of Object.entries(jobs)) {
      if (id === 'validate') continue
      expect(needsOf(job), id).toContain('validate')
      expect(job.if, id).toMatch(/needs\.validate\.outputs\.mode == '(plan|apply|check)'/)
    }
    expect(jobs.plan!.if).toBe("needs.validate.outputs.mode == 'plan'")
    expect(jobs.check!.if).toBe("needs.validate.outputs.mode == 'check'")
  })

  it('grants each job only what it needs: comments only where it plans, issues only where it checks', () => {
    expect(workflow.permissions).toEqual({})
    const permissions = Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, job.permissions]))
    expect(permissions.validate).toEqual({ contents: 'read' })
    expect(permissions.plan).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' })
    expect(permissions.check).toEqual({ contents: 'read', 'id-token': 'write', issues: 'write' })
    for (const environment of ENVIRONMENTS)
      expect(permissions[`apply-${environment}`]).toEqual({
        contents: 'read',
        'id-token': 'write',
        'pull-requests': 'read',
      })
  })

  it("runs the layout check of the same release as the suite's actions it uses", () => {
    const refs = new Set(
      Object.values(jobs).flatMap((job) =>
        job.steps.filter((s) => s.uses?.startsWith(OWN)).map((s) => s.uses!.slice(s.uses!.indexOf('@') + 1)),
      ),
    )
    expect([...refs]).toEqual([workflow.on.workflow_call.inputs['suite-ref'].default])
    const checkout = jobs.validate!.steps.find(
      (s) => s.with?.repository === 'canary-delivery/canary-delivery-actions',
    )
    expect(checkout?.with).toMatchObject({ ref: '${{ inputs.suite-ref }}', path: '.infra-validate/suite' })
    expect(validate.run).toContain('.infra-validate/suite/scripts/infra-validate.ts')
  })

  it('plans and checks every environment validate let through, one job each', () => {
    for (const id of ['plan', 'check']) {
      expect(jobs[id]!.strategy?.matrix?.environment).toBe(
        '${{ fromJSON(needs.validate.outputs.environments) }}',
      )
      expect(stepOf(jobs[id]!, 'provision-infra')!.with).toMatchObject({
        command: id,
        environment: '${{ matrix.environment }}',
      })
    }
  })

  it('check: both checks run to the end, the drift issue is kept from their results, then the job fails on drift', () => {
    const job = jobs.check!
    const infra = stepOf(job, 'provision-infra')!
    const addons = stepOf(job, 'bootstrap-addons')!
    const issue = stepOf(job, 'drift-issue')!
    expect(infra).toMatchObject({ 'continue-on-error': true })
    expect(addons).toMatchObject({ 'continue-on-error': true, if: "steps.infra.outputs.hosts != ''" })
    expect(addons.with).toMatchObject({ command: 'check', hosts: '${{ steps.infra.outputs.hosts }}' })
    expect(issue.with).toMatchObject({
      environment: '${{ matrix.environment }}',
      'infrastructure-result': '${{ steps.infra.outputs.result }}',
      'addons-result': '${{ steps.addons.outputs.result }}',
      addons: '${{ steps.addons.outputs.addons }}',
    })
    const last = job.steps.at(-1)!
    expect(last.if).toBe("steps.infra.outcome == 'failure' || steps.addons.outcome == 'failure'")
    expect(job.steps.indexOf(issue)).toBeLessThan(job.steps.length - 1)
    expect(job.concurrency).toEqual({
      group: 'infra-check-${{ matrix.environment }}',
      'cancel-in-progress': false,
    })
  })
})

describe('the environments and the mode, as validate reads them', () => {
  it.each([
    ['devops,monitor,sit,uat,prod', [...ENVIRONMENTS]],
    ['sit, uat\nprod', ['sit', 'uat', 'prod']],
    ['monitor prod', ['monitor', 'prod']],
  ])('%j → %j', (text, environments) => {
    expect(parseEnvironments(text)).toEqual({ environments })
  })

  it.each([
    ['', 'environments: none given; expected a list such as devops,monitor,sit,uat,prod'],
    [
      'sit,staging',
      'environments: "staging" is not one of devops, monitor, sit, uat, prod (the environments this workflow applies, in that order)',
    ],
    ['sit,uat,sit', 'environments: sit is listed twice'],
    [
      'prod,sit',
      'environments: sit comes after prod; list them in the order they are applied: devops, monitor, sit, uat, prod',
    ],
  ])('%j is refused in one line', (text, problem) => {
    expect(parseEnvironments(text)).toEqual({ problem })
  })

  it.each([
    ['', 'pull_request', 'refs/pull/3/merge', { mode: 'plan' }],
    ['', 'push', 'refs/heads/main', { mode: 'apply' }],
    ['', 'schedule', 'refs/heads/main', { mode: 'check' }],
    ['', 'workflow_dispatch', 'refs/heads/main', { mode: 'check' }],
    ['apply', 'workflow_dispatch', 'refs/heads/main', { mode: 'apply' }],
    ['plan', 'push', 'refs/heads/feature', { mode: 'plan' }],
    [
      '',
      'push',
      'refs/heads/feature',
      {
        problem:
          'mode: a push to "refs/heads/feature" is not to the default branch (main), and only that branch applies; give mode: plan to plan it',
      },
    ],
    [
      '',
      'release',
      'refs/tags/v1',
      { problem: 'mode: nothing to derive from a "release" event; give mode: plan, apply or check' },
    ],
    [
      'destroy',
      'push',
      'refs/heads/main',
      { problem: 'mode: expected plan, apply or check (or nothing, to follow the event), got "destroy"' },
    ],
  ])('mode %j on %s of %s', (given, name, ref, expected) => {
    expect(resolveMode(given, { name, ref, defaultBranch: 'main' })).toEqual(expected)
  })
})

// The validate step's own command and environment, taken from the workflow and run with bash as the
// runner runs a `run:` step, in a workspace laid out as the job's checkouts leave it: the caller's
// Terraform at the root, the GitOps repository and this repository (installed) under .infra-validate.
const validate = jobs.validate!.steps.find((s) => s.id === 'check')!
const declared = workflow.on.workflow_call.inputs as Record<string, { default?: unknown }>
const scratches: string[] = []
afterAll(() => {
  for (const dir of scratches) rmSync(dir, { recursive: true, force: true })
})

function workspace(change?: (paths: { gitops: string; terraform: string }) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'infra-validate-'))
  scratches.push(dir)
  const gitops = join(dir, '.infra-validate/gitops')
  const terraform = join(dir, 'infra')
  mkdirSync(join(dir, '.infra-validate'), { recursive: true })
  cpSync(join(root, 'workflows-examples/gitops'), gitops, { recursive: true })
  cpSync(join(root, 'workflows-examples/infra'), terraform, { recursive: true })
  symlinkSync(root, join(dir, '.infra-validate/suite'))
  change?.({ gitops, terraform })
  return dir
}

/** `${{ inputs.x }}` and `${{ github.x.y }}` as GitHub fills them in; anything else fails the test. */
function evaluate(
  text: string,
  contexts: { inputs: Record<string, unknown>; github: Record<string, unknown> },
) {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const [context, ...path] = expression.split('.')
    if (context !== 'inputs' && context !== 'github') throw new Error(`not modelled: ${expression}`)
    let value: unknown = contexts[context]
    if (context === 'inputs') value = (value as Record<string, unknown>)[path.join('.')]
    else for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key]
    return value === undefined || value === null ? '' : String(value)
  })
}

async function runValidate(
  dir: string,
  inputs: Record<string, unknown>,
  github: { event_name: string; ref: string } = { event_name: 'push', ref: 'refs/heads/main' },
): Promise<{ code: number; stdout: string; stderr: string; outputs: string }> {
  const defaults = Object.fromEntries(Object.entries(declared).map(([name, input]) => [name, input.default]))
  const contexts = {
    inputs: { ...defaults, 'working-directory': 'infra', 'gitops-repository': 'acme/gitops', ...inputs },
    github: { ...github, event: { repository: { default_branch: 'main' } } },
  }
  const env = Object.fromEntries(
    Object.entries(validate.env ?? {}).map(([k, v]) => [k, evaluate(v, contexts)]),
  )
  const outputs = join(dir, 'github-output')
  writeFileSync(outputs, '')
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-e', '-c', validate.run!],
      { cwd: dir, env: { ...process.env, ...env, GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outputs } },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          outputs: readFileSync(outputs, 'utf8'),
        }),
    )
  })
}

/** Exit code 1, one error line and nothing for the next jobs: the run stops before any plan or apply. */
function expectRefused(result: Awaited<ReturnType<typeof runValidate>>, line: string) {
  expect(result.code).toBe(1)
  expect(result.stderr).toBe(`::error::${line}\n`)
  expect(result.outputs).toBe('')
}

/**
 * validate() with the inputs the step hands it, for the refusals that differ only in what they
 * name: the same code the step runs (the runs above and below cover how the step calls it), without
 * a process each.
 */
function validateInputs(
  dir: string,
  inputs: Record<string, string>,
  event: { name: string; ref: string } = { name: 'push', ref: 'refs/heads/main' },
) {
  const input = (name: string) => inputs[name] ?? String(declared[name]!.default ?? '')
  return validateRequest({
    environments: input('environments'),
    layout: join(dir, '.infra-validate/gitops', input('layout-path')),
    terraform: join(dir, 'infra'),
    varFile: input('var-file'),
    mode: input('mode'),
    event: { ...event, defaultBranch: 'main' },
    planFingerprints: input('plan-fingerprints'),
  })
}

describe("validate's step, run for real", () => {
  it('passes the reference layout and infrastructure, and hands the environments and the mode to the next jobs', async () => {
    const result = await runValidate(workspace(), {})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.outputs).toBe('environments=["devops","monitor","sit","uat","prod"]\nmode=apply\n')
    expect(result.stdout).toContain(
      'sit: 24 objects, all valid, every reference resolved; hosts entry in environments/sit.tfvars\n',
    )
    expect(result.stdout.trim().split('\n').at(-1)).toBe('apply: devops → monitor → sit → uat → prod')
  })

  it.each([
    [
      'an environment the layout has no cluster for',
      workspace(({ gitops }) => rmSync(join(gitops, 'clusters/uat'), { recursive: true })),
      {},
      () => 'environment uat: the layout has no clusters/uat directory (it has devops, monitor, prod, sit)',
    ],
    [
      'an environment without its var file',
      workspace(({ terraform }) => rmSync(join(terraform, 'environments/prod.tfvars'))),
      {},
      (dir: string) =>
        `environment prod: no hosts entry: ${relative(process.cwd(), join(dir, 'infra/environments/prod.tfvars'))} does not exist (provision-infra plans prod with it, and the module's hosts output names the environment it sets)`,
    ],
    [
      'a var file that names another environment',
      workspace(({ terraform }) =>
        writeFileSync(
          join(terraform, 'environments/sit.tfvars'),
          'environment  = "uat"\nmachine_type = "e2-standard-2"\n',
        ),
      ),
      { environments: 'sit,uat' },
      (dir: string) =>
        `environment sit: no hosts entry: ${relative(process.cwd(), join(dir, 'infra/environments/sit.tfvars'))} sets environment = "uat", so the hosts output would name "uat" instead`,
    ],
    [
      'an environment outside the chain',
      workspace(),
      { environments: 'devops,staging' },
      () =>
        'environments: "staging" is not one of devops, monitor, sit, uat, prod (the environments this workflow applies, in that order)',
    ],
    [
      'a reviewed fingerprint that is not one',
      workspace(),
      { environments: 'sit', 'plan-fingerprints': '{"sit":"abc"}' },
      () => 'plan-fingerprints: sit: expected sha256: and 64 hex digits',
    ],
    [
      'a layout path that is not in the GitOps repository',
      workspace(),
      { 'layout-path': 'gitops' },
      (dir: string) =>
        `layout-path: ${JSON.stringify(join(dir, '.infra-validate/gitops/gitops'))} is not a directory of the GitOps repository`,
    ],
  ])('%s: one line naming it', (_, dir, inputs, line) => {
    expect(validateInputs(dir, inputs).problems).toEqual([line(dir)])
  })

  it('takes the inputs as data: a command in one is neither run nor able to act as a workflow command', async () => {
    const dir = workspace()
    const result = await runValidate(dir, { environments: 'sit,$(touch pwned);touch pwned2' })
    expect(existsSync(join(dir, 'pwned'))).toBe(false)
    expect(existsSync(join(dir, 'pwned2'))).toBe(false)
    expectRefused(
      result,
      'environments: "$(touch" is not one of devops, monitor, sit, uat, prod (the environments this workflow applies, in that order)',
    )
    const forged = await runValidate(dir, { environments: '##[set-output name=mode]apply' })
    expectRefused(
      forged,
      'environments: "#\u2060#[set-output" is not one of devops, monitor, sit, uat, prod (the environments this workflow applies, in that order)',
    )
  })

  it('follows the event: a pull request plans, a schedule checks, a push elsewhere is refused', async () => {
    const dir = workspace()
    const plan = await runValidate(
      dir,
      { environments: 'sit' },
      { event_name: 'pull_request', ref: 'refs/pull/7/merge' },
    )
    expect(plan.outputs).toBe('environments=["sit"]\nmode=plan\n')
    expect(
      validateInputs(dir, { environments: 'sit' }, { name: 'schedule', ref: 'refs/heads/main' }),
    ).toMatchObject({ mode: 'check', environments: ['sit'], problems: [] })
    expect(
      validateInputs(dir, { environments: 'sit' }, { name: 'push', ref: 'refs/heads/feature' }).problems,
    ).toEqual([
      'mode: a push to "refs/heads/feature" is not to the default branch (main), and only that branch applies; give mode: plan to plan it',
    ])
  })
})
