import type { KubeObject } from '@canary-delivery/kube'

export const ACTIVE_PHASES = [
  'Waiting',
  'Progressing',
  'WaitingPromotion',
  'Promoting',
  'Finalising',
] as const

export interface CanaryAnalysis {
  interval?: string
  threshold?: number
  maxWeight?: number
  stepWeight?: number
  stepWeights?: number[]
  iterations?: number
  match?: unknown[]
}

export interface CanaryStatus {
  phase?: string
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
    analysis?: CanaryAnalysis
    skipAnalysis?: boolean
  }
  status?: CanaryStatus
}

export function isActive(phase: string | undefined): boolean {
  return (ACTIVE_PHASES as readonly string[]).includes(phase ?? '')
}

/** Flagger's interval (`^[0-9]+(m|s)`), clamped to at least 10s as Flagger does. Default 60s. */
export function intervalMs(analysis: CanaryAnalysis | undefined): number {
  const match = /^(\d+)(m|s)/.exec(analysis?.interval ?? '')
  if (!match) return 60_000
  const ms = Number(match[1]) * (match[2] === 'm' ? 60_000 : 1_000)
  return Math.max(10_000, ms)
}

export type Strategy = 'canary' | 'blue-green' | 'ab-testing'

/** As Flagger decides it: match + iterations is A/B testing, iterations alone blue/green, otherwise weights. */
export function strategyOf(analysis: CanaryAnalysis | undefined): Strategy {
  if (analysis?.iterations) return analysis.match?.length ? 'ab-testing' : 'blue-green'
  return 'canary'
}

/** The weights a weighted canary steps through (Flagger's default maxWeight is 100). */
export function weightSteps(analysis: CanaryAnalysis | undefined): number[] {
  if (analysis?.stepWeights?.length) return analysis.stepWeights
  const step = analysis?.stepWeight ?? 0
  if (step <= 0) return []
  const max = analysis?.maxWeight ?? 100
  const steps: number[] = []
  for (let weight = step; weight < max; weight += step) steps.push(weight)
  steps.push(Math.min(max, steps.length ? steps[steps.length - 1]! + step : step))
  return steps
}

/** How many analysis intervals a successful run takes. */
export function analysisSteps(analysis: CanaryAnalysis | undefined): number {
  if (analysis?.iterations) return analysis.iterations
  return Math.max(1, weightSteps(analysis).length)
}

/**
 * The analysis as Flagger's scheduler runs it: on the kubernetes provider every Canary is
 * blue/green, without match conditions and with 10 iterations unless it sets some.
 */
export function effectiveAnalysis(canary: Canary | undefined): CanaryAnalysis | undefined {
  const analysis = canary?.spec?.analysis
  if (canary?.spec?.provider !== 'kubernetes') return analysis
  return { ...analysis, match: undefined, iterations: analysis?.iterations || 10 }
}

/**
 * A fair time budget for one run: every analysis step, a few intervals for the first tick,
 * promotion and finalising, and the progress deadline for pods to become ready.
 */
export function defaultTimeoutMs(canary: Canary | undefined): number {
  const analysis = effectiveAnalysis(canary)
  const interval = intervalMs(analysis)
  const deadline = (canary?.spec?.progressDeadlineSeconds ?? 600) * 1000
  return interval * (analysisSteps(analysis) + 4) + deadline
}

/** Where in its run the canary is: `30% (3/5)` or `iteration 2/10`. */
export function describeProgress(canary: Canary | undefined): string {
  const status = canary?.status
  const analysis = effectiveAnalysis(canary)
  if (!status) return ''
  if (strategyOf(analysis) !== 'canary') {
    return status.iterations ? `iteration ${status.iterations}/${analysis?.iterations ?? '?'}` : ''
  }
  const weight = status.canaryWeight ?? 0
  const steps = weightSteps(analysis)
  const index = steps.indexOf(weight)
  if (weight === 0) return '0%'
  return index >= 0 ? `${weight}% (${index + 1}/${steps.length})` : `${weight}%`
}
