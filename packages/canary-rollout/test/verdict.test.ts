import { describe, expect, it } from 'vitest'
import { canary, event, NEW, OLD, succeededOld, syncedTracker, tracker, workload } from './rollout-fixtures'

describe('the verdict', () => {
  it('reports a revision replaced mid-analysis as failed instead of waiting for a timeout', () => {
    const { t } = syncedTracker({ status: succeededOld, target: OLD, primary: OLD })
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
    const { t, lines } = syncedTracker({ status: succeededOld, target: OLD, primary: OLD })
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
    const failedOld = {
      phase: 'Failed',
      lastAppliedSpec: 'x',
      lastPromotedSpec: 'a',
      failedChecks: 2,
    } as const
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
    const { t } = syncedTracker({ status: succeededOld, target: NEW, primary: NEW })
    expect(t.evaluate()).toMatchObject({ result: 'no-rollout' })
  })

  it('treats a first install as initialized', () => {
    const { t } = tracker()
    t.markSynced()
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
      const { t, lines } = syncedTracker(
        { status: succeededOld, target: NEW, primary: OLD },
        { onWaitingPromotion: policy },
      )
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

  it('concludes that a revision was already rolled back when Flagger starts no new run', () => {
    let now = 0
    const stale = { phase: 'Failed', lastAppliedSpec: 'b', lastPromotedSpec: 'a' } as const
    const { t } = syncedTracker(
      { status: stale, target: NEW, primary: OLD },
      { staleGraceMs: 30_000, now: () => now },
    )
    now = 29_000
    t.observeCanary(canary(stale))
    expect(t.evaluate()).toBeUndefined()
    now = 31_000
    expect(t.evaluate()).toMatchObject({
      result: 'failed',
      message: expect.stringContaining('already rolled back'),
    })
  })

  it('fails when the HelmRelease stalls before the new image reaches the target', () => {
    const { t, lines } = syncedTracker({ status: succeededOld, target: OLD, primary: OLD })
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
})
