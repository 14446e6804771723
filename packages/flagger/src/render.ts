import { ConfigurationError } from '@canary-delivery/action-kit'
import type { CanarySettings, ResolvedEnvironment } from '@canary-delivery/delivery-config'
import { stringify } from 'yaml'
import { checkDuration, flaggerSeconds } from './duration'
import { BUILTIN_PROFILES, DEFAULT_PROFILE } from './profiles'
import {
  checkProvider,
  checkStrategyProvider,
  type Provider,
  providerFamily,
  STRATEGIES,
  type Strategy,
} from './providers'
import { type AnalysisEstimate, detectStrategy, estimateAnalysis } from './strategy'
import { type KubeObject, validateObject } from './validate'
import type { AlertRef, CanaryValues, MatchCondition } from './values'

/** What the reference chart uses when the values do not say. */
export const CHART_DEFAULTS = {
  servicePort: 80,
  containerPort: 80,
  loadtesterUrl: 'http://flagger-loadtester.flagger-system/',
  metricsServer: 'http://flagger-prometheus.flagger-system:9090',
} as const

/** Explicit inputs: each overrides the delivery file, which overrides the profile. */
export interface RenderInputs extends Omit<CanarySettings, 'name' | 'strategy'> {
  /** The resolved delivery-file environment, when a `config` was given. */
  delivery?: ResolvedEnvironment
  /** The environment's name (selects a profile of the same name when there is one). */
  environment?: string
  /** The Helm release (and so Deployment, apex Service, Canary) name. */
  name?: string
  namespace?: string
  strategy?: string
}

export type SettingSource = 'input' | 'delivery file' | `profile ${string}` | 'default'

export interface RenderResult {
  /** The `canary:` block's content. */
  values: CanaryValues
  /** `canary:` and the block, as YAML for spec.values. */
  valuesYaml: string
  /** The Canary the reference chart renders from these values. */
  canary: KubeObject
  /** The chart's MetricTemplate, when a check needs it. */
  metricTemplate?: KubeObject
  strategy: Strategy
  provider: Provider
  profile: string
  estimate: AnalysisEstimate
  /** Where each analysis setting came from. */
  sources: Record<string, SettingSource>
  /** Things a person should know about the plan. */
  notes: string[]
}

type Layer = { source: SettingSource; settings: CanarySettings }

const PACE_KEYS = ['stepWeight', 'stepWeights'] as const

/** Merges layers key by key; a layer that sets stepWeight or stepWeights replaces both. */
function merge(layers: Layer[]): { settings: CanarySettings; sources: Record<string, SettingSource> } {
  const settings: Record<string, unknown> = {}
  const sources: Record<string, SettingSource> = {}
  for (const { source, settings: layer } of layers) {
    if (PACE_KEYS.some((key) => layer[key] !== undefined)) {
      for (const key of PACE_KEYS) {
        delete settings[key]
        delete sources[key]
      }
    }
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue
      settings[key] = value
      sources[key] = source
    }
  }
  return { settings: settings as CanarySettings, sources }
}

function fail(input: string, message: string): never {
  throw new ConfigurationError(`Input '${input}' ${message}`)
}

// Inputs and delivery-file keys share one vocabulary; errors name the input.
const INPUT_NAMES: Record<string, string> = {
  maxWeight: 'max-weight',
  stepWeight: 'step-weight',
  stepWeights: 'step-weights',
  successRate: 'success-rate',
  clientErrors: 'client-errors',
  acceptanceTest: 'acceptance-test',
  loadTest: 'load-test',
  loadtesterUrl: 'loadtester-url',
  metricsServer: 'metrics-server',
  gatewayRefs: 'gateway-refs',
  targetPort: 'target-port',
  progressDeadlineSeconds: 'progress-deadline-seconds',
}
const inputName = (key: string): string => INPUT_NAMES[key] ?? key

function checkWhole(key: string, value: number | undefined, min: number, max?: number): void {
  if (value === undefined) return
  if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
    fail(
      inputName(key),
      `must be a whole number ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}, got '${value}'`,
    )
  }
}

