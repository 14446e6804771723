import { inert } from '@canary-delivery/action-kit'
import type { KubeObject } from '@canary-delivery/kube'
import { type Cluster, resourcePath } from './cluster'
import type { VerifyScope } from './settings'

/**
 * The delivery path, checked in the cluster: what a canary of the reference chart needs to run.
 * Each check is a row of the summary; a failed one carries the fix in one line.
 */

/** Where the apps' delivery files reach the load tester and Prometheus (the reference chart's defaults; flagger's CHART_DEFAULTS). */
export const DELIVERY_ADDRESSES = {
  loadtester: 'http://flagger-loadtester.flagger-system/',
} as const

export interface VerifyCheck {
  name: string
  ok: boolean
  /** What was found. */
  detail: string
  /** The one-line fix, when the check failed. */
  fix?: string
}

interface Container {
  name: string
  image?: string
  command?: string[]
  args?: string[]
}

type Workload = KubeObject & {
  spec?: {
    replicas?: number
    template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: Container[] } }
  }
  status?: {
    availableReplicas?: number
    readyReplicas?: number
    conditions?: { type: string; status: string }[]
  }
}

type Service = KubeObject & {
  spec?: { selector?: Record<string, string>; ports?: { port: number; name?: string }[] }
}

/** `ghcr.io/fluxcd/flagger:1.44.0` → `flagger`. */
export function imageName(image: string | undefined): string {
  const withoutDigest = (image ?? '').split('@')[0]!
  const last = withoutDigest.split('/').pop() ?? ''
  return last.replace(/:[^:]*$/, '')
}

/** A flag's value as Go's flag package reads it: `-name=value`, `--name=value`, or `-name value`. */
export function flagValue(argv: string[], name: string): string | undefined {
  let value: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const match = new RegExp(`^--?${name}(?:=(.*))?$`).exec(argv[i]!)
    if (!match) continue
    value = match[1] ?? argv[i + 1]
  }
  return value
}

const available = (workload: Workload) =>
  workload.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True') ??
  (workload.status?.availableReplicas ?? 0) >= (workload.spec?.replicas ?? 1)

const workloadLabel = (w: Workload) => `${w.metadata.namespace}/${w.metadata.name}`

/** The HelmRelease that installed an object, from the labels helm-controller puts on it. */
function installedBy(object: KubeObject): string | undefined {
  const labels = (object.metadata.labels ?? {}) as Record<string, string>
  const name = labels['helm.toolkit.fluxcd.io/name']
  return name ? `${labels['helm.toolkit.fluxcd.io/namespace']}/${name}` : undefined
}

/** `http://name[.namespace[.svc[.cluster.local]]][:port]/…` → the Service it names, or undefined for an outside host. */
export function serviceOf(
  url: string,
  defaultNamespace: string,
): { namespace: string; name: string; port: number } | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  const parts = parsed.hostname.split('.')
  const inCluster =
    parts.length === 1 ||
    parts.length === 2 ||
    (parts.length === 3 && parts[2] === 'svc') ||
    (parts.length >= 4 && parts[2] === 'svc')
  if (!inCluster || !parts[0]) return undefined
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80))
  return { name: parts[0], namespace: parts[1] ?? defaultNamespace, port }
}

