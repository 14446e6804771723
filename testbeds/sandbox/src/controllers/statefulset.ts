import type { Obj } from '../util'
import { type Controller, type ControllerContext, kind } from './context'
import { controllerUid, isPodReady, podFrom, templateHash } from './pods'
import { ownerController } from './workqueue'

/**
 * The StatefulSet controller: pods `<name>-0 … <name>-(n-1)` with stable names, created in order (each
 * once the one before is ready, unless podManagementPolicy is Parallel), a PersistentVolumeClaim per
 * volumeClaimTemplate and pod (`<template>-<name>-<i>`), and pods of an old template replaced. The status
 * has the replica counts and the current and update revisions kstatus and helm compare.
 */
export function statefulSetController(ctx: ControllerContext): Controller {
  const sets = kind(ctx.registry, 'apps', 'statefulsets')
  const pods = kind(ctx.registry, '', 'pods')
  const claims = kind(ctx.registry, '', 'persistentvolumeclaims')

  const { controller } = ownerController(ctx, sets, [pods], (namespace, name) => {
    const sts = ctx.store.get(sets, namespace, name)
    if (!sts || sts.metadata.deletionTimestamp) return
    const want: number = sts.spec?.replicas ?? 1
    const revision = `${name}-${templateHash(sts.spec?.template)}`
    const parallel = sts.spec?.podManagementPolicy === 'Parallel'
    const owned = new Map(
      ctx.store
        .list(pods, namespace, (p) => controllerUid(p) === sts.metadata.uid && !p.metadata.deletionTimestamp)
        .map((p) => [p.metadata.name, p]),
    )
    for (let i = 0; i < want; i++) {
      const podName = `${name}-${i}`
      const pod = owned.get(podName)
      if (pod && pod.metadata.labels?.['controller-revision-hash'] !== revision) {
        // Rolling update, one pod at a time from the highest ordinal in the real controller; all at once here.
        ctx.store.delete(pods, namespace, podName)
        owned.delete(podName)
        continue
      }
      if (pod) {
        if (!parallel && !isPodReady(pod)) break
        continue
      }
      for (const t of sts.spec?.volumeClaimTemplates ?? []) claim(sts, t, i)
      const fresh = podFrom(sts, sets, sts.spec?.template, podName, {
        'controller-revision-hash': revision,
        'statefulset.kubernetes.io/pod-name': podName,
        'apps.kubernetes.io/pod-index': String(i),
      })
      fresh.spec.hostname = podName
      if (sts.spec?.serviceName) fresh.spec.subdomain = sts.spec.serviceName
      owned.set(podName, ctx.store.create(pods, fresh))
      ctx.events.record(
        sts,
        'Normal',
        'SuccessfulCreate',
        `create Pod ${podName} in StatefulSet ${name} successful`,
        'statefulset-controller',
      )
      if (!parallel) break
    }
    for (const [podName, pod] of owned) {
      const ordinal = Number(podName.slice(name.length + 1))
      if (!(ordinal < want)) {
        ctx.store.delete(pods, namespace, pod.metadata.name)
        owned.delete(podName)
      }
    }
    const list = [...owned.values()]
    const ready = list.filter(isPodReady).length
    const updated = list.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision).length
    sts.status = {
      observedGeneration: sts.metadata.generation,
      replicas: list.length,
      ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}),
      ...(updated ? { currentReplicas: updated, updatedReplicas: updated } : {}),
      currentRevision: updated === want ? revision : (sts.status?.currentRevision ?? revision),
      updateRevision: revision,
      collisionCount: 0,
    }
    ctx.store.update(sets, sts, { status: true })
  })

  /** The claim of one pod, bound at once as k3s's local-path provisioner binds it for its first consumer. */
  function claim(sts: Obj, template: Obj, ordinal: number): void {
    const name = `${template.metadata?.name}-${sts.metadata.name}-${ordinal}`
    if (ctx.store.get(claims, sts.metadata.namespace, name)) return
    ctx.store.create(claims, {
      metadata: {
        name,
        namespace: sts.metadata.namespace,
        labels: { ...template.metadata?.labels, ...sts.spec?.selector?.matchLabels },
      },
      spec: { storageClassName: 'local-path', ...template.spec },
    })
  }

  return controller
}
