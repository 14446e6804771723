import { groupVersion } from '../../resources'
import type { Obj } from '../../util'
import type { InventoryEntry } from '../apply'
import type { ControllerContext } from '../context'
import { isDeploymentReady } from '../deployment'

export type Health = 'Current' | 'InProgress' | 'Failed' | 'NotFound'

/**
 * An object's health as kstatus (what Flux's health checks use) judges it: workloads by their replicas,
 * Jobs by completion, objects with a Ready condition (Flux's own kinds) by it and their
 * observedGeneration; anything else is current once it exists.
 */
export function healthOf(obj: Obj | undefined): Health {
  if (!obj) return 'NotFound'
  const s: Obj = obj.status ?? {}
  const observed = (s.observedGeneration ?? obj.metadata?.generation ?? 0) >= (obj.metadata?.generation ?? 0)
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
  const ready = condition('Ready')
  if (!ready) return observed ? 'Current' : 'InProgress'
  if (!observed) return 'InProgress'
  if (ready.status === 'True') return 'Current'
  return condition('Stalled')?.status === 'True' ? 'Failed' : 'InProgress'
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
