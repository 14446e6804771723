import type { RetryOptions } from './retry'

/** The parts of an octokit RequestError this policy reads. */
interface HttpFailure {
  status?: unknown
  message?: unknown
  response?: { headers?: Record<string, string | number | undefined> }
}

/** GitHub asks a client hit by a secondary rate limit that names no time to wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000

const statusOf = (error: unknown): number | undefined => {
  const status = (error as HttpFailure | undefined)?.status
  return typeof status === 'number' ? status : undefined
}

const headerOf = (error: unknown, name: string): string | undefined => {
  const value = (error as HttpFailure | undefined)?.response?.headers?.[name]
  return value === undefined ? undefined : String(value)
}

function isRateLimit(error: unknown): boolean {
  const status = statusOf(error)
  if (status !== 403 && status !== 429) return false
  const message = (error as HttpFailure | undefined)?.message
  return (
    status === 429 ||
    headerOf(error, 'retry-after') !== undefined ||
    headerOf(error, 'x-ratelimit-remaining') === '0' ||
    (typeof message === 'string' && /rate limit/i.test(message))
  )
}

/**
 * How long GitHub says to wait before the next request, in milliseconds: `Retry-After` (seconds or
 * an HTTP date); else, with `x-ratelimit-remaining: 0`, until `x-ratelimit-reset` (epoch seconds);
 * else a minute for a rate limit that names no time. Undefined when GitHub sets no wait.
 */
export function githubWaitMs(error: unknown, now = Date.now()): number | undefined {
  const retryAfter = headerOf(error, 'retry-after')?.trim()
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000
    const at = Date.parse(retryAfter)
    if (Number.isFinite(at)) return Math.max(0, at - now)
  }
  const reset = Number(headerOf(error, 'x-ratelimit-reset'))
  if (headerOf(error, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) {
    return Math.max(0, reset * 1000 - now)
  }
  return isRateLimit(error) ? SECONDARY_LIMIT_WAIT_MS : undefined
}

/**
 * Worth another attempt: no HTTP status (the network failed), a 5xx, or a rate limit (429, or a 403
 * that says so). Any other 4xx is an answer, not a hiccup.
 */
export function isTransientGitHubError(error: unknown): boolean {
  const status = statusOf(error)
  return status === undefined || status >= 500 || isRateLimit(error)
}

/**
 * The one retry policy for GitHub's API: transient failures are retried with backoff, and GitHub's
 * own wait is the least the next attempt waits (never sooner than it said; an attempt it pushes
 * beyond `maxWaitMs` is not made).
 */
export const GITHUB_RETRY: Pick<RetryOptions, 'shouldRetry' | 'delayFloor'> = {
  shouldRetry: isTransientGitHubError,
  delayFloor: (error) => githubWaitMs(error),
}