/** `x-canary=always`, `x-canary~=^insider.*`, `cookie:canary=always`. */
export function parseMatch(items: string[], provider: string): MatchCondition[] {
  return items.map((item) => {
    const cookie = /^cookie:([^=~\s]+)=(.+)$/.exec(item)
    if (cookie) {
      const [, name, value] = cookie as unknown as [string, string, string]
      if (providerFamily(provider) === 'nginx') {
        // NGINX routes by cookie name: the canary gets requests whose cookie is set to "always".
        if (value !== 'always')
          fail('match', `with nginx routes by cookie name only (cookie:${name}=always), got '${item}'`)
        return { headers: { cookie: { exact: name } } }
      }
      const escaped = `${name}=${value}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      return { headers: { cookie: { regex: `^(.*?;)?(${escaped})(;.*)?$` } } }
    }
    const regex = /^([A-Za-z0-9-]+)~=(.+)$/.exec(item)
    if (regex) return { headers: { [regex[1]!.toLowerCase()]: { regex: regex[2]! } } }
    const exact = /^([A-Za-z0-9-]+)=(.+)$/.exec(item)
    if (exact) return { headers: { [exact[1]!.toLowerCase()]: { exact: exact[2]! } } }
    return fail('match', `must be header=value, header~=regex or cookie:name=value conditions, got '${item}'`)
  })
}

/** `name` or `namespace/name` of an AlertProvider. */
export function parseAlerts(items: string[]): AlertRef[] {
  return items.map((item) => {
    const parts = /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/)?([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/.exec(item)
    if (!parts) fail('alerts', `must be AlertProvider names, as name or namespace/name, got '${item}'`)
    const [, namespace, , name] = parts
    return { name: name!, providerRef: namespace ? { name: name!, namespace } : { name: name! } }
  })
}

function parseGatewayRefs(items: string[]): { name: string; namespace?: string }[] {
  return items.map((item) => {
    const parts = /^(?:([a-z0-9][-a-z0-9]*)\/)?([a-z0-9][-a-z0-9.]*)$/.exec(item)
    if (!parts) fail('gateway-refs', `must be Gateway references as name or namespace/name, got '${item}'`)
    return parts[1] ? { name: parts[2]!, namespace: parts[1] } : { name: parts[2]! }
  })
}

/** Picks the profile: explicit, then the delivery file's, then the environment's own name, then uat. */
function chooseProfile(inputs: RenderInputs): { name: string; notes: string[] } {
  const fileProfiles = inputs.delivery?.profiles ?? {}
  const known = (name: string) => name in BUILTIN_PROFILES || name in fileProfiles
  const explicit = inputs.profile ?? inputs.delivery?.canary.profile
  if (explicit !== undefined) {
    if (!known(explicit)) {
      const names = [...new Set([...Object.keys(BUILTIN_PROFILES), ...Object.keys(fileProfiles)])].join(', ')
      fail(
        'profile',
        `must name a built-in profile or one of the delivery file's (${names}), got '${explicit}'`,
      )
    }
    return { name: explicit, notes: [] }
  }
  const environment = inputs.environment ?? inputs.delivery?.environment
  if (environment && known(environment)) return { name: environment, notes: [] }
  return {
    name: DEFAULT_PROFILE,
    notes: [
      environment
        ? `No profile is named '${environment}': the ${DEFAULT_PROFILE} profile's numbers apply.`
        : `No environment or profile given: the ${DEFAULT_PROFILE} profile's numbers apply.`,
    ],
  }
}

