import { formatDuration, inert } from '@canary-delivery/action-kit'
import { isActivePhase } from '@canary-delivery/flagger/phases'
import { type Canary, describeProgress } from './canary'
import {
  approvalHook,
  isNewRevision,
  isWaitingApproval,
  type KubeEvent,
  occurrenceKey,
  plainMessage,
  type RunEvent,
} from './events'
import { describeHelmRelease, type HelmRelease, helmReleaseApplied } from './helm-release'
import { carriesImage, describeExpected, type ExpectedImage, type Workload } from './images'
import { failedChecksText, type Snapshot, snapshotKey, Timeline, type TimelineEntry } from './timeline'
import { decideVerdict, type OnWaitingPromotion, type Verdict } from './verdict'
import { type WaitStage, waitStageOf } from './wait-stage'

export interface TrackerOptions {
  name: string
  namespace: string
  expected: ExpectedImage
  onWaitingPromotion: OnWaitingPromotion
  helmRelease?: string
  /**
   * When the target already ran the tag at the start and the canary was Failed, how long to give
   * Flagger to start a new run before concluding that this revision was already rolled back.
   * Can be set later (setStaleGrace), once the Canary's interval is known.
   */
  staleGraceMs?: number
  now?: () => number
  /**
   * The API server's clock minus this machine's, once known: an event the first list finds that the
   * cluster stamped after the wait started (the API was down until then) belongs to this run.
   */
  clusterClockOffsetMs?: () => number | undefined
  /** Why the API did not answer the last time it failed to, while it does not (for the messages). */
  apiTrouble?: () => string | undefined
  /** How long a status change waits for its event (and the reverse) to share one log line; default 0. */
  coalesceMs?: number
  /** One line per change, for the log. */
  log: (line: string) => void
}

/**
 * A verdict quotes the cluster (event and condition messages, image references): one line each,
 * unable to act as a workflow command wherever it is printed (log, annotation, commit status).
 */
function inertVerdict(verdict: Verdict): Verdict {
  return { ...verdict, message: inert(verdict.message), reasons: verdict.reasons.map(inert) }
}

/**
 * Follows what the watches deliver (the Canary, its events, the target and primary workloads, the
 * HelmRelease) and keeps what it means for the rollout this pipeline caused: the stage of the
 * wait, the log and timeline, and in the end the verdict. How a rollout is told apart from an
 * earlier one is explained in actions/wait-for-canary/README.md ("Knowing that the rollout is ours").
 */
export class RolloutTracker {
  readonly runEvents: RunEvent[] = []
  private readonly log: Timeline
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
  private staleGraceMs: number
  /** When (ms into the wait) the Canary was deleted, while it stays gone. */
  private deletedAtMs: number | undefined
  /** False once the namespace is known not to exist; undefined when unknown (not checked, or not allowed). */
  private namespaceExists: boolean | undefined
  /** Events the first list found that the cluster stamped after the wait started. */
  private readonly earlyEvents: { at: number; event: KubeEvent }[] = []

  constructor(private readonly options: TrackerOptions) {
    this.now = options.now ?? Date.now
    this.staleGraceMs = options.staleGraceMs ?? Number.POSITIVE_INFINITY
    this.log = new Timeline({
      now: this.now,
      coalesceMs: options.coalesceMs ?? 0,
      log: options.log,
      current: () => ({ snapshot: this.snapshot(), hasStatus: this.canary?.status !== undefined }),
    })
  }

  get startedAt(): number {
    return this.log.startedAt
  }

  get timeline(): TimelineEntry[] {
    return this.log.entries
  }

  get canaryId(): string {
    return `${this.options.name}.${this.options.namespace}`
  }

  /** The highest weight and failed-check count this run reached. */
  get peak(): { weight: number; failedChecks: number } {
    return { weight: this.maxWeight, failedChecks: this.maxFailedChecks }
  }

  get canaryObject(): Canary | undefined {
    return this.canary
  }

  setStaleGrace(ms: number): void {
    this.staleGraceMs = ms
  }

