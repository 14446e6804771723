import { ConfigurationError } from '@canary-delivery/action-kit'
import { flaggerSeconds } from './duration'
import { type Provider, providerFamily, type Strategy } from './providers'
import { CHART_DEFAULTS } from './reference-chart'
import { type CanarySettings, inputName, refuse } from './settings'
import { parseAlerts, parseGatewayRefs, parseMatch } from './settings-checks'
import type { SettingSource } from './settings-layers'
import type { CanaryValues } from './values'

export interface ValuesRequest {
  /** Layered and checked settings. */
  settings: CanarySettings
  sources: Record<string, SettingSource>
  strategy: Strategy
  provider: Provider
  /** The Canary's own name, when it is not the release's. */
  name?: string
}

/**
 * spec.analysis for the strategy: weights for a canary, iterations for the others. An input the
 * strategy would ignore is refused (a profile's value for it is simply not used).
 */
function analysisValues({ settings, sources, strategy, provider }: ValuesRequest): CanaryValues['analysis'] {
  const analysis: CanaryValues['analysis'] = {
    interval: settings.interval ?? '1m',
    threshold: settings.threshold ?? 1,
  }
  if (strategy !== 'canary') {
    for (const key of ['maxWeight', 'stepWeight', 'stepWeights'] as const) {
      if (sources[key] === 'input')
        refuse(inputName(key), `applies to the canary strategy only; ${strategy} counts iterations`)
    }
    analysis.iterations = settings.iterations ?? 10
    if (strategy === 'ab-testing') {
      if (!settings.match?.length)
        refuse('match', 'is required for ab-testing: header or cookie conditions such as x-canary=always')
      analysis.match = parseMatch(settings.match, provider)
    } else if (settings.match?.length) {
      refuse('match', `applies to ab-testing only (${strategy} sends all traffic to the new version)`)
    }
    if (strategy === 'blue-green-mirroring') analysis.mirror = true
    return analysis
  }
  if (settings.stepWeights !== undefined) {
    if (sources.maxWeight === 'input')
      refuse(
        'max-weight',
        'has no effect with step-weights (the last step weight is the maximum): leave it out',
      )
    analysis.stepWeights = settings.stepWeights
  } else {
    const stepWeight = settings.stepWeight ?? 10
    const maxWeight = settings.maxWeight ?? 50
    if (stepWeight > maxWeight) {
      const input =
        sources.maxWeight === 'input' && sources.stepWeight !== 'input' ? 'max-weight' : 'step-weight'
      throw new ConfigurationError(
        `Input '${input}': step-weight (${stepWeight}) must not exceed max-weight (${maxWeight})`,
      )
    }
    analysis.maxWeight = maxWeight
    analysis.stepWeight = stepWeight
  }
  if (settings.match?.length)
    refuse(
      'match',
      'applies to ab-testing only (with iterations Flagger would run A/B testing instead of a canary)',
    )
  if (sources.iterations === 'input')
    refuse(
      'iterations',
      'applies to blue-green, blue-green-mirroring and ab-testing; a canary steps by weight',
    )
  return analysis
}

/** The metric checks the provider can serve; the notes say what goes unchecked. */
function checkValues(
  { settings, provider }: ValuesRequest,
  interval: string,
  notes: string[],
): CanaryValues['checks'] {
  const family = providerFamily(provider)
  const checks: CanaryValues['checks'] = {
    interval: (flaggerSeconds(interval) ?? 60) > 60 ? interval : '1m',
  }
  if (family === 'kubernetes') {
    notes.push(
      'The kubernetes provider has no traffic metrics: success rate and latency are not checked; only the webhooks (acceptance-test, load-test) gate the rollout.',
    )
  } else {
    if (settings.successRate !== undefined) checks.successRate = settings.successRate
    if (settings.latency !== undefined) checks.latency = settings.latency
  }
  if (settings.clientErrors !== undefined) {
    if (family !== 'apisix' && family !== 'nginx') {
      refuse(
        'client-errors',
        `needs the apisix or nginx provider (the chart's MetricTemplate reads their metrics), got '${provider}'`,
      )
    }
    checks.clientErrors = settings.clientErrors
  }
  if (!settings.loadTest && family !== 'kubernetes') {
    notes.push(
      'No load-test: the metric checks rely on real traffic reaching the canary; with none, Flagger finds no values and counts failed checks.',
    )
  }
  return checks
}

/** Port overrides and, for the gatewayapi providers, the Gateways (which they need). */
function serviceValues({ settings, provider }: ValuesRequest): CanaryValues['service'] {
  const service: NonNullable<CanaryValues['service']> = {}
  if (settings.port !== undefined) service.port = settings.port
  if (settings.targetPort !== undefined) service.targetPort = settings.targetPort
  if (providerFamily(provider) === 'gatewayapi') {
    if (!settings.gatewayRefs?.length)
      refuse(
        'gateway-refs',
        `is required with ${provider}: the Gateways Flagger attaches the HTTPRoute to (namespace/name)`,
      )
    service.gatewayRefs = parseGatewayRefs(settings.gatewayRefs)
  } else if (settings.gatewayRefs?.length) {
    refuse('gateway-refs', `applies to the gatewayapi providers only, got provider '${provider}'`)
  }
  return Object.keys(service).length > 0 ? service : undefined
}

/** The chart's `canary:` values for checked settings, and what a person should know about them. */
export function canaryValues(request: ValuesRequest): { values: CanaryValues; notes: string[] } {
  const { settings, provider, name } = request
  const notes: string[] = []
  const analysis = analysisValues(request)
  const values: CanaryValues = {
    enabled: true,
    provider,
    progressDeadlineSeconds: settings.progressDeadlineSeconds ?? 600,
    analysis,
    checks: checkValues(request, analysis.interval, notes),
    metricsServer: settings.metricsServer ?? CHART_DEFAULTS.metricsServer,
    loadtester: { url: settings.loadtesterUrl ?? CHART_DEFAULTS.loadtesterUrl },
    ...(name ? { name } : {}),
  }
  if (settings.acceptanceTest) values.loadtester.acceptanceTest = settings.acceptanceTest
  if (settings.loadTest) values.loadtester.loadTest = settings.loadTest
  if (settings.alerts?.length) values.alerts = parseAlerts(settings.alerts)
  const service = serviceValues(request)
  if (service) values.service = service
  return { values, notes }
}
