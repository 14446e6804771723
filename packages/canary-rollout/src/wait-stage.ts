import type { CanaryPhase } from '@canary-delivery/flagger'
import type { Canary } from './canary'
import { type HelmRelease, helmReleaseFailure } from './helm-release'
import { containerImages, type Workload } from './images'

/** What the watches have shown so far, as far as the stage of the wait depends on it. */
export interface StageFacts {
  /** The first list of every watch has arrived, so what was there before the wait is known. */
  synced: boolean
  canary: Canary | undefined
  target: Workload | undefined
  /** The target's pod template runs the expected image now. */
  targetCarries: boolean
  /** It did at some moment of this wait. */
  targetEverCarried: boolean
  helmRelease: HelmRelease | undefined
  /** Flux reconciled the HelmRelease's spec that holds the new image. */
  helmReleaseApplied: boolean
  /** What shows that Flagger started analysing this revision, once something does. */
  evidence: string | undefined
}

/**
 * Where the wait stands, in the order a rollout goes through: Flux applies the revision to the
 * target, Flagger notices it, analyses it (perhaps behind an approval gate) and promotes it. Two
 * stages end the wait before Flagger has a say: Flux giving up on the release, and the target
 * moving on to another image before ours was promoted.
 */
export type WaitStage =
  | { kind: 'listing' }
  | { kind: 'helm-release-failed'; release: string; reason: string }
  | { kind: 'superseded'; target: string; images: string[] }
  | { kind: 'waiting-for-helm-release' }
  | { kind: 'waiting-for-canary' }
  | { kind: 'waiting-for-target' }
  | { kind: 'waiting-for-flux'; target: string }
  | { kind: 'waiting-for-flagger'; phase: CanaryPhase | undefined }
  | { kind: 'waiting-for-approval'; phase: 'Waiting' | 'WaitingPromotion' }
  | { kind: 'analysing'; phase: CanaryPhase | undefined }

/** The one place the stage is derived; the log, the status description and the verdict all read it. */
export function waitStageOf(facts: StageFacts): WaitStage {
  const { canary, target } = facts
  if (!facts.synced) return { kind: 'listing' }
  if (!facts.targetCarries) {
    const failure = helmReleaseFailure(facts.helmRelease)
    if (failure && facts.helmRelease)
      return { kind: 'helm-release-failed', release: facts.helmRelease.metadata.name, reason: failure }
    if (facts.targetEverCarried && target)
      return { kind: 'superseded', target: target.metadata.name, images: containerImages(target) }
    if (facts.helmRelease && !facts.helmReleaseApplied) return { kind: 'waiting-for-helm-release' }
  }
  if (!canary) return { kind: 'waiting-for-canary' }
  if (!target) return { kind: 'waiting-for-target' }
  if (!facts.targetCarries) return { kind: 'waiting-for-flux', target: target.metadata.name }
  const phase = canary.status?.phase
  if (!facts.evidence) return { kind: 'waiting-for-flagger', phase }
  if (phase === 'Waiting' || phase === 'WaitingPromotion') return { kind: 'waiting-for-approval', phase }
  return { kind: 'analysing', phase }
}
