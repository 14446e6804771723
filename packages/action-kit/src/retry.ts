export interface RetryOptions {
  /** Total attempts, the first one included. */
  attempts: number
  /** Delay before the first retry; it doubles (by `factor`) on each further retry. */
  baseDelayMs: number
  maxDelayMs?: number
  factor?: number
  /** Whether an error is worth another attempt (default: every error). */
  shouldRetry?: (error: unknown, attempt: number) => boolean
  /**
   * The least wait an error demands before the next attempt, e.g. a server's Retry-After. It is a
   * floor: the backoff is raised to it and never lowered, so the server is not asked again sooner
   * than it said.
   */
  delayFloor?: (error: unknown) => number | undefined
  /** The longest single wait worth making: an error that demands more ends the retries at once. */
  maxWaitMs?: number
  /** Called before each wait, e.g. to log "attempt 2 of 5 in 1.2s". */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void
  random?: () => number
  sleep?: (ms: number) => Promise<void>
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Exponential backoff with "full jitter": a uniformly random delay between half the exponential
 * step and the whole of it, so that many writers retrying at once spread out instead of colliding again.
 */
export function backoffDelay(
  retry: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'factor' | 'random'>,
): number {
  const { baseDelayMs, maxDelayMs = 30_000, factor = 2, random = Math.random } = options
  const ceiling = Math.min(maxDelayMs, baseDelayMs * factor ** (retry - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { attempts, shouldRetry = () => true, delayFloor, maxWaitMs, onRetry, sleep: wait = sleep } = options
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt)
    } catch (error) {
      if (attempt >= attempts || !shouldRetry(error, attempt)) throw error
      const floor = delayFloor?.(error) ?? 0
      if (maxWaitMs !== undefined && floor > maxWaitMs) throw error
      const delayMs = Math.max(backoffDelay(attempt, options), Math.ceil(floor))
      onRetry?.(error, attempt, delayMs)
      await wait(delayMs)
    }
  }
}