/** Everything render-canary-values does: settings from profile, file and inputs; values; Canary; checks. */
export function renderCanaryValues(inputs: RenderInputs): RenderResult {
  const { name: profile, notes } = chooseProfile(inputs)
  const builtin = BUILTIN_PROFILES[profile] ?? {}
  const fileProfile = inputs.delivery?.profiles[profile] ?? {}
  // Every other input is a canary setting under the same name as in the delivery file.
  const {
    delivery: _delivery,
    environment: _environment,
    profile: _profile,
    name: _name,
    namespace: _namespace,
    ...rest
  } = inputs
  const explicit = rest as CanarySettings
  if (inputs.stepWeight !== undefined && inputs.stepWeights !== undefined) {
    fail('step-weights', 'cannot be given together with step-weight (Flagger takes exactly one of them)')
  }
  const { settings, sources } = merge([
    { source: `profile ${profile}`, settings: builtin },
    { source: 'delivery file', settings: fileProfile },
    {
      source: 'delivery file',
      settings: { ...inputs.delivery?.canary, profile: undefined, name: undefined },
    },
    { source: 'input', settings: explicit },
  ])
  const strategy = settings.strategy ?? 'canary'
  if (!STRATEGIES.includes(strategy))
    fail('strategy', `must be one of ${STRATEGIES.join(', ')}, got '${strategy}'`)
  const provider = checkProvider(settings.provider ?? 'apisix')
  checkStrategyProvider(strategy, provider)

  // The numbers, each checked against what Flagger accepts.
  const interval = checkDuration(settings.interval ?? '1m', 'interval', 10)
  checkWhole('threshold', settings.threshold, 1)
  checkWhole('maxWeight', settings.maxWeight, 1, 100)
  checkWhole('stepWeight', settings.stepWeight, 1, 100)
  checkWhole('iterations', settings.iterations, 1)
  checkWhole('progressDeadlineSeconds', settings.progressDeadlineSeconds, 1)
  for (const weight of settings.stepWeights ?? []) checkWhole('stepWeights', weight, 1, 100)
  if (settings.stepWeights !== undefined) {
    if (settings.stepWeights.length === 0) fail('step-weights', 'must list at least one weight')
    settings.stepWeights.forEach((weight, i) => {
      if (i > 0 && weight <= settings.stepWeights![i - 1]!) {
        fail(
          'step-weights',
          `must rise step by step (Flagger moves to the next larger weight), got '${settings.stepWeights!.join(', ')}'`,
        )
      }
    })
  }
  if (settings.successRate !== undefined && !(settings.successRate >= 0 && settings.successRate <= 100)) {
    fail('success-rate', `must be a percentage from 0 to 100, got '${settings.successRate}'`)
  }
  if (settings.latency !== undefined && !(settings.latency > 0))
    fail('latency', `must be a number of milliseconds above 0, got '${settings.latency}'`)
  const clientErrors = settings.clientErrors
  if (clientErrors !== undefined && !(clientErrors >= 0 && clientErrors <= 100)) {
    fail('client-errors', `must be a percentage from 0 to 100, got '${clientErrors}'`)
  }
  const loadtesterUrl = settings.loadtesterUrl ?? CHART_DEFAULTS.loadtesterUrl
  if (!/^https?:\/\/[^\s/]+/.test(loadtesterUrl))
    fail('loadtester-url', `must be an http:// or https:// URL, got '${loadtesterUrl}'`)
  const metricsServer = settings.metricsServer ?? CHART_DEFAULTS.metricsServer
  if (!/^https?:\/\/[^\s/]+/.test(metricsServer))
    fail('metrics-server', `must be an http:// or https:// URL, got '${metricsServer}'`)

  const analysis: CanaryValues['analysis'] = { interval, threshold: settings.threshold ?? 1 }
  if (strategy === 'canary') {
    if (settings.stepWeights !== undefined) {
      if (sources.maxWeight === 'input') {
        fail(
          'max-weight',
          'has no effect with step-weights (the last step weight is the maximum): leave it out',
        )
      }
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
      fail(
        'match',
        'applies to ab-testing only (with iterations Flagger would run A/B testing instead of a canary)',
      )
    if (sources.iterations === 'input')
      fail(
        'iterations',
        'applies to blue-green, blue-green-mirroring and ab-testing; a canary steps by weight',
      )
  } else {
    for (const key of ['maxWeight', 'stepWeight', 'stepWeights'] as const) {
      if (sources[key] === 'input')
        fail(inputName(key), `applies to the canary strategy only; ${strategy} counts iterations`)
    }
    analysis.iterations = settings.iterations ?? 10
    if (strategy === 'ab-testing') {
      if (!settings.match?.length)
        fail('match', 'is required for ab-testing: header or cookie conditions such as x-canary=always')
      analysis.match = parseMatch(settings.match, provider)
    } else if (settings.match?.length) {
      fail('match', `applies to ab-testing only (${strategy} sends all traffic to the new version)`)
    }
    if (strategy === 'blue-green-mirroring') analysis.mirror = true
  }

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
  if (clientErrors !== undefined) {
    if (family !== 'apisix' && family !== 'nginx') {
      fail(
        'client-errors',
        `needs the apisix or nginx provider (the chart's MetricTemplate reads their metrics), got '${provider}'`,
      )
    }
    checks.clientErrors = clientErrors
  }
  if (!settings.loadTest && family !== 'kubernetes') {
    notes.push(
      'No load-test: the metric checks rely on real traffic reaching the canary; with none, Flagger finds no values and counts failed checks.',
    )
  }

  const values: CanaryValues = {
    enabled: true,
    provider,
    progressDeadlineSeconds: settings.progressDeadlineSeconds ?? 600,
    analysis,
    checks,
    metricsServer,
    loadtester: { url: loadtesterUrl },
    ...(inputs.delivery?.canary.name ? { name: inputs.delivery.canary.name } : {}),
  }
  if (settings.acceptanceTest) values.loadtester.acceptanceTest = settings.acceptanceTest
  if (settings.loadTest) values.loadtester.loadTest = settings.loadTest
  if (settings.alerts?.length) values.alerts = parseAlerts(settings.alerts)
  const service: NonNullable<CanaryValues['service']> = {}
  if (settings.port !== undefined) {
    checkWhole('port', settings.port, 1, 65535)
    service.port = settings.port
  }
  if (settings.targetPort !== undefined) {
    if (typeof settings.targetPort === 'number') checkWhole('target-port', settings.targetPort, 1, 65535)
    else if (
      !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(settings.targetPort) ||
      settings.targetPort.length > 15
    ) {
      fail(
        'target-port',
        `must be a port number or a port name (IANA_SVC_NAME), got '${settings.targetPort}'`,
      )
    }
    service.targetPort = settings.targetPort
  }
  if (family === 'gatewayapi') {
    if (!settings.gatewayRefs?.length)
      fail(
        'gateway-refs',
        `is required with ${provider}: the Gateways Flagger attaches the HTTPRoute to (namespace/name)`,
      )
    service.gatewayRefs = parseGatewayRefs(settings.gatewayRefs)
  } else if (settings.gatewayRefs?.length) {
    fail('gateway-refs', `applies to the gatewayapi providers only, got provider '${provider}'`)
  }
  if (Object.keys(service).length > 0) values.service = service

  const release = inputs.name ?? inputs.delivery?.helmRelease
  if (!release)
    fail(
      'name',
      'is required without a delivery file: the Helm release name the chart names the Deployment and Canary after',
    )
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(release) || release.length > 53) {
    fail(
      'name',
      `must be a Helm release name (lower-case letters, digits and '-', at most 53), got '${release}'`,
    )
  }
  const namespace = inputs.namespace ?? inputs.delivery?.namespace
  const canary = buildCanary(values, { release, namespace })
  const metricTemplate = buildMetricTemplate(values, { release, namespace })

  // The last word is the API server's: the Canary must pass Flagger's CRD as written.
  for (const object of [canary, metricTemplate]) {
    if (!object) continue
    const result = validateObject(object)
    if (!result.valid) {
      throw new Error(
        `the rendered ${object.kind} does not pass Flagger's CRD (a bug in render-canary-values): ${result.errors.join('; ')}`,
      )
    }
  }
  const detected = detectStrategy(canary)
  if (detected !== strategy)
    throw new Error(`rendered a ${detected} Canary for strategy ${strategy} (a bug in render-canary-values)`)

  return {
    values,
    valuesYaml: stringify({ canary: values }, { lineWidth: 0 }),
    canary,
    ...(metricTemplate ? { metricTemplate } : {}),
    strategy,
    provider,
    profile,
    estimate: estimateAnalysis(canary),
    sources,
    notes,
  }
}

