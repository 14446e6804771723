import { resolve } from 'node:path'
import { type RunResult, resolveNode, runBundledAction } from '@canary-delivery/action-runner'
import { type GitHubStandin, startGitHubStandin } from '@canary-delivery/github-standin'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The bundle as the scheduled check job runs it, after provision-infra and bootstrap-addons checked
// one environment, against the GitHub stand-in.

const actionDir = resolve(import.meta.dirname, '..')
const TOKEN = 'ghs_driftIssueActionToken'
let github: GitHubStandin

beforeAll(async () => {
  github = await startGitHubStandin({ repositories: ['acme/infra'], token: TOKEN })
})
afterAll(() => github.stop())

const run = (inputs: Record<string, string>, node?: string) =>
  runBundledAction({
    actionDir,
    inputs: { environment: 'sit', ...inputs },
    timeoutMs: 60_000,
    ...(node ? { node } : {}),
    github: {
      repository: 'acme/infra',
      apiUrl: github.url,
      token: TOKEN,
      runId: '4242',
      eventName: 'schedule',
    },
  })
const errors = (result: RunResult) =>
  result.annotations.filter((a) => a.level === 'error').map((a) => a.message)
const sitIssues = () =>
  github.state.repository('acme', 'infra')!.issues.filter((i) => i.body?.includes('environment=sit -->'))

const addons = JSON.stringify([
  {
    name: 'flagger',
    namespace: 'flagger-system',
    chart: 'flagger',
    pinned: '1.44.0',
    running: '1.43.0',
    ready: true,
    message: 'Helm install succeeded',
  },
  {
    name: 'apisix',
    namespace: 'apisix',
    chart: 'apisix',
    pinned: '2.10.0',
    running: '2.10.0',
    ready: true,
    message: '',
  },
])

describe('drift-issue, the bundle as GitHub runs it', () => {
  it('opens the issue on drift, keeps it while it lasts, and closes it on the first clean check (Node 24)', async () => {
    const drift = await run(
      {
        'infrastructure-result': 'no-changes',
        'to-add': '0',
        'to-change': '0',
        'to-destroy': '0',
        'addons-result': 'drift',
        addons,
      },
      resolveNode('24'),
    )
    expect(errors(drift)).toEqual([])
    const [issue, ...more] = sitIssues()
    expect(more).toEqual([])
    expect(drift.outputs).toEqual({
      verdict: 'drift',
      action: 'created',
      issue: String(issue!.number),
      'issue-url': `${github.url}/acme/infra/issues/${issue!.number}`,
    })
    expect(issue!.body).toContain(
      '| flagger-system/flagger | flagger | 1.44.0 | 1.43.0 | yes | Helm install succeeded |',
    )
    expect(issue!.body).not.toContain('apisix/apisix')
    expect(issue!.body).toContain('[this run](https://github.com/acme/infra/actions/runs/4242)')
    expect(drift.summary).toContain(`sit drifts; issue [#${issue!.number}]`)

    const still = await run({ 'infrastructure-result': 'drift', 'addons-result': 'drift', addons })
    expect(still.outputs).toMatchObject({ verdict: 'drift', action: 'updated', issue: String(issue!.number) })
    expect(sitIssues().filter((i) => i.state === 'open')).toHaveLength(1)

    // The cluster could not be reached: the issue stays as it is.
    const unreachable = await run({ 'infrastructure-result': 'no-changes', 'addons-result': 'failed' })
    expect(unreachable.outputs).toMatchObject({
      verdict: 'unknown',
      action: 'none',
      issue: String(issue!.number),
    })
    expect(sitIssues()[0]!.state).toBe('open')

    const clean = await run({ 'infrastructure-result': 'no-changes', 'addons-result': 'ready' })
    expect(clean.outputs).toMatchObject({ verdict: 'clean', action: 'closed', issue: String(issue!.number) })
    expect(sitIssues().map((i) => i.state)).toEqual(['closed'])
    expect(github.violations).toEqual([])
    // The token went as a header only, and is masked.
    expect(github.requests.every((r) => r.auth === 'token' || r.auth === 'Bearer')).toBe(true)
    expect(drift.masks).toContain(TOKEN)
  })

  it.each([
    [
      { environment: 'sit; rm -rf /' },
      "Input 'environment' must be an environment name of letters, digits, '.', '-' and '_', got 'sit; rm -rf /'",
    ],
    [
      { 'infrastructure-result': 'applied' },
      "Input 'infrastructure-result' must be one of no-changes, drift, got 'applied'",
    ],
    [
      { 'addons-result': 'planned' },
      "Input 'addons-result' must be one of ready, drift, failed, timed-out, got 'planned'",
    ],
    [{ 'to-add': 'three' }, "Input 'to-add' must be a whole number of at least 0, got 'three'"],
    [
      { addons: '{"name":"flagger"}' },
      "Input 'addons' must be bootstrap-addons' addons output, a JSON list of { name, namespace, chart, pinned, running, ready, message }",
    ],
    [
      { addons: '[{"name":"flagger"}]' },
      "Input 'addons' item 1 must be { name, namespace, chart, pinned, running, ready, message }",
    ],
    [
      { label: 'drift,infra' },
      "Input 'label' must be a label name of 1 to 50 characters without commas, got 'drift,infra'",
    ],
  ])('bad input %j: one line naming the input, nothing sent to GitHub', async (inputs, message) => {
    const before = github.requests.length
    const result = await run({ 'infrastructure-result': 'drift', ...inputs })
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual([message])
    expect(result.log).not.toMatch(/^\s+at /m)
    expect(result.outputs).toEqual({})
    expect(github.requests.length).toBe(before)
  })
})