/** Whether a Service exists with that port and has a ready pod behind its selector. */
async function serviceAnswers(
  cluster: Cluster,
  target: { namespace: string; name: string; port: number },
): Promise<{ ok: boolean; detail: string }> {
  const service = await cluster.find<Service>(resourcePath('v1', 'services', target.namespace, target.name))
  const where = `${target.namespace}/${target.name}`
  if (!service) return { ok: false, detail: `no Service ${where}` }
  if (!service.spec?.ports?.some((p) => p.port === target.port))
    return { ok: false, detail: `Service ${where} has no port ${target.port}` }
  const selector = Object.entries(service.spec?.selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
  if (!selector) return { ok: true, detail: `Service ${where}:${target.port} (no selector)` }
  const pods = await cluster.list<
    KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
  >(resourcePath('v1', 'pods', target.namespace), { labelSelector: selector })
  const ready = pods.filter((p) =>
    p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  )
  return ready.length
    ? { ok: true, detail: `Service ${where}:${target.port}, ${ready.length} ready pod(s)` }
    : { ok: false, detail: `Service ${where}:${target.port} has no ready pod behind it` }
}

function findByImage(deployments: Workload[], name: string): Workload[] {
  return deployments.filter((d) =>
    d.spec?.template?.spec?.containers?.some((c) => imageName(c.image) === name),
  )
}

async function workloadCheck(
  deployments: Workload[],
  image: string,
  check: string,
  what: string,
  fix: string,
): Promise<VerifyCheck> {
  const found = findByImage(deployments, image)
  const up = found.find(available)
  if (up) return { name: check, ok: true, detail: `Deployment ${workloadLabel(up)} Available` }
  if (found.length)
    return {
      name: check,
      ok: false,
      detail: `Deployment ${workloadLabel(found[0]!)} is not Available`,
      fix: `${what} does not become Available: look at the pods of Deployment ${workloadLabel(found[0]!)}`,
    }
  return { name: check, ok: false, detail: `no Deployment runs the ${image} image`, fix }
}

export async function verifyDeliveryPath(
  cluster: Cluster,
  scope: VerifyScope = 'canary',
): Promise<VerifyCheck[]> {
  if (scope === 'none') return []
  const deployments = await cluster.list<Workload>(resourcePath('apps/v1', 'deployments'))
  const checks = scope === 'canary' ? await canaryChecks(cluster, deployments) : []
  checks.push(...(await gatewayChecks(cluster, deployments)))
  return checks
}

/** Flagger for APISIX, the Prometheus it queries and the load tester the delivery files call. */
async function canaryChecks(cluster: Cluster, deployments: Workload[]): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = []
  const flaggers = findByImage(deployments, 'flagger')
  const flagger = flaggers.find(available) ?? flaggers[0]
  const release = flagger
    ? (installedBy(flagger) ?? `${flagger.metadata.namespace}/flagger`)
    : 'flagger-system/flagger'
  const inGit = `HelmRelease ${release}'s values (infrastructure/addons/flagger.yaml in the reference layout)`
  if (!flagger) {
    checks.push({
      name: 'Flagger for APISIX',
      ok: false,
      detail: 'no Deployment runs the flagger image',
      fix: `Add Flagger to the cluster's path in Git: a HelmRelease of chart flagger with meshProvider: apisix (infrastructure/addons/flagger.yaml in the reference layout)`,
    })
  } else {
    const container = flagger.spec!.template!.spec!.containers!.find((c) => imageName(c.image) === 'flagger')!
    const argv = [...(container.command ?? []), ...(container.args ?? [])]
    const provider = flagValue(argv, 'mesh-provider') ?? 'istio'
    const up = available(flagger)
    checks.push({
      name: 'Flagger for APISIX',
      ok: up && provider === 'apisix',
      detail: `Deployment ${workloadLabel(flagger)} runs with -mesh-provider=${inert(provider)}${up ? '' : ', not Available'}`,
      ...(provider !== 'apisix'
        ? { fix: `Flagger runs with -mesh-provider=${inert(provider)}: set meshProvider: apisix in ${inGit}` }
        : up
          ? {}
          : {
              fix: `Flagger does not become Available: look at the pods of Deployment ${workloadLabel(flagger)}`,
            }),
    })
    const metricsServer = flagValue(argv, 'metrics-server') ?? 'http://prometheus:9090'
    const target = serviceOf(metricsServer, flagger.metadata.namespace ?? 'default')
    const answer = target
      ? await serviceAnswers(cluster, target)
      : { ok: false, detail: 'not a Service in the cluster' }
    checks.push({
      name: 'Flagger’s Prometheus',
      ok: answer.ok,
      detail: `-metrics-server=${inert(metricsServer)}: ${answer.detail}`,
      ...(answer.ok
        ? {}
        : {
            fix: `Flagger's metrics server ${inert(metricsServer)} does not resolve to a Service with ready pods: set prometheus.install: true in ${inGit} (or metricsServer to your Prometheus's Service)`,
          }),
    })
  }
  const loadtester = serviceOf(DELIVERY_ADDRESSES.loadtester, 'default')!
  const tester = await serviceAnswers(cluster, loadtester)
  checks.push({
    name: 'Load tester',
    ok: tester.ok,
    detail: `${DELIVERY_ADDRESSES.loadtester}: ${tester.detail}`,
    ...(tester.ok
      ? {}
      : {
          fix: `The delivery files call the load tester at ${DELIVERY_ADDRESSES.loadtester}: install chart loadtester as HelmRelease ${loadtester.namespace}/${loadtester.name} (infrastructure/addons/loadtester.yaml in the reference layout)`,
        }),
  })
  return checks
}

/** The APISIX gateway, its ingress controller and its CRDs: what publishes anything on the cluster. */
async function gatewayChecks(cluster: Cluster, deployments: Workload[]): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = []
  checks.push(
    await workloadCheck(
      deployments,
      'apisix',
      'APISIX gateway',
      'The APISIX gateway',
      "Add APISIX to the cluster's path in Git: a HelmRelease of chart apisix (infrastructure/addons/apisix.yaml in the reference layout)",
    ),
  )
  checks.push(
    await workloadCheck(
      deployments,
      'apisix-ingress-controller',
      'APISIX ingress controller',
      'The APISIX ingress controller',
      'Enable the ingress controller in the apisix HelmRelease: ingress-controller.enabled: true (infrastructure/addons/apisix.yaml in the reference layout)',
    ),
  )
  const routes = await cluster.serves('apisix.apache.org/v2', 'apisixroutes')
  checks.push({
    name: 'APISIX CRDs',
    ok: routes,
    detail: routes
      ? 'apisixroutes.apisix.apache.org/v2 served'
      : 'apisixroutes.apisix.apache.org/v2 not served',
    ...(routes
      ? {}
      : {
          fix: "Install APISIX's CRDs with its chart: install.crds and upgrade.crds: CreateReplace in the apisix HelmRelease",
        }),
  })
  return checks
}
