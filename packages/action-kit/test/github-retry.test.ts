import { describe, expect, it } from 'vitest'
import { GITHUB_RETRY, githubWaitMs, isTransientGitHubError, retry } from '../src'

/** An error as octokit reports an HTTP answer: the status and the response headers. */
const answered = (status: number, headers: Record<string, string> = {}, message = 'x') =>
  Object.assign(new Error(message), { status, response: { headers } })

describe('an error that dictates its delay', () => {
  it('raises the backoff to the least wait the error demands, never lowers it', async () => {
    const waits: number[] = []
    let calls = 0
    await retry(
      async () => {
        calls++
        if (calls === 1) throw answered(503, { 'retry-after': '2' })
        if (calls === 2) throw answered(503, { 'retry-after': '0' })
        return 'ok'
      },
      {
        ...GITHUB_RETRY,
        attempts: 5,
        baseDelayMs: 100,
        random: () => 1,
        sleep: async (ms) => void waits.push(ms),
      },
    )
    // 2 s asked for beats the 100 ms step; a 0 s answer leaves the 200 ms step alone.
    expect(waits).toEqual([2_000, 200])
  })

  it('gives up at once when the wait demanded is longer than the caller will wait', async () => {
    let calls = 0
    const waits: number[] = []
    const error = await retry(
      async () => {
        calls++
        throw answered(429, { 'retry-after': '120' })
      },
      {
        ...GITHUB_RETRY,
        attempts: 5,
        baseDelayMs: 1,
        maxWaitMs: 60_000,
        sleep: async (ms) => void waits.push(ms),
      },
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 429 })
    expect(calls).toBe(1)
    expect(waits).toEqual([])
  })
})

describe("GitHub's wait", () => {
  const now = Date.parse('2026-01-01T00:00:00Z')

  it('reads Retry-After as seconds or as a date, then the primary limit reset, then a minute', () => {
    expect(githubWaitMs(answered(429, { 'retry-after': '3' }), now)).toBe(3_000)
    expect(githubWaitMs(answered(503, { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)).toBe(30_000)
    const reset = String(now / 1000 + 90)
    expect(
      githubWaitMs(answered(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), now),
    ).toBe(90_000)
    expect(githubWaitMs(answered(403, {}, 'You have exceeded a secondary rate limit'), now)).toBe(60_000)
    expect(githubWaitMs(answered(502), now)).toBeUndefined()
    expect(githubWaitMs(answered(403, {}, 'Resource not accessible by integration'), now)).toBeUndefined()
  })

  it('retries the network, 5xx and rate limits, not an answer', () => {
    expect(isTransientGitHubError(new Error('socket hang up'))).toBe(true)
    expect(isTransientGitHubError(answered(502))).toBe(true)
    expect(isTransientGitHubError(answered(429))).toBe(true)
    expect(isTransientGitHubError(answered(403, { 'x-ratelimit-remaining': '0' }))).toBe(true)
    expect(isTransientGitHubError(answered(403, {}, 'Resource not accessible by integration'))).toBe(false)
    expect(isTransientGitHubError(answered(404))).toBe(false)
    expect(isTransientGitHubError(answered(422))).toBe(false)
  })
})
