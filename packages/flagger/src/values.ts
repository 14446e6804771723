/**
 * The `canary:` block of the reference chart's values (workflows-examples/charts/app), exactly as
 * the chart reads it. Flux sets it in the HelmRelease's spec.values; render-canary-values writes it.
 */
export interface CanaryValues {
  enabled: boolean
  provider: string
  /** Name of the Canary object (default: the release's full name). */
  name?: string
  progressDeadlineSeconds: number
  /** Flagger's spec.analysis pace fields, under Flagger's own names. */
  analysis: {
    interval: string
    threshold: number
    maxWeight?: number
    stepWeight?: number
    stepWeights?: number[]
    iterations?: number
    mirror?: boolean
    match?: MatchCondition[]
  }
  /** The metric checks; omitted keys are not checked. */
  checks: {
    /** Minimum request success rate in percent (Flagger's request-success-rate). */
    successRate?: number
    /** Maximum p99 request duration in milliseconds (Flagger's request-duration). */
    latency?: number
    /** Maximum share of 4xx responses in percent, through the chart's MetricTemplate. */
    clientErrors?: number
    /** The window of every metric query. */
    interval: string
  }
  /** Prometheus for the chart's MetricTemplate. */
  metricsServer: string
  loadtester: {
    url: string
    /** Run by the load tester before any traffic shifts (pre-rollout, blocking). */
    acceptanceTest?: string
    /** Started by the load tester at every step of the analysis (rollout). */
    loadTest?: string
  }
  alerts?: AlertRef[]
  /** Port overrides; the chart's service.port and containerPort otherwise. */
  service?: {
    port?: number
    targetPort?: number | string
    gatewayRefs?: { name: string; namespace?: string }[]
  }
}

export type StringMatch = { exact: string } | { prefix: string } | { suffix: string } | { regex: string }
export interface MatchCondition {
  headers: Record<string, StringMatch>
}

export interface AlertRef {
  name: string
  providerRef: { name: string; namespace?: string }
}
