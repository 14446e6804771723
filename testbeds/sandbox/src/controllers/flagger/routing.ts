import { clone, type Obj } from '../../util'
import { kind } from '../context'
import { dotted, type FlaggerContext, providerOf, recordEvent } from './context'

/**
 * Creates the apex, -primary and -canary Services and, for APISIX, the canary route. False when a
 * referenced route is missing (Flagger retries on the next tick).
 */
export function ensureRouting(fl: FlaggerContext, cd: Obj, target: Obj): boolean {
  const ns = cd.metadata.namespace
  const apex: string = cd.spec.service?.name ?? target.metadata.name
  const selector = selectorOf(fl, target)
  if (!selector) {
    const labels = `[${fl.config.selectorLabels.join(' ')}]`
    recordEvent(
      fl,
      cd,
      'Warning',
      `getSelectorLabel failed: deployment ${dotted(target)} spec.selector.matchLabels must contain one of ${labels}`,
    )
    return false
  }
  const { key, value } = selector
  const port = cd.spec.service?.port ?? 80
  const targetPort = cd.spec.service?.targetPort ?? port
  const svc = (name: string, selector: string) => ({
    metadata: { name, namespace: ns, labels: { [key]: name }, ownerReferences: [ownerRef(cd)] },
    spec: {
      type: 'ClusterIP',
      selector: { [key]: selector },
      ports: [{ name: 'http', port, protocol: 'TCP', targetPort }],
    },
  })
  for (const [name, selects] of [
    [apex, `${value}-primary`],
    [`${apex}-primary`, `${value}-primary`],
    [`${apex}-canary`, value],
  ] as const) {
    if (!fl.ctx.store.get(fl.services, ns, name)) fl.ctx.store.create(fl.services, svc(name, selects))
  }
  if (providerOf(fl, cd) !== 'apisix') return true
  const routes = kind(fl.ctx.registry, 'apisix.apache.org', 'apisixroutes')
  const refName: string | undefined = cd.spec.routeRef?.name
  if (!refName) {
    recordEvent(fl, cd, 'Warning', 'apisix route selector is empty')
    return false
  }
  const route = fl.ctx.store.get(routes, ns, refName)
  if (!route) {
    recordEvent(
      fl,
      cd,
      'Warning',
      `apisixroute ${refName}.${ns} get query error: apisixroutes.apisix.apache.org "${refName}" not found`,
    )
    return false
  }
  const canaryRoute = `${refName}-${apex}-canary`
  if (!fl.ctx.store.get(routes, ns, canaryRoute)) {
    const spec = clone(route.spec)
    for (const rule of spec.http ?? []) {
      const servicePort = rule.backends?.[0]?.servicePort ?? port
      rule.priority = 10000
      rule.backends = [
        { serviceName: `${apex}-primary`, servicePort, weight: 100 },
        { serviceName: `${apex}-canary`, servicePort, weight: 0 },
      ]
    }
    fl.ctx.store.create(routes, {
      metadata: { name: canaryRoute, namespace: ns, ownerReferences: [ownerRef(cd)] },
      spec,
    })
  }
  return true
}

/** Sets the primary and canary weights on the APISIX canary route (other providers route no traffic here). */
export function setWeights(fl: FlaggerContext, cd: Obj, primary: number, canary: number): void {
  if (providerOf(fl, cd) !== 'apisix' || !cd.spec.routeRef?.name) return
  const routes = kind(fl.ctx.registry, 'apisix.apache.org', 'apisixroutes')
  const apex = cd.spec.service?.name ?? cd.spec.targetRef.name
  const route = fl.ctx.store.get(routes, cd.metadata.namespace, `${cd.spec.routeRef.name}-${apex}-canary`)
  if (!route) return
  for (const rule of route.spec.http ?? []) {
    for (const b of rule.backends ?? [])
      b.weight = String(b.serviceName).endsWith('-canary') ? canary : primary
  }
  fl.ctx.store.update(routes, route)
}

/**
 * `<target>-primary`, a copy of the target owned by the Canary, selecting `<label value>-primary`; of
 * the target's labels it keeps those `-include-label-prefix` names (never Flux's toolkit labels).
 */
export function createPrimary(fl: FlaggerContext, cd: Obj, target: Obj): void {
  const primaryName = `${target.metadata.name}-primary`
  const selector = selectorOf(fl, target)!
  const primaryValue = `${selector.value}-primary`
  const spec = clone(target.spec)
  spec.replicas = target.spec.replicas || 1
  spec.selector = { matchLabels: { [selector.key]: primaryValue } }
  spec.template = primaryTemplate(fl, target)
  fl.ctx.store.create(fl.deployments, {
    metadata: {
      name: primaryName,
      namespace: target.metadata.namespace,
      labels: {
        ...includedLabels(target.metadata.labels, fl.config.includeLabelPrefix),
        [selector.key]: primaryValue,
      },
      annotations: { 'helm.toolkit.fluxcd.io/driftDetection': 'disabled' },
      ownerReferences: [ownerRef(cd)],
    },
    spec,
  })
  fl.ctx.log(`flagger ${dotted(cd)}: created deployment ${primaryName}`)
}

/** The target's pod template as the primary runs it: the selector label's value gets `-primary`. */
export function primaryTemplate(fl: FlaggerContext, target: Obj): Obj {
  const template = clone(target.spec.template)
  const selector = selectorOf(fl, target)
  const labels = withoutToolkit(template.metadata?.labels)
  if (selector) labels[selector.key] = `${selector.value}-primary`
  template.metadata = { ...template.metadata, labels }
  return template
}

export function scale(fl: FlaggerContext, d: Obj, replicas: number): void {
  const fresh = fl.ctx.store.get(fl.deployments, d.metadata.namespace, d.metadata.name)
  if (!fresh || (fresh.spec.replicas ?? 1) === replicas) return
  fresh.spec.replicas = replicas
  fl.ctx.store.update(fl.deployments, fresh)
}

/** The first of Flagger's `-selector-labels` the target selects by, with its value. */
function selectorOf(fl: FlaggerContext, target: Obj): { key: string; value: string } | undefined {
  const labels: Obj = target.spec?.selector?.matchLabels ?? {}
  const key = fl.config.selectorLabels.find((k) => k in labels)
  return key ? { key, value: String(labels[key]) } : undefined
}

// Labels Flux's controllers own (…toolkit.fluxcd.io/…) never pass to what Flagger makes.
const TOOLKIT = 'toolkit.fluxcd.io'
const withoutToolkit = (labels: Obj | undefined): Obj =>
  Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !k.includes(TOOLKIT)))

function includedLabels(labels: Obj | undefined, prefixes: string[]): Obj {
  return Object.fromEntries(
    Object.entries(withoutToolkit(labels)).filter(([k]) =>
      prefixes.some((p) => p === '*' || (p !== '' && k.startsWith(p))),
    ),
  )
}

const ownerRef = (cd: Obj) => ({
  apiVersion: cd.apiVersion,
  kind: cd.kind,
  name: cd.metadata.name,
  uid: cd.metadata.uid,
  controller: true,
  blockOwnerDeletion: true,
})
