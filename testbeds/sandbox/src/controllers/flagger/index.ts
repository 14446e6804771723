import { parseDuration } from '../../clock'
import type { StoreEvent } from '../../store'
import type { Obj } from '../../util'
import type { Controller, ControllerContext } from '../context'
import { flaggerContext } from './context'
import { advanceCanary } from './phases'

const MIN_INTERVAL_MS = 10_000

/**
 * Flagger 1.44 for Deployment targets, driven like the real one by one timer per Canary at its
 * analysis interval (at least 10s); the first tick comes at once. Metrics and webhooks come from the
 * scenario.
 */
export function flaggerController(ctx: ControllerContext): Controller {
  const fl = flaggerContext(ctx)
  const jobs = new Map<string, { interval: number; cancel: () => void }>()

  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    if (e.rt !== fl.canaries) return
    const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`
    if (e.type === 'DELETED') {
      jobs.get(key)?.cancel()
      jobs.delete(key)
      return
    }
    const interval = intervalOf(e.object)
    const job = jobs.get(key)
    if (job && job.interval === interval) return
    job?.cancel()
    schedule(key, interval, 0)
  })

  function schedule(key: string, interval: number, delay: number): void {
    const [namespace, name] = key.split('/') as [string, string]
    const cancel = ctx.clock.setTimeout(() => {
      try {
        advanceCanary(fl, namespace, name)
      } catch (err) {
        ctx.log(`flagger ${key}: sync failed: ${(err as Error).message}`)
      }
      if (jobs.get(key)?.cancel === cancel) schedule(key, interval, interval)
    }, delay)
    jobs.set(key, { interval, cancel })
  }

  return {
    stop() {
      unsubscribe()
      for (const j of jobs.values()) j.cancel()
      jobs.clear()
    },
  }
}

function intervalOf(cd: Obj): number {
  return Math.max(MIN_INTERVAL_MS, parseDuration(cd.spec?.analysis?.interval, 60_000))
}
