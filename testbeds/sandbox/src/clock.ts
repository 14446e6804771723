/**
 * The controllers' clock. Durations the controllers ask for are in simulated time (a 10s analysis
 * interval is 10_000); `timeScale` turns them into real time (0.01 runs that interval in 100 ms).
 * Timestamps written into objects stay wall-clock, because clients compare them with their own clock.
 */
export class Clock {
  private readonly timers = new Set<NodeJS.Timeout>()
  private stopped = false

  constructor(public timeScale = 1) {
    if (!(timeScale > 0)) throw new Error(`time scale must be a positive number, got ${timeScale}`)
  }

  /** Real milliseconds for a simulated duration. */
  real(simMs: number): number {
    return Math.max(1, Math.round(simMs * this.timeScale))
  }

  /** Simulated milliseconds that passed since a real `Date.now()` reading. */
  simSince(realMs: number): number {
    return (Date.now() - realMs) / this.timeScale
  }

  setTimeout(fn: () => void, simMs: number): () => void {
    if (this.stopped) return () => {}
    const t = setTimeout(() => {
      this.timers.delete(t)
      fn()
    }, this.real(simMs))
    t.unref?.()
    this.timers.add(t)
    return () => {
      clearTimeout(t)
      this.timers.delete(t)
    }
  }

  sleep(simMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, simMs))
  }

  stop(): void {
    this.stopped = true
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}

/** Parses a Go-style duration as Flagger and Flux write them (`10s`, `1m`, `1m30s`, `500ms`, `1h`). */
export function parseDuration(value: unknown, fallbackMs: number): number {
  if (typeof value !== 'string' || value === '') return fallbackMs
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g
  let total = 0
  let matched = ''
  for (const m of value.matchAll(re)) {
    const n = Number(m[1])
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000
    matched += m[0]
  }
  return matched === value ? total : fallbackMs
}

/** Go's time.Duration formatting for whole and fractional milliseconds (900ms, 1.5s, 2m0s, 1h0m0s). */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Number(ms.toFixed(3))}ms`
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))}s`
  const seconds = `${Number(((ms % 60_000) / 1000).toFixed(3))}s`
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}m${seconds}`
  return `${Math.floor(ms / 3_600_000)}h${Math.floor((ms % 3_600_000) / 60_000)}m${seconds}`
}
