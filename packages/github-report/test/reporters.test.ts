import { type GitHubStandin, startGitHubStandin } from '@canary-delivery/github-standin'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CheckRunReporter, CommitStatusReporter, fitDescription } from '../src/index'

const SHA = 'a'.repeat(40)
let github: GitHubStandin
beforeEach(async () => {
  github = await startGitHubStandin({ repositories: ['acme/app'], token: 'ghs_test_token_123' })
})
afterEach(async () => {
  await github.stop()
})

const reporter = (overrides: Partial<ConstructorParameters<typeof CommitStatusReporter>[0]> = {}) => {
  const warnings: string[] = []
  const r = new CommitStatusReporter({
    token: 'ghs_test_token_123',
    apiUrl: github.url,
    repository: 'acme/app',
    sha: SHA,
    context: 'canary/sit',
    targetUrl: 'https://github.com/acme/app/actions/runs/1',
    minIntervalMs: 300,
    baseDelayMs: 20,
    warn: (w) => warnings.push(w),
    ...overrides,
  })
  return { r, warnings }
}

const statuses = () => github.state.repository('acme', 'app')!.statuses

describe('CommitStatusReporter against the GitHub stand-in', () => {
  it('coalesces quick changes, always sends the final state, and speaks GitHub’s API', async () => {
    // The reporter's clock and timers are the test's, so that "within the interval" never depends
    // on how busy the machine is; the requests to the stand-in are real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      const { r, warnings } = reporter()
      const progress = (weight: number) =>
        r.update('pending', `Progressing: ${weight}% (${weight / 10}/5), 0 failed checks`)
      const sentCount = (count: number) =>
        vi.waitFor(() => expect(statuses()).toHaveLength(count), { timeout: 30_000, interval: 5 })
      progress(10)
      await sentCount(1)
      // Changes within the interval (300 ms) after the first is sent are held back, only the latest kept.
      progress(20)
      await vi.advanceTimersByTimeAsync(100)
      progress(30)
      await vi.advanceTimersByTimeAsync(100)
      progress(40)
      await vi.advanceTimersByTimeAsync(100)
      await sentCount(2)
      progress(50)
      await r.finish('success', 'podinfo.demo promoted tag 1.1.0')
      const sent = statuses().map((s) => [s.state, s.description])
      // The final state does not wait for the interval, so weight 50, held back, is never sent.
      expect(sent).toEqual([
        ['pending', 'Progressing: 10% (1/5), 0 failed checks'],
        ['pending', 'Progressing: 40% (4/5), 0 failed checks'],
        ['success', 'podinfo.demo promoted tag 1.1.0'],
      ])
      expect(statuses().every((s) => s.context === 'canary/sit' && s.sha === SHA)).toBe(true)
      expect(statuses()[0]?.targetUrl).toBe('https://github.com/acme/app/actions/runs/1')
      expect(github.violations).toEqual([])
      expect(warnings).toEqual([])
      expect(r.sent).toBe(3)
    } finally {
      vi.useRealTimers()
    }
  })

  it('retries 5xx and 429 with backoff', async () => {
    const { r, warnings } = reporter()
    github.faults.failNext(1, 503)
    github.faults.failNext(1, 429, 0)
    github.faults.failNext(1, 502)
    await r.finish('failure', 'Flagger rolled back tag 1.1.0')
    expect(statuses().map((s) => s.state)).toEqual(['failure'])
    expect(github.requests.map((q) => q.status)).toEqual([503, 429, 502, 201])
    expect(warnings).toEqual([])
  })

  it("never asks again sooner than GitHub's Retry-After: it is the least wait, the backoff can only add", async () => {
    const lines: string[] = []
    const { r, warnings } = reporter({ debug: (line) => lines.push(line) })
    github.faults.failNext(1, 503, 1)
    await r.finish('success', 'podinfo.demo promoted tag 1.1.0')
    // The backoff (baseDelayMs 20) is far below the second GitHub asked for.
    expect(lines.filter((line) => line.includes('attempt 2/5'))).toEqual([
      'commit status: 503; attempt 2/5 in 1000ms',
    ])
    expect(github.requests.map((q) => q.status)).toEqual([503, 201])
    expect(warnings).toEqual([])
  })

  it('stops for the run when the rate limit asks for a longer wait than a status is worth, and says so', async () => {
    const { r, warnings } = reporter()
    github.faults.rateLimitNext(1, 'primary', 3600)
    await r.finish('pending', 'Progressing: 10% (1/5), 0 failed checks')
    await r.finish('success', 'podinfo.demo promoted tag 1.1.0')
    expect(github.requests.map((q) => q.status)).toEqual([403])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /rate limit asks to wait 3[56]\d\ds \(HTTP 403\)\. Further updates are skipped\.$/,
    )
  })

  it('takes a secondary rate limit without Retry-After as a minute to wait, never as a missing permission', async () => {
    const { r, warnings } = reporter()
    github.faults.rateLimitNext(1, 'secondary')
    await r.finish('success', 'done')
    expect(github.requests.map((q) => q.status)).toEqual([403])
    expect(warnings).toEqual([
      "Could not set the commit status 'canary/sit': GitHub's rate limit asks to wait 60s (HTTP 403). Further updates are skipped.",
    ])
  })

  it('warns once and stops when the token may not write statuses', async () => {
    const { r, warnings } = reporter({ token: 'wrong-token-xyz' })
    r.update('pending', 'Progressing: 10% (1/5), 0 failed checks')
    await r.finish('success', 'done')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/HTTP 401.*statuses: write/)
    expect(github.requests).toHaveLength(1)
  })

  it('keeps a check run in progress, then completes it with the summary as output', async () => {
    const warnings: string[] = []
    const r = new CheckRunReporter({
      token: 'ghs_test_token_123',
      apiUrl: github.url,
      repository: 'acme/app',
      sha: SHA,
      context: 'canary/sit',
      minIntervalMs: 50,
      baseDelayMs: 20,
      warn: (w) => warnings.push(w),
    })
    // Each step waits for the stand-in to have answered the one before, not for a length of time.
    const answered = (count: number) =>
      vi.waitFor(() => expect(github.requests).toHaveLength(count), { timeout: 30_000, interval: 5 })
    r.update('pending', 'Progressing: 10% (1/5), 0 failed checks')
    await answered(1)
    r.update('pending', 'Progressing: 20% (2/5), 1 failed check')
    await answered(2)
    github.faults.failNext(1, 502)
    await r.finish(
      'error',
      'Timed out after 10:00 waiting for approval',
      '## ⏱️ Canary podinfo.demo: timed-out',
    )
    const runs = github.state.repository('acme', 'app')!.checkRuns
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({
      name: 'canary/sit',
      headSha: SHA,
      status: 'completed',
      conclusion: 'timed_out',
      output: {
        title: 'Timed out after 10:00 waiting for approval',
        summary: '## ⏱️ Canary podinfo.demo: timed-out',
      },
    })
    expect(github.requests.map((q) => `${q.operationId} ${q.status}`)).toEqual([
      'checks/create 201',
      'checks/update 200',
      'checks/update 502',
      'checks/update 200',
    ])
    expect(github.violations).toEqual([])
    expect(warnings).toEqual([])
  })

  it('keeps descriptions within GitHub’s 140 characters', () => {
    expect(fitDescription('x'.repeat(200))).toHaveLength(140)
    expect(fitDescription('two\nlines')).toBe('two lines')
  })
})
