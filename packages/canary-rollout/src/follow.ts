import { formatDuration } from '@canary-delivery/action-kit'
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

export interface FollowOptions {
  client: KubeClient
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
  /** How often the verdict is re-checked without news (for time-based rules), default 250ms. */
  tickMs?: number
  /** A "still waiting for …" line after this long without one (default 60s). */
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

function splitRef(ref: string, namespace: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/')
  return slash > 0 ? { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) } : { namespace, name: ref }
}

function workloadPath(namespace: string, kind: string | undefined): string {
  const plural = kind === 'DaemonSet' ? 'daemonsets' : 'deployments'
  return `/apis/apps/v1/namespaces/${namespace}/${plural}`
}

/**
 * Follows the rollout of `expected` on one Canary until it is decided, through watches on the
 * Canary, its Events, the target and primary workloads and (optionally) the HelmRelease.
 */
export async function followRollout(options: FollowOptions): Promise<FollowResult> {
  const { client, namespace, name } = options
  const debug = options.debug ?? (() => {})
  const tickMs = options.tickMs ?? 250
  const heartbeatMs = options.heartbeatMs ?? 60_000
  const watchTimeoutSeconds = options.watchTimeoutSeconds ?? 300
  const canaryPath = `/apis/flagger.app/v1beta1/namespaces/${namespace}/canaries`
  const initial = await client.find<Canary>(`${canaryPath}/${name}`)
  let timeoutMs = options.timeoutMs ?? (initial ? defaultTimeoutMs(initial) : FALLBACK_TIMEOUT_MS)
  let timeoutSource: FollowResult['timeoutSource'] = options.timeoutMs
    ? 'input'
    : initial
      ? 'canary analysis'
      : 'fallback'
  const staleGraceMs = options.staleGraceMs ?? 3 * analysisEstimateOf(initial).intervalSeconds * 1000

  const tracker = new RolloutTracker({
    name,
    namespace,
    expected: options.expected,
    onWaitingPromotion: options.onWaitingPromotion ?? 'wait',
    helmRelease: options.helmRelease,
    staleGraceMs,
    coalesceMs: options.coalesceMs ?? 75,
    log: options.log,
  })

  const watches: ResourceWatch<never>[] = []
  let wake: () => void = () => {}
  const changed = () => wake()
  let fatal: Error | undefined
  const common = {
    client,
    timeoutSeconds: watchTimeoutSeconds,
    onNotice: debug,
    onFatal: (error: Error) => {
      fatal = error
      changed()
    },
  }
  const start = <T extends { metadata: { name: string } }>(
    path: string,
    fieldSelector: string,
    handle: (object: T | undefined) => void,
    tolerate?: (error: Error) => boolean,
  ) => {
    const watch = watchResource({
      ...common,
      onFatal: (error: Error) => {
        if (!tolerate?.(error)) common.onFatal(error)
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

  const initialWatches = [
    start<Canary>(canaryPath, `metadata.name=${name}`, (canary) => {
      tracker.observeCanary(canary)
      if (canary) {
        if (!options.timeoutMs && timeoutSource === 'fallback') {
          // Created during the wait: its analysis now says how long a run takes.
          timeoutMs = defaultTimeoutMs(canary) + (Date.now() - tracker.startedAt)
          timeoutSource = 'canary analysis'
        }
        if (!targetKey && initialSynced) startTargetWatches(canary)
      }
    }),
    start<KubeEvent>(
      `/api/v1/namespaces/${namespace}/events`,
      `involvedObject.kind=Canary,involvedObject.name=${name}`,
      (event) => {
        if (event) tracker.observeEvent(event)
      },
    ),
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

  let verdict: Verdict | undefined
  let lastProgressKey = ''
  const progress = () => {
    const snap = tracker.snapshot()
    const key = snapshotKey(snap)
    if (key !== lastProgressKey) {
      lastProgressKey = key
      options.onProgress?.(snap)
    }
  }

  try {
    // A watch that cannot list (RBAC, a missing CRD) rejects its `synced`.
    await Promise.all(initialWatches.map((w) => w.synced))
    initialSynced = true
    tracker.markSynced()
    const canaryNow = tracker.canaryObject
    if (canaryNow && !targetKey) {
      await Promise.all(startTargetWatches(canaryNow).map((w) => w.synced))
    }
    if (timeoutSource !== 'input') {
      debug(`timeout ${formatDuration(timeoutMs)} (${timeoutSource})`)
    }
    progress()

    while (!verdict) {
      if (fatal) throw fatal
      tracker.flush()
      tracker.heartbeat(heartbeatMs)
      verdict = tracker.evaluate()
      if (verdict) break
      progress()
      if (Date.now() - tracker.startedAt >= timeoutMs) {
        verdict = tracker.timedOut(timeoutMs)
        break
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(tickMs, (tracker.flushDueInMs() ?? tickMs) + 1))
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = () => {}
    }
    // Events travel on their own stream and may trail the status that decided: one last look, so
    // that the outputs hold every event of the run.
    const events = await client
      .list<KubeEvent>(`/api/v1/namespaces/${namespace}/events`, {
        fieldSelector: `involvedObject.kind=Canary,involvedObject.name=${name}`,
      })
      .catch(() => undefined)
    for (const event of events?.items ?? []) tracker.observeEvent(event)
  } finally {
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
