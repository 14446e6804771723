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
 * Applies objects the way Flux's staged server-side apply looks from outside: CRDs and Namespaces
 * first, then the rest. Each stage is validated as a whole first (the kind served, the namespace
 * there, the CRD schema), as Flux's dry run does, so a stage with a problem writes nothing; then each
 * object is created when missing or merged into the live one (a no-op when unchanged). Returns the
 * inventory and the changes; throws with every object's problem in one message.
 */
export function applyAll(
  ctx: ControllerContext,
  objects: Obj[],
  labels: Record<string, string>,
): { inventory: InventoryEntry[]; changes: string[] } {
  const rank = (o: Obj) => (o.kind === 'CustomResourceDefinition' ? 0 : o.kind === 'Namespace' ? 1 : 2)
  const sorted = [...objects].sort((a, b) => rank(a) - rank(b))
  const inventory: InventoryEntry[] = []
  const changes: string[] = []
  for (const stage of [sorted.filter((o) => rank(o) < 2), sorted.filter((o) => rank(o) === 2)]) {
    const problems: string[] = []
    const ready: { rt: ResourceType; obj: Obj; label: string }[] = []
    for (const input of stage) {
      const label = objectLabel(input)
      const prepared = prepare(ctx, input, labels)
      if (typeof prepared === 'string') problems.push(`${label}${prepared}`)
      else ready.push({ ...prepared, label })
    }
    if (problems.length > 0) throw new Error(problems.join('\n'))
    for (const { rt, obj, label } of ready) {
      try {
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
  }
  return { inventory, changes }
}

/** The object ready to write with its kind, or what a dry run would refuse (after the object's label). */
function prepare(
  ctx: ControllerContext,
  input: Obj,
  labels: Record<string, string>,
): { rt: ResourceType; obj: Obj } | string {
  const rt = ctx.registry.byKind(String(input.apiVersion), String(input.kind))
  if (!rt) return `: no matches for kind "${input.kind}" in version "${input.apiVersion}"`
  const obj: Obj = {
    ...input,
    metadata: { ...input.metadata, labels: { ...input.metadata?.labels, ...labels } },
  }
  if (rt.namespaced && !obj.metadata.namespace)
    return ' namespace not specified: the server could not find the requested resource'
  if (!rt.namespaced) delete obj.metadata.namespace
  const namespaces = ctx.registry.byKind('v1', 'Namespace')!
  if (
    rt.namespaced &&
    rt.kind !== 'Namespace' &&
    !ctx.store.get(namespaces, undefined, obj.metadata.namespace)
  )
    return `: namespaces "${obj.metadata.namespace}" not found`
  try {
    ctx.validator.check(rt, obj)
  } catch (err) {
    return `: ${err instanceof ApiError ? err.message : (err as Error).message}`
  }
  return { rt, obj }
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
