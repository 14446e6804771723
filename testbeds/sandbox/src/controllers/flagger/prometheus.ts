import type { Obj } from '../../util'
import { dialUrl } from '../network'
import { type FlaggerContext, providerOf } from './context'

type Builtin = 'request-success-rate' | 'request-duration'

// Flagger 1.44's built-in queries (pkg/metrics/observers), whitespace collapsed as Flagger sends them.
const APISIX_ROUTE = 'route=~"{{ namespace }}_{{ route }}-{{ target }}-canary_.+"'
const HTTP_POD =
  'kubernetes_namespace="{{ namespace }}", kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"'
const QUERIES: Record<'apisix' | 'http', Record<Builtin, string>> = {
  apisix: {
    'request-success-rate': ` sum( rate( apisix_http_status{ ${APISIX_ROUTE}, code!~"5.." }[{{ interval }}] ) ) / sum( rate( apisix_http_status{ ${APISIX_ROUTE} }[{{ interval }}] ) ) * 100`,
    'request-duration': ` histogram_quantile( 0.99, sum( rate( apisix_http_latency_bucket{ type=~"request", ${APISIX_ROUTE} }[{{ interval }}] ) ) by (le) )`,
  },
  http: {
    'request-success-rate': ` sum( rate( http_request_duration_seconds_count{ ${HTTP_POD}, status!~"5.*" }[{{ interval }}] ) ) / sum( rate( http_request_duration_seconds_count{ ${HTTP_POD} }[{{ interval }}] ) ) * 100`,
    'request-duration': ` histogram_quantile( 0.99, sum( rate( http_request_duration_seconds_bucket{ ${HTTP_POD} }[{{ interval }}] ) ) by (le) )`,
  },
}

/** The query Flagger runs against Prometheus to test that it answers. */
const ONLINE_QUERY = 'vector(1)'

/** The Prometheus a Canary's built-in metrics are read from: its own, or Flagger's `-metrics-server`. */
export const metricsServerOf = (fl: FlaggerContext, cd: Obj): string =>
  cd.spec?.metricsServer || fl.config.metricsServer

/** Flagger's query for a built-in metric of the Canary (the APISIX observer, or the plain HTTP one). */
export function builtinQuery(fl: FlaggerContext, cd: Obj, metric: Obj): string {
  const table = providerOf(fl, cd) === 'apisix' ? QUERIES.apisix : QUERIES.http
  return renderQuery(table[metric.name as Builtin], cd, metric)
}

/** A MetricTemplate query with Flagger's variables filled in. */
export function renderQuery(template: string, cd: Obj, metric: Obj): string {
  const target: string = cd.spec?.targetRef?.name ?? ''
  const model: Record<string, string> = {
    name: cd.metadata.name,
    namespace: cd.metadata.namespace,
    target,
    service: cd.spec?.service?.name || target,
    ingress: cd.spec?.ingressRef?.name || target,
    route: cd.spec?.routeRef?.name || target,
    interval: metric.interval || '1m',
  }
  return template.replace(/\{\{\s*(variables\.)?([\w-]+)\s*\}\}/g, (whole, variables, key: string) =>
    variables ? String(metric.templateVariables?.[key] ?? whole) : (model[key] ?? whole),
  )
}

/**
 * Why a query to Prometheus at `server` fails from Flagger's pod, in the words of Flagger's
 * Prometheus client; undefined when the server answers (its Service has ready pods).
 */
export function queryError(fl: FlaggerContext, server: string, query: string): string | undefined {
  if (fl.config.network === 'implied') return undefined
  const url = queryUrl(server, query)
  const dial = dialUrl(fl.ctx, url, fl.config.home)
  return dial.ok ? undefined : `request failed: Get "${url}": ${dial.error}`
}

/** Flagger's startup and initialization probe of a Prometheus: `vector(1)`. */
export function onlineError(fl: FlaggerContext, server: string): string | undefined {
  const error = queryError(fl, server, ONLINE_QUERY)
  return error ? `running query failed: ${error}` : undefined
}

function queryUrl(server: string, query: string): string {
  const base = new URL(server)
  base.pathname = `${base.pathname.replace(/\/$/, '')}/api/v1/query`
  return `${base.origin}${base.pathname}?query=${goQueryEscape(query.replace(/\s+/g, ' '))}`
}

/** Go's url.QueryEscape: everything but letters, digits and -_.~ escaped, a space as +. */
function goQueryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}
