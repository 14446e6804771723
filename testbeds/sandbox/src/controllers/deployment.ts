import { type Obj, timestamp } from '../util'
import { type Controller, type ControllerContext, kind } from './context'
import { controllerUid, ownerRef, POD_READY_MS, templateHash } from './pods'
import { ownerController } from './workqueue'

export { POD_READY_MS }

const REVISION = 'deployment.kubernetes.io/revision'

/**
 * The deployment controller: a Deployment owns one ReplicaSet per pod template (named
 * `<deployment>-<pod-template-hash>`, with the revision annotations). A changed template gets a new
 * ReplicaSet at the full replica count; the old ones are scaled to zero once the new one's pods are
 * available. The Deployment's status sums its ReplicaSets' and carries the Available and Progressing
 * conditions `kubectl rollout status`, helm's waiters and Flagger read; a rollout that does not finish
 * within progressDeadlineSeconds gets ProgressDeadlineExceeded.
 */
export function deploymentController(ctx: ControllerContext): Controller {
  const deployments = kind(ctx.registry, 'apps', 'deployments')
  const replicaSets = kind(ctx.registry, 'apps', 'replicasets')

  const { queue, controller } = ownerController(ctx, deployments, [replicaSets], (namespace, name) => {
    const d = ctx.store.get(deployments, namespace, name)
    if (!d || d.metadata.deletionTimestamp) return
    const desired: number = d.spec?.replicas ?? 1
    const hash = templateHash(d.spec?.template)
    const owned = ctx.store.list(replicaSets, namespace, (rs) => controllerUid(rs) === d.metadata.uid)
    const revision = (rs: Obj) => Number(rs.metadata.annotations?.[REVISION] ?? 0)
    const maxRevision = Math.max(0, ...owned.map(revision))
    let current = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash)
    const olds = owned.filter((rs) => rs !== current)
    const step = rollingStep(d, current, olds)
    const annotations = {
      'deployment.kubernetes.io/desired-replicas': String(desired),
      'deployment.kubernetes.io/max-replicas': String(desired + surgeOf(d, desired)),
    }
    if (!current) {
      current = ctx.store.create(replicaSets, {
        metadata: {
          name: `${name}-${hash}`,
          namespace,
          labels: { ...d.spec?.template?.metadata?.labels, 'pod-template-hash': hash },
          annotations: { ...annotations, [REVISION]: String(maxRevision + 1) },
          ownerReferences: [ownerRef(d, deployments)],
        },
        spec: {
          replicas: step.fresh,
          ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
          selector: {
            ...d.spec?.selector,
            matchLabels: { ...d.spec?.selector?.matchLabels, 'pod-template-hash': hash },
          },
          template: {
            ...d.spec?.template,
            metadata: {
              ...d.spec?.template?.metadata,
              labels: { ...d.spec?.template?.metadata?.labels, 'pod-template-hash': hash },
            },
          },
        },
      })
      scaled(d, current.metadata.name, 0, step.fresh)
    } else {
      // A template seen before (a rollback) becomes the newest revision again.
      const bump = revision(current) < maxRevision
      if (current.spec?.replicas !== step.fresh || bump) {
        scaled(d, current.metadata.name, current.spec?.replicas ?? 0, step.fresh)
        current.spec = { ...current.spec, replicas: step.fresh }
        current.metadata.annotations = {
          ...current.metadata.annotations,
          ...annotations,
          ...(bump ? { [REVISION]: String(maxRevision + 1) } : {}),
        }
        current = ctx.store.update(replicaSets, current)
      }
    }
    for (const old of olds) {
      const replicas = step.old.get(old.metadata.name) ?? 0
      if ((old.spec?.replicas ?? 0) === replicas) continue
      scaled(d, old.metadata.name, old.spec?.replicas ?? 0, replicas)
      old.spec = { ...old.spec, replicas }
      ctx.store.update(replicaSets, old)
    }
    // Beyond revisionHistoryLimit, the oldest scaled-down ReplicaSets go.
    const limit = d.spec?.revisionHistoryLimit ?? 10
    const idle = olds
      .filter((rs) => !rs.status?.replicas && !step.old.get(rs.metadata.name))
      .sort((a, b) => revision(a) - revision(b))
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit)))
      ctx.store.delete(replicaSets, namespace, rs.metadata.name)
    writeStatus(
      d,
      current,
      olds.map((rs) => ctx.store.get(replicaSets, namespace, rs.metadata.name)).filter(Boolean) as Obj[],
    )
  })

  /** The event the deployment controller records for each scaling of a ReplicaSet. */
  function scaled(d: Obj, rs: string, from: number, to: number): void {
    if (from === to) return
    const message = `Scaled ${to > from ? 'up' : 'down'} replica set ${rs} from ${from} to ${to}`
    ctx.events.record(d, 'Normal', 'ScalingReplicaSet', message, 'deployment-controller')
    ctx.log(`deployment ${d.metadata.namespace}/${d.metadata.name}: ${message}`)
  }

  function writeStatus(d: Obj, current: Obj, olds: Obj[]): void {
    const desired: number = d.spec?.replicas ?? 1
    const all = [current, ...olds]
    const sum = (f: string) => all.reduce((n, rs) => n + (rs.status?.[f] ?? 0), 0)
    const updated = current.status?.replicas ?? 0
    const available = sum('availableReplicas')
    const complete = updated === desired && available >= desired && sum('replicas') === desired
    const previous: Obj = d.status ?? {}
    const now = timestamp()
    const old = (type: string) => (previous.conditions ?? []).find((c: Obj) => c.type === type)
    const rsName = current.metadata.name
    const started = old('Progressing')
    const deadlineMs = (d.spec?.progressDeadlineSeconds ?? 600) * 1000
    const sinceProgress =
      started && started.reason !== 'NewReplicaSetAvailable'
        ? ctx.clock.simSince(Date.parse(started.lastUpdateTime))
        : 0
    const timedOut = !complete && deadlineMs <= sinceProgress
    const progressing = complete
      ? ['True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`]
      : timedOut || started?.reason === 'ProgressDeadlineExceeded'
        ? ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`]
        : ['True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`]
    const maxUnavailable = unavailableAllowed(d, desired)
    const availableOk = available >= desired - maxUnavailable
    const status: Obj = {
      observedGeneration: d.metadata.generation,
      ...(sum('replicas') ? { replicas: sum('replicas') } : {}),
      ...(updated ? { updatedReplicas: updated } : {}),
      ...(sum('readyReplicas') ? { readyReplicas: sum('readyReplicas') } : {}),
      ...(available ? { availableReplicas: available } : {}),
      ...(desired - available > 0 ? { unavailableReplicas: desired - available } : {}),
      conditions: [
        condition(
          old('Available'),
          'Available',
          availableOk ? 'True' : 'False',
          availableOk ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          availableOk
            ? 'Deployment has minimum availability.'
            : 'Deployment does not have minimum availability.',
          now,
        ),
        condition(started, 'Progressing', progressing[0]!, progressing[1]!, progressing[2]!, now),
      ],
    }
    const fresh = ctx.store.get(deployments, d.metadata.namespace, d.metadata.name)
    if (!fresh || fresh.metadata.generation !== d.metadata.generation) return
    const revision = current.metadata.annotations?.[REVISION]
    const annotated = fresh.metadata.annotations?.[REVISION] !== revision
    if (annotated) fresh.metadata.annotations = { ...fresh.metadata.annotations, [REVISION]: revision }
    fresh.status = status
    ctx.store.update(deployments, fresh, { status: true, annotations: annotated })
    if (complete && previous.conditions && started?.reason !== 'NewReplicaSetAvailable')
      ctx.log(
        `deployment ${d.metadata.namespace}/${d.metadata.name}: ${desired}/${desired} ready (generation ${d.metadata.generation})`,
      )
    if (!complete && !timedOut) queue.after(d.metadata.namespace, d.metadata.name, deadlineMs)
  }

  return controller
}

