import { createHash } from 'node:crypto'
import type { ResourceType } from '../resources'
import { behaviourFor } from '../scenario'
import type { StoreEvent } from '../store'
import { clone, type Obj, timestamp } from '../util'
import { type Controller, type ControllerContext, kind } from './context'

/** Simulated time from a pod's creation to its containers running (and ready, unless the scenario says no). */
export const POD_READY_MS = 3_000

/** The one node of the sandbox's k3s-like cluster. */
export const NODE_NAME = 'sandbox'
export const NODE_IP = '10.0.0.10'

/** Names as Kubernetes generates them (rand.String's alphabet). */
export function randomSuffix(length = 5): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789'
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)]
  return out
}

/** A short stable hash of a pod template, in the same alphabet (pod-template-hash, controller-revision-hash). */
export function templateHash(template: unknown): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789'
  const digest = createHash('sha256')
    .update(JSON.stringify(template ?? {}))
    .digest()
  let out = ''
  for (let i = 0; i < 10; i++) out += alphabet[digest[i]! % alphabet.length]
  return out
}

export const ownerRef = (owner: Obj, rt: ResourceType): Obj => ({
  apiVersion: rt.group ? `${rt.group}/${rt.version}` : rt.version,
  kind: rt.kind,
  name: owner.metadata.name,
  uid: owner.metadata.uid,
  controller: true,
  blockOwnerDeletion: true,
})

/** The uid of the object's controller (the owner reference with controller: true). */
export const controllerUid = (obj: Obj): string | undefined =>
  obj.metadata?.ownerReferences?.find((o: Obj) => o.controller)?.uid

/** A pod of a workload, made from its template as the workload controllers make them. */
export function podFrom(
  owner: Obj,
  ownerRt: ResourceType,
  template: Obj,
  name: string,
  labels: Obj = {},
): Obj {
  const t = clone(template ?? {})
  return {
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...t.metadata?.labels, ...labels },
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ownerReferences: [ownerRef(owner, ownerRt)],
    },
    spec: { ...t.spec, nodeName: t.spec?.nodeName ?? NODE_NAME },
  }
}

const finished = (pod: Obj) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'

export const isPodReady = (pod: Obj): boolean =>
  !pod.metadata.deletionTimestamp &&
  Boolean(pod.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True'))

export const isPodFinished = finished

let podIps = 0

/**
 * The kubelet of the sandbox's node: a new pod is Pending with its containers being created, then after
 * POD_READY_MS its containers run. They are ready unless the scenario marks an image `ready: false`.
 * Pods that do not restart (a Job's) then finish: Succeeded, or Failed when an image's `exitCode` says so.
 */
export function kubelet(ctx: ControllerContext): Controller {
  const pods = kind(ctx.registry, '', 'pods')
  const timers = new Map<string, () => void>()

  const write = (namespace: string, name: string, status: (pod: Obj) => Obj) => {
    const pod = ctx.store.get(pods, namespace, name)
    if (!pod || pod.metadata.deletionTimestamp) return
    pod.status = status(pod)
    ctx.store.update(pods, pod, { status: true })
  }

  const conditions = (now: string, ready: boolean, reason: string, message: string): Obj[] => {
    const met = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now })
    const gate = (type: string) =>
      ready
        ? met(type)
        : { type, status: 'False', lastProbeTime: null, lastTransitionTime: now, reason, message }
    return [
      met('PodReadyToStartContainers'),
      met('Initialized'),
      gate('Ready'),
      gate('ContainersReady'),
      met('PodScheduled'),
    ]
  }

  const containerStatus = (c: Obj, state: Obj, ready: boolean) => ({
    name: c.name,
    image: c.image,
    imageID: `${String(c.image).split(':')[0]}@sha256:${createHash('sha256').update(String(c.image)).digest('hex')}`,
    containerID: `containerd://${createHash('sha256').update(`${c.name}${Math.random()}`).digest('hex')}`,
    ready,
    started: Boolean(state.running),
    restartCount: 0,
    state,
  })

  const start = (namespace: string, name: string) => {
    const key = `${namespace}/${name}`
    write(namespace, name, (pod) => {
      const now = timestamp()
      const containers: Obj[] = pod.spec?.containers ?? []
      const behaviour = containers.map((c) => behaviourFor(ctx.scenario(), c.image))
      const base = { ...pod.status, startTime: pod.status?.startTime ?? now }
      if (pod.spec?.restartPolicy === 'Never' || pod.spec?.restartPolicy === 'OnFailure') {
        const codes = behaviour.map((b) => b.exitCode ?? 0)
        const failed = codes.some((c) => c !== 0)
        return {
          ...base,
          phase: failed ? 'Failed' : 'Succeeded',
          conditions: conditions(now, false, 'PodCompleted', ''),
          containerStatuses: containers.map((c, i) =>
            containerStatus(
              c,
              {
                terminated: {
                  exitCode: codes[i],
                  reason: codes[i] === 0 ? 'Completed' : 'Error',
                  startedAt: base.startTime,
                  finishedAt: now,
                  containerID: `containerd://${i}`,
                },
              },
              false,
            ),
          ),
        }
      }
      const unready = containers.filter((_, i) => behaviour[i]!.ready === false).map((c) => c.name)
      if (unready.length)
        ctx.log(`pod ${key}: containers ${unready.join(', ')} do not become ready (scenario)`)
      return {
        ...base,
        phase: 'Running',
        conditions: conditions(
          now,
          unready.length === 0,
          'ContainersNotReady',
          `containers with unready status: [${unready.join(' ')}]`,
        ),
        containerStatuses: containers.map((c, i) =>
          containerStatus(c, { running: { startedAt: now } }, behaviour[i]!.ready !== false),
        ),
      }
    })
  }

  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    if (e.rt !== pods) return
    const { namespace, name } = e.object.metadata
    const key = `${namespace}/${name}`
    if (e.type === 'DELETED' || e.object.metadata.deletionTimestamp) {
      timers.get(key)?.()
      timers.delete(key)
      // Pods are deleted at once once asked (the grace period is not modelled); finalizers still hold them.
      return
    }
    if (e.type !== 'ADDED') return
    timers.set(
      key,
      ctx.clock.setTimeout(() => {
        write(namespace, name, (pod) => ({
          phase: 'Pending',
          conditions: conditions(timestamp(), false, 'ContainersNotReady', 'containers with unready status'),
          hostIP: NODE_IP,
          hostIPs: [{ ip: NODE_IP }],
          podIP: `10.42.0.${(podIps++ % 250) + 2}`,
          qosClass: qosClass(pod),
          startTime: timestamp(),
          containerStatuses: (pod.spec?.containers ?? []).map((c: Obj) =>
            containerStatus(c, { waiting: { reason: 'ContainerCreating' } }, false),
          ),
        }))
        timers.set(
          key,
          ctx.clock.setTimeout(() => {
            timers.delete(key)
            start(namespace, name)
          }, POD_READY_MS),
        )
      }, 0),
    )
  })

  return {
    stop() {
      unsubscribe()
      for (const cancel of timers.values()) cancel()
      timers.clear()
    },
  }
}

function qosClass(pod: Obj): string {
  const containers: Obj[] = pod.spec?.containers ?? []
  const resources = containers.map((c) => c.resources ?? {})
  if (resources.every((r) => !r.requests && !r.limits)) return 'BestEffort'
  const guaranteed = resources.every(
    (r) =>
      r.limits?.cpu &&
      r.limits?.memory &&
      (!r.requests || JSON.stringify(r.requests) === JSON.stringify(r.limits)),
  )
  return guaranteed ? 'Guaranteed' : 'Burstable'
}
