// The objects a RolloutTracker is fed in tests, shaped as the Kubernetes API delivers them.
import type { Canary, CanaryStatus } from '../src/canary'
import type { KubeEvent } from '../src/events'
import type { Workload } from '../src/images'
import { RolloutTracker } from '../src/tracker'
import type { OnWaitingPromotion } from '../src/verdict'

export const OLD = 'ghcr.io/acme/podinfo:1.0.0'
export const NEW = 'ghcr.io/acme/podinfo:1.1.0'

export const workload = (name: string, image: string): Workload => ({
  metadata: { name, resourceVersion: String(Math.random()) },
  spec: { template: { spec: { containers: [{ name: 'app', image }] } } },
})

let rv = 1
export const canary = (status: CanaryStatus | undefined): Canary => ({
  metadata: { name: 'podinfo', namespace: 'demo', resourceVersion: String(rv++) },
  spec: {
    targetRef: { kind: 'Deployment', name: 'podinfo' },
    analysis: { interval: '10s', threshold: 2, maxWeight: 50, stepWeight: 10 },
  },
  status,
})

let eventSeq = 0
export const event = (type: string, message: string): KubeEvent => ({
  metadata: { name: `podinfo.${eventSeq++}` },
  type,
  reason: 'Synced',
  message,
  count: 1,
  involvedObject: { kind: 'Canary', name: 'podinfo' },
})

/** The status an earlier, promoted run leaves behind. */
export const succeededOld: CanaryStatus = {
  phase: 'Succeeded',
  lastAppliedSpec: 'a',
  lastPromotedSpec: 'a',
  canaryWeight: 0,
  failedChecks: 0,
}

export interface TrackerSetup {
  onWaitingPromotion?: OnWaitingPromotion
  staleGraceMs?: number
  now?: () => number
  coalesceMs?: number
  helmRelease?: string
}

/** A tracker following `tag 1.1.0` on podinfo.demo, and the lines it logs. */
export function tracker(setup: TrackerSetup = {}) {
  const lines: string[] = []
  const t = new RolloutTracker({
    name: 'podinfo',
    namespace: 'demo',
    expected: { tag: '1.1.0' },
    onWaitingPromotion: setup.onWaitingPromotion ?? 'wait',
    staleGraceMs: setup.staleGraceMs ?? 30_000,
    now: setup.now,
    coalesceMs: setup.coalesceMs,
    helmRelease: setup.helmRelease,
    log: (line) => lines.push(line),
  })
  return { t, lines }
}

/**
 * A tracker whose watches listed the Canary with `status`, the target running `target` and (when
 * given) the primary running `primary`, and then synced.
 */
export function syncedTracker(
  start: { status: CanaryStatus; target: string; primary?: string },
  setup: TrackerSetup = {},
) {
  const made = tracker(setup)
  made.t.observeCanary(canary(start.status))
  made.t.observeTarget(workload('podinfo', start.target))
  if (start.primary) made.t.observePrimary(workload('podinfo-primary', start.primary))
  made.t.markSynced()
  return made
}
