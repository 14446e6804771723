import { ApiError } from '../errors'
import { applyMerge } from '../patch'
import { groupVersion, type ResourceType } from '../resources'
import { deepEqual, type Obj, objectLabel } from '../util'
import type { ControllerContext } from './context'

export interface InventoryEntry {
  id: string
  v: string
}

/** Flux's inventory id: `<namespace>_<name>_<group>_<kind>`. */
export const inventoryId = (obj: Obj, rt: ResourceType) =>
  `${obj.metadata.namespace ?? ''}_${obj.metadata.name}_${rt.group}_${rt.kind}`

/**
 * Applies objects the way Flux's server-side apply looks from outside: Namespaces and CRDs first,
 * each object validated, created when missing or merged into the live one (a no-op when unchanged).
 * Returns the inventory and the changes; throws with every object's problem in one message.
 */
export function applyAll(
  ctx: ControllerContext,
  objects: Obj[],
  labels: Record<string, string>,
): { inventory: InventoryEntry[]; changes: string[] } {
  const rank = (o: Obj) => (o.kind === 'CustomResourceDefinition' ? 0 : o.kind === 'Namespace' ? 1 : 2)
  const sorted = [...objects].sort((a, b) => rank(a) - rank(b))
  const problems: string[] = []
  const inventory: InventoryEntry[] = []
  const changes: string[] = []
  for (const input of sorted) {
    const rt = ctx.registry.byKind(String(input.apiVersion), String(input.kind))
    const label = objectLabel(input)
    if (!rt) {
      problems.push(`${label}: no matches for kind "${input.kind}" in version "${input.apiVersion}"`)
      continue
    }
    const obj: Obj = {
      ...input,
      metadata: { ...input.metadata, labels: { ...input.metadata?.labels, ...labels } },
    }
    if (rt.namespaced && !obj.metadata.namespace) {
      problems.push(`${label} namespace not specified: the server could not find the requested resource`)
      continue
    }
    if (!rt.namespaced) delete obj.metadata.namespace
    try {
      ctx.validator.check(rt, obj)
      const live = ctx.store.get(rt, obj.metadata.namespace, obj.metadata.name)
      if (!live) {
        ctx.store.create(rt, obj)
        changes.push(`${label} created`)
      } else if (live.metadata.annotations?.['kustomize.toolkit.fluxcd.io/reconcile'] !== 'disabled') {
        const merged = applyMerge(live, obj, rt.builtin)
        if (!deepEqual(merged, live)) {
          ctx.store.update(rt, merged)
          changes.push(`${label} configured`)
        }
      }
      inventory.push({ id: inventoryId(obj, rt), v: rt.version })
    } catch (err) {
      problems.push(`${label}: ${err instanceof ApiError ? err.message : (err as Error).message}`)
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'))
  return { inventory, changes }
}

/** Deletes what an earlier inventory held and the new one does not (Flux's garbage collection). */
export function prune(ctx: ControllerContext, before: InventoryEntry[], after: InventoryEntry[]): string[] {
  const keep = new Set(after.map((e) => e.id))
  const deleted: string[] = []
  for (const entry of before) {
    if (keep.has(entry.id)) continue
    const [namespace, name, group, kind] = entry.id.split('_') as [string, string, string, string]
    const rt = ctx.registry.byKind(groupVersion({ group, version: entry.v }), kind)
    if (!rt || !ctx.store.get(rt, namespace || undefined, name)) continue
    ctx.store.delete(rt, namespace || undefined, name)
    deleted.push(`${kind}/${namespace ? `${namespace}/` : ''}${name} deleted`)
  }
  return deleted
}
