import { describe, expect, it } from 'vitest'
import {
  type Canary,
  defaultTimeoutMs,
  describeProgress,
  imageMatches,
  type KubeEvent,
  type OnWaitingPromotion,
  RolloutTracker,
  type Workload,
} from '../src/index'

const OLD = 'ghcr.io/acme/podinfo:1.0.0'
const NEW = 'ghcr.io/acme/podinfo:1.1.0'

const workload = (name: string, image: string): Workload => ({
  metadata: { name, resourceVersion: String(Math.random()) },
  spec: { template: { spec: { containers: [{ name: 'app', image }] } } },
})

let rv = 1
const canary = (status: Canary['status']): Canary => ({
  metadata: { name: 'podinfo', namespace: 'demo', resourceVersion: String(rv++) },
  spec: {
    targetRef: { kind: 'Deployment', name: 'podinfo' },
    analysis: { interval: '10s', threshold: 2, maxWeight: 50, stepWeight: 10 },
  },
  status,
})

let eventSeq = 0
const event = (type: string, message: string): KubeEvent => ({
  metadata: { name: `podinfo.${eventSeq++}` },
  type,
  reason: 'Synced',
  message,
  count: 1,
  involvedObject: { kind: 'Canary', name: 'podinfo' },
})

function tracker(
  options: { onWaitingPromotion?: OnWaitingPromotion; staleGraceMs?: number; now?: () => number } = {},
) {
  const lines: string[] = []
  const t = new RolloutTracker({
    name: 'podinfo',
    namespace: 'demo',
    expected: { tag: '1.1.0' },
    onWaitingPromotion: options.onWaitingPromotion ?? 'wait',
    staleGraceMs: options.staleGraceMs ?? 30_000,
    now: options.now,
    log: (line) => lines.push(line),
  })
  return { t, lines }
}

const succeededOld = {
  phase: 'Succeeded',
  lastAppliedSpec: 'a',
  lastPromotedSpec: 'a',
  canaryWeight: 0,
  failedChecks: 0,
}

