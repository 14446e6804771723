import { type GitHubStandin, startGitHubStandin } from '@canary-delivery/github-standin'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type DriftCheck, driftVerdict, keepDriftIssue, type RepositoryTarget } from '../src/index'

const TOKEN = 'ghs_drift_issue_test_token'
let github: GitHubStandin
let target: RepositoryTarget

beforeEach(async () => {
  github = await startGitHubStandin({ repositories: ['acme/infra'], token: TOKEN })
  target = { token: TOKEN, apiUrl: github.url, repository: 'acme/infra', baseDelayMs: 10 }
})
afterEach(async () => {
  await github.stop()
})

const repo = () => github.state.repository('acme', 'infra')!
const openIssues = (environment = 'sit') =>
  repo().issues.filter((i) => i.state === 'open' && i.body?.includes(`environment=${environment} -->`))
const commentsOn = (number: number) =>
  repo()
    .comments.filter((c) => c.issueNumber === number)
    .map((c) => c.body)
const writes = () => github.requests.filter((r) => r.method !== 'GET').map((r) => r.operationId)

const flagger = {
  name: 'flagger',
  namespace: 'flagger-system',
  chart: 'flagger',
  pinned: '1.44.0',
  running: '1.44.0',
  ready: true,
  message: 'Helm upgrade succeeded',
}
const drifting: DriftCheck = {
  environment: 'sit',
  infrastructure: 'drift',
  changes: { add: 0, change: 1, destroy: 0 },
  addons: 'ready',
  addonRows: [flagger],
  runUrl: 'https://github.com/acme/infra/actions/runs/1',
  checkedAt: '2026-03-02T06:17:00Z',
}
const clean: DriftCheck = { ...drifting, infrastructure: 'no-changes', changes: undefined, addons: 'ready' }

