import type { ResourceType } from '../resources'
import type { StoreEvent } from '../store'
import type { Obj } from '../util'
import type { Controller, ControllerContext } from './context'
import { deferrer } from './workqueue'

/**
 * kube-controller-manager's garbage collector: dependents go when their owners go. An owner deleted in
 * the background is gone at once and its dependents follow; in the foreground it waits (deletionTimestamp,
 * finalizer `foregroundDeletion`) until its dependents are gone; with Orphan its dependents lose the
 * owner reference and stay. A dependent that still has another owner only loses the reference.
 */
export function garbageCollector(ctx: ControllerContext): Controller {
  const { later, stop: cancelPending } = deferrer(ctx)

  const dependentsOf = (uid: string): { rt: ResourceType; obj: Obj }[] => {
    const out: { rt: ResourceType; obj: Obj }[] = []
    const owned = (o: Obj) => Boolean(o.metadata.ownerReferences?.some((r: Obj) => r.uid === uid))
    for (const rt of ctx.registry.all()) {
      if (!rt.verbs) for (const obj of ctx.store.list(rt, undefined, owned)) out.push({ rt, obj })
    }
    return out
  }

  const exists = (uid: string) =>
    ctx.registry
      .all()
      .some((rt) => !rt.verbs && ctx.store.list(rt, undefined, (o) => o.metadata.uid === uid).length > 0)

  /** Removes the reference to `uid`; deletes the dependent when no owner it names is left. */
  const release = (rt: ResourceType, dep: Obj, uid: string, orphan: boolean) => {
    const fresh = ctx.store.get(rt, dep.metadata.namespace, dep.metadata.name)
    if (!fresh) return
    const rest = (fresh.metadata.ownerReferences ?? []).filter((o: Obj) => o.uid !== uid)
    if (!orphan && !rest.some((o: Obj) => exists(o.uid))) {
      const foreground = Boolean(fresh.metadata.finalizers?.includes('foregroundDeletion'))
      ctx.store.delete(
        rt,
        fresh.metadata.namespace,
        fresh.metadata.name,
        foreground ? 'Foreground' : 'Background',
      )
      return
    }
    fresh.metadata.ownerReferences = rest.length ? rest : undefined
    if (!rest.length) delete fresh.metadata.ownerReferences
    ctx.store.update(rt, fresh)
  }

  /** An owner waiting on its dependents (foreground) or orphaning them: do that, then drop the finalizer. */
  const finish = (rt: ResourceType, owner: Obj) => {
    const finalizers: string[] = owner.metadata.finalizers ?? []
    const orphan = finalizers.includes('orphan')
    const foreground = finalizers.includes('foregroundDeletion')
    if (!orphan && !foreground) return
    for (const dep of dependentsOf(owner.metadata.uid)) {
      if (orphan) release(dep.rt, dep.obj, owner.metadata.uid, true)
      else if (!dep.obj.metadata.deletionTimestamp)
        ctx.store.delete(dep.rt, dep.obj.metadata.namespace, dep.obj.metadata.name, 'Foreground')
    }
    // Foreground deletion waits until no dependent is left (they may wait on finalizers of their own).
    if (foreground && dependentsOf(owner.metadata.uid).length > 0) return
    const fresh = ctx.store.get(rt, owner.metadata.namespace, owner.metadata.name)
    if (!fresh) return
    fresh.metadata.finalizers = (fresh.metadata.finalizers ?? []).filter(
      (f: string) => f !== 'orphan' && f !== 'foregroundDeletion',
    )
    ctx.store.update(rt, fresh)
  }

  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    const meta = e.object.metadata
    if (e.type === 'DELETED') {
      const uid = meta.uid
      later(() => {
        for (const dep of dependentsOf(uid)) release(dep.rt, dep.obj, uid, false)
        // An owner in foreground deletion waits for this one; look at its owners again.
        for (const ref of meta.ownerReferences ?? []) retryOwner(ref.uid)
      })
      return
    }
    if (meta.deletionTimestamp && e.previous && !e.previous.metadata.deletionTimestamp)
      later(() => finish(e.rt, e.object))
  })

  const retryOwner = (uid: string) => {
    for (const rt of ctx.registry.all()) {
      if (rt.verbs) continue
      for (const owner of ctx.store.list(
        rt,
        undefined,
        (o) => o.metadata.uid === uid && Boolean(o.metadata.deletionTimestamp),
      ))
        finish(rt, owner)
    }
  }

  return {
    stop() {
      unsubscribe()
      cancelPending()
    },
  }
}