export interface ChartContext {
  /** The Helm release name: the chart's full name (no fullnameOverride). */
  release: string
  namespace?: string
}

const metadata = (name: string, namespace?: string) => (namespace ? { name, namespace } : { name })

/** The MetricTemplate the chart renders for the client-errors check (apisix and nginx). */
export function buildMetricTemplate(
  values: CanaryValues,
  { release, namespace }: ChartContext,
): KubeObject | undefined {
  if (values.checks.clientErrors === undefined) return undefined
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'MetricTemplate',
    metadata: metadata(`${release}-client-errors`, namespace),
    spec: {
      provider: { type: 'prometheus', address: values.metricsServer },
      query: clientErrorsQuery(values.provider),
    },
  }
}

/**
 * Share of 4xx responses of the canary, in percent, in Flagger's template language (the chart
 * holds the same text, escaped for Helm). APISIX labels by route (`prefer_name`): Flagger's canary
 * route is `<route>-<target>-canary`; NGINX by the canary Ingress.
 */
export function clientErrorsQuery(provider: string): string {
  if (providerFamily(provider) === 'apisix') {
    const route = 'route=~"{{ namespace }}_{{ route }}-{{ target }}-canary_.+"'
    return `sum(rate(apisix_http_status{${route},code=~"4.."}[{{ interval }}]))\n/\nsum(rate(apisix_http_status{${route}}[{{ interval }}]))\n* 100\n`
  }
  const ingress = 'namespace="{{ namespace }}",ingress="{{ ingress }}",canary!=""'
  return `sum(rate(nginx_ingress_controller_requests{${ingress},status=~"4.."}[{{ interval }}]))\n/\nsum(rate(nginx_ingress_controller_requests{${ingress}}[{{ interval }}]))\n* 100\n`
}

