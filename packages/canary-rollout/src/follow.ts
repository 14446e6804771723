import { formatDuration, inert } from '@canary-delivery/action-kit'
import {
  KubeApiError,
  type KubeClient,
  type ResourceWatch,
  type WatchStats,
  watchResource,
} from '@canary-delivery/kube'
import { analysisEstimateOf, type Canary, defaultTimeoutMs } from './canary'
import type { KubeEvent, RunEvent } from './events'
import type { HelmRelease } from './helm-release'
import type { ExpectedImage, Workload } from './images'
import { type Snapshot, snapshotKey, type TimelineEntry } from './timeline'
import { RolloutTracker } from './tracker'
import type { OnWaitingPromotion, Verdict } from './verdict'

/** The wait's time ran out; requests in flight are aborted with this. */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded'
  constructor() {
    super('the wait reached its timeout')
  }
}

/** The job was cancelled (SIGINT/SIGTERM); requests in flight are aborted with this. */
export class WaitCancelled extends Error {
  override readonly name = 'WaitCancelled'
  constructor() {
    super('the wait was cancelled')
  }
}

export interface FollowOptions {
  /** Made with `stop.signal`, so that the deadline and a cancellation end its requests. */
  client: KubeClient
  /**
   * Aborted at the deadline (with DeadlineExceeded) by followRollout, or from outside with
   * WaitCancelled; either way the follow ends with the matching verdict.
   */
  stop: AbortController
  namespace: string
  /** The Canary's name. */
  name: string
  expected: ExpectedImage
  /** `name` or `namespace/name` of a Flux HelmRelease to wait for first. */
  helmRelease?: string
  /** Overall limit; by default derived from the canary's analysis. */
  timeoutMs?: number
  onWaitingPromotion?: OnWaitingPromotion
  /** See TrackerOptions.staleGraceMs; default three analysis intervals. */
  staleGraceMs?: number
  log: (line: string) => void
  debug?: (line: string) => void
  /** Called whenever phase, weight or failed checks change, and once with the verdict. */
  onProgress?: (snapshot: Snapshot, verdict?: Verdict) => void
  /** Called whenever where the rollout stands changes, in words (`Progressing at 30% (3/5), …`). */
  onStanding?: (standing: string) => void
  /** How often the verdict is re-checked without news (for time-based rules), default 250ms. */
  tickMs?: number
  /** A "still waiting for …" line after this long without any line (default 60s). */
  heartbeatMs?: number
  /** See TrackerOptions.coalesceMs; default 75ms. */
  coalesceMs?: number
  /** A watch stream the server keeps open longer than this is ended by the server and resumed. */
  watchTimeoutSeconds?: number
}

export interface FollowResult {
  verdict: Verdict
  snapshot: Snapshot
  durationSeconds: number
  /** The highest canary weight and failed-check count this run reached. */
  peak: { weight: number; failedChecks: number }
  events: RunEvent[]
  timeline: TimelineEntry[]
  timeoutMs: number
  timeoutSource: 'input' | 'canary analysis' | 'fallback'
  strategy: string
  /** API requests made (lists, gets, watch connections, retries). */
  requests: number
  watches: WatchStats
}

const FALLBACK_TIMEOUT_MS = 30 * 60_000
/** The last look at the events after the verdict is worth a retry, not a wait until the deadline. */
const LAST_LOOK_ATTEMPTS = 2

function splitRef(ref: string, namespace: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/')
  return slash > 0 ? { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) } : { namespace, name: ref }
}

function workloadPath(namespace: string, kind: string | undefined): string {
  const plural = kind === 'DaemonSet' ? 'daemonsets' : 'deployments'
  return `/apis/apps/v1/namespaces/${namespace}/${plural}`
}

/** A promise that rejects with the signal's reason once it aborts. */
function whenAborted(signal: AbortSignal): Promise<never> {
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
  promise.catch(() => {})
  return promise
}

/**
 * Follows the rollout of `expected` on one Canary until it is decided, through watches on the
 * Canary, its Events, the target and primary workloads and (optionally) the HelmRelease. The
 * deadline covers everything, the first requests included: at the timeout every request in flight
 * is aborted and the verdict is `timed-out`, saying what the wait was blocked on.
 */