describe('RolloutTracker', () => {
  it('reports a revision replaced mid-analysis as failed instead of waiting for a timeout', () => {
    const { t } = tracker()
    t.observeCanary(canary(succeededOld))
    t.observeTarget(workload('podinfo', OLD))
    t.observePrimary(workload('podinfo-primary', OLD))
    t.markSynced()
    t.observeTarget(workload('podinfo', NEW))
    t.observeEvent(event('Normal', 'New revision detected! Scaling up podinfo.demo'))
    t.observeCanary(canary({ ...succeededOld, phase: 'Progressing', lastAppliedSpec: 'b', canaryWeight: 20 }))
    expect(t.evaluate()).toBeUndefined()
    // Someone applies a newer tag: Flagger will restart the analysis for it, never promote ours.
    t.observeTarget(workload('podinfo', 'ghcr.io/acme/podinfo:1.2.0'))
    expect(t.evaluate()).toEqual({
      result: 'failed',
      message:
        'tag 1.1.0 was replaced before Flagger promoted it: podinfo now runs ghcr.io/acme/podinfo:1.2.0',
      reasons: ['superseded by ghcr.io/acme/podinfo:1.2.0'],
    })
  })

  it('ignores the previous run’s Succeeded and waits for the promotion of the new image', () => {
    const { t, lines } = tracker()
    t.observeCanary(canary(succeededOld))
    t.observeTarget(workload('podinfo', OLD))
    t.observePrimary(workload('podinfo-primary', OLD))
    t.markSynced()
    expect(t.evaluate()).toBeUndefined()
    // Flux applies the tag; Flagger has not ticked yet: the canary still says Succeeded.
    t.observeTarget(workload('podinfo', NEW))
    t.observeCanary(canary(succeededOld))
    expect(t.evaluate()).toBeUndefined()
    t.observeEvent(event('Normal', 'New revision detected! Scaling up podinfo.demo'))
    t.observeCanary(canary({ ...succeededOld, phase: 'Progressing', lastAppliedSpec: 'b' }))
    for (const weight of [10, 20, 30, 40, 50]) {
      t.observeCanary(
        canary({ ...succeededOld, phase: 'Progressing', lastAppliedSpec: 'b', canaryWeight: weight }),
      )
      t.observeEvent(event('Normal', `Advance podinfo.demo canary weight ${weight}`))
      expect(t.evaluate()).toBeUndefined()
    }
    t.observeCanary(canary({ ...succeededOld, phase: 'Promoting', lastAppliedSpec: 'b', canaryWeight: 50 }))
    t.observePrimary(workload('podinfo-primary', NEW))
    t.observeCanary(canary({ ...succeededOld, phase: 'Finalising', lastAppliedSpec: 'b' }))
    expect(t.evaluate()).toBeUndefined()
    t.observeCanary(
      canary({ ...succeededOld, phase: 'Succeeded', lastAppliedSpec: 'b', lastPromotedSpec: 'b' }),
    )
    expect(t.evaluate()).toMatchObject({ result: 'succeeded' })
    expect(t.peak).toEqual({ weight: 50, failedChecks: 0 })
    expect(lines.some((l) => /Progressing\s+30% \(3\/5\)\s+0 failed checks/.test(l))).toBe(true)
    expect(lines[0]).toMatch(/Succeeded is from an earlier run; waiting for Flux to apply tag 1\.1\.0/)
  })

  it('never reports the previous run’s Failed, and reports this run’s failure with Flagger’s reasons', () => {
    const { t } = tracker()
    const failedOld = { phase: 'Failed', lastAppliedSpec: 'x', lastPromotedSpec: 'a', failedChecks: 2 }
    t.observeCanary(canary(failedOld))
    t.observeEvent(event('Warning', 'Rolling back podinfo.demo failed checks threshold reached 2'))
    t.observeTarget(workload('podinfo', 'ghcr.io/acme/podinfo:0.9.9'))
    t.observePrimary(workload('podinfo-primary', OLD))
    t.markSynced()
    t.observeTarget(workload('podinfo', NEW))
    // While Failed, Flagger refreshes lastAppliedSpec: not a new run.
    t.observeCanary(canary({ ...failedOld, lastAppliedSpec: 'y' }))
    expect(t.evaluate()).toBeUndefined()
    t.observeEvent(event('Normal', 'New revision detected! Scaling up podinfo.demo'))
    t.observeCanary(canary({ ...failedOld, phase: 'Progressing', failedChecks: 0, lastAppliedSpec: 'z' }))
    t.observeEvent(event('Warning', 'Halt podinfo.demo advancement success rate 42.00% < 99%'))
    t.observeCanary(
      canary({ ...failedOld, phase: 'Progressing', canaryWeight: 10, failedChecks: 1, lastAppliedSpec: 'z' }),
    )
    t.observeEvent(event('Warning', 'Rolling back podinfo.demo failed checks threshold reached 2'))
    t.observeEvent(event('Warning', 'Canary failed! Scaling down podinfo.demo'))
    t.observeCanary(canary({ ...failedOld, phase: 'Failed', failedChecks: 2, lastAppliedSpec: 'z' }))
    const verdict = t.evaluate()
    expect(verdict?.result).toBe('failed')
    expect(verdict?.reasons).toEqual([
      'Rolling back podinfo.demo failed checks threshold reached 2',
      'Halt podinfo.demo advancement success rate 42.00% < 99%',
      'Canary failed! Scaling down podinfo.demo',
    ])
    expect(verdict?.message).toContain('failed checks threshold reached 2')
  })

  it('says no-rollout at once when the tag already is the promoted version', () => {
    const { t } = tracker()
    t.observeCanary(canary(succeededOld))
    t.observeTarget(workload('podinfo', NEW))
    t.observePrimary(workload('podinfo-primary', NEW))
    t.markSynced()
    expect(t.evaluate()).toMatchObject({ result: 'no-rollout' })
  })

  it('treats a first install as initialized', () => {
    const { t } = tracker()
    t.markSynced()
    expect(t.waitingFor()).toBe('Canary podinfo.demo to be created')
    t.observeCanary(canary(undefined))
    t.observeTarget(workload('podinfo', NEW))
    t.observeCanary(canary({ phase: 'Initializing' }))
    t.observePrimary(workload('podinfo-primary', NEW))
    expect(t.evaluate()).toBeUndefined()
    t.observeEvent(event('Normal', 'Initialization done! podinfo.demo'))
    t.observeCanary(canary({ phase: 'Initialized', lastAppliedSpec: 'a', lastPromotedSpec: 'a' }))
    expect(t.evaluate()).toMatchObject({ result: 'initialized' })
  })

  it('applies on-waiting-promotion to a confirm-promotion gate of this run only', () => {
    for (const [policy, expected] of [
      ['wait', undefined],
      ['fail', 'failed'],
      ['succeed', 'succeeded'],
    ] as const) {
      const { t, lines } = tracker({ onWaitingPromotion: policy })
      t.observeCanary(canary(succeededOld))
      t.observeTarget(workload('podinfo', NEW))
      t.observePrimary(workload('podinfo-primary', OLD))
      t.markSynced()
      t.observeCanary(
        canary({ ...succeededOld, phase: 'Progressing', lastAppliedSpec: 'b', canaryWeight: 50 }),
      )
      t.observeEvent(event('Warning', 'Halt podinfo.demo advancement waiting for approval approve-promotion'))
      t.observeCanary(
        canary({ ...succeededOld, phase: 'WaitingPromotion', lastAppliedSpec: 'b', canaryWeight: 50 }),
      )
      expect(t.evaluate()?.result).toBe(expected)
      expect(lines.some((l) => l.includes('waiting for approval (approve-promotion)'))).toBe(true)
      if (policy === 'wait') expect(t.waitingFor()).toBe('approval from approve-promotion (WaitingPromotion)')
    }
  })

  it('reports a closed confirm-rollout gate as waiting for approval', () => {
    const { t, lines } = tracker()
    t.observeCanary(canary(succeededOld))
    t.observeTarget(workload('podinfo', NEW))
    t.observePrimary(workload('podinfo-primary', OLD))
    t.markSynced()
    t.observeEvent(event('Warning', 'Halt podinfo.demo advancement waiting for approval approve-rollout'))
    t.observeCanary(canary({ ...succeededOld, phase: 'Waiting' }))
    expect(t.evaluate()).toBeUndefined()
    expect(t.waitingFor()).toBe('approval from approve-rollout (Waiting)')
    expect(lines.at(-2)).toMatch(/waiting for approval \(approve-rollout\): Halt podinfo\.demo advancement/)
  })

  it('concludes that a revision was already rolled back when Flagger starts no new run', () => {
    let now = 0
    const { t } = tracker({ staleGraceMs: 30_000, now: () => now })
    t.observeCanary(canary({ phase: 'Failed', lastAppliedSpec: 'b', lastPromotedSpec: 'a' }))
    t.observeTarget(workload('podinfo', NEW))
    t.observePrimary(workload('podinfo-primary', OLD))
    t.markSynced()
    now = 29_000
    t.observeCanary(canary({ phase: 'Failed', lastAppliedSpec: 'b', lastPromotedSpec: 'a' }))
    expect(t.evaluate()).toBeUndefined()
    now = 31_000
    expect(t.evaluate()).toMatchObject({
      result: 'failed',
      message: expect.stringContaining('already rolled back'),
    })
  })

  it('fails when the HelmRelease stalls before the new image reaches the target', () => {
    const { t, lines } = tracker()
    t.observeCanary(canary(succeededOld))
    t.observeTarget(workload('podinfo', OLD))
    t.observePrimary(workload('podinfo-primary', OLD))
    t.markSynced()
    expect(t.evaluate()).toBeUndefined()
    const stalled = {
      metadata: { name: 'podinfo', generation: 2 },
      spec: { values: { image: { tag: '1.1.0' } } },
      status: {
        observedGeneration: 2,
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'UpgradeFailed',
            message: 'Helm upgrade failed: timed out waiting for the condition',
          },
          {
            type: 'Stalled',
            status: 'True',
            reason: 'RetriesExceeded',
            message: 'Failed to upgrade after 3 attempts',
          },
        ],
      },
    }
    t.observeHelmRelease(stalled)
    expect(t.evaluate()).toMatchObject({
      result: 'failed',
      message: 'HelmRelease podinfo failed: Failed to upgrade after 3 attempts',
    })
    expect(lines.at(-1)).toMatch(/HelmRelease podinfo: Ready=False \(UpgradeFailed\) Helm upgrade failed/)
  })

  it('shows that a long silent wait goes on, once a minute', () => {
    let now = 0
    const { t, lines } = tracker({ now: () => now })
    t.observeCanary(canary(succeededOld))
    t.observeTarget(workload('podinfo', OLD))
    t.markSynced()
    now = 59_000
    t.heartbeat(60_000)
    expect(lines).toHaveLength(1)
    now = 60_000
    t.heartbeat(60_000)
    now = 61_000
    t.heartbeat(60_000)
    expect(lines.slice(1)).toEqual([
      '[01:00] Succeeded        0%           0 failed checks  still waiting for Flux to apply tag 1.1.0 to podinfo',
    ])
    expect(t.timeline).toHaveLength(1)
  })

  it('names what it waits for when time runs out', () => {
    const { t } = tracker()
    t.observeCanary(canary(succeededOld))
    t.observeTarget(workload('podinfo', OLD))
    t.markSynced()
    expect(t.timedOut(90_000).message).toBe(
      'Timed out after 01:30 waiting for Flux to apply tag 1.1.0 to podinfo',
    )
  })
})

