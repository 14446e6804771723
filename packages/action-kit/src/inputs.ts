import { parseDuration } from './duration'
import { ConfigurationError } from './errors'

/** Returns the raw value of an input, or undefined/'' when it was not given. */
export type InputGetter = (name: string) => string | undefined

/** GitHub's rule: spaces become underscores, the name is upper-cased, hyphens stay. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

export function envInputGetter(env: NodeJS.ProcessEnv = process.env): InputGetter {
  return (name) => env[inputEnvName(name)]
}

interface Range {
  min?: number
  max?: number
}

function describeRange({ min, max }: Range): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`
  if (min !== undefined) return ` of at least ${min}`
  if (max !== undefined) return ` of at most ${max}`
  return ''
}

function fail(name: string, expected: string, got: string): never {
  throw new ConfigurationError(`Input '${name}' must be ${expected}, got '${got}'`)
}

/**
 * Typed, strict reading of action inputs. Every optional reader returns undefined when the input is
 * empty, so callers can fall back to the delivery file and then to a default, in that order.
 */
export class InputReader {
  constructor(private readonly get: InputGetter = envInputGetter()) {}

  /** The trimmed value, or undefined when empty. */
  optional(name: string): string | undefined {
    const value = this.get(name)?.trim()
    return value ? value : undefined
  }

  required(name: string, hint?: string): string {
    const value = this.optional(name)
    if (value === undefined) {
      throw new ConfigurationError(`Input '${name}' is required${hint ? ` (${hint})` : ''}`)
    }
    return value
  }

  /** The value with its surrounding whitespace kept inside (multi-line YAML, scripts). */
  text(name: string): string | undefined {
    const value = this.get(name)
    return value?.trim() ? value.replace(/^\s*\n/, '').replace(/\s+$/, '\n') : undefined
  }

  matching(name: string, pattern: RegExp, expected: string): string | undefined {
    const value = this.optional(name)
    if (value !== undefined && !pattern.test(value)) fail(name, expected, value)
    return value
  }

  /** `true` or `false` only (any case); anything else is an error rather than a silent false. */
  boolean(name: string): boolean | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    const lower = value.toLowerCase()
    if (lower === 'true') return true
    if (lower === 'false') return false
    return fail(name, 'true or false', value)
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    if (!(allowed as readonly string[]).includes(value)) fail(name, `one of ${allowed.join(', ')}`, value)
    return value as T
  }

  integer(name: string, range: Range = {}): number | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    const n = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN
    if (
      !Number.isSafeInteger(n) ||
      (range.min !== undefined && n < range.min) ||
      (range.max !== undefined && n > range.max)
    ) {
      fail(name, `a whole number${describeRange(range)}`, value)
    }
    return n
  }

  number(name: string, range: Range = {}): number | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN
    if (
      !Number.isFinite(n) ||
      (range.min !== undefined && n < range.min) ||
      (range.max !== undefined && n > range.max)
    ) {
      fail(name, `a number${describeRange(range)}`, value)
    }
    return n
  }

  /** A duration in milliseconds, written as 90s, 10m, 1h or 1h30m. */
  duration(name: string, range: { minMs?: number; maxMs?: number } = {}): number | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    const ms = parseDuration(value)
    if (ms === undefined) fail(name, 'a duration such as 90s, 10m or 1h', value)
    if (range.minMs !== undefined && ms < range.minMs)
      fail(name, `a duration of at least ${range.minMs / 1000}s`, value)
    if (range.maxMs !== undefined && ms > range.maxMs)
      fail(name, `a duration of at most ${range.maxMs / 1000}s`, value)
    return ms
  }

  /**
   * One item per line (and, unless `commas` is false, per comma); blank lines and `#` comments are
   * skipped.
   */
  list(name: string, { commas = true }: { commas?: boolean } = {}): string[] | undefined {
    const value = this.get(name)
    if (!value?.trim()) return undefined
    return value
      .split(/\r?\n/)
      .filter((line) => !line.trim().startsWith('#'))
      .flatMap((line) => (commas ? line.split(',') : [line]))
      .map((item) => item.trim())
      .filter(Boolean)
  }
}
