import { type Canary, describeProgress, isActive } from './canary'
import {
  approvalHook,
  failureReasons,
  isNewRevision,
  isWaitingApproval,
  type KubeEvent,
  occurrenceKey,
  plainMessage,
  type RunEvent,
} from './events'
import { carriesImage, containerImages, describeExpected, type ExpectedImage, type Workload } from './images'

export type RolloutResult = 'succeeded' | 'failed' | 'timed-out' | 'no-rollout' | 'initialized'
export type OnWaitingPromotion = 'wait' | 'fail' | 'succeed'

export interface Verdict {
  result: RolloutResult
  /** One sentence a person reads first. */
  message: string
  /** Flagger's own words for a failure (Halt / Rolling back messages). */
  reasons: string[]
}

export interface HelmRelease {
  metadata: { name: string; generation?: number; resourceVersion?: string }
  spec?: Record<string, unknown>
  status?: {
    observedGeneration?: number
    lastAttemptedRevision?: string
    conditions?: { type: string; status: string; reason?: string; message?: string }[]
  }
}

/** The state a person follows: what the canary is doing right now. */
export interface Snapshot {
  phase: string
  weight: number
  iterations: number
  failedChecks: number
  /** `30% (3/5)` or `iteration 2/10`. */
  progress: string
}

export interface TimelineEntry extends Snapshot {
  elapsedSeconds: number
  time: string
  /** The event message or stage note that came with the change. */
  message: string
}

export interface TrackerOptions {
  name: string
  namespace: string
  expected: ExpectedImage
  onWaitingPromotion: OnWaitingPromotion
  helmRelease?: string
  /**
   * When the target already ran the tag at the start and the canary was Failed, how long to give
   * Flagger to start a new run before concluding that this revision was already rolled back.
   */
  staleGraceMs: number
  now?: () => number
  /** How long a status change waits for its event (and the reverse) to share one log line; default 0. */
  coalesceMs?: number
  /** One line per change, for the log. */
  log: (line: string) => void
}

function condition(hr: HelmRelease | undefined, type: string) {
  return hr?.status?.conditions?.find((c) => c.type === type)
}

