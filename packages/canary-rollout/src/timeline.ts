import { formatDuration, inert } from '@canary-delivery/action-kit'
import type { CanaryPhase } from '@canary-delivery/flagger'

/** The state a person follows: what the canary is doing right now. */
export interface Snapshot {
  /** Flagger's phase; `Unknown` for a Canary without status, `NotFound` when there is none. */
  phase: CanaryPhase | 'Unknown' | 'NotFound'
  weight: number
  iterations: number
  failedChecks: number
  /** `30% (3/5)` or `iteration 2/10`. */
  progress: string
}

/** Changes when anything a person follows changes: phase, weight, iterations or failed checks. */
export const snapshotKey = (s: Snapshot): string => `${s.phase}|${s.weight}|${s.iterations}|${s.failedChecks}`

export interface TimelineEntry extends Snapshot {
  elapsedSeconds: number
  time: string
  /** The event message or stage note that came with the change. */
  message: string
}

/** `0 failed checks`, `1 failed check`. */
export function failedChecksText(count: number): string {
  return `${count} failed check${count === 1 ? '' : 's'}`
}

export interface TimelineOptions {
  now: () => number
  /** How long a status change waits for its event (and the reverse) to share one line; 0 prints at once. */
  coalesceMs: number
  log: (line: string) => void
  /** The snapshot a line shows, and whether the Canary has a status to show at all. */
  current: () => { snapshot: Snapshot; hasStatus: boolean }
}

/**
 * The log of a wait, one line per change (`[01:30] Progressing  30% (3/5)  0 failed checks  Advance …`),
 * and the same changes kept as the timeline of the job summary.
 */
export class Timeline {
  readonly entries: TimelineEntry[] = []
  readonly startedAt: number
  private pending: string[] = []
  private pendingSince = 0
  private lastPrintAt = 0

  constructor(private readonly options: TimelineOptions) {
    this.startedAt = options.now()
  }

  elapsedMs(): number {
    return this.options.now() - this.startedAt
  }

  /** Seconds since the start, to a tenth. */
  elapsedSeconds(): number {
    return Math.round(this.elapsedMs() / 100) / 10
  }

  /**
   * Status changes and Flagger's events arrive on separate streams, usually a few milliseconds
   * apart (weight 30 and "Advance … canary weight 30"). They are held for `coalesceMs` and printed
   * together, so that a person reads one line per change, with the latest status on it.
   */
  queue(message: string): void {
    if (this.pending.length === 0) this.pendingSince = this.options.now()
    this.pending.push(message)
    if (this.options.coalesceMs <= 0) this.flush(true)
  }

  /** Milliseconds until held lines are due, or undefined when nothing is held. */
  flushDueInMs(): number | undefined {
    if (this.pending.length === 0) return undefined
    return Math.max(0, this.pendingSince + this.options.coalesceMs - this.options.now())
  }

  /** Prints what is held once it is old enough (or at once with `force`). */
  flush(force = false): void {
    if (this.pending.length === 0) return
    if (!force && this.options.now() - this.pendingSince < this.options.coalesceMs) return
    const messages = this.pending.filter(Boolean)
    this.pending = []
    if (messages.length === 0) this.print('')
    for (const message of messages) this.print(message)
  }

  /** A stage note: printed at once, after anything held. */
  record(message: string): void {
    this.flush(true)
    this.print(message)
  }

  /** Milliseconds since the last line. */
  silentForMs(): number {
    return this.options.now() - this.lastPrintAt
  }

  /**
   * One line in the log; in the timeline too unless it is only a reminder. Messages carry cluster
   * text (event messages, condition messages, image references), so the line is made inert: a line
   * break or `::command::` in it can never act as a workflow command.
   */
  print(message: string, inTimeline = true): void {
    const { snapshot, hasStatus } = this.options.current()
    const now = this.options.now()
    const elapsed = now - this.startedAt
    this.lastPrintAt = now
    if (inTimeline)
      this.entries.push({
        ...snapshot,
        elapsedSeconds: Math.round(elapsed / 100) / 10,
        time: new Date(now).toISOString(),
        message,
      })
    const parts = [`[${formatDuration(elapsed, 'clock')}]`, snapshot.phase.padEnd(16)]
    if (hasStatus) {
      parts.push((snapshot.progress || `${snapshot.weight}%`).padEnd(12))
      parts.push(failedChecksText(snapshot.failedChecks).padEnd(16))
    }
    if (message) parts.push(message)
    this.options.log(inert(parts.join(' ').trimEnd()))
  }
}
