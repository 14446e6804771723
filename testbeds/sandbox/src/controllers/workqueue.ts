import type { ResourceType } from '../resources'
import type { StoreEvent } from '../store'
import type { Obj } from '../util'
import type { Controller, ControllerContext } from './context'

/**
 * A controller's queue of `namespace/name` keys: a key added several times before it runs is reconciled
 * once, after the store event that added it has reached every listener (as client-go's work queue
 * dedups). `after` schedules a later look, e.g. at a progress deadline.
 */
export function workqueue(ctx: ControllerContext, reconcile: (namespace: string, name: string) => void) {
  const queued = new Map<string, () => void>()
  const timers = new Map<string, () => void>()
  let stopped = false
  const run = (key: string) => {
    const i = key.indexOf('/')
    try {
      reconcile(key.slice(0, i), key.slice(i + 1))
    } catch (err) {
      // A conflict with a concurrent write is retried as client-go's requeue does.
      ctx.log(`reconcile ${key} failed: ${(err as Error).message}`)
      if (!stopped) after(key, 1_000)
    }
  }
  const add = (namespace: string | undefined, name: string) => {
    const key = `${namespace ?? ''}/${name}`
    if (stopped || queued.has(key)) return
    queued.set(
      key,
      ctx.clock.setTimeout(() => {
        queued.delete(key)
        run(key)
      }, 0),
    )
  }
  const after = (key: string, simMs: number) => {
    timers.get(key)?.()
    timers.set(
      key,
      ctx.clock.setTimeout(() => {
        timers.delete(key)
        run(key)
      }, simMs),
    )
  }
  return {
    add,
    /** Reconciles `namespace/name` again after `simMs` of simulated time (replacing an earlier request). */
    after: (namespace: string | undefined, name: string, simMs: number) =>
      after(`${namespace ?? ''}/${name}`, simMs),
    stop() {
      stopped = true
      for (const cancel of [...queued.values(), ...timers.values()]) cancel()
      queued.clear()
      timers.clear()
    },
  }
}

export type WorkQueue = ReturnType<typeof workqueue>

/**
 * A workload controller's wiring: a queue of its objects, fed by their changes and by changes to what
 * they own (an owned object brings back the owner its controller reference names).
 */
export function ownerController(
  ctx: ControllerContext,
  owner: ResourceType,
  owned: ResourceType[],
  reconcile: (namespace: string, name: string) => void,
  also?: (e: StoreEvent) => void,
): { queue: WorkQueue; controller: Controller } {
  const queue = workqueue(ctx, reconcile)
  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    if (e.rt === owner) {
      if (e.type !== 'DELETED') queue.add(e.object.metadata.namespace, e.object.metadata.name)
    } else if (owned.includes(e.rt)) {
      const ref = e.object.metadata.ownerReferences?.find((o: Obj) => o.controller && o.kind === owner.kind)
      if (ref) queue.add(e.object.metadata.namespace, ref.name)
    }
    also?.(e)
  })
  return {
    queue,
    controller: {
      stop() {
        unsubscribe()
        queue.stop()
      },
    },
  }
}

/** Work to do once the store event being delivered has reached every listener; stop() drops what is left. */
export function deferrer(ctx: ControllerContext) {
  const pending = new Set<() => void>()
  return {
    later(fn: () => void) {
      const cancel = ctx.clock.setTimeout(() => {
        pending.delete(cancel)
        fn()
      }, 0)
      pending.add(cancel)
    },
    stop() {
      for (const cancel of pending) cancel()
      pending.clear()
    },
  }
}
