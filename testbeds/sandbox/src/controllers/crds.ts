import { typesFromCrd } from '../resources'
import type { StoreEvent } from '../store'
import { type Controller, type ControllerContext, kind } from './context'

/**
 * apiextensions-apiserver's part: a CustomResourceDefinition however it was written (through the API,
 * by the Flux model, by a test through the store) serves its kind, and a deleted one stops serving it
 * after its objects are deleted.
 */
export function crdController(ctx: ControllerContext): Controller {
  const crds = kind(ctx.registry, 'apiextensions.k8s.io', 'customresourcedefinitions')
  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    if (e.rt !== crds) return
    if (e.type !== 'DELETED') {
      if (!e.object.metadata.deletionTimestamp) for (const t of typesFromCrd(e.object)) ctx.registry.add(t)
      return
    }
    for (const t of typesFromCrd(e.object)) {
      const served = ctx.registry.byPlural(t.group, t.version, t.plural)
      if (!served) continue
      for (const obj of ctx.store.list(served))
        ctx.store.delete(served, obj.metadata.namespace, obj.metadata.name)
      ctx.registry.remove(t.group, t.plural)
    }
  })
  return { stop: unsubscribe }
}