  /** Whether the Canary's namespace exists (undefined: unknown); a change is logged. */
  setNamespaceExists(exists: boolean | undefined): void {
    const before = this.namespaceExists
    this.namespaceExists = exists
    if (this.synced && before !== false && exists === false)
      this.log.record(`namespace ${this.options.namespace} does not exist`)
    if (this.synced && before === false && exists === true)
      this.log.record(`namespace ${this.options.namespace} created`)
  }

  /** True when a reminder is due (nothing printed for `intervalMs`); the caller may refresh facts first. */
  heartbeatDue(intervalMs: number): boolean {
    return this.synced && this.log.silentForMs() >= intervalMs
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

  /** Where the wait stands now. */
  stage(): WaitStage {
    return waitStageOf({
      synced: this.synced,
      canary: this.canary,
      target: this.target,
      targetCarries: this.targetCarries,
      targetEverCarried: this.targetEverCarried,
      helmRelease: this.helmRelease,
      helmReleaseApplied: this.helmReleaseApplied(),
      evidence: this.evidence,
    })
  }

  flushDueInMs(): number | undefined {
    return this.log.flushDueInMs()
  }

  flush(force = false): void {
    this.log.flush(force)
  }

  /**
   * A reminder that the wait goes on, when nothing was printed for `intervalMs`: long silent waits
   * (Flux not applying, an approval gate) still show progress. Not part of the timeline.
   */
  heartbeat(intervalMs: number): void {
    if (!this.heartbeatDue(intervalMs)) return
    this.log.print(`still waiting for ${this.waitingFor()}`, false)
  }

  /** Call once the first list of every watch has been delivered: what was there before is the baseline. */
  markSynced(): void {
    if (this.synced) return
    this.synced = true
    this.canaryExistedAtStart = this.canary !== undefined
    this.targetCarriedAtStart ??= this.targetCarries
    if (this.targetCarries)
      this.primaryCarriedWhenTargetFirstCarried = carriesImage(this.primary, this.options.expected)
    if (this.options.helmRelease && !this.helmRelease) this.observeHelmRelease(undefined)
    let note = this.startNote(this.stage())
    const phase = this.canary?.status?.phase
    const early = this.earlyEvents.length
    if (early > 0)
      note = `the API answered only now; ${early} event${early === 1 ? '' : 's'} of this run came meanwhile`
    else if (phase && !isActivePhase(phase)) note = `${phase} is from an earlier run; ${note}`
    this.lastSnapshotKey = snapshotKey(this.snapshot())
    this.log.record(note)
    // What happened while the API could not be asked, in the order the cluster stamped it.
    for (const { event } of this.earlyEvents.sort((a, b) => a.at - b.at)) this.recordRunEvent(event)
    this.earlyEvents.length = 0
    this.updateEvidence()
  }

  private startNote(stage: WaitStage): string {
    const expected = describeExpected(this.options.expected)
    if (!this.canary && this.namespaceExists === false)
      return `Canary ${this.canaryId} does not exist yet: namespace ${this.options.namespace} does not exist; waiting for both to be created`
    if (!this.canary) return `Canary ${this.canaryId} does not exist yet; waiting for it to be created`
    if (stage.kind === 'waiting-for-flagger') return `target already runs ${expected}`
    return `waiting for ${this.helmRelease ? `HelmRelease ${this.options.helmRelease} and ` : ''}Flux to apply ${expected}`
  }

  observeCanary(canary: Canary | undefined): void {
    const previous = this.canary
    this.canary = canary
    if (!canary) {
      if (previous && this.synced) {
        this.deletedAtMs = this.log.elapsedMs()
        this.log.record(`Canary ${this.canaryId} was deleted`)
      }
      return
    }
    if (this.deletedAtMs !== undefined) {
      this.deletedAtMs = undefined
      this.log.record(`Canary ${this.canaryId} created again`)
    }
    const status = canary.status ?? {}
    if (!this.synced) {
      this.baseline = { ...status }
      return
    }
    if (this.baseline === undefined && this.canaryExistedAtStart === false) {
      this.log.record(`Canary ${this.canaryId} created`)
      this.baseline = {}
    }
    if (status.phase === 'Initializing') this.sawInitializing = true
    this.updateEvidence()
    if (isActivePhase(status.phase) || status.phase === 'Failed') {
      this.maxWeight = Math.max(this.maxWeight, status.canaryWeight ?? 0)
      this.maxFailedChecks = Math.max(this.maxFailedChecks, status.failedChecks ?? 0)
    }
    const key = snapshotKey(this.snapshot())
    if (key !== this.lastSnapshotKey) {
      this.lastSnapshotKey = key
      this.log.queue('')
    }
  }

  observeTarget(target: Workload | undefined): void {
    this.target = target
    const carries = carriesImage(target, this.options.expected)
    if (carries && this.synced && this.primaryCarriedWhenTargetFirstCarried === undefined) {
      this.primaryCarriedWhenTargetFirstCarried = carriesImage(this.primary, this.options.expected)
    }
    if (carries) this.targetEverCarried = true
    if (carries !== this.targetCarries) {
      this.targetCarries = carries
      if (this.synced) {
        const name = target?.metadata.name ?? this.canary?.spec?.targetRef?.name
        const expected = describeExpected(this.options.expected)
        this.log.record(carries ? `${name} now runs ${expected}` : `${name} no longer runs ${expected}`)
      }
    }
    this.updateEvidence()
    if (this.targetCarriedAtStart === undefined && !this.synced)
      this.targetCarriedAtStart = this.targetCarries
  }

  observePrimary(primary: Workload | undefined): void {
    this.primary = primary
  }

  observeHelmRelease(hr: HelmRelease | undefined): void {
    this.helmRelease = hr
    const summary = describeHelmRelease(hr, this.helmReleaseApplied(), this.options.helmRelease)
    if (summary !== this.helmReleaseSummary) {
      this.helmReleaseSummary = summary
      this.log.record(summary)
    }
  }

  private helmReleaseApplied(): boolean {
    return helmReleaseApplied(this.helmRelease, this.options.expected, this.targetCarries)
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
    if (!this.synced) {
      const at = this.clusterTimeOf(event)
      if (at !== undefined && at >= this.startedAt) this.earlyEvents.push({ at, event })
      return
    }
    this.recordRunEvent(event)
  }

  /**
   * When the cluster stamped an event, on this machine's clock, a second early: timestamps have
   * whole seconds and the clock offset is known to a second, so an event counts as after the start
   * only when it surely is. Undefined while the cluster's clock is not known.
   */
  private clusterTimeOf(event: KubeEvent): number | undefined {
    const offset = this.options.clusterClockOffsetMs?.()
    const stamp = Date.parse(event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? '')
    if (offset === undefined || !Number.isFinite(stamp)) return undefined
    return stamp - offset - 1000
  }

  private recordRunEvent(event: KubeEvent): void {
    const message = plainMessage(event.message)
    this.runEvents.push({
      elapsedSeconds: this.log.elapsedSeconds(),
      time: event.lastTimestamp ?? event.eventTime ?? new Date(this.now()).toISOString(),
      type: event.type ?? 'Normal',
      reason: event.reason ?? '',
      message,
    })
    if (isNewRevision(message)) this.newRevisionEventSeen = true
    if (isWaitingApproval(message)) this.lastApproval = approvalHook(message) ?? 'a confirm webhook'
    this.updateEvidence()
    this.log.queue(
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
    else if (
      isActivePhase(status.phase) &&
      (!isActivePhase(base.phase) || specChanged || this.targetCarriedAtStart)
    ) {
      this.evidence = `phase ${status.phase}`
    } else if (status.phase !== 'Failed' && base.phase !== 'Failed' && (specChanged || configsChanged)) {
      // While Failed, Flagger refreshes lastAppliedSpec every interval, so that proves nothing.
      this.evidence = 'a new lastAppliedSpec'
    }
  }

  /** What the wait is blocked on, for the heartbeat, the timeout message and the status description. */
  waitingFor(): string {
    const stage = this.stage()
    const expected = describeExpected(this.options.expected)
    switch (stage.kind) {
      case 'listing': {
        const trouble = this.options.apiTrouble?.()
        return `the Kubernetes API to answer${trouble ? ` (last error: ${trouble})` : ' (no answer yet)'}`
      }
      case 'helm-release-failed':
      case 'waiting-for-helm-release':
        return `HelmRelease ${this.options.helmRelease} to apply ${expected} (${this.helmReleaseSummary || 'not seen'})`
      case 'waiting-for-canary':
        if (this.deletedAtMs !== undefined)
          return `Canary ${this.canaryId}, deleted at ${formatDuration(this.deletedAtMs, 'clock')}, to be created again`
        if (this.namespaceExists === false)
          return `Canary ${this.canaryId} to be created (namespace ${this.options.namespace} does not exist)`
        return `Canary ${this.canaryId} to be created`
      case 'waiting-for-target':
        return `target ${this.canary?.spec?.targetRef?.name ?? ''} to exist`
      case 'superseded':
      case 'waiting-for-flux':
        return `Flux to apply ${expected} to ${stage.target}`
      case 'waiting-for-flagger':
        return `Flagger to start analysing ${expected} (canary still ${stage.phase ?? 'without status'})`
      case 'waiting-for-approval':
        return `approval${this.lastApproval ? ` from ${this.lastApproval}` : ''} (${stage.phase})`
      case 'analysing': {
        const { progress } = this.snapshot()
        return `Flagger to finish the analysis (${stage.phase}${progress ? ` ${progress}` : ''})`
      }
    }
  }

  /** The outcome, once there is one. */
  evaluate(): Verdict | undefined {
    const verdict = decideVerdict({
      stage: this.stage(),
      canaryId: this.canaryId,
      expected: describeExpected(this.options.expected),
      status: this.canary?.status ?? {},
      primaryCarries: this.primary ? carriesImage(this.primary, this.options.expected) : undefined,
      primaryCarriedWhenTargetFirstCarried: this.primaryCarriedWhenTargetFirstCarried,
      canaryExistedAtStart: this.canaryExistedAtStart,
      sawInitializing: this.sawInitializing,
      targetCarriedAtStart: this.targetCarriedAtStart,
      baselinePhase: this.baseline?.phase,
      staleGraceOver: this.log.elapsedMs() >= this.staleGraceMs,
      onWaitingPromotion: this.options.onWaitingPromotion,
      approval: this.lastApproval,
      runEvents: this.runEvents,
    })
    return verdict && inertVerdict(verdict)
  }

  /** The verdict when time runs out. */
  timedOut(timeoutMs: number): Verdict {
    return inertVerdict({
      result: 'timed-out',
      message: `Timed out after ${formatDuration(timeoutMs, 'clock')} waiting for ${this.waitingFor()}`,
      reasons: [],
    })
  }

  /**
   * Where the rollout stands, for a person who was not watching: `Progressing at 30% (3/5), 0 failed
   * checks` while Flagger analyses, `waiting for …` before.
   */
  standing(): string {
    const stage = this.stage()
    if (stage.kind === 'analysing' || stage.kind === 'waiting-for-approval') {
      const { phase, progress, weight, failedChecks } = this.snapshot()
      return `${phase} at ${progress || `${weight}%`}, ${failedChecksText(failedChecks)}`
    }
    return `waiting for ${this.waitingFor()}`
  }

  /** The verdict when the job is cancelled. */
  cancelled(): Verdict {
    return inertVerdict({ result: 'cancelled', message: `Cancelled while ${this.standing()}`, reasons: [] })
  }

  /** Adds the closing line to the timeline and the log. */
  finish(verdict: Verdict): void {
    this.log.record(`${verdict.result}: ${verdict.message}`)
  }
}
