import { parseDuration } from '../../clock'
import type { StoreEvent } from '../../store'
import type { Obj } from '../../util'
import type { Controller, ControllerContext } from '../context'
import { whileInstalled } from '../installed'
import { configFromContainer, type FlaggerConfig } from './config'
import { flaggerContext } from './context'
import { advanceCanary } from './phases'
import { onlineError } from './prometheus'

const MIN_INTERVAL_MS = 10_000

/**
 * Flagger 1.44 for Deployment targets, configured as its command line says, driven like the real one by
 * one timer per Canary at its analysis interval (at least 10s); the first tick comes at once. Metrics and
 * webhooks come from the scenario, through the cluster's Services unless the add-ons are implied.
 */
export function flaggerController(ctx: ControllerContext, config: FlaggerConfig): Controller {
  const fl = flaggerContext(ctx, config)
  const jobs = new Map<string, { interval: number; cancel: () => void }>()
  const watched = (cd: Obj) => !config.watchNamespace || cd.metadata.namespace === config.watchNamespace

  const track = (cd: Obj) => {
    const key = `${cd.metadata.namespace}/${cd.metadata.name}`
    const interval = intervalOf(cd)
    const job = jobs.get(key)
    if (job && job.interval === interval) return
    job?.cancel()
    schedule(key, interval, 0)
  }
  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    if (e.rt !== fl.canaries || !watched(e.object)) return
    const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`
    if (e.type === 'DELETED') {
      jobs.get(key)?.cancel()
      jobs.delete(key)
      return
    }
    track(e.object)
  })
  // Canaries that were there before this Flagger started.
  for (const cd of ctx.store.list(fl.canaries)) if (watched(cd)) track(cd)

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

/**
 * Flagger as a bare cluster gets it from its chart: the model runs while a Deployment of the Flagger
 * image runs, configured from that container's command line, and restarts with a new one.
 */
export function installedFlagger(ctx: ControllerContext): Controller {
  return whileInstalled(ctx, 'flagger', ({ deployment, container }) => {
    const config = configFromContainer(deployment, container)
    const controller = flaggerController(ctx, config)
    const offline = onlineError(flaggerContext(ctx, config), config.metricsServer)
    ctx.log(
      offline
        ? `flagger: Metrics server ${config.metricsServer} unreachable ${offline}`
        : `flagger: Connected to metrics server ${config.metricsServer}`,
    )
    return controller
  })
}
