import type { Obj } from '../util'
import { type Controller, type ControllerContext, kind } from './context'
import { controllerUid, isPodFinished, isPodReady, podFrom, randomSuffix } from './pods'
import { ownerController } from './workqueue'

/**
 * The ReplicaSet controller: keeps `spec.replicas` pods (`<replicaset>-<random>`, owned by it) and
 * reports how many exist and how many are ready and available.
 */
export function replicaSetController(ctx: ControllerContext): Controller {
  const replicaSets = kind(ctx.registry, 'apps', 'replicasets')
  const pods = kind(ctx.registry, '', 'pods')

  const { controller } = ownerController(ctx, replicaSets, [pods], (namespace, name) => {
    const rs = ctx.store.get(replicaSets, namespace, name)
    if (!rs || rs.metadata.deletionTimestamp) return
    const want: number = rs.spec?.replicas ?? 1
    let owned = ctx.store.list(
      pods,
      namespace,
      (p) => controllerUid(p) === rs.metadata.uid && !p.metadata.deletionTimestamp && !isPodFinished(p),
    )
    for (let i = owned.length; i < want; i++) {
      const pod = ctx.store.create(
        pods,
        podFrom(rs, replicaSets, rs.spec?.template, `${name}-${randomSuffix()}`),
      )
      ctx.events.record(
        rs,
        'Normal',
        'SuccessfulCreate',
        `Created pod: ${pod.metadata.name}`,
        'replicaset-controller',
      )
      owned.push(pod)
    }
    if (owned.length > want) {
      // Unready and newer pods go first, as the ReplicaSet controller ranks them.
      const ranked = [...owned].sort(
        (a, b) =>
          Number(isPodReady(a)) - Number(isPodReady(b)) ||
          b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp),
      )
      const doomed = new Set(ranked.slice(0, owned.length - want).map((p: Obj) => p.metadata.name))
      for (const p of doomed) {
        ctx.store.delete(pods, namespace, p as string)
        ctx.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p}`, 'replicaset-controller')
      }
      owned = owned.filter((p) => !doomed.has(p.metadata.name))
    }
    const ready = owned.filter(isPodReady).length
    rs.status = {
      replicas: owned.length,
      ...(owned.length ? { fullyLabeledReplicas: owned.length } : {}),
      ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}),
      observedGeneration: rs.metadata.generation,
    }
    ctx.store.update(replicaSets, rs, { status: true })
  })

  return controller
}