describe('one issue per environment while it drifts, against the GitHub stand-in', () => {
  it('creates it once with its label, updates it quietly while the drift stays the same, comments when it changes', async () => {
    const first = await keepDriftIssue(target, drifting, 'infra-drift')
    expect(first).toMatchObject({ verdict: 'drift', action: 'created', duplicates: [] })
    const [issue] = openIssues()
    expect(issue).toMatchObject({ title: 'Drift in sit', labels: ['infra-drift'] })
    expect(first.issue).toEqual({
      number: issue!.number,
      url: `${github.url}/acme/infra/issues/${issue!.number}`,
    })
    expect(repo().labels).toEqual([expect.objectContaining({ name: 'infra-drift', color: 'd93f0b' })])
    expect(issue!.body).toContain(
      '| infrastructure (Terraform) | drift: 0 to add, 1 to change, 0 to destroy |',
    )
    expect(issue!.body).toContain('[this run](https://github.com/acme/infra/actions/runs/1)')

    // The next day: the same drift. The body says when it was seen; nobody is notified again.
    const same = await keepDriftIssue(
      target,
      { ...drifting, checkedAt: '2026-03-03T06:17:00Z' },
      'infra-drift',
    )
    expect(same).toMatchObject({ action: 'updated', issue: first.issue })
    expect(openIssues()).toHaveLength(1)
    expect(openIssues()[0]!.body).toContain('Last checked 2026-03-03T06:17:00Z')
    expect(commentsOn(issue!.number)).toEqual([])

    // An add-on drifts too: the body says which, and a comment tells those who follow the issue.
    const upgraded = { ...flagger, running: '1.45.0', ready: false, message: 'upgrade failed' }
    const more = await keepDriftIssue(
      target,
      { ...drifting, addons: 'drift', addonRows: [upgraded] },
      'infra-drift',
    )
    expect(more).toMatchObject({ action: 'updated', issue: first.issue })
    expect(openIssues()).toHaveLength(1)
    expect(openIssues()[0]!.body).toContain(
      '| flagger-system/flagger | flagger | 1.44.0 | 1.45.0 | no | upgrade failed |',
    )
    expect(commentsOn(issue!.number)).toEqual([
      'What drifts in sit changed: see the description and [the check](https://github.com/acme/infra/actions/runs/1).',
    ])
    expect(writes().filter((id) => id === 'issues/create')).toHaveLength(1)
    expect(github.violations).toEqual([])
  })

  it('closes it with a comment when a check finds no drift, and opens a new one when drift comes back', async () => {
    const opened = await keepDriftIssue(target, drifting, 'infra-drift')
    const number = opened.issue!.number
    const closed = await keepDriftIssue(target, clean, 'infra-drift')
    expect(closed).toMatchObject({ verdict: 'clean', action: 'closed', issue: opened.issue })
    expect(openIssues()).toEqual([])
    expect(repo().issues.find((i) => i.number === number)).toMatchObject({
      state: 'closed',
      stateReason: 'completed',
    })
    expect(commentsOn(number)).toEqual([
      'No drift in sit any more: the infrastructure matches its code and every add-on is ready ([check](https://github.com/acme/infra/actions/runs/1)).',
    ])
    // Clean again: nothing to do.
    github.requests.length = 0
    expect(await keepDriftIssue(target, clean, 'infra-drift')).toMatchObject({ action: 'none' })
    expect(writes()).toEqual([])

    const again = await keepDriftIssue(target, drifting, 'infra-drift')
    expect(again.action).toBe('created')
    expect(again.issue!.number).not.toBe(number)
    expect(openIssues()).toHaveLength(1)
    expect(github.violations).toEqual([])
  })

  it('leaves the issue alone when a check did not finish: an unreachable cluster says nothing about drift', async () => {
    const opened = await keepDriftIssue(target, drifting, 'infra-drift')
    github.requests.length = 0
    for (const check of [
      { ...clean, addons: 'failed' },
      { ...clean, infrastructure: '' },
      { ...clean, addons: '' },
    ]) {
      expect(driftVerdict(check)).toBe('unknown')
      expect(await keepDriftIssue(target, check, 'infra-drift')).toEqual({
        verdict: 'unknown',
        action: 'none',
        issue: opened.issue,
        duplicates: [],
      })
    }
    expect(writes()).toEqual([])
    expect(openIssues()).toHaveLength(1)
    // Drift seen by one check is drift, whatever the other could say.
    expect(driftVerdict({ ...drifting, addons: 'failed' })).toBe('drift')
  })

  it('never keeps two open issues for one environment: two checks racing end with one, other environments untouched', async () => {
    const uat = await keepDriftIssue(target, { ...drifting, environment: 'uat' }, 'infra-drift')
    const results = await Promise.all([
      keepDriftIssue(target, drifting, 'infra-drift'),
      keepDriftIssue(target, drifting, 'infra-drift'),
    ])
    expect(openIssues('sit')).toHaveLength(1)
    const kept = openIssues('sit')[0]!.number
    expect(results.map((r) => r.issue?.number)).toEqual([kept, kept])
    const closedSit = repo().issues.filter(
      (i) => i.state === 'closed' && i.body?.includes('environment=sit -->'),
    )
    for (const duplicate of closedSit) {
      expect(duplicate.stateReason).toBe('not_planned')
      expect(commentsOn(duplicate.number)).toContain(`Duplicate of #${kept}, which follows the drift of sit.`)
    }
    expect(openIssues('uat').map((i) => i.number)).toEqual([uat.issue!.number])

    // A second open issue from earlier (made by hand, say) is closed as a duplicate by the next check.
    const extra = github.state.repository('acme', 'infra')!
    extra.issues.push({
      ...openIssues('sit')[0]!,
      number: extra.nextNumber++,
      id: github.state.id(),
      createdAt: '2999-01-01T00:00:00Z',
    })
    const next = await keepDriftIssue(target, drifting, 'infra-drift')
    expect(next.issue!.number).toBe(kept)
    expect(next.duplicates).toEqual([extra.nextNumber - 1])
    expect(openIssues('sit').map((i) => i.number)).toEqual([kept])
    expect(github.violations).toEqual([])
  })

  it('takes only an open issue with the label and the marker, never a pull request', async () => {
    const r = repo()
    const pull = github.state.openPullRequest(r, { head: 'x', headSha: 'c'.repeat(40) })
    pull.labels.push('infra-drift')
    pull.body = '<!-- canary-delivery drift-issue environment=sit -->'
    r.issues.push({
      number: r.nextNumber++,
      id: github.state.id(),
      title: 'Drift in sit',
      body: 'no marker here',
      state: 'open',
      stateReason: null,
      labels: ['infra-drift'],
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      closedAt: null,
    })
    const result = await keepDriftIssue(target, drifting, 'infra-drift')
    expect(result.action).toBe('created')
    expect(result.issue!.number).not.toBe(pull.number)
    expect(r.issues.filter((i) => i.state === 'open')).toHaveLength(2)
    expect(pull.state).toBe('open')
  })

  it('shows text from the cluster as text: no HTML, no mentions, no table breaking', async () => {
    const hostile = {
      ...flagger,
      ready: false,
      message: 'fails <img src=x onerror=alert(1)> | @acme/oncall\nsecond line',
    }
    await keepDriftIssue(target, { ...drifting, addons: 'drift', addonRows: [hostile] }, 'infra-drift')
    const body = openIssues()[0]!.body!
    expect(body).toContain('| fails &lt;img src=x onerror=alert(1)&gt; \\| @\u2060acme/oncall second line |')
    expect(body).not.toContain('<img')
  })

  it('retries through a flaky API and a rate limit', async () => {
    github.faults.failNext(1, 502)
    github.faults.rateLimitNext(1, 'secondary', 0)
    const result = await keepDriftIssue(target, drifting, 'infra-drift')
    expect(result.action).toBe('created')
    expect(openIssues()).toHaveLength(1)
  })
})
