import { existsSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { RunResult } from '@canary-delivery/action-runner'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errors, lockFile, provision, scratch, type Workspace } from './helpers'

let tmp: ReturnType<typeof scratch>
let ws: Workspace
let closedPort: number

beforeAll(async () => {
  tmp = scratch('provision-bad-input-')
  ws = tmp.workspace('hosts', 'invalid', 'remote')
  // A port nothing listens on: bound, then released.
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closedPort = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
})
afterAll(() => tmp.cleanup())

const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  provision(tmp.env, ws, { 'working-directory': 'hosts', environment: 'sit', ...inputs }, { env })

/** One `::error::` line, exit code 1, no stack trace, nothing applied, no lock, no state written. */
function expectRefused(result: RunResult, message: string | RegExp) {
  expect(result.exitCode).toBe(1)
  const [only, ...more] = errors(result)
  expect(more).toEqual([])
  if (typeof message === 'string') expect(only).toBe(message)
  else expect(only).toMatch(message)
  expect(only).not.toContain('\n')
  expect(result.log).not.toMatch(/^\s+at /m)
  expect(result.outputs.result ?? '').toBe('')
  for (const environment of ['sit', 'uat']) {
    expect(existsSync(ws.state(environment))).toBe(false)
    expect(existsSync(lockFile(ws.state(environment)))).toBe(false)
  }
}

describe('bad input: one line naming the input or the cause, nothing applied, no lock', () => {
  it.concurrent.each([
    [
      'an unknown command',
      { command: 'destroy' },
      "Input 'command' must be one of plan, apply, check, got 'destroy'",
    ],
    [
      'a working directory that does not exist',
      { 'working-directory': 'infra/nope' },
      "Input 'working-directory': infra/nope is not a directory (relative to the workspace)",
    ],
    [
      'a malformed variables line',
      { variables: 'domain=example.org\nregion europe-west1' },
      "Input 'variables' line 2 must be name=value with a Terraform variable name, got 'region europe-west1'",
    ],
    [
      'a malformed plan fingerprint',
      { command: 'apply', 'plan-fingerprint': 'abc123' },
      "Input 'plan-fingerprint' must be sha256: and 64 hex digits (the plan-fingerprint output of the reviewed plan), got 'abc123'",
    ],
    [
      'a lock timeout that is no duration',
      { 'lock-timeout': 'soon' },
      "Input 'lock-timeout' must be a duration such as 90s, 10m or 1h, got 'soon'",
    ],
    [
      'a var file that is not there',
      { 'var-files': 'environments/{environment}.tfvars\nenvironments/common.tfvars' },
      "Input 'var-files': environments/common.tfvars does not exist in the working directory",
    ],
  ])('%s', async (_, inputs, message) => {
    expectRefused(await run(inputs), message)
  })

  it.concurrent('terraform missing from PATH', async () => {
    expectRefused(
      await run({}, { PATH: join(tmp.dir, 'empty-bin') }),
      "Input 'binary': 'terraform' was not found on PATH; install it first (hashicorp/setup-terraform, or opentofu/setup-opentofu with binary: tofu) or give its path",
    )
  })

  it.concurrent('invalid HCL: the file and line', async () => {
    expectRefused(
      await run({ 'working-directory': 'invalid' }),
      'terraform init failed in invalid: main.tf:8: Missing attribute value: Expected an attribute value, introduced by an equals sign ("=").',
    )
  })

  it.concurrent('a missing variable: its name and where it is declared', async () => {
    // uat has no environments/uat.tfvars, so nothing sets the variables it holds for sit.
    const result = await run({ environment: 'uat' })
    expectRefused(
      result,
      'terraform plan failed in hosts: main.tf:5: No value for required variable: The root module input variable "environment" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable. (and 1 more error in the log)',
    )
    expect(result.log).toContain(
      'Error: main.tf:9: No value for required variable: The root module input variable "hosts" is not set',
    )
  })

  it.concurrent('a backend that cannot be reached', async () => {
    const result = await run({
      'working-directory': 'remote',
      'backend-config': `address=http://127.0.0.1:${closedPort}/state/{environment}\nretry_max=0`,
    })
    expectRefused(
      result,
      new RegExp(
        `^terraform init failed in remote: Error refreshing state: Failed to get state: GET http://127\\.0\\.0\\.1:${closedPort}/state/sit giving up after 1 attempt\\(s\\).*connection refused$`,
      ),
    )
    expect(readdirSync(join(ws.path, 'remote'))).not.toContain('terraform.tfstate')
  })
})
