// The objects the reference chart (workflows-examples/charts/app) renders from the canary values,
// mirrored here so that the action can show them and check them against the CRDs before Flux applies them.
import { providerFamily } from './providers'
import type { KubeObject } from './validate'
import type { CanaryValues } from './values'

/** What the reference chart uses when the values do not say. */
export const CHART_DEFAULTS = {
  servicePort: 80,
  containerPort: 80,
  loadtesterUrl: 'http://flagger-loadtester.flagger-system/',
  metricsServer: 'http://flagger-prometheus.flagger-system:9090',
} as const

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
