import type { CanaryPhase } from '@canary-delivery/flagger'
import type { CanaryStatus } from './canary'
import { failureReasons, type RunEvent } from './events'
import type { WaitStage } from './wait-stage'

export type RolloutResult =
  | 'succeeded'
  | 'failed'
  | 'timed-out'
  | 'no-rollout'
  | 'initialized'
  /** The job was cancelled (SIGINT/SIGTERM) before Flagger decided. */
  | 'cancelled'
export type OnWaitingPromotion = 'wait' | 'fail' | 'succeed'

export interface Verdict {
  result: RolloutResult
  /** One sentence a person reads first. */
  message: string
  /** Flagger's own words for a failure (Halt / Rolling back messages). */
  reasons: string[]
}

/** What the rules need beyond the stage: the canary now, how things stood at the start, the policy. */
export interface VerdictFacts {
  stage: WaitStage
  /** `name.namespace` of the Canary. */
  canaryId: string
  /** The expected image, as people read it. */
  expected: string
  status: CanaryStatus
  /** Whether the primary runs the expected image; undefined while the primary is not known. */
  primaryCarries: boolean | undefined
  /** Whether the primary already ran it when the target first did: the tag was promoted before. */
  primaryCarriedWhenTargetFirstCarried: boolean | undefined
  canaryExistedAtStart: boolean | undefined
  sawInitializing: boolean
  targetCarriedAtStart: boolean | undefined
  /** The phase the Canary had when the wait started. */
  baselinePhase: CanaryPhase | undefined
  /** Flagger had its grace period to start a new run on a revision it had already rolled back. */
  staleGraceOver: boolean
  onWaitingPromotion: OnWaitingPromotion
  /** The confirm webhook a "waiting for approval" event named, or ''. */
  approval: string
  runEvents: readonly RunEvent[]
}

/**
 * The outcome, once there is one. A Succeeded or Failed left by an earlier run never counts;
 * success needs the primary (the promoted spec) to run the expected image; a tag that is already
 * the promoted version is `no-rollout`; a first install is `initialized`.
 */
export function decideVerdict(facts: VerdictFacts): Verdict | undefined {
  const { stage, expected } = facts
  switch (stage.kind) {
    case 'helm-release-failed':
      return {
        result: 'failed',
        message: `HelmRelease ${stage.release} failed: ${stage.reason}`,
        reasons: [stage.reason],
      }
    case 'superseded': {
      // A newer revision was applied before ours was promoted: Flagger restarts the analysis for it,
      // and ours will never be promoted. Waiting on would only end in a timeout.
      const now = stage.images.join(', ')
      return {
        result: 'failed',
        message: `${expected} was replaced before Flagger promoted it: ${stage.target} now runs ${now}`,
        reasons: [`superseded by ${now}`],
      }
    }
    case 'waiting-for-flagger':
      return phaseVerdict(facts, false)
    case 'waiting-for-approval':
    case 'analysing':
      return phaseVerdict(facts, true)
    default:
      return undefined
  }
}

/** The rules once the target runs the expected image, by the Canary's phase. */
function phaseVerdict(facts: VerdictFacts, analysing: boolean): Verdict | undefined {
  const { status, primaryCarries, canaryId, expected, approval } = facts
  switch (status.phase) {
    case 'Initialized':
      if (
        primaryCarries ||
        (primaryCarries === undefined && (facts.sawInitializing || !facts.canaryExistedAtStart))
      ) {
        return {
          result: 'initialized',
          message: `First deployment of ${canaryId}: Flagger initialized it with ${expected} without analysis; the next revision will be analysed`,
          reasons: [],
        }
      }
      return undefined
    case 'Succeeded':
      if (primaryCarries && !analysing && facts.primaryCarriedWhenTargetFirstCarried) {
        return {
          result: 'no-rollout',
          message: `${expected} is already the promoted version of ${canaryId}; Flagger had nothing to analyse`,
          reasons: [],
        }
      }
      if (
        primaryCarries ||
        (primaryCarries === undefined && analysing && status.lastPromotedSpec === status.lastAppliedSpec)
      ) {
        return { result: 'succeeded', message: `${canaryId} promoted ${expected}`, reasons: [] }
      }
      return undefined
    case 'Failed': {
      if (analysing) {
        const reasons = failureReasons(facts.runEvents)
        return {
          result: 'failed',
          message: `Flagger rolled back ${expected} on ${canaryId}${reasons.length ? `: ${reasons[0]}` : ''}`,
          reasons,
        }
      }
      if (primaryCarries && facts.primaryCarriedWhenTargetFirstCarried) {
        return {
          result: 'no-rollout',
          message: `${expected} is already the promoted version of ${canaryId} (the Failed phase belongs to a later revision that was reverted)`,
          reasons: [],
        }
      }
      if (facts.targetCarriedAtStart && facts.baselinePhase === 'Failed' && facts.staleGraceOver) {
        return {
          result: 'failed',
          message: `${expected} was already rolled back before this wait started: ${canaryId} stays Failed and Flagger does not retry a revision until its pod template changes`,
          reasons: [],
        }
      }
      return undefined
    }
    case 'WaitingPromotion':
      if (!analysing || facts.onWaitingPromotion === 'wait') return undefined
      if (facts.onWaitingPromotion === 'succeed') {
        return {
          result: 'succeeded',
          message: `${canaryId} passed the analysis of ${expected}; promotion is waiting for approval${approval ? ` (${approval})` : ''}`,
          reasons: [],
        }
      }
      return {
        result: 'failed',
        message: `${canaryId} is waiting for promotion approval${approval ? ` (${approval})` : ''} and on-waiting-promotion is 'fail'`,
        reasons: approval ? [`waiting for approval ${approval}`] : [],
      }
    default:
      return undefined
  }
}
