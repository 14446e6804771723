import { behaviourFor } from '../scenario'
import type { StoreEvent } from '../store'
import { type Obj, timestamp } from '../util'
import { type Controller, type ControllerContext, kind } from './context'

/** Simulated time pods take to become ready. */
export const POD_READY_MS = 3_000

/**
 * The deployment controller, as far as clients can see it: a changed Deployment is observed at once
 * (observedGeneration, ReplicaSetUpdated) and its pods become ready after a short delay, with the
 * status fields `kubectl rollout status` reads. An image the scenario marks `ready: false` never does.
 */
export function deploymentController(ctx: ControllerContext): Controller {
  const rt = kind(ctx.registry, 'apps', 'deployments')
  const pending = new Map<string, () => void>()

  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    if (e.rt !== rt) return
    const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`
    if (e.type === 'DELETED') {
      pending.get(key)?.()
      pending.delete(key)
      return
    }
    if (e.object.status?.observedGeneration === e.object.metadata.generation) return
    pending.get(key)?.()
    // Writes happen after the current store event has been delivered to everyone.
    pending.set(
      key,
      ctx.clock.setTimeout(() => observe(e.object.metadata.namespace, e.object.metadata.name), 0),
    )
  })

  function observe(namespace: string, name: string): void {
    const d = ctx.store.get(rt, namespace, name)
    if (!d) return
    const desired = d.spec?.replicas ?? 1
    const previous = d.status ?? {}
    const now = timestamp()
    d.status = {
      observedGeneration: d.metadata.generation,
      replicas: Math.max(desired, previous.availableReplicas ?? 0),
      updatedReplicas: 0,
      readyReplicas: Math.min(previous.readyReplicas ?? 0, desired),
      availableReplicas: Math.min(previous.availableReplicas ?? 0, desired),
      ...(desired > 0 ? { unavailableReplicas: desired } : {}),
      conditions: [
        condition(
          previous,
          'Available',
          (previous.availableReplicas ?? 0) > 0 || desired === 0,
          'MinimumReplicasAvailable',
          'MinimumReplicasUnavailable',
          now,
        ),
        {
          ...condition(previous, 'Progressing', true, 'ReplicaSetUpdated', '', now),
          message: `ReplicaSet "${name}-${shortHash(d)}" is progressing.`,
        },
      ],
    }
    if (desired === 0) return void ready(d)
    ctx.store.update(rt, d, { status: true })
    const image = d.spec?.template?.spec?.containers?.[0]?.image
    if (behaviourFor(ctx.scenario(), image).ready === false) {
      ctx.log(`deployment ${namespace}/${name}: pods of ${image} do not become ready (scenario)`)
      return
    }
    const key = `${namespace}/${name}`
    pending.set(
      key,
      ctx.clock.setTimeout(() => {
        pending.delete(key)
        const fresh = ctx.store.get(rt, namespace, name)
        if (fresh && fresh.metadata.generation === d.metadata.generation) ready(fresh)
      }, POD_READY_MS),
    )
  }

  function ready(d: Obj): void {
    const desired = d.spec?.replicas ?? 1
    const previous = d.status ?? {}
    const now = timestamp()
    d.status = {
      observedGeneration: d.metadata.generation,
      ...(desired > 0
        ? { replicas: desired, updatedReplicas: desired, readyReplicas: desired, availableReplicas: desired }
        : {}),
      conditions: [
        {
          ...condition(previous, 'Available', true, 'MinimumReplicasAvailable', '', now),
          message: 'Deployment has minimum availability.',
        },
        {
          ...condition(previous, 'Progressing', true, 'NewReplicaSetAvailable', '', now),
          message: `ReplicaSet "${d.metadata.name}-${shortHash(d)}" has successfully progressed.`,
        },
      ],
    }
    ctx.store.update(ctx.registry.byKind('apps/v1', 'Deployment')!, d, { status: true })
    ctx.log(
      `deployment ${d.metadata.namespace}/${d.metadata.name}: ${desired}/${desired} ready (generation ${d.metadata.generation})`,
    )
  }

  return {
    stop() {
      unsubscribe()
      for (const cancel of pending.values()) cancel()
      pending.clear()
    },
  }
}

function condition(
  previous: Obj,
  type: string,
  ok: boolean,
  reasonTrue: string,
  reasonFalse: string,
  now: string,
): Obj {
  const old = (previous.conditions ?? []).find((c: Obj) => c.type === type)
  const status = ok ? 'True' : 'False'
  return {
    type,
    status,
    lastUpdateTime: now,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
    reason: ok ? reasonTrue : reasonFalse,
    message: ok ? '' : 'Deployment does not have minimum availability.',
  }
}

// The pod-template-hash part of a ReplicaSet name; only cosmetic here.
const shortHash = (d: Obj) => {
  let h = 0
  for (const c of JSON.stringify(d.spec?.template ?? {})) h = (h * 31 + c.charCodeAt(0)) >>> 0
  return h.toString(36).slice(0, 10)
}

export function isDeploymentReady(d: Obj | undefined): boolean {
  if (!d) return false
  const want = d.spec?.replicas ?? 1
  const s = d.status ?? {}
  return (
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) &&
    (s.updatedReplicas ?? 0) >= want &&
    (s.availableReplicas ?? 0) >= want
  )
}