/** The Canary the reference chart renders from `values` (its templates/canary.yaml, in TypeScript). */
export function buildCanary(values: CanaryValues, { release, namespace }: ChartContext): KubeObject {
  const family = providerFamily(values.provider)
  const spec: Record<string, unknown> = {
    provider: values.provider,
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: release },
  }
  if (family === 'apisix')
    spec.routeRef = { apiVersion: 'apisix.apache.org/v2', kind: 'ApisixRoute', name: release }
  if (family === 'nginx' || family === 'skipper') {
    spec.ingressRef = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: release }
  }
  spec.progressDeadlineSeconds = values.progressDeadlineSeconds
  spec.service = {
    port: values.service?.port ?? CHART_DEFAULTS.servicePort,
    targetPort: values.service?.targetPort ?? CHART_DEFAULTS.containerPort,
    ...(values.service?.gatewayRefs ? { gatewayRefs: values.service.gatewayRefs } : {}),
  }
  const metrics: Record<string, unknown>[] = []
  const { checks } = values
  if (checks.successRate !== undefined) {
    metrics.push({
      name: 'request-success-rate',
      interval: checks.interval,
      thresholdRange: { min: checks.successRate },
    })
  }
  if (checks.latency !== undefined) {
    metrics.push({
      name: 'request-duration',
      interval: checks.interval,
      thresholdRange: { max: checks.latency },
    })
  }
  if (checks.clientErrors !== undefined) {
    metrics.push({
      name: 'client-errors',
      templateRef: { name: `${release}-client-errors` },
      interval: checks.interval,
      thresholdRange: { max: checks.clientErrors },
    })
  }
  const webhooks: Record<string, unknown>[] = []
  if (values.loadtester.acceptanceTest) {
    webhooks.push({
      name: 'acceptance-test',
      type: 'pre-rollout',
      url: values.loadtester.url,
      timeout: '1m',
      metadata: { type: 'bash', cmd: values.loadtester.acceptanceTest },
    })
  }
  if (values.loadtester.loadTest) {
    webhooks.push({
      name: 'load-test',
      type: 'rollout',
      url: values.loadtester.url,
      timeout: '15s',
      metadata: { type: 'cmd', cmd: values.loadtester.loadTest },
    })
  }
  spec.analysis = {
    ...values.analysis,
    ...(metrics.length ? { metrics } : {}),
    ...(webhooks.length ? { webhooks } : {}),
    ...(values.alerts?.length ? { alerts: values.alerts } : {}),
  }
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: metadata(values.name ?? release, namespace),
    spec,
  }
}
