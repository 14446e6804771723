import { ConfigurationError } from '@canary-delivery/action-kit'

/** Flagger's duration format for intervals and timeouts: whole seconds or minutes. */
export const FLAGGER_DURATION = /^([0-9]+)(m|s)$/

/** Seconds of a duration in Flagger's format, or undefined when it is not one. */
export function flaggerSeconds(value: string): number | undefined {
  const match = FLAGGER_DURATION.exec(value)
  if (!match) return undefined
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1)
}

/**
 * Seconds of a duration Flagger would read: Go's time.ParseDuration of what passed the CRD's
 * unanchored pattern (so `1m30s` is 90). Used for specs written by others.
 */
export function goDurationSeconds(value: string): number | undefined {
  const parts = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(value)
  if (!parts || value === '') return undefined
  const [, h = 0, m = 0, s = 0, ms = 0] = parts
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000
}

/** Checks a duration input: Flagger's format, and at least `minSeconds` (Flagger's floor for intervals is 10s). */
export function checkDuration(value: string, input: string, minSeconds = 1): string {
  const seconds = flaggerSeconds(value)
  if (seconds === undefined) {
    throw new ConfigurationError(
      `Input '${input}' must be a duration in Flagger's format (whole seconds or minutes, e.g. 30s or 1m), got '${value}'`,
    )
  }
  if (seconds < minSeconds) {
    throw new ConfigurationError(
      `Input '${input}' must be at least ${minSeconds}s${minSeconds === 10 ? ' (Flagger raises shorter intervals to 10s)' : ''}, got '${value}'`,
    )
  }
  return value
}