describe('canary arithmetic', () => {
  it('derives the progress and a timeout from the analysis, as Flagger schedules it', () => {
    // 10s × (5 weight steps + promote, route back, finalise + notice + spare) + 600s progress deadline
    expect(defaultTimeoutMs(canary({}))).toBe(10_000 * 10 + 600_000)
    expect(describeProgress(canary({ phase: 'Progressing', canaryWeight: 20 }))).toBe('20% (2/5)')
    const stepped = canary({ phase: 'Progressing', canaryWeight: 25 })
    stepped.spec = { ...stepped.spec, analysis: { interval: '1m', stepWeights: [1, 5, 25, 50] } }
    expect(describeProgress(stepped)).toBe('25% (3/4)')
    expect(defaultTimeoutMs(stepped)).toBe(60_000 * 9 + 600_000)
    // On the kubernetes provider Flagger runs blue/green with 10 iterations, then switches traffic.
    const blueGreen = { ...canary({ phase: 'Progressing', iterations: 3 }) }
    blueGreen.spec = { ...blueGreen.spec, provider: 'kubernetes' }
    expect(describeProgress(blueGreen)).toBe('iteration 3/10')
    expect(defaultTimeoutMs(blueGreen)).toBe(10_000 * (10 + 4 + 2) + 600_000)
  })

  it('matches images by tag or full reference', () => {
    expect(imageMatches(NEW, { tag: '1.1.0' })).toBe(true)
    expect(imageMatches('ghcr.io/acme/podinfo:1.1.0-rc1', { tag: '1.1.0' })).toBe(false)
    expect(imageMatches(NEW, { image: 'ghcr.io/acme/podinfo', tag: '1.1.0' })).toBe(true)
    expect(imageMatches('docker.io/library/nginx:1.27', { image: 'nginx:1.27' })).toBe(true)
    expect(imageMatches('ghcr.io/other/podinfo:1.1.0', { image: 'ghcr.io/acme/podinfo:1.1.0' })).toBe(false)
  })
})
