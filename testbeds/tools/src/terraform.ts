import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The environment for running the real terraform (on PATH) in tests without a network: a CLI
 * configuration whose only provider source is an empty folder, so nothing is ever downloaded (the
 * built-in `terraform` provider, with `terraform_data` and `terraform_remote_state`, needs none), and
 * no upgrade check.
 */
export function offlineTerraformEnv(dir: string): Record<string, string> {
  const mirror = join(dir, 'no-providers')
  mkdirSync(mirror, { recursive: true })
  const config = join(dir, 'terraform.rc')
  writeFileSync(
    config,
    `disable_checkpoint = true\nprovider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`,
  )
  return { TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: '1' }
}

/** The version of the terraform on PATH; a clear error when there is none. */
export function terraformVersion(): string {
  try {
    const { TF_CLI_CONFIG_FILE: _config, ...env } = process.env
    const out = execFileSync('terraform', ['version', '-json'], {
      encoding: 'utf8',
      env: { ...env, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return (JSON.parse(out) as { terraform_version: string }).terraform_version
  } catch {
    throw new Error('these tests run the real terraform (1.11 or later): put it on PATH')
  }
}