export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`
}

/**
 * Decides, from what the watches deliver, whether the rollout this pipeline caused has finished,
 * following the rules in flagger-facts.md: a Succeeded or Failed left by an earlier run never
 * counts; success needs the primary (the promoted spec) to run the expected image; a tag that is
 * already the promoted version is `no-rollout`; a first install is `initialized`.
 */
export class RolloutTracker {
  readonly startedAt: number
  readonly timeline: TimelineEntry[] = []
  readonly runEvents: RunEvent[] = []
  private readonly now: () => number
  private synced = false
  private canary: Canary | undefined
  private canaryExistedAtStart: boolean | undefined
  private baseline: Canary['status'] | undefined
  private target: Workload | undefined
  private targetCarries = false
  /** Whether the target ran the expected image at any moment of this wait. */
  private targetEverCarried = false
  private targetCarriedAtStart: boolean | undefined
  private primary: Workload | undefined
  private primaryCarriedWhenTargetFirstCarried: boolean | undefined
  private helmRelease: HelmRelease | undefined
  private helmReleaseSummary = ''
  private readonly seenEvents = new Map<string, string>()
  private evidence: string | undefined
  private newRevisionEventSeen = false
  private lastSnapshotKey = ''
  private lastApproval = ''
  private maxWeight = 0
  private maxFailedChecks = 0
  private sawInitializing = false
  private pending: string[] = []
  private pendingSince = 0
  private lastPrintAt = 0
  private readonly coalesceMs: number

  constructor(private readonly options: TrackerOptions) {
    this.now = options.now ?? Date.now
    this.startedAt = this.now()
    this.coalesceMs = options.coalesceMs ?? 0
  }

  get canaryId(): string {
    return `${this.options.name}.${this.options.namespace}`
  }

  /** The highest weight and failed-check count this run reached. */
  get peak(): { weight: number; failedChecks: number } {
    return { weight: this.maxWeight, failedChecks: this.maxFailedChecks }
  }

  snapshot(): Snapshot {
    const status = this.canary?.status
    return {
      phase: status?.phase ?? (this.canary ? 'Unknown' : 'NotFound'),
      weight: status?.canaryWeight ?? 0,
      iterations: status?.iterations ?? 0,
      failedChecks: status?.failedChecks ?? 0,
      progress: describeProgress(this.canary),
    }
  }

  get canaryObject(): Canary | undefined {
    return this.canary
  }

  private elapsedMs(): number {
    return this.now() - this.startedAt
  }

  /**
   * Status changes and Flagger's events arrive on separate streams, usually a few milliseconds
   * apart (weight 30 and "Advance … canary weight 30"). They are held for `coalesceMs` and printed
   * together, so that a person reads one line per change, with the latest status on it.
   */
  private queue(message: string): void {
    if (this.pending.length === 0) this.pendingSince = this.now()
    this.pending.push(message)
    if (this.coalesceMs <= 0) this.flush(true)
  }

  /** Milliseconds until held lines are due, or undefined when nothing is held. */
  flushDueInMs(): number | undefined {
    if (this.pending.length === 0) return undefined
    return Math.max(0, this.pendingSince + this.coalesceMs - this.now())
  }

  /** Prints what is held once it is old enough (or at once with `force`). */
  flush(force = false): void {
    if (this.pending.length === 0) return
    if (!force && this.now() - this.pendingSince < this.coalesceMs) return
    const messages = this.pending.filter(Boolean)
    this.pending = []
    if (messages.length === 0) this.print('')
    for (const message of messages) this.print(message)
  }

  /** A stage note: printed at once, after anything held. */
  private record(message: string): void {
    this.flush(true)
    this.print(message)
  }

  /**
   * A reminder that the wait goes on, when nothing was printed for `intervalMs`: long silent waits
   * (Flux not applying, an approval gate) still show progress. Not part of the timeline.
   */
  heartbeat(intervalMs: number): void {
    if (!this.synced || this.now() - this.lastPrintAt < intervalMs) return
    this.print(`still waiting for ${this.waitingFor()}`, false)
  }

  private print(message: string, inTimeline = true): void {
    const snapshot = this.snapshot()
    const elapsed = this.elapsedMs()
    this.lastPrintAt = this.now()
    if (inTimeline)
      this.timeline.push({
        ...snapshot,
        elapsedSeconds: Math.round(elapsed / 100) / 10,
        time: new Date(this.now()).toISOString(),
        message,
      })
    const parts = [`[${formatElapsed(elapsed)}]`, snapshot.phase.padEnd(16)]
    if (this.canary?.status) {
      parts.push((snapshot.progress || `${snapshot.weight}%`).padEnd(12))
      parts.push(`${snapshot.failedChecks} failed check${snapshot.failedChecks === 1 ? '' : 's'}`.padEnd(16))
    }
    if (message) parts.push(message)
    this.options.log(parts.join(' ').trimEnd())
  }

  /** Call once the first list of every watch has been delivered: what was there before is the baseline. */
  markSynced(): void {
    if (this.synced) return
    this.synced = true
    this.canaryExistedAtStart = this.canary !== undefined
    this.targetCarriedAtStart ??= this.targetCarries
    if (this.targetCarries)
      this.primaryCarriedWhenTargetFirstCarried = carriesImage(this.primary, this.options.expected)
    const phase = this.canary?.status?.phase
    const expected = describeExpected(this.options.expected)
    if (this.options.helmRelease && !this.helmRelease) this.observeHelmRelease(undefined)
    let note: string
    if (!this.canary) note = `Canary ${this.canaryId} does not exist yet; waiting for it to be created`
    else if (this.targetCarries) note = `target already runs ${expected}`
    else
      note = `waiting for ${this.helmRelease ? `HelmRelease ${this.options.helmRelease} and ` : ''}Flux to apply ${expected}`
    if (phase && !isActive(phase) && this.canary) note = `${phase} is from an earlier run; ${note}`
    const snap = this.snapshot()
    this.lastSnapshotKey = `${snap.phase}|${snap.weight}|${snap.iterations}|${snap.failedChecks}`
    this.record(note)
    this.updateEvidence()
  }

  observeCanary(canary: Canary | undefined): void {
    const previous = this.canary
    this.canary = canary
    if (!canary) {
      if (previous) this.record(`Canary ${this.canaryId} was deleted`)
      return
    }
    const status = canary.status ?? {}
    if (!this.synced) {
      this.baseline = { ...status }
      return
    }
    if (this.baseline === undefined && this.canaryExistedAtStart === false) {
      this.record(`Canary ${this.canaryId} created`)
      this.baseline = {}
    }
    if (status.phase === 'Initializing') this.sawInitializing = true
    this.updateEvidence()
    if (isActive(status.phase) || status.phase === 'Failed') {
      this.maxWeight = Math.max(this.maxWeight, status.canaryWeight ?? 0)
      this.maxFailedChecks = Math.max(this.maxFailedChecks, status.failedChecks ?? 0)
    }
    const snap = this.snapshot()
    const key = `${snap.phase}|${snap.weight}|${snap.iterations}|${snap.failedChecks}`
    if (key !== this.lastSnapshotKey) {
      this.lastSnapshotKey = key
      this.queue('')
    }
  }

  private checkTarget(): void {
    const carries = carriesImage(this.target, this.options.expected)
    if (carries && this.synced && this.primaryCarriedWhenTargetFirstCarried === undefined) {
      this.primaryCarriedWhenTargetFirstCarried = carriesImage(this.primary, this.options.expected)
    }
    if (carries) this.targetEverCarried = true
    if (carries !== this.targetCarries) {
      this.targetCarries = carries
      if (this.synced) {
        const name = this.target?.metadata.name ?? this.canary?.spec?.targetRef?.name
        this.record(
          carries
            ? `${name} now runs ${describeExpected(this.options.expected)}`
            : `${name} no longer runs ${describeExpected(this.options.expected)}`,
        )
      }
    }
    this.updateEvidence()
  }

  observeTarget(target: Workload | undefined): void {
    this.target = target
    this.checkTarget()
    if (this.targetCarriedAtStart === undefined && !this.synced)
      this.targetCarriedAtStart = this.targetCarries
  }

  observePrimary(primary: Workload | undefined): void {
    this.primary = primary
  }

  observeHelmRelease(hr: HelmRelease | undefined): void {
    this.helmRelease = hr
    const ready = condition(hr, 'Ready')
    const summary = hr
      ? `HelmRelease ${hr.metadata.name}: Ready=${ready?.status ?? 'Unknown'}${ready?.reason ? ` (${ready.reason})` : ''}${
          this.helmReleaseApplied() ? ', revision applied' : ''
        }${ready?.message ? ` ${ready.message}` : ''}`
      : `HelmRelease ${this.options.helmRelease} not found; following the target alone`
    if (summary !== this.helmReleaseSummary) {
      this.helmReleaseSummary = summary
      this.record(summary)
    }
  }

  /** Flux has reconciled the release's current spec, and that spec is the one with the new image. */
  private helmReleaseApplied(): boolean {
    const hr = this.helmRelease
    if (!hr) return false
    const current = (hr.status?.observedGeneration ?? -1) >= (hr.metadata.generation ?? 0)
    const ready = condition(hr, 'Ready')?.status === 'True'
    const values = JSON.stringify(hr.spec ?? {})
    const mentions =
      (this.options.expected.tag !== undefined && values.includes(this.options.expected.tag)) ||
      (this.options.expected.image !== undefined && values.includes(this.options.expected.image))
    return current && ready && (mentions || this.targetCarries)
  }

  private helmReleaseFailure(): string | undefined {
    const hr = this.helmRelease
    if (!hr) return undefined
    const stalled = condition(hr, 'Stalled')
    const ready = condition(hr, 'Ready')
    if (stalled?.status === 'True') return stalled.message || stalled.reason || 'stalled'
    if (
      ready?.status === 'False' &&
      /RetriesExceeded|InstallFailed|UpgradeFailed/.test(ready.reason ?? '') &&
      /exhausted|retries/i.test(ready.message ?? '')
    ) {
      return ready.message
    }
    return undefined
  }

  /** Feed every Event of the canary's namespace; only the canary's own are kept. */
  observeEvent(event: KubeEvent): void {
    const involved = event.involvedObject
    if (involved?.kind && involved.kind !== 'Canary') return
    if (involved?.name && involved.name !== this.options.name) return
    const occurrence = occurrenceKey(event)
    const id = event.metadata.name
    if (this.seenEvents.get(id) === occurrence) return
    this.seenEvents.set(id, occurrence)
    if (!this.synced) return
    const message = plainMessage(event.message)
    const runEvent: RunEvent = {
      elapsedSeconds: Math.round(this.elapsedMs() / 100) / 10,
      time: event.lastTimestamp ?? event.eventTime ?? new Date(this.now()).toISOString(),
      type: event.type ?? 'Normal',
      reason: event.reason ?? '',
      message,
    }
    this.runEvents.push(runEvent)
    if (isNewRevision(message)) this.newRevisionEventSeen = true
    if (isWaitingApproval(message)) this.lastApproval = approvalHook(message) ?? 'a confirm webhook'
    this.updateEvidence()
    this.queue(
      isWaitingApproval(message) ? `waiting for approval (${this.lastApproval}): ${message}` : message,
    )
  }

  /** Evidence that Flagger started analysing the revision this pipeline caused. */
  private updateEvidence(): void {
    if (this.evidence || !this.synced || !this.targetCarries || !this.canary) return
    const status = this.canary.status ?? {}
    const base = this.baseline ?? {}
    const specChanged =
      status.lastAppliedSpec !== undefined && status.lastAppliedSpec !== base.lastAppliedSpec
    const configsChanged =
      JSON.stringify(status.trackedConfigs ?? {}) !== JSON.stringify(base.trackedConfigs ?? {})
    if (this.newRevisionEventSeen) this.evidence = 'a "New revision detected" event'
    else if (isActive(status.phase) && (!isActive(base.phase) || specChanged || this.targetCarriedAtStart)) {
      this.evidence = `phase ${status.phase}`
    } else if (status.phase !== 'Failed' && base.phase !== 'Failed' && (specChanged || configsChanged)) {
      // While Failed, Flagger refreshes lastAppliedSpec every interval, so that proves nothing.
      this.evidence = 'a new lastAppliedSpec'
    }
  }

  /** What the wait is blocked on, for the timeout message and the status description. */
  waitingFor(): string {
    const expected = describeExpected(this.options.expected)
    if (this.helmRelease && !this.targetCarries && !this.helmReleaseApplied()) {
      return `HelmRelease ${this.options.helmRelease} to apply ${expected} (${this.helmReleaseSummary || 'not seen'})`
    }
    if (!this.canary) return `Canary ${this.canaryId} to be created`
    if (!this.target) return `target ${this.canary.spec?.targetRef?.name ?? ''} to exist`
    if (!this.targetCarries) return `Flux to apply ${expected} to ${this.target.metadata.name}`
    const phase = this.canary.status?.phase
    if (!this.evidence)
      return `Flagger to start analysing ${expected} (canary still ${phase ?? 'without status'})`
    if (phase === 'Waiting' || phase === 'WaitingPromotion') {
      return `approval${this.lastApproval ? ` from ${this.lastApproval}` : ''} (${phase})`
    }
    return `Flagger to finish the analysis (${phase}${this.snapshot().progress ? ` ${this.snapshot().progress}` : ''})`
  }

  /** The outcome, once there is one. */
  evaluate(): Verdict | undefined {
    if (!this.synced) return undefined
    const expected = describeExpected(this.options.expected)
    const hrFailure = this.helmReleaseFailure()
    if (hrFailure && !this.targetCarries) {
      return {
        result: 'failed',
        message: `HelmRelease ${this.helmRelease?.metadata.name} failed: ${hrFailure}`,
        reasons: [hrFailure],
      }
    }
    if (this.targetEverCarried && this.target && !this.targetCarries) {
      // A newer revision was applied before ours was promoted: Flagger restarts the analysis for it,
      // and ours will never be promoted. Waiting on would only end in a timeout.
      const now = containerImages(this.target).join(', ')
      return {
        result: 'failed',
        message: `${expected} was replaced before Flagger promoted it: ${this.target.metadata.name} now runs ${now}`,
        reasons: [`superseded by ${now}`],
      }
    }
    if (!this.canary || !this.targetCarries) return undefined
    const status = this.canary.status ?? {}
    const primaryCarries = this.primary ? carriesImage(this.primary, this.options.expected) : undefined
    switch (status.phase) {
      case 'Initialized':
        if (
          primaryCarries ||
          (primaryCarries === undefined && (this.sawInitializing || !this.canaryExistedAtStart))
        ) {
          return {
            result: 'initialized',
            message: `First deployment of ${this.canaryId}: Flagger initialized it with ${expected} without analysis; the next revision will be analysed`,
            reasons: [],
          }
        }
        return undefined
      case 'Succeeded':
        if (primaryCarries && !this.evidence && this.primaryCarriedWhenTargetFirstCarried) {
          return {
            result: 'no-rollout',
            message: `${expected} is already the promoted version of ${this.canaryId}; Flagger had nothing to analyse`,
            reasons: [],
          }
        }
        if (
          primaryCarries ||
          (primaryCarries === undefined &&
            this.evidence &&
            status.lastPromotedSpec === status.lastAppliedSpec)
        ) {
          return { result: 'succeeded', message: `${this.canaryId} promoted ${expected}`, reasons: [] }
        }
        return undefined
      case 'Failed': {
        if (this.evidence) {
          const reasons = failureReasons(this.runEvents)
          return {
            result: 'failed',
            message: `Flagger rolled back ${expected} on ${this.canaryId}${reasons.length ? `: ${reasons[0]}` : ''}`,
            reasons,
          }
        }
        if (primaryCarries && this.primaryCarriedWhenTargetFirstCarried) {
          return {
            result: 'no-rollout',
            message: `${expected} is already the promoted version of ${this.canaryId} (the Failed phase belongs to a later revision that was reverted)`,
            reasons: [],
          }
        }
        if (
          this.targetCarriedAtStart &&
          this.baseline?.phase === 'Failed' &&
          this.elapsedMs() >= this.options.staleGraceMs
        ) {
          return {
            result: 'failed',
            message: `${expected} was already rolled back before this wait started: ${this.canaryId} stays Failed and Flagger does not retry a revision until its pod template changes`,
            reasons: [],
          }
        }
        return undefined
      }
      case 'WaitingPromotion':
        if (!this.evidence || this.options.onWaitingPromotion === 'wait') return undefined
        if (this.options.onWaitingPromotion === 'succeed') {
          return {
            result: 'succeeded',
            message: `${this.canaryId} passed the analysis of ${expected}; promotion is waiting for approval${this.lastApproval ? ` (${this.lastApproval})` : ''}`,
            reasons: [],
          }
        }
        return {
          result: 'failed',
          message: `${this.canaryId} is waiting for promotion approval${this.lastApproval ? ` (${this.lastApproval})` : ''} and on-waiting-promotion is 'fail'`,
          reasons: this.lastApproval ? [`waiting for approval ${this.lastApproval}`] : [],
        }
      default:
        return undefined
    }
  }

  /** The verdict when time runs out. */
  timedOut(timeoutMs: number): Verdict {
    return {
      result: 'timed-out',
      message: `Timed out after ${formatElapsed(timeoutMs)} waiting for ${this.waitingFor()}`,
      reasons: [],
    }
  }

  /** Adds the closing line to the timeline and the log. */
  finish(verdict: Verdict): void {
    this.record(`${verdict.result}: ${verdict.message}`)
  }
}
