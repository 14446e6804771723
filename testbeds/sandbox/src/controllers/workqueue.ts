import type { ControllerContext } from './context'

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
