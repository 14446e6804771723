import { groupVersion } from '../../resources'
import type { Obj } from '../../util'
import type { InventoryEntry } from '../apply'
import type { ControllerContext } from '../context'
import { isDeploymentReady } from '../deployment'

export type Health = 'Current' | 'InProgress' | 'Failed' | 'NotFound'

/**
 * An object's health as Flux's health checks judge it (kstatus): workloads by their replicas, Jobs by
 * completion, Flux's own kinds by Ready=True for their latest generation (one not reconciled yet is in
 * progress), other objects by their Reconciling/Stalled conditions and observedGeneration; anything
 * else is current once it exists.
 */
export function healthOf(obj: Obj | undefined): Health {
  if (!obj) return 'NotFound'
  const s: Obj = obj.status ?? {}
  const generation = obj.metadata?.generation ?? 0
  const observed = s.observedGeneration === undefined || s.observedGeneration >= generation
  const condition = (type: string) => (s.conditions ?? []).find((c: Obj) => c.type === type)
  switch (obj.kind) {
    case 'Deployment':
      return isDeploymentReady(obj) ? 'Current' : 'InProgress'
    case 'StatefulSet':
      return observed && (s.readyReplicas ?? 0) >= (obj.spec?.replicas ?? 1) ? 'Current' : 'InProgress'
    case 'DaemonSet':
      return observed && (s.numberReady ?? 0) >= (s.desiredNumberScheduled ?? 1) ? 'Current' : 'InProgress'
    case 'Job':
      if (condition('Failed')?.status === 'True') return 'Failed'
      return condition('Complete')?.status === 'True' ? 'Current' : 'InProgress'
    case 'PersistentVolumeClaim':
      return s.phase === 'Bound' ? 'Current' : 'InProgress'
  }
  if (condition('Stalled')?.status === 'True') return 'Failed'
  if (String(obj.apiVersion ?? '').includes('.toolkit.fluxcd.io/')) {
    return s.observedGeneration === generation && condition('Ready')?.status === 'True'
      ? 'Current'
      : 'InProgress'
  }
  if (condition('Reconciling')?.status === 'True' || !observed) return 'InProgress'
  return 'Current'
}

/** The objects of an inventory that are not healthy yet, as `Kind/namespace/name status: 'X'`. */
export function unhealthy(
  ctx: ControllerContext,
  entries: InventoryEntry[],
  skip: (id: string) => boolean,
): string[] {
  const out: string[] = []
  for (const entry of entries) {
    if (skip(entry.id)) continue
    const [namespace, name, group, kind] = entry.id.split('_') as [string, string, string, string]
    const rt = ctx.registry.byKind(groupVersion({ group, version: entry.v }), kind)
    const live = rt ? ctx.store.get(rt, namespace || undefined, name) : undefined
    const health = healthOf(live)
    if (health !== 'Current')
      out.push(`${kind}/${namespace ? `${namespace}/` : ''}${name} status: '${health}'`)
  }
  return out
}
