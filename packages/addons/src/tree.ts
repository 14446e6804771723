import { formatDuration, inert } from '@canary-delivery/action-kit'
import type { KubeObject } from '@canary-delivery/kube'
import { type Cluster, type FluxKind, fluxPath, resourcePath } from './cluster'
import {
  behindSource,
  condition,
  emptyState,
  type FluxObject,
  type FluxState,
  healthCheckStale,
  judge,
  kindNowServed,
  lookup,
  ownerOf,
  type Ref,
  reach,
  record,
  refKey,
  refLabel,
  stalledWithNewSpec,
  type Verdict,
} from './flux-state'

/**
 * Follows every Kustomization and HelmRelease the cluster's path reaches, live, through watches,
 * until all are Ready for the revision Git has, one fails in a way Flux will not recover from by
 * itself, or the deadline passes. A line is printed whenever an object's state or Flux's message
 * about it changes.
 */

export interface FollowOptions {
  cluster: Cluster
  /** The sync Kustomization the action applied (`flux-system/cluster`). */
  root: Ref
  /** The revision Git's branch had when the run started (`main@sha1:…`); the root's source must reach it. */
  revision?: string
  /** Ask helm-controller to reset a HelmRelease stalled on exhausted retries whose spec changed since. */
  resetStalled: boolean
  /** Aborts at the deadline (or when the runner cancels). */
  signal: AbortSignal
  log: (line: string) => void
  /** How often a reminder names what is still awaited (default 30s). */
  reminderMs?: number
}

export interface FollowResult {
  result: 'ready' | 'failed' | 'timed-out'
  state: FluxState
  reached: Ref[]
  failure?: { ref: Ref; message: string; events: string[] }
  /** Objects not ready when the deadline passed, with Flux's last word on each. */
  waiting: { ref: Ref; message: string }[]
  /** What the action asked Flux for on the way (resets, reconciles). */
  requests: string[]
}

const WATCHED: (FluxKind | 'CustomResourceDefinition')[] = [
  'GitRepository',
  'Kustomization',
  'HelmRelease',
  'CustomResourceDefinition',
]

const watchPath = (kind: FluxKind | 'CustomResourceDefinition') =>
  kind === 'CustomResourceDefinition'
    ? resourcePath('apiextensions.k8s.io/v1', 'customresourcedefinitions')
    : fluxPath(kind)

/** The newest events about an object, Warnings first, in one line each (text from the cluster: inert). */
export async function eventsAbout(cluster: Cluster, ref: Ref, limit = 3): Promise<string[]> {
  const events = await cluster
    .list<
      KubeObject & {
        type?: string
        reason?: string
        message?: string
        lastTimestamp?: string
        eventTime?: string
        involvedObject?: { kind?: string }
      }
    >(resourcePath('v1', 'events', ref.namespace), { fieldSelector: `involvedObject.name=${ref.name}` })
    .catch(() => [])
  const when = (e: (typeof events)[number]) => e.lastTimestamp ?? e.eventTime ?? ''
  return events
    .filter((e) => e.involvedObject?.kind === ref.kind)
    .sort((a, b) => (a.type === b.type ? when(b).localeCompare(when(a)) : a.type === 'Warning' ? -1 : 1))
    .slice(0, limit)
    .map((e) => inert(`${e.type ?? 'Normal'} ${e.reason ?? ''}: ${e.message ?? ''}`))
}