export async function followRollout(options: FollowOptions): Promise<FollowResult> {
  const { client, namespace, name, stop } = options
  // Watch notices quote the API server (Status messages): inert before they reach the log.
  const debug = (line: string) => options.debug?.(inert(line))
  const tickMs = options.tickMs ?? 250
  const heartbeatMs = options.heartbeatMs ?? 60_000
  const watchTimeoutSeconds = options.watchTimeoutSeconds ?? 300
  const canaryPath = `/apis/flagger.app/v1beta1/namespaces/${namespace}/canaries`
  const eventsPath = `/api/v1/namespaces/${namespace}/events`
  const eventSelector = `involvedObject.kind=Canary,involvedObject.name=${name}`
  const stopped = whenAborted(stop.signal)
  const untilStopped = <T>(work: Promise<T>) => Promise.race([work, stopped])

  const tracker = new RolloutTracker({
    name,
    namespace,
    expected: options.expected,
    onWaitingPromotion: options.onWaitingPromotion ?? 'wait',
    helmRelease: options.helmRelease,
    staleGraceMs: options.staleGraceMs,
    coalesceMs: options.coalesceMs ?? 75,
    clusterClockOffsetMs: () => client.clockOffsetMs,
    apiTrouble: () => client.lastError,
    log: options.log,
  })

  let timeoutMs = options.timeoutMs ?? FALLBACK_TIMEOUT_MS
  let timeoutSource: FollowResult['timeoutSource'] = options.timeoutMs ? 'input' : 'fallback'
  let deadline: NodeJS.Timeout | undefined
  const armDeadline = () => {
    clearTimeout(deadline)
    const remaining = Math.max(0, tracker.startedAt + timeoutMs - Date.now())
    deadline = setTimeout(() => stop.abort(new DeadlineExceeded()), remaining)
  }
  armDeadline()
  const timeoutFrom = (canary: Canary) => {
    if (options.timeoutMs || timeoutSource !== 'fallback') return
    // The Canary's analysis says how long a run takes, counted from the start of the wait.
    timeoutMs = defaultTimeoutMs(canary) + (Date.now() - tracker.startedAt)
    timeoutSource = 'canary analysis'
    armDeadline()
  }

  let lastStanding = ''
  const standing = () => {
    const now = tracker.standing()
    if (now === lastStanding) return
    lastStanding = now
    options.onStanding?.(now)
  }
  standing()

  const watches: ResourceWatch<never>[] = []
  let wake: () => void = () => {}
  const changed = () => wake()
  let fatal: Error | undefined
  const start = <T extends { metadata: { name: string } }>(
    path: string,
    fieldSelector: string,
    handle: (object: T | undefined) => void,
    tolerate?: (error: Error) => boolean,
  ) => {
    const watch = watchResource({
      client,
      timeoutSeconds: watchTimeoutSeconds,
      onNotice: debug,
      onFatal: (error: Error) => {
        if (tolerate?.(error) || stop.signal.aborted) return
        fatal = error
        changed()
      },
      path,
      fieldSelector,
      onChange: (change) => {
        handle(change.type === 'DELETED' ? undefined : (change.object as unknown as T))
        changed()
      },
    })
    watches.push(watch as never)
    return watch
  }

  let initialSynced = false
  let targetKey = ''
  const startTargetWatches = (canary: Canary) => {
    const ref = canary.spec?.targetRef
    if (!ref?.name || targetKey) return []
    targetKey = `${ref.kind}/${ref.name}`
    const path = workloadPath(namespace, ref.kind)
    return [
      start<Workload>(path, `metadata.name=${ref.name}`, (w) => tracker.observeTarget(w)),
      start<Workload>(path, `metadata.name=${ref.name}-primary`, (w) => tracker.observePrimary(w)),
    ]
  }

  /** Whether the namespace exists: one GET; unknown (undefined) when it is not allowed or fails. */
  const checkNamespace = async () => {
    try {
      const found = await untilStopped(client.find(`/api/v1/namespaces/${namespace}`, 1))
      tracker.setNamespaceExists(found !== undefined)
    } catch (error) {
      if (stop.signal.aborted) throw error
      tracker.setNamespaceExists(undefined)
    }
  }

  let verdict: Verdict | undefined
  let lastProgressKey = ''
  const progress = () => {
    const snap = tracker.snapshot()
    const key = snapshotKey(snap)
    if (key !== lastProgressKey) {
      lastProgressKey = key
      options.onProgress?.(snap)
    }
    standing()
  }

  try {
    const initial = await untilStopped(client.find<Canary>(`${canaryPath}/${name}`))
    if (initial) timeoutFrom(initial)
    tracker.setStaleGrace(options.staleGraceMs ?? 3 * analysisEstimateOf(initial).intervalSeconds * 1000)

    const initialWatches = [
      start<Canary>(canaryPath, `metadata.name=${name}`, (canary) => {
        tracker.observeCanary(canary)
        if (canary) {
          timeoutFrom(canary)
          if (!targetKey && initialSynced) startTargetWatches(canary)
        }
      }),
      start<KubeEvent>(eventsPath, eventSelector, (event) => {
        if (event) tracker.observeEvent(event)
      }),
    ]
    if (initial) initialWatches.push(...startTargetWatches(initial))
    if (options.helmRelease) {
      const ref = splitRef(options.helmRelease, namespace)
      // A cluster without Flux's HelmRelease API: say so and follow the target alone.
      const noFlux = (error: Error) => error instanceof KubeApiError && error.status === 404
      const hrWatch = start<HelmRelease>(
        `/apis/helm.toolkit.fluxcd.io/v2/namespaces/${ref.namespace}/helmreleases`,
        `metadata.name=${ref.name}`,
        (hr) => tracker.observeHelmRelease(hr),
        noFlux,
      )
      initialWatches.push({
        ...hrWatch,
        synced: hrWatch.synced.catch((error: Error) => {
          if (!noFlux(error)) throw error
          options.log(
            `The cluster has no HelmRelease API (helm.toolkit.fluxcd.io/v2); following the target alone`,
          )
        }),
      })
    }

    // A watch that cannot list (RBAC, a missing CRD) rejects its `synced`.
    await untilStopped(Promise.all(initialWatches.map((w) => w.synced)))
    initialSynced = true
    if (!tracker.canaryObject) await checkNamespace()
    tracker.markSynced()
    const canaryNow = tracker.canaryObject
    if (canaryNow && !targetKey) {
      await untilStopped(Promise.all(startTargetWatches(canaryNow).map((w) => w.synced)))
    }
    if (timeoutSource !== 'input') {
      debug(`timeout ${formatDuration(timeoutMs)} (${timeoutSource})`)
    }
    progress()

    while (!verdict) {
      if (fatal) throw fatal
      tracker.flush()
      // While the Canary is missing, each reminder says whether its namespace is missing too.
      if (tracker.heartbeatDue(heartbeatMs) && !tracker.canaryObject) await checkNamespace()
      tracker.heartbeat(heartbeatMs)
      verdict = tracker.evaluate()
      if (verdict) break
      progress()
      await untilStopped(
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(tickMs, (tracker.flushDueInMs() ?? tickMs) + 1))
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        }),
      )
      wake = () => {}
    }
    // Events travel on their own stream and may trail the status that decided (after a re-list,
    // by a whole list): one last look, so that the outputs hold every event of the run and a
    // failure is reported with Flagger's reasons.
    const events = await untilStopped(
      client.list<KubeEvent>(eventsPath, { fieldSelector: eventSelector }, LAST_LOOK_ATTEMPTS),
    ).catch(() => undefined)
    for (const event of events?.items ?? []) tracker.observeEvent(event)
    if (verdict.result === 'failed') verdict = tracker.evaluate() ?? verdict
  } catch (error) {
    if (!stop.signal.aborted) throw error
    verdict ??=
      stop.signal.reason instanceof WaitCancelled ? tracker.cancelled() : tracker.timedOut(timeoutMs)
  } finally {
    clearTimeout(deadline)
    for (const watch of watches) watch.stop()
  }

  tracker.finish(verdict)
  const snapshot = tracker.snapshot()
  options.onProgress?.(snapshot, verdict)
  const stats: WatchStats = { lists: 0, watches: 0, resumes: 0, relists: 0, errors: 0 }
  for (const watch of watches) {
    for (const key of Object.keys(stats) as (keyof WatchStats)[]) stats[key] += watch.stats[key]
  }
  return {
    verdict,
    snapshot,
    durationSeconds: Math.round((Date.now() - tracker.startedAt) / 100) / 10,
    peak: tracker.peak,
    events: tracker.runEvents,
    timeline: tracker.timeline,
    timeoutMs,
    timeoutSource,
    strategy: analysisEstimateOf(tracker.canaryObject).strategy,
    requests: client.requests,
    watches: stats,
  }
}
