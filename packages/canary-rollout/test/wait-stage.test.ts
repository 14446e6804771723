import { describe, expect, it } from 'vitest'
import { type StageFacts, waitStageOf } from '../src/wait-stage'
import { canary, event, NEW, OLD, succeededOld, syncedTracker, tracker, workload } from './rollout-fixtures'

describe('the stage of the wait', () => {
  it('follows a rollout from Flux applying the tag to Flagger promoting it', () => {
    const { t } = tracker()
    t.observeCanary(canary(succeededOld))
    t.observeTarget(workload('podinfo', OLD))
    expect(t.stage()).toEqual({ kind: 'listing' })
    t.markSynced()
    expect(t.stage()).toEqual({ kind: 'waiting-for-flux', target: 'podinfo' })
    t.observeTarget(workload('podinfo', NEW))
    // The Succeeded on the Canary is the previous run's: nothing shows that Flagger saw ours yet.
    expect(t.stage()).toEqual({ kind: 'waiting-for-flagger', phase: 'Succeeded' })
    t.observeEvent(event('Normal', 'New revision detected! Scaling up podinfo.demo'))
    t.observeCanary(canary({ ...succeededOld, phase: 'Progressing', lastAppliedSpec: 'b', canaryWeight: 10 }))
    expect(t.stage()).toEqual({ kind: 'analysing', phase: 'Progressing' })
    expect(t.waitingFor()).toBe('Flagger to finish the analysis (Progressing 10% (1/5))')
    t.observeCanary(canary({ ...succeededOld, phase: 'WaitingPromotion', lastAppliedSpec: 'b' }))
    expect(t.stage()).toEqual({ kind: 'waiting-for-approval', phase: 'WaitingPromotion' })
    t.observeCanary(canary({ ...succeededOld, phase: 'Promoting', lastAppliedSpec: 'b' }))
    expect(t.stage()).toEqual({ kind: 'analysing', phase: 'Promoting' })
  })

  it('waits for the Canary, then its target, before anything else', () => {
    const { t } = tracker()
    t.markSynced()
    expect(t.stage()).toEqual({ kind: 'waiting-for-canary' })
    expect(t.waitingFor()).toBe('Canary podinfo.demo to be created')
    t.observeCanary(canary(undefined))
    expect(t.stage()).toEqual({ kind: 'waiting-for-target' })
    expect(t.waitingFor()).toBe('target podinfo to exist')
  })

  it('waits for the HelmRelease first while Flux has not applied it, naming its state', () => {
    const { t } = syncedTracker({ status: succeededOld, target: OLD }, { helmRelease: 'podinfo' })
    // No HelmRelease of that name: the wait follows the target alone.
    expect(t.stage()).toEqual({ kind: 'waiting-for-flux', target: 'podinfo' })
    const release = (observedGeneration: number) => ({
      metadata: { name: 'podinfo', generation: 2 },
      spec: { values: { image: { tag: '1.1.0' } } },
      status: { observedGeneration, conditions: [{ type: 'Ready', status: 'True', reason: 'Succeeded' }] },
    })
    t.observeHelmRelease(release(1))
    expect(t.stage()).toEqual({ kind: 'waiting-for-helm-release' })
    expect(t.waitingFor()).toBe(
      'HelmRelease podinfo to apply tag 1.1.0 (HelmRelease podinfo: Ready=True (Succeeded))',
    )
    t.observeHelmRelease(release(2))
    expect(t.stage()).toEqual({ kind: 'waiting-for-flux', target: 'podinfo' })
  })

  it('reports a closed confirm-rollout gate as waiting for approval', () => {
    const { t, lines } = syncedTracker({ status: succeededOld, target: NEW, primary: OLD })
    t.observeEvent(event('Warning', 'Halt podinfo.demo advancement waiting for approval approve-rollout'))
    t.observeCanary(canary({ ...succeededOld, phase: 'Waiting' }))
    expect(t.evaluate()).toBeUndefined()
    expect(t.stage()).toEqual({ kind: 'waiting-for-approval', phase: 'Waiting' })
    expect(t.waitingFor()).toBe('approval from approve-rollout (Waiting)')
    expect(lines.at(-2)).toMatch(/waiting for approval \(approve-rollout\): Halt podinfo\.demo advancement/)
  })

  it('names what it waits for when time runs out', () => {
    const { t } = syncedTracker({ status: succeededOld, target: OLD })
    expect(t.timedOut(90_000).message).toBe(
      'Timed out after 01:30 waiting for Flux to apply tag 1.1.0 to podinfo',
    )
  })

  it('puts a failed HelmRelease and a superseded revision before every waiting stage', () => {
    const target = workload('podinfo', 'ghcr.io/acme/podinfo:1.2.0')
    const facts: StageFacts = {
      synced: true,
      canary: undefined,
      target,
      targetCarries: false,
      targetEverCarried: true,
      helmRelease: undefined,
      helmReleaseApplied: false,
      evidence: undefined,
    }
    expect(waitStageOf(facts)).toEqual({
      kind: 'superseded',
      target: 'podinfo',
      images: ['ghcr.io/acme/podinfo:1.2.0'],
    })
    const stalled = {
      metadata: { name: 'podinfo' },
      status: { conditions: [{ type: 'Stalled', status: 'True', reason: 'RetriesExceeded' }] },
    }
    expect(waitStageOf({ ...facts, helmRelease: stalled })).toEqual({
      kind: 'helm-release-failed',
      release: 'podinfo',
      reason: 'RetriesExceeded',
    })
    // Once the target runs the revision, the release's later troubles are not this wait's.
    expect(waitStageOf({ ...facts, helmRelease: stalled, targetCarries: true }).kind).toBe(
      'waiting-for-canary',
    )
  })
})
