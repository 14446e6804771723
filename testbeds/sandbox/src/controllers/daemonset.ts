import { labelMatcher } from '../selectors'
import type { Obj } from '../util'
import { type Controller, type ControllerContext, kind } from './context'
import { controllerUid, isPodReady, podFrom, randomSuffix, templateHash } from './pods'
import { ownerController } from './workqueue'

/**
 * The DaemonSet controller: one pod per node whose labels match the template's nodeSelector, replaced
 * when the template changes, with the status counts kstatus reads (desired, current, updated, ready,
 * available).
 */
export function daemonSetController(ctx: ControllerContext): Controller {
  const sets = kind(ctx.registry, 'apps', 'daemonsets')
  const pods = kind(ctx.registry, '', 'pods')
  const nodes = kind(ctx.registry, '', 'nodes')

  const { queue, controller } = ownerController(
    ctx,
    sets,
    [pods],
    (namespace, name) => {
      const ds = ctx.store.get(sets, namespace, name)
      if (!ds || ds.metadata.deletionTimestamp) return
      const hash = templateHash(ds.spec?.template)
      const selector = Object.entries(ds.spec?.template?.spec?.nodeSelector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
      const eligible = ctx.store.list(nodes, undefined, labelMatcher(selector))
      const owned = ctx.store.list(
        pods,
        namespace,
        (p) => controllerUid(p) === ds.metadata.uid && !p.metadata.deletionTimestamp,
      )
      const kept: Obj[] = []
      for (const pod of owned) {
        const onNode = eligible.some((n) => n.metadata.name === pod.spec?.nodeName)
        if (onNode && pod.metadata.labels?.['controller-revision-hash'] === hash) kept.push(pod)
        else ctx.store.delete(pods, namespace, pod.metadata.name)
      }
      for (const node of eligible) {
        if (owned.some((p) => p.spec?.nodeName === node.metadata.name)) continue
        const pod = podFrom(ds, sets, ds.spec?.template, `${name}-${randomSuffix()}`, {
          'controller-revision-hash': hash,
          'pod-template-generation': String(ds.metadata.generation),
        })
        pod.spec.nodeName = node.metadata.name
        kept.push(ctx.store.create(pods, pod))
        ctx.events.record(
          ds,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${pod.metadata.name}`,
          'daemonset-controller',
        )
      }
      const ready = kept.filter(isPodReady).length
      const desired = eligible.length
      ds.status = {
        currentNumberScheduled: kept.length,
        numberMisscheduled: 0,
        desiredNumberScheduled: desired,
        numberReady: ready,
        observedGeneration: ds.metadata.generation,
        updatedNumberScheduled: kept.length,
        ...(ready ? { numberAvailable: ready } : {}),
        ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
      }
      ctx.store.update(sets, ds, { status: true })
    },
    // A node that comes or changes its labels changes where every DaemonSet runs.
    (e) => {
      if (e.rt === nodes)
        for (const ds of ctx.store.list(sets)) queue.add(ds.metadata.namespace, ds.metadata.name)
    },
  )

  return controller
}