/** An int-or-percent of the replica count: maxSurge rounds up, maxUnavailable down, as the controller does. */
function resolve(value: unknown, desired: number, roundUp: boolean): number {
  if (typeof value === 'number') return value
  const pct = /^(\d+)%$/.exec(String(value))
  if (!pct) return Number(value) || 0
  const exact = (desired * Number(pct[1])) / 100
  return roundUp ? Math.ceil(exact) : Math.floor(exact)
}

const surgeOf = (d: Obj, desired: number) =>
  d.spec?.strategy?.type === 'Recreate'
    ? 0
    : resolve(d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%', desired, true)

/** maxUnavailable of a rolling update (at least 1 when maxSurge is 0 too). */
function unavailableAllowed(d: Obj, desired: number): number {
  if (d.spec?.strategy?.type === 'Recreate') return 0
  const value = resolve(d.spec?.strategy?.rollingUpdate?.maxUnavailable ?? '25%', desired, false)
  return value === 0 && surgeOf(d, desired) === 0 ? 1 : value
}

/**
 * The next step of a rollout, as kube-controller-manager's rolling updater takes it: the new ReplicaSet
 * grows while the total stays within replicas + maxSurge; old ones shrink, unhealthy pods first, while
 * at least replicas - maxUnavailable stay available. Recreate empties the old ones before the new grows.
 */
function rollingStep(
  d: Obj,
  current: Obj | undefined,
  olds: Obj[],
): { fresh: number; old: Map<string, number> } {
  const desired: number = d.spec?.replicas ?? 1
  const spec = (rs: Obj | undefined) => rs?.spec?.replicas ?? 0
  const available = (rs: Obj | undefined) => rs?.status?.availableReplicas ?? 0
  const old = new Map(olds.map((rs) => [rs.metadata.name as string, spec(rs)]))
  const oldTotal = olds.reduce((n, rs) => n + spec(rs), 0)
  if (d.spec?.strategy?.type === 'Recreate') {
    for (const k of old.keys()) old.set(k, 0)
    const oldPods = olds.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0)
    return { fresh: oldPods > 0 ? spec(current) : desired, old }
  }
  let fresh = Math.min(spec(current), desired)
  if (fresh < desired)
    fresh = Math.min(desired, fresh + Math.max(0, desired + surgeOf(d, desired) - fresh - oldTotal))
  if (oldTotal === 0) return { fresh, old }
  const minAvailable = desired - unavailableAllowed(d, desired)
  const byAge = [...olds].sort((a, b) =>
    a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp),
  )
  // Unhealthy old replicas go first, as far as the new ReplicaSet's own unavailable pods allow.
  let cleanup = fresh + oldTotal - minAvailable - Math.max(0, fresh - available(current))
  for (const rs of byAge) {
    const take = Math.min(spec(rs) - Math.min(spec(rs), available(rs)), Math.max(0, cleanup))
    old.set(rs.metadata.name, spec(rs) - take)
    cleanup -= take
  }
  const availableNow =
    Math.min(fresh, available(current)) +
    byAge.reduce((n, rs) => n + Math.min(old.get(rs.metadata.name)!, available(rs)), 0)
  let down = availableNow - minAvailable
  for (const rs of byAge) {
    const take = Math.min(old.get(rs.metadata.name)!, Math.max(0, down))
    old.set(rs.metadata.name, old.get(rs.metadata.name)! - take)
    down -= take
  }
  return { fresh, old }
}

/** A condition that keeps its timestamps while nothing about it changes (so a no-op status write stays a no-op). */
function condition(
  old: Obj | undefined,
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): Obj {
  const same = old && old.status === status && old.reason === reason && old.message === message
  return {
    type,
    status,
    lastUpdateTime: same ? old.lastUpdateTime : now,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
    reason,
    message,
  }
}

/**
 * Ready as Flagger (and `kubectl rollout status`) judge a Deployment: the controller saw the latest spec,
 * every replica is updated and available, and no old replicas are left.
 */
export function isDeploymentReady(d: Obj | undefined): boolean {
  if (!d) return false
  const want = d.spec?.replicas ?? 1
  const s = d.status ?? {}
  return (
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) &&
    (s.updatedReplicas ?? 0) >= want &&
    (s.replicas ?? 0) <= (s.updatedReplicas ?? 0) &&
    (s.availableReplicas ?? 0) >= want
  )
}
