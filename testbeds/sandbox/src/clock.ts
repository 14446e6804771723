/** A timer of the clock: when it is due, in running time (see Clock.running). */
interface Timer {
  fn: () => void
  due: number
  /** The Node timer, while the clock runs. */
  handle?: NodeJS.Timeout
}

/**
 * The controllers' clock. Durations the controllers ask for are in simulated time (a 10s analysis
 * interval is 10_000); `timeScale` turns them into real time (0.01 runs that interval in 100 ms).
 * Timestamps written into objects stay wall-clock, because clients compare them with their own clock.
 *
 * The clock can be held: while it is, simulated time stands still (no timer fires, and simSince does
 * not count the time held). Real work that a real cluster would do in a blink next to its intervals
 * (a runner starting a step, Flux running git or helm) takes no simulated time that way, however
 * busy the machine is.
 */
export class Clock {
  private readonly timers = new Set<Timer>()
  private stopped = false
  private holds = 0
  /** Every hold so far, oldest first: when it began and ended (real ms), and the time held before it. */
  private readonly holdLog: { from: number; to?: number; heldBefore: number }[] = []

  constructor(public timeScale = 1) {
    if (!(timeScale > 0)) throw new Error(`time scale must be a positive number, got ${timeScale}`)
  }

  /** Real milliseconds for a simulated duration. */
  real(simMs: number): number {
    return Math.max(1, Math.round(simMs * this.timeScale))
  }

  /** Simulated milliseconds that passed since a real `Date.now()` reading, the time held left out. */
  simSince(realMs: number): number {
    return (this.running(Date.now()) - this.running(realMs)) / this.timeScale
  }

  /** Whether simulated time stands still now. */
  get held(): boolean {
    return this.holds > 0
  }

  /**
   * Stops simulated time until the returned function is called (once per hold; holds nest). Timers
   * keep what they had left and go on from there.
   */
  hold(): () => void {
    if (this.holds++ === 0) {
      const now = Date.now()
      this.holdLog.push({ from: now, heldBefore: this.heldUpTo(now) })
      for (const timer of this.timers) clearTimeout(timer.handle)
    }
    let released = false
    return () => {
      if (released) return
      released = true
      if (--this.holds > 0) return
      this.holdLog.at(-1)!.to = Date.now()
      // In the order they are due, so that timers due at the same moment keep their order.
      for (const timer of [...this.timers].sort((a, b) => a.due - b.due)) this.arm(timer)
    }
  }

  /** Holds the clock until `work` settles, and returns it. */
  holdUntil<T>(work: Promise<T>): Promise<T> {
    const release = this.hold()
    work.then(release, release)
    return work
  }

  setTimeout(fn: () => void, simMs: number): () => void {
    if (this.stopped) return () => {}
    const timer: Timer = { fn, due: this.running(Date.now()) + this.real(simMs) }
    this.timers.add(timer)
    if (!this.held) this.arm(timer)
    return () => {
      clearTimeout(timer.handle)
      this.timers.delete(timer)
    }
  }

  sleep(simMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, simMs))
  }

  stop(): void {
    this.stopped = true
    for (const timer of this.timers) clearTimeout(timer.handle)
    this.timers.clear()
  }

  private arm(timer: Timer): void {
    const handle = setTimeout(
      () => {
        this.timers.delete(timer)
        timer.fn()
      },
      Math.max(0, timer.due - this.running(Date.now())),
    )
    handle.unref?.()
    timer.handle = handle
  }

  /** Real time with the time held left out: what the timers count in. */
  private running(realMs: number): number {
    return realMs - this.heldUpTo(realMs)
  }

  /** How much real time the clock was held up to a real moment. */
  private heldUpTo(realMs: number): number {
    const log = this.holdLog
    // The last hold that began at or before realMs (binary search: the log only grows).
    let low = 0
    let high = log.length - 1
    let found = -1
    while (low <= high) {
      const mid = (low + high) >> 1
      if (log[mid]!.from <= realMs) {
        found = mid
        low = mid + 1
      } else high = mid - 1
    }
    if (found < 0) return 0
    const hold = log[found]!
    return hold.heldBefore + Math.min(realMs, hold.to ?? realMs) - hold.from
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
