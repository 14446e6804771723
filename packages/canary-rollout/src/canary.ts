import type { CanaryPhase } from '@canary-delivery/flagger'
import { type AnalysisEstimate, type AnalysisLike, estimateAnalysis } from '@canary-delivery/flagger/analysis'
import type { KubeObject } from '@canary-delivery/kube'

export interface CanaryStatus {
  phase?: CanaryPhase
  canaryWeight?: number
  iterations?: number
  failedChecks?: number
  lastAppliedSpec?: string
  lastPromotedSpec?: string
  lastTransitionTime?: string
  trackedConfigs?: Record<string, string>
  conditions?: { type: string; status: string; reason?: string; message?: string }[]
}

export interface Canary extends KubeObject {
  spec?: {
    targetRef?: { apiVersion?: string; kind?: string; name?: string }
    progressDeadlineSeconds?: number
    provider?: string
    analysis?: AnalysisLike
    skipAnalysis?: boolean
  }
  status?: CanaryStatus
}

/** The run Flagger's scheduler will go through for this Canary (the same arithmetic render-canary-values plans with). */
export function analysisEstimateOf(canary: Canary | undefined): AnalysisEstimate {
  return estimateAnalysis(canary?.spec ?? {})
}

/**
 * A fair time budget for one run: the analysis and promotion as Flagger schedules them, one
 * interval for Flagger to notice the revision and one to spare, and the progress deadline for
 * pods to become ready.
 */
export function defaultTimeoutMs(canary: Canary | undefined): number {
  const { analysisSeconds, intervalSeconds } = analysisEstimateOf(canary)
  const deadlineSeconds = canary?.spec?.progressDeadlineSeconds ?? 600
  return (analysisSeconds + 2 * intervalSeconds + deadlineSeconds) * 1000
}

/** Where in its run the canary is: `30% (3/5)` or `iteration 2/10`. */
export function describeProgress(canary: Canary | undefined): string {
  const status = canary?.status
  if (!status) return ''
  const { strategy, steps } = analysisEstimateOf(canary)
  if (strategy !== 'canary') return status.iterations ? `iteration ${status.iterations}/${steps.length}` : ''
  const weight = status.canaryWeight ?? 0
  const weights = steps.flatMap((step) => (step.weight && !step.mirrored ? [step.weight] : []))
  const index = weights.indexOf(weight)
  if (weight === 0) return '0%'
  return index >= 0 ? `${weight}% (${index + 1}/${weights.length})` : `${weight}%`
}
