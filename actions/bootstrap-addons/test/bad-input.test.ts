import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunResult } from '@canary-delivery/action-runner'
import {
  type ChartRepository,
  kubeconfigFor,
  type Sandbox,
  serveChartRepository,
  startSandbox,
} from '@canary-delivery/sandbox'
import { ensureHelm } from '@canary-delivery/tools'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errors, leftovers, realChartsDir, runAction, smallGitops } from './helpers'

// Every mistake is one ::error:: line naming the input, exit code 1, nothing installed in the
// cluster and no credential left in RUNNER_TEMP. The cluster is a bare sandbox that must stay empty.
let sandbox: Sandbox
let charts: ChartRepository
let gitops: ReturnType<typeof smallGitops>
let closedPort: number
const temps: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ bare: true })
  charts = await serveChartRepository(realChartsDir())
  gitops = smallGitops()
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closedPort = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
})
afterAll(async () => {
  await sandbox?.stop()
  await charts?.stop()
  gitops?.remove()
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

async function run(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'bootstrap-bad-input-'))
  temps.push(runnerTemp)
  const result = await runAction(
    {
      environment: 'sit',
      kubeconfig: sandbox.kubeconfig,
      'gitops-repository': gitops.url,
      'flux-chart-repository': charts.url,
      timeout: '30s',
      ...inputs,
    },
    { runnerTemp, env },
  )
  return { result, runnerTemp }
}

/** One line, exit 1, no stack, nothing in the cluster, nothing left in RUNNER_TEMP. */
function expectRefused(
  { result, runnerTemp }: { result: RunResult; runnerTemp: string },
  message: string | RegExp,
) {
  expect(result.exitCode).toBe(1)
  const [only, ...more] = errors(result)
  expect(more).toEqual([])
  if (typeof message === 'string') expect(only).toBe(message)
  else expect(only).toMatch(message)
  expect(only).not.toContain('\n')
  expect(result.log).not.toMatch(/^\s+at /m)
  expect(
    sandbox.store.list(sandbox.store.registry.byKind('v1', 'Namespace')!).map((n) => n.metadata.name),
  ).not.toContain('flux-system')
  expect(leftovers(runnerTemp)).toEqual([])
}

describe('bad input: one line naming the input, nothing installed', () => {
  it.concurrent.each([
    [
      'an unknown command',
      { command: 'destroy' },
      "Input 'command' must be one of plan, apply, check, got 'destroy'",
    ],
    [
      'a malformed kubeconfig',
      { kubeconfig: 'clusters: [\n  - name: x\n  cluster: {' },
      /^Input 'kubeconfig' is not valid YAML \(line \d+\)$/,
    ],
    [
      'hosts that are not JSON',
      { kubeconfig: '', hosts: 'sit=10.0.0.5', 'ssh-key': 'k', 'ssh-known-hosts': 'h' },
      "Input 'hosts' must be JSON of environment → { address, user } (provision-infra's hosts output), got text that is not JSON",
    ],
    [
      'an environment missing from hosts',
      { kubeconfig: '', hosts: '{"uat":{"address":"10.0.0.9"},"prod":"10.0.0.10"}' },
      "Input 'hosts' has no entry for environment 'sit' (it has: uat, prod)",
    ],
    [
      'two ways to give the cluster',
      { 'ssh-host': '10.0.0.5' },
      "Input 'kubeconfig' and 'ssh-host' both give the cluster: give one",
    ],
    [
      'ssh-host without its key',
      { kubeconfig: '', 'ssh-host': '10.0.0.5' },
      "Input 'ssh-key' is required with 'ssh-host'",
    ],
    [
      'an ssh-host that is an option',
      { kubeconfig: '', 'ssh-host': '-oProxyCommand=touch /tmp/x' },
      "Input 'ssh-host' must be an IP address or a hostname, got '-oProxyCommand=touch /tmp/x'",
    ],
    [
      'a chart version range',
      { 'flux-chart-version': '^2.18' },
      "Input 'flux-chart-version' must be one exact chart version such as 2.18.3 (the chart is pinned: no ranges), got '^2.18'",
    ],
    [
      'flux values that are not a mapping',
      { 'flux-values': '- a\n- b' },
      "Input 'flux-values' must be a YAML mapping of Helm values",
    ],
    [
      'an unknown verify scope',
      { verify: 'everything' },
      "Input 'verify' must be one of canary, gateway, none, got 'everything'",
    ],
    [
      'a timeout that is no duration',
      { timeout: 'soon' },
      "Input 'timeout' must be a duration such as 90s, 10m or 1h, got 'soon'",
    ],
    [
      'a GitOps path not on the branch',
      { 'gitops-path': 'clusters/{environment}-nowhere' },
      /^Input 'gitops-path': clusters\/sit-nowhere is not a folder on branch 'main' of file:\/\/.*\/gitops\.git \(commit [0-9a-f]{12}\)$/,
    ],
    [
      'a branch that does not exist',
      { 'gitops-branch': 'release' },
      /^Input 'gitops-branch': file:\/\/.*\/gitops\.git has no branch 'release' \(git: .*\)$/,
    ],
    [
      'an unknown Flux chart version',
      { 'flux-chart-version': '9.9.9' },
      /^Input 'flux-chart-version': http:\/\/127\.0\.0\.1:\d+ has no flux2 chart at version 9\.9\.9 \(helm: .*\)$/,
    ],
    [
      'a helm of another version than helm-version',
      { helm: ensureHelm(), 'helm-version': '4.1.3' },
      `Input 'helm' names ${ensureHelm()}, which is helm v4.1.4, not v4.1.3 (input 'helm-version'); the action runs only the helm it pins`,
    ],
  ])('%s', async (_, inputs, message) => {
    expectRefused(await run(inputs), message)
  })
})

describe('an API server that does not answer', () => {
  it('fails within the timeout in one line; the kubeconfig is never in the log and its file is gone', async () => {
    const token = 'kube-bearer-token-that-must-never-show-0123456789'
    const kubeconfig = kubeconfigFor(`http://127.0.0.1:${closedPort}`).replace(
      '  user: {}',
      `  user:\n    token: ${token}`,
    )
    const { result, runnerTemp } = await run({ kubeconfig, timeout: '12s' })
    expect(result.exitCode).toBe(1)
    const [only, ...more] = errors(result)
    expect(more).toEqual([])
    expect(only).toMatch(
      new RegExp(`^The API server at http://127\\.0\\.0\\.1:${closedPort} did not answer: `),
    )
    expect(result.outputs.result).toMatch(/^(failed|timed-out)$/)
    expect(result.log).not.toContain(token)
    expect(result.log).not.toContain('current-context')
    expect(leftovers(runnerTemp)).toEqual([])
    expect(statSync(runnerTemp).isDirectory()).toBe(true)
  }, 90_000)
})
