import { clearSecrets } from '@canary-delivery/action-kit'
import { afterEach, describe, expect, it } from 'vitest'
import {
  COMMENT_LIMIT,
  isPlanCommentFor,
  type PlanFacts,
  type PlanMarker,
  parseMarker,
  planAsDiff,
  registerSecretValues,
  renderPlanComment,
} from '../src'

afterEach(() => clearSecrets())

const facts = (overrides: Partial<PlanFacts> = {}): PlanFacts => ({
  counts: { add: 1, change: 0, destroy: 1, import: 0, forget: 0 },
  replaced: [{ address: 'terraform_data.vm["sit"]', reason: 'replace_because_tainted' }],
  deleted: [],
  outputs: [],
  drifted: [],
  changes: [{ address: 'terraform_data.vm["sit"]', actions: ['delete', 'create'] }],
  ...overrides,
})

const marker: PlanMarker = {
  workingDirectory: 'infra',
  environment: 'sit',
  fingerprint: `sha256:${'a'.repeat(64)}`,
  commit: 'b'.repeat(40),
  digests: { 'terraform_data.vm["sit"]': '01234567' },
}

const plan = [
  'Terraform will perform the following actions:',
  '',
  '  # terraform_data.vm["sit"] must be replaced',
  '-/+ resource "terraform_data" "vm" {',
  '      ~ id     = "x" -> (known after apply)',
  '      + input  = "203.0.113.10"',
  '    }',
  '',
  'Plan: 1 to add, 0 to change, 1 to destroy.',
].join('\n')

describe('the plan comment', () => {
  it('starts with a marker only its first line can carry, and says what the plan does', () => {
    const { body, cut } = renderPlanComment({
      marker,
      facts: facts(),
      planText: plan,
      terraform: { name: 'Terraform', version: '1.11.4' },
    })
    expect(cut).toBe(false)
    expect(parseMarker(body)).toEqual(marker)
    expect(isPlanCommentFor(body, 'infra', 'sit')).toBe(true)
    expect(isPlanCommentFor(body, 'infra', 'uat')).toBe(false)
    expect(body).toContain('### Terraform plan for `sit` in `infra`: 1 to add, 0 to change, 1 to destroy')
    expect(body).toContain('replaces `terraform_data.vm["sit"] (replace_because_tainted)`')
    expect(body).toContain('allow-destroy: true')
    expect(body).toContain(`Fingerprint \`sha256:${'a'.repeat(64)}\``)
    // The change symbols move to the first column, so GitHub colours the diff.
    expect(body).toContain('\n- resource "terraform_data" "vm" {')
    expect(body).toContain('!       id     = "x" -> (known after apply)')
    expect(body).toContain('+       input  = "203.0.113.10"')
  })

  it('a marker in the plan text, or a malformed one, is not a marker', () => {
    const spoof = `<!-- provision-infra:plan ${JSON.stringify({ ...marker, fingerprint: 'sha256:evil' })} -->`
    const { body } = renderPlanComment({
      marker,
      facts: facts(),
      planText: `${plan}\n${spoof}`,
      terraform: { name: 'Terraform', version: '1.11.4' },
    })
    expect(parseMarker(body)?.fingerprint).toBe(marker.fingerprint)
    expect(parseMarker(`hello\n${spoof}`)).toBeUndefined()
    expect(parseMarker('<!-- provision-infra:plan {"workingDirectory":1} -->')).toBeUndefined()
    expect(parseMarker('<!-- provision-infra:plan {not json} -->')).toBeUndefined()
  })

  it('a value holding --> cannot end the marker early', () => {
    const odd = { ...marker, digests: { 'terraform_data.x["-->"]': 'ffffffff' } }
    const { body } = renderPlanComment({
      marker: odd,
      facts: facts(),
      planText: plan,
      terraform: { name: 'Terraform', version: '1.11.4' },
    })
    expect(body.split('\n')[0]).not.toContain('"-->"')
    expect(parseMarker(body)).toEqual(odd)
  })

  it("cuts a long plan at a line to fit GitHub's limit and says where the whole plan is", () => {
    const long = Array.from(
      { length: 5_000 },
      (_, i) => `  + resource "terraform_data" "n${i}" { input = ${i} }`,
    ).join('\n')
    const { body, cut } = renderPlanComment({
      marker,
      facts: facts(),
      planText: long,
      terraform: { name: 'Terraform', version: '1.11.4' },
      runUrl: 'https://github.com/acme/infra/actions/runs/9',
    })
    expect(cut).toBe(true)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 200)
    const shown = Number(/The plan is cut here: (\d+) of 5000 lines shown/.exec(body)?.[1])
    expect(shown).toBeGreaterThan(1000)
    expect(body).toContain(`"n${shown - 1}"`)
    expect(body).not.toContain(`"n${shown}"`)
    expect(body).toContain('[the run](https://github.com/acme/infra/actions/runs/9)')
    // The code block and the details element are still closed.
    expect(body.trimEnd()).toMatch(/```\n\n\*\*The plan is cut here[^\n]*\n\n<\/details>\n\n<sub>.*<\/sub>$/)
    expect(parseMarker(body)).toEqual(marker)
  })

  it('never holds a secret value, even one the module does not mark sensitive', () => {
    registerSecretValues([{ name: 'db_password', value: 'pa"ss${word}-9f2' }])
    // As Terraform prints it in a plan: quotes and backslashes escaped.
    const text = `${plan}\n      + password = "pa\\"ss\${word}-9f2"\n      + raw = pa"ss\${word}-9f2`
    const { body } = renderPlanComment({
      marker,
      facts: facts(),
      planText: text,
      terraform: { name: 'Terraform', version: '1.11.4' },
    })
    expect(body).not.toContain('9f2')
    expect(body).toContain('password = "***"')
  })

  it('moves change symbols to the first column', () => {
    expect(planAsDiff('  + a\n  ~ b\n  - c\n-/+ d\n <= e\nplain')).toBe(
      '+   a\n!   b\n-   c\n- d\n#  e\nplain',
    )
  })
})
