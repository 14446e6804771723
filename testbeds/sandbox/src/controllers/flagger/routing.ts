import { clone, type Obj } from '../../util'
import { kind } from '../context'
import { dotted, type FlaggerContext, recordEvent } from './context'

/**
 * Creates the apex, -primary and -canary Services and, for APISIX, the canary route. False when a
 * referenced route is missing (Flagger retries on the next tick).
 */
export function ensureRouting(fl: FlaggerContext, cd: Obj, target: Obj): boolean {
  const ns = cd.metadata.namespace
  const apex: string = cd.spec.service?.name ?? target.metadata.name
  const key = selectorKey(target) ?? 'app'
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
  for (const [name, selector] of [
    [apex, `${target.metadata.name}-primary`],
    [`${apex}-primary`, `${target.metadata.name}-primary`],
    [`${apex}-canary`, target.metadata.name],
  ] as const) {
    if (!fl.ctx.store.get(fl.services, ns, name)) fl.ctx.store.create(fl.services, svc(name, selector))
  }
  if (cd.spec.provider !== 'apisix') return true
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
  if (cd.spec.provider !== 'apisix' || !cd.spec.routeRef?.name) return
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

/** `<target>-primary`, a copy of the target with the selector label rewritten, owned by the Canary. */
export function createPrimary(fl: FlaggerContext, cd: Obj, target: Obj): void {
  const primaryName = `${target.metadata.name}-primary`
  const key = selectorKey(target)
  const spec = clone(target.spec)
  spec.replicas = target.spec.replicas ?? 1
  if (key) spec.selector = { matchLabels: { [key]: primaryName } }
  spec.template = primaryTemplate(target, primaryName)
  fl.ctx.store.create(fl.deployments, {
    metadata: {
      name: primaryName,
      namespace: target.metadata.namespace,
      labels: { ...target.metadata.labels, ...(key ? { [key]: primaryName } : {}) },
      annotations: { 'helm.toolkit.fluxcd.io/driftDetection': 'disabled' },
      ownerReferences: [ownerRef(cd)],
    },
    spec,
  })
  fl.ctx.log(`flagger ${dotted(cd)}: created deployment ${primaryName}`)
}

/** The target's pod template as the primary runs it. */
export function primaryTemplate(target: Obj, primaryName: string): Obj {
  const template = clone(target.spec.template)
  const labels = template.metadata?.labels ?? {}
  const key = selectorKey(target)
  if (key) labels[key] = primaryName
  template.metadata = { ...template.metadata, labels }
  return template
}

export function scale(fl: FlaggerContext, d: Obj, replicas: number): void {
  const fresh = fl.ctx.store.get(fl.deployments, d.metadata.namespace, d.metadata.name)
  if (!fresh || (fresh.spec.replicas ?? 1) === replicas) return
  fresh.spec.replicas = replicas
  fl.ctx.store.update(fl.deployments, fresh)
}

// Flagger rewrites the value of the selector label (app, name or app.kubernetes.io/name) for the primary.
function selectorKey(target: Obj): string | undefined {
  const labels: Obj = target.spec?.selector?.matchLabels ?? {}
  return ['app', 'name', 'app.kubernetes.io/name'].find((k) => k in labels) ?? Object.keys(labels)[0]
}

const ownerRef = (cd: Obj) => ({
  apiVersion: cd.apiVersion,
  kind: cd.kind,
  name: cd.metadata.name,
  uid: cd.metadata.uid,
  controller: true,
  blockOwnerDeletion: true,
})
