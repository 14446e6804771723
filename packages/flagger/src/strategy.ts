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
  provider?: string
  spec?: CanarySpecLike
  [key: string]: unknown
}

function analysisOf(spec: CanarySpecLike): { analysis: AnalysisLike; skip: boolean; provider?: string } {
  const inner = spec.spec ?? spec
  const analysis = inner.analysis ?? inner.canaryAnalysis ?? {}
  const provider = typeof inner.provider === 'string' ? inner.provider : undefined
  if (provider === 'kubernetes') {
    // Flagger's scheduler turns any Canary on the kubernetes provider into blue/green: it drops
    // match conditions and sets 10 iterations when there are none.
    return {
      analysis: {
        ...analysis,
        match: undefined,
        iterations: (analysis.iterations ?? 0) > 0 ? analysis.iterations : 10,
      },
      skip: inner.skipAnalysis === true,
      provider,
    }
  }
  return { analysis, skip: inner.skipAnalysis === true, provider }
}

/**
 * The strategy as Flagger's scheduler decides it: match conditions with iterations are A/B testing;
 * iterations alone are blue/green (with mirroring when `mirror` is set); anything else shifts
 * weights (a canary; Flagger's weighted mirroring is still a canary run). On the kubernetes
 * provider everything is blue/green.
 */
export function detectStrategy(spec: CanarySpecLike): Strategy {
  const { analysis, provider } = analysisOf(spec)
  const iterations = analysis.iterations ?? 0
  if (iterations > 0 && (analysis.match?.length ?? 0) > 0) return 'ab-testing'
  if (iterations > 0)
    return analysis.mirror && provider !== 'kubernetes' ? 'blue-green-mirroring' : 'blue-green'
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
  /** A canary with `mirror: true` mirrors traffic for one step before shifting any. */
  mirrored?: boolean
}

/** What happens after the last step, one interval each. */
export type PromotionPhase = 'switch' | 'promote' | 'route-back' | 'finalise'

export interface AnalysisEstimate {
  strategy: Strategy
  /** The interval Flagger will really use (at least 10s, 60s when unset). */
  intervalSeconds: number
  /** Failed checks before rollback (Flagger's default is 1). */
  threshold: number
  /** The analysis steps, one per interval, the first one interval after the revision is noticed. */
  steps: AnalysisStep[]
  /**
   * The intervals after the last step: blue/green first switches all traffic to the new version
   * (`switch`); then the last check passes and the primary gets the new spec (`promote`); traffic
   * returns to the primary (`route-back`, one interval per stepWeightPromotion step); the canary is
   * scaled down (`finalise`, then Succeeded).
   */
  promotion: PromotionPhase[]
  /**
   * Seconds from the tick that notices the new revision to Succeeded, when every check passes:
   * interval × (steps + promotion). Add up to one interval for Flagger to notice the change, and
   * the time pods take to become ready.
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
 * How long a successful analysis of this Canary takes, following Flagger 1.44's scheduler tick by
 * tick: one tick notices the revision and scales the canary up; each step then takes one interval
 * (a weight, or an iteration; the first also runs the pre-rollout webhooks); then the phases of
 * `promotion`, one interval each.
 */
export function estimateAnalysis(spec: CanarySpecLike): AnalysisEstimate {
  const { analysis, skip } = analysisOf(spec)
  const strategy = detectStrategy(spec)
  const parsed = analysis.interval ? goDurationSeconds(analysis.interval) : undefined
  const intervalSeconds = Math.max(10, parsed ?? 60)
  const threshold = analysis.threshold && analysis.threshold > 0 ? analysis.threshold : 1
  const at = (i: number) => (i + 1) * intervalSeconds
  let steps: AnalysisStep[] = []
  let promotion: PromotionPhase[]
  if (skip) {
    // spec.skipAnalysis: promoted and finalised within the tick that notices the revision.
    promotion = ['promote']
  } else if (strategy === 'canary') {
    const weights = canaryWeights(analysis)
    const shifts: AnalysisStep[] =
      analysis.mirror && weights.length ? [{ atSeconds: 0, weight: 0, mirrored: true }] : []
    steps = [...shifts, ...weights.map((weight) => ({ atSeconds: 0, weight }))].map((step, i) => ({
      ...step,
      atSeconds: at(i),
    }))
    const lastWeight = weights.at(-1) ?? 0
    const stepPromotion = analysis.stepWeightPromotion ?? 0
    const routeBack = stepPromotion > 0 && lastWeight > 0 ? Math.ceil(lastWeight / stepPromotion) : 1
    promotion = ['promote', ...Array<PromotionPhase>(routeBack).fill('route-back'), 'finalise']
  } else {
    const iterations = analysis.iterations ?? 0
    steps = Array.from({ length: iterations }, (_, i) => ({ atSeconds: at(i), iteration: i + 1 }))
    promotion =
      strategy === 'ab-testing'
        ? ['promote', 'route-back', 'finalise']
        : ['switch', 'promote', 'route-back', 'finalise']
  }
  return {
    strategy,
    intervalSeconds,
    threshold,
    steps,
    promotion,
    analysisSeconds: (steps.length + promotion.length) * intervalSeconds,
    skipped: skip,
  }
}
