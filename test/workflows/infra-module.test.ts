import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { offlineTerraformEnv, terraformVersion } from '../../testbeds/tools/src/index'

const root = join(import.meta.dirname, '../..')
const scratch = mkdtempSync(join(tmpdir(), 'infra-module-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** `terraform fmt -check`: exit 0 and nothing listed when every file is formatted. */
function fmtCheck(dir: string): { code: number; output: string } {
  terraformVersion()
  try {
    const output = execFileSync('terraform', ['fmt', '-check', '-recursive', '-diff', '-no-color'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...offlineTerraformEnv(scratch) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return { code: 0, output }
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string }
    return { code: failed.status, output: `${failed.stdout}${failed.stderr}` }
  }
}

// `terraform validate` needs the google provider, which cannot be downloaded here: the GitHub CI
// workflow (.github/workflows/ci.yml, job reference-infra) runs it.
describe('the reference infrastructure module (workflows-examples/infra)', () => {
  it('is formatted (terraform fmt -check -recursive), and so are the test modules', () => {
    expect(fmtCheck(join(root, 'workflows-examples/infra'))).toEqual({ code: 0, output: '' })
    // All but the module that is broken on purpose.
    const fixtures = join(root, 'actions/provision-infra/test/fixtures')
    for (const module of readdirSync(fixtures).filter((name) => name !== 'invalid' && !name.includes('.')))
      expect(fmtCheck(join(fixtures, module))).toEqual({ code: 0, output: '' })
    expect(fmtCheck(join(root, 'packages/infra/test/fixtures'))).toEqual({ code: 0, output: '' })
  })

  it('has a var file per environment of the chain, a GCS backend and a hosts output', () => {
    for (const environment of ['devops', 'monitor', 'sit', 'uat', 'prod'])
      expect(
        readFileSync(join(root, `workflows-examples/infra/environments/${environment}.tfvars`), 'utf8'),
      ).toContain(`environment  = "${environment}"`)
    expect(readFileSync(join(root, 'workflows-examples/infra/versions.tf'), 'utf8')).toMatch(
      /backend "gcs" \{\}/,
    )
    expect(readFileSync(join(root, 'workflows-examples/infra/outputs.tf'), 'utf8')).toMatch(
      /output "hosts" \{/,
    )
    expect(existsSync(join(root, 'workflows-examples/infra/README.md'))).toBe(true)
  })

  it('the check notices an unformatted file', () => {
    const dir = mkdtempSync(join(scratch, 'unformatted-'))
    execFileSync('cp', [join(root, 'workflows-examples/infra/outputs.tf'), dir])
    execFileSync('sed', ['-i', 's/^  value = {/  value={/', join(dir, 'outputs.tf')])
    const result = fmtCheck(dir)
    expect(result.code).not.toBe(0)
    expect(result.output).toContain('outputs.tf')
  })
})
