import { goDurationSeconds } from './duration'
import type { Strategy } from './providers'

/** The part of spec.analysis that decides the strategy and its pace. */
export interface AnalysisLike {
  interval?: string
  threshold?: number
  iterations?: number
  maxWeight?: number
  stepWeight?: number
  stepWeights?: number[]
  stepWeightPromotion?: number
  mirror?: boolean
  match?: unknown[]
}

/** A Canary's spec, or the Canary itself; `canaryAnalysis` is the v1alpha name of `analysis`. */
export interface CanarySpecLike {
  analysis?: AnalysisLike
  canaryAnalysis?: AnalysisLike
  skipAnalysis?: boolean
  spec?: CanarySpecLike
  [key: string]: unknown
}

function analysisOf(spec: CanarySpecLike): { analysis: AnalysisLike; skip: boolean } {
  const inner = spec.spec ?? spec
  return { analysis: inner.analysis ?? inner.canaryAnalysis ?? {}, skip: inner.skipAnalysis === true }
}

/**
 * The strategy as Flagger's scheduler decides it: match conditions with iterations are A/B testing;
 * iterations alone are blue/green (with mirroring when `mirror` is set); anything else shifts
 * weights (a canary; Flagger's weighted mirroring is still a canary run).
 */
export function detectStrategy(spec: CanarySpecLike): Strategy {
  const { analysis } = analysisOf(spec)
  const iterations = analysis.iterations ?? 0
  if (iterations > 0 && (analysis.match?.length ?? 0) > 0) return 'ab-testing'
  if (iterations > 0) return analysis.mirror ? 'blue-green-mirroring' : 'blue-green'
  return 'canary'
}

/** What Flagger does at each interval once it has seen a new revision. */
export interface AnalysisStep {
  /** Seconds after the tick that detected the new revision. */
  atSeconds: number
  /** Canary traffic in percent during this step (blue/green and A/B: undefined). */
  weight?: number
  /** Blue/green and A/B: which iteration. */
  iteration?: number
}

export interface AnalysisEstimate {
  strategy: Strategy
  /** The interval Flagger will really use (at least 10s, 60s when unset). */
  intervalSeconds: number
  /** Failed checks before rollback (Flagger's default is 1). */
  threshold: number
  /** The analysis steps, one per interval. */
  steps: AnalysisStep[]
  /** Intervals after the last step: the last check and the promotion, routing back to the primary, scaling down. */
  promotionIntervals: number
  /**
   * Seconds from the tick that detects the new revision to Succeeded, when every check passes:
   * interval × (one to start + steps + promotion). Add up to one interval for Flagger to notice
   * the change, and the time pods take to become ready.
   */
  analysisSeconds: number
  /** True when spec.skipAnalysis promotes without analysis. */
  skipped: boolean
}

/** The canary weights Flagger steps through: stepWeights as given, or stepWeight up to maxWeight. */
export function canaryWeights(analysis: AnalysisLike): number[] {
  if (analysis.stepWeights && analysis.stepWeights.length > 0) return [...analysis.stepWeights]
  const step = analysis.stepWeight ?? 0
  if (step <= 0) return []
  const max = analysis.maxWeight && analysis.maxWeight > 0 ? analysis.maxWeight : 100
  const weights: number[] = []
  for (let weight = 0; weight < max; ) {
    weight = Math.min(weight + step, max)
    weights.push(weight)
  }
  return weights
}

/**
 * How long a successful analysis of this Canary takes, following Flagger's scheduler: one tick
 * notices the revision and scales the canary up; each step then takes one interval (a weight, or
 * an iteration); at the last weight one more check passes and the primary is updated (Promoting);
 * the next tick routes all traffic back to the primary (Finalising, more ticks with
 * stepWeightPromotion), and the one after scales the canary down (Succeeded).
 */
export function estimateAnalysis(spec: CanarySpecLike): AnalysisEstimate {
  const { analysis, skip } = analysisOf(spec)
  const strategy = detectStrategy(spec)
  const parsed = analysis.interval ? goDurationSeconds(analysis.interval) : undefined
  const intervalSeconds = Math.max(10, parsed ?? 60)
  const threshold = analysis.threshold && analysis.threshold > 0 ? analysis.threshold : 1
  let steps: AnalysisStep[] = []
  if (!skip) {
    if (strategy === 'canary') {
      steps = canaryWeights(analysis).map((weight, i) => ({ atSeconds: (i + 1) * intervalSeconds, weight }))
    } else {
      const iterations = analysis.iterations ?? 0
      steps = Array.from({ length: iterations }, (_, i) => ({
        atSeconds: (i + 1) * intervalSeconds,
        iteration: i + 1,
      }))
    }
  }
  const lastWeight = steps.at(-1)?.weight ?? 100
  const promotion = analysis.stepWeightPromotion
  const routingBack =
    promotion && promotion > 0 && promotion < 100 && strategy === 'canary'
      ? Math.ceil(lastWeight / promotion)
      : 1
  const promotionIntervals = skip ? 1 : 1 + routingBack + 1
  return {
    strategy,
    intervalSeconds,
    threshold,
    steps,
    promotionIntervals,
    analysisSeconds: (steps.length + promotionIntervals) * intervalSeconds,
    skipped: skip,
  }
}