export function followTree(options: FollowOptions): Promise<FollowResult> {
  const { cluster, root, log } = options
  const started = Date.now()
  const state = emptyState()
  const shown = new Map<string, string>()
  const handled = new Set<string>()
  /** Per HelmRelease failing for its current generation: the failure count when first seen so. */
  const failingSince = new Map<string, { generation: number; failures: number }>()
  /** HelmReleases the action asked to reset, with when their stall began as it was then. */
  const resets = new Map<string, string | undefined>()
  const requests: string[] = []
  let sourceAtRevision = options.revision === undefined
  let finished = false
  let settling = false
  let synced = false
  let lastLine = Date.now()
  const stamp = () => formatDuration(Date.now() - started, 'clock')
  const say = (line: string) => {
    lastLine = Date.now()
    log(`[${stamp()}] ${line}`)
  }

  return new Promise<FollowResult>((resolve) => {
    let reached: Ref[] = [root]
    const verdicts = new Map<string, Verdict>()
    const finish = (result: Omit<FollowResult, 'state' | 'reached' | 'requests'>) => {
      if (finished) return
      finished = true
      clearInterval(reminder)
      options.signal.removeEventListener('abort', onAbort)
      for (const watch of watches) watch.stop()
      resolve({ ...result, state, reached, requests })
    }
    const ask = (what: string, path: string, annotations: Record<string, string>) => {
      requests.push(what)
      say(what)
      cluster
        .annotate(path, annotations)
        .catch((error: Error) => say(`could not ask: ${inert(error.message)}`))
    }

    /**
     * A release failing again and again with the same spec (helm-controller retries a release
     * whose values its chart rejects for ever when no remediation bounds it): failed after two more
     * attempts than when first seen failing.
     */
    const repeated = (key: string, object: FluxObject, verdict: Verdict): Verdict => {
      const generation = object.metadata.generation ?? 0
      const failures = Number(object.status?.failures ?? 0)
      if (verdict.state === 'ready' || object.status?.lastAttemptedGeneration !== generation) {
        failingSince.delete(key)
        return verdict
      }
      // Between attempts Ready says the next one runs; only a failure's own reason counts.
      if (verdict.state !== 'waiting' || !/Failed$/.test(verdict.reason ?? '')) return verdict
      const mark = failingSince.get(key)
      if (!mark || mark.generation !== generation) {
        failingSince.set(key, { generation, failures })
        return verdict
      }
      return failures - mark.failures >= 2
        ? {
            ...verdict,
            state: 'failed',
            message: `${verdict.message} (${failures} failed attempts, the same spec)`,
          }
        : verdict
    }

    const evaluate = () => {
      if (finished || settling || !synced) return
      reached = reach(state, root)
      const rootSource = lookup(state, root)?.spec?.sourceRef as
        | { name?: string; namespace?: string }
        | undefined
      for (const ref of reached) {
        const key = refKey(ref)
        const object = lookup(state, ref)
        let verdict = judge(state, ref)
        const isRootSource =
          ref.kind === 'GitRepository' &&
          ref.name === rootSource?.name &&
          ref.namespace === (rootSource?.namespace ?? root.namespace)
        if (isRootSource && options.revision !== undefined) {
          const revision = object?.status?.artifact?.revision as string | undefined
          if (revision === options.revision) sourceAtRevision = true
          if (!sourceAtRevision && verdict.state !== 'failed')
            verdict = {
              state: 'waiting',
              message: `fetching ${options.revision} (has ${revision ?? 'nothing'})`,
            }
        }
        // A failure shown before Flux applied Git's revision may be the one that revision fixes.
        const provisional =
          !isRootSource &&
          ref.kind !== 'GitRepository' &&
          (!sourceAtRevision ||
            behindSource(state, ref.kind === 'Kustomization' ? object : ownerOf(state, ref)))
        if (verdict.state === 'failed' && provisional)
          verdict = {
            ...verdict,
            state: 'waiting',
            message: `${verdict.message} (before Flux applied Git's revision)`,
          }
        if (ref.kind === 'HelmRelease' && object && !provisional) verdict = repeated(key, object, verdict)
        const stalledSince = condition(object, 'Stalled')?.lastTransitionTime
        if (
          ref.kind === 'HelmRelease' &&
          verdict.state === 'failed' &&
          options.resetStalled &&
          !resets.has(key) &&
          stalledWithNewSpec(object)
        ) {
          const token = new Date().toISOString()
          resets.set(key, stalledSince)
          ask(
            `${refLabel(ref)} is stalled after exhausted retries, and its spec changed since (generation ${object?.metadata.generation}): asked helm-controller to reset its failure counts (reconcile.fluxcd.io/resetAt)`,
            fluxPath('HelmRelease', ref.namespace, ref.name),
            { 'reconcile.fluxcd.io/requestedAt': token, 'reconcile.fluxcd.io/resetAt': token },
          )
        }
        // After the reset, the stall seen before it is history: only a new one counts.
        if (verdict.state === 'failed' && resets.has(key) && resets.get(key) === stalledSince)
          verdict = { ...verdict, state: 'waiting', message: `reset requested; was: ${verdict.message}` }
        if (ref.kind === 'Kustomization' && verdict.state === 'waiting' && healthCheckStale(state, object)) {
          const once = `health:${key}:${object?.metadata.resourceVersion}`
          if (!handled.has(once)) {
            handled.add(once)
            ask(
              `${refLabel(ref)}'s health check timed out, but what it waited for is ready now: asked kustomize-controller to check again`,
              fluxPath('Kustomization', ref.namespace, ref.name),
              { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() },
            )
          }
        }
        if (ref.kind === 'Kustomization' && verdict.state === 'waiting') {
          const served = kindNowServed(state, object)
          if (served && !handled.has(`kind:${key}:${served}:${object?.metadata.resourceVersion}`)) {
            handled.add(`kind:${key}:${served}:${object?.metadata.resourceVersion}`)
            ask(
              `${refLabel(ref)} failed before the CRD of ${served} was Established; it is now: asked kustomize-controller to apply again`,
              fluxPath('Kustomization', ref.namespace, ref.name),
              { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() },
            )
          }
        }
        verdicts.set(key, verdict)
        const line = `${refLabel(ref)}: ${verdict.state}${verdict.message ? ` — ${inert(verdict.message)}` : ''}`
        if (shown.get(key) !== line) {
          shown.set(key, line)
          say(line)
        }
      }
      const failed = reached.find((ref) => verdicts.get(refKey(ref))?.state === 'failed')
      if (failed) {
        const message = verdicts.get(refKey(failed))!.message
        settling = true
        void eventsAbout(cluster, failed).then((events) =>
          finish({ result: 'failed', failure: { ref: failed, message, events }, waiting: [] }),
        )
        return
      }
      if (reached.every((ref) => verdicts.get(refKey(ref))?.state === 'ready'))
        finish({ result: 'ready', waiting: [] })
    }

    const watches = WATCHED.map((kind) =>
      cluster.watch<FluxObject>(watchPath(kind), (type, object) => {
        record(state, kind, type, object)
        evaluate()
      }),
    )
    const order = { HelmRelease: 0, Kustomization: 1, GitRepository: 2 }
    const waiting = () =>
      [...reached]
        .sort((a, b) => order[a.kind] - order[b.kind])
        .filter((ref) => verdicts.get(refKey(ref))?.state !== 'ready')
        .map((ref) => ({ ref, message: verdicts.get(refKey(ref))?.message ?? 'not seen yet' }))
    const onAbort = () => finish({ result: 'timed-out', waiting: waiting() })
    if (options.signal.aborted) return onAbort()
    options.signal.addEventListener('abort', onAbort, { once: true })
    const reminderMs = options.reminderMs ?? 30_000
    const reminder = setInterval(
      () => {
        if (finished || Date.now() - lastLine < reminderMs) return
        const open = waiting()
        say(`still waiting for ${open.length}: ${open.map((w) => refLabel(w.ref)).join(', ')}`)
      },
      Math.min(reminderMs, 5_000),
    )
    reminder.unref?.()
    Promise.all(watches.map((watch) => watch.synced)).then(
      () => {
        synced = true
        evaluate()
      },
      (error: Error) =>
        finish({
          result: 'failed',
          failure: {
            ref: root,
            message: `watching Flux's objects failed: ${inert(error.message)}`,
            events: [],
          },
          waiting: [],
        }),
    )
  })
}
