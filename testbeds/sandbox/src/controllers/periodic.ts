import { parseDuration } from '../clock'
import type { ResourceType } from '../resources'
import type { StoreEvent } from '../store'
import type { Obj } from '../util'
import type { ControllerContext } from './context'

const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt'

/**
 * Runs a Flux-style reconcile for each object of a kind: at once when it is created, when its generation
 * changes or `reconcile.fluxcd.io/requestedAt` is set (what `flux reconcile` does), then every
 * `spec.interval`, or sooner when a run returns a delay (a failure Flux retries early, a dependency it
 * waits for). Runs of one object never overlap. `kick` asks for an early run from elsewhere.
 */
export function periodic(
  ctx: ControllerContext,
  rt: ResourceType,
  defaultIntervalMs: number,
  /** Returns simulated milliseconds until the next run instead of the interval, or anything else for the interval. */
  reconcile: (obj: Obj) => unknown,
): { kick(namespace: string, name: string): void; stop(): void } {
  const timers = new Map<string, () => void>()
  const running = new Map<string, Promise<void>>()
  const again = new Set<string>()
  const seen = new Map<string, { generation: number; requestedAt: string | undefined }>()
  let stopped = false

  const run = (key: string) => {
    if (stopped) return
    if (running.has(key)) {
      again.add(key)
      return
    }
    timers.get(key)?.()
    const [namespace, name] = key.split('/') as [string, string]
    const obj = ctx.store.get(rt, namespace, name)
    if (!obj) return
    let requeueAfter: number | undefined
    const p = (async () => {
      try {
        const after = obj.spec?.suspend ? undefined : await reconcile(obj)
        if (typeof after === 'number') requeueAfter = after
      } catch (err) {
        ctx.log(`${rt.kind.toLowerCase()} ${key}: reconcile failed: ${(err as Error).message}`)
      }
    })()
    running.set(key, p)
    p.finally(() => {
      running.delete(key)
      if (stopped) return
      if (again.delete(key)) return run(key)
      const fresh = ctx.store.get(rt, namespace, name)
      if (!fresh) return
      timers.set(
        key,
        ctx.clock.setTimeout(
          () => run(key),
          requeueAfter ?? parseDuration(fresh.spec?.interval, defaultIntervalMs),
        ),
      )
    })
  }

  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    if (e.rt !== rt) return
    const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`
    if (e.type === 'DELETED') {
      timers.get(key)?.()
      timers.delete(key)
      seen.delete(key)
      return
    }
    const now = {
      generation: e.object.metadata.generation as number,
      requestedAt: e.object.metadata.annotations?.[REQUESTED_AT] as string | undefined,
    }
    const before = seen.get(key)
    seen.set(key, now)
    if (before && before.generation === now.generation && before.requestedAt === now.requestedAt) return
    // Let the write that triggered this finish before reconciling.
    timers.get(key)?.()
    timers.set(
      key,
      ctx.clock.setTimeout(() => run(key), 0),
    )
  })

  // What exists already is reconciled at once, as a controller's first list does.
  for (const obj of ctx.store.list(rt)) {
    const key = `${obj.metadata.namespace}/${obj.metadata.name}`
    seen.set(key, { generation: obj.metadata.generation, requestedAt: requestedAt(obj) })
    timers.set(
      key,
      ctx.clock.setTimeout(() => run(key), 0),
    )
  }

  return {
    kick(namespace, name) {
      const key = `${namespace}/${name}`
      timers.get(key)?.()
      timers.set(
        key,
        ctx.clock.setTimeout(() => run(key), 0),
      )
    },
    stop() {
      stopped = true
      unsubscribe()
      for (const cancel of timers.values()) cancel()
      timers.clear()
    },
  }
}

export const requestedAt = (obj: Obj): string | undefined => obj.metadata?.annotations?.[REQUESTED_AT]
