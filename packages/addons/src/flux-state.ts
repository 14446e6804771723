import type { KubeObject } from '@canary-delivery/kube'

/**
 * The Flux objects of a cluster as last seen, and what follows from them: which Kustomizations and
 * HelmReleases the cluster's path reaches, and whether each is ready, still on its way, or failed
 * in a way Flux will not recover from by itself. Pure: the watches (tree.ts) and the drift check
 * (check.ts) feed it.
 */

export interface Condition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  reason?: string
  message?: string
  lastTransitionTime?: string
  observedGeneration?: number
}

// biome-ignore lint/suspicious/noExplicitAny: Flux's spec and status are read field by field, defensively.
export type FluxObject = KubeObject & { spec?: any; status?: any }

export type TreeKind = 'Kustomization' | 'HelmRelease' | 'GitRepository'

export interface Ref {
  kind: TreeKind
  namespace: string
  name: string
}

export interface FluxState {
  Kustomization: Map<string, FluxObject>
  HelmRelease: Map<string, FluxObject>
  GitRepository: Map<string, FluxObject>
  /** CustomResourceDefinitions by `<group>/<kind>`. */
  crds: Map<string, FluxObject>
}

export const emptyState = (): FluxState => ({
  Kustomization: new Map(),
  HelmRelease: new Map(),
  GitRepository: new Map(),
  crds: new Map(),
})

export const refKey = (ref: Ref) => `${ref.kind}/${ref.namespace}/${ref.name}`
export const refLabel = (ref: Ref) => `${ref.kind} ${ref.namespace}/${ref.name}`
export const objectKey = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`
export const lookup = (state: FluxState, ref: Ref) => state[ref.kind].get(`${ref.namespace}/${ref.name}`)

/** Records a watched object in the state (or removes it); CRDs are keyed by group and kind. */
export function record(
  state: FluxState,
  kind: TreeKind | 'CustomResourceDefinition',
  type: string,
  object: FluxObject,
) {
  if (kind === 'CustomResourceDefinition') {
    const key = `${object.spec?.group}/${object.spec?.names?.kind}`
    if (type === 'DELETED') state.crds.delete(key)
    else state.crds.set(key, object)
    return
  }
  if (type === 'DELETED') state[kind].delete(objectKey(object))
  else state[kind].set(objectKey(object), object)
}

export function condition(object: FluxObject | undefined, type: string): Condition | undefined {
  return (object?.status?.conditions as Condition[] | undefined)?.find((c) => c.type === type)
}

/** Flux's inventory id: `<namespace>_<name>_<group>_<kind>` (namespace empty when cluster-scoped). */
export function parseInventoryId(
  id: string,
): { namespace: string; name: string; group: string; kind: string } | undefined {
  const parts = id.split('_')
  if (parts.length !== 4) return undefined
  const [namespace, name, group, kind] = parts as [string, string, string, string]
  return { namespace, name, group, kind }
}

const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'rbac.authorization.k8s.io',
  'networking.k8s.io',
  'apiextensions.k8s.io',
  'admissionregistration.k8s.io',
  'storage.k8s.io',
  'coordination.k8s.io',
  'scheduling.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'certificates.k8s.io',
  'events.k8s.io',
  'apiregistration.k8s.io',
])

function inventoryEntries(object: FluxObject | undefined) {
  const entries = (object?.status?.inventory?.entries ?? []) as { id: string }[]
  return entries.map((e) => parseInventoryId(e.id)).filter((e) => e !== undefined)
}

/** The objects the root reaches: what each Kustomization applied, what each depends on, their sources. */
export function reach(state: FluxState, root: Ref): Ref[] {
  const seen = new Map<string, Ref>()
  const queue: Ref[] = [root]
  while (queue.length > 0) {
    const ref = queue.shift()!
    if (seen.has(refKey(ref))) continue
    seen.set(refKey(ref), ref)
    const object = lookup(state, ref)
    if (!object || ref.kind === 'GitRepository') continue
    for (const dependency of (object.spec?.dependsOn ?? []) as { name: string; namespace?: string }[])
      queue.push({ kind: ref.kind, namespace: dependency.namespace ?? ref.namespace, name: dependency.name })
    if (ref.kind === 'Kustomization') {
      const source = object.spec?.sourceRef as
        | { kind?: string; name?: string; namespace?: string }
        | undefined
      if (source?.kind === 'GitRepository' && source.name)
        queue.push({ kind: 'GitRepository', namespace: source.namespace ?? ref.namespace, name: source.name })
      for (const entry of inventoryEntries(object)) {
        if (entry.group === 'kustomize.toolkit.fluxcd.io' && entry.kind === 'Kustomization')
          queue.push({ kind: 'Kustomization', namespace: entry.namespace, name: entry.name })
        if (entry.group === 'helm.toolkit.fluxcd.io' && entry.kind === 'HelmRelease')
          queue.push({ kind: 'HelmRelease', namespace: entry.namespace, name: entry.name })
      }
    }
  }
  return [...seen.values()]
}

/** The Kustomization that applied `ref` (the one whose inventory lists it). */
export function ownerOf(state: FluxState, ref: Ref): FluxObject | undefined {
  const group = ref.kind === 'HelmRelease' ? 'helm.toolkit.fluxcd.io' : 'kustomize.toolkit.fluxcd.io'
  for (const ks of state.Kustomization.values())
    if (
      inventoryEntries(ks).some(
        (e) =>
          e.kind === ref.kind && e.group === group && e.namespace === ref.namespace && e.name === ref.name,
      )
    )
      return ks
  return undefined
}

/** A Kustomization that has not yet attempted the revision its source has: what it shows is from before. */
export function behindSource(state: FluxState, kustomization: FluxObject | undefined): boolean {
  if (!kustomization) return false
  const source = kustomization.spec?.sourceRef as { name?: string; namespace?: string } | undefined
  const revision = state.GitRepository.get(
    `${source?.namespace ?? kustomization.metadata.namespace}/${source?.name}`,
  )?.status?.artifact?.revision as string | undefined
  return revision !== undefined && kustomization.status?.lastAttemptedRevision !== revision
}

/** Custom kinds in the object's inventory whose CRD is not (yet) Established. */
export function crdsNotEstablished(state: FluxState, object: FluxObject | undefined): string[] {
  const pending = new Set<string>()
  for (const entry of inventoryEntries(object)) {
    if (BUILTIN_GROUPS.has(entry.group) || entry.kind === 'CustomResourceDefinition') continue
    const crd = state.crds.get(`${entry.group}/${entry.kind}`)
    const established = (crd?.status?.conditions as Condition[] | undefined)?.some(
      (c) => c.type === 'Established' && c.status === 'True',
    )
    if (!established) pending.add(`${entry.kind}.${entry.group}`)
  }
  return [...pending].sort()
}

export type VerdictState = 'ready' | 'waiting' | 'failed'

export interface Verdict {
  state: VerdictState
  /** Flux's own words (the Ready or Stalled condition), or why the action is still waiting. */
  message: string
  reason?: string
  /** When the Ready condition last changed. */
  since?: string
}

const current = (object: FluxObject) =>
  object.status?.observedGeneration !== undefined &&
  object.status.observedGeneration >= (object.metadata.generation ?? 0)

/** Reasons after which Flux only tries again when something changes: worth failing at once. */
// HealthCheckFailed is not among them: what it waited for may still become ready, and the
// Kustomization passes at its next attempt (which the tree asks for once it has).
const KUSTOMIZATION_FAILURES = new Set(['BuildFailed', 'PruneFailed'])
const SOURCE_FAILURES = new Set([
  'AuthenticationFailed',
  'GitOperationFailed',
  'URLInvalid',
  'StorageOperationFailed',
])

function fromReady(object: FluxObject, waitingFor: string): Verdict {
  const ready = condition(object, 'Ready')
  if (!ready) return { state: 'waiting', message: waitingFor }
  return {
    state: ready.status === 'True' ? 'ready' : 'waiting',
    message: ready.message ?? ready.reason ?? '',
    reason: ready.reason,
    since: ready.lastTransitionTime,
  }
}

/** Whether `ref` is ready as Flux reports it, with the revision its source has. */
export function judge(state: FluxState, ref: Ref): Verdict {
  const object = lookup(state, ref)
  if (!object) return { state: 'waiting', message: 'not created yet' }
  if (object.spec?.suspend === true)
    return { state: 'failed', message: `suspended: Flux does not reconcile it until it is resumed` }
  const controller = {
    Kustomization: 'kustomize-controller',
    HelmRelease: 'helm-controller',
    GitRepository: 'source-controller',
  }[ref.kind]
  const verdict = fromReady(object, `waiting for ${controller}`)
  if (!current(object) && verdict.state === 'ready')
    return {
      ...verdict,
      state: 'waiting',
      message: `generation ${object.metadata.generation} not reconciled yet`,
    }
  if (ref.kind === 'GitRepository') {
    if (verdict.state !== 'ready' && verdict.reason && SOURCE_FAILURES.has(verdict.reason) && current(object))
      return { ...verdict, state: 'failed' }
    return verdict
  }
  if (ref.kind === 'HelmRelease') {
    const stalled = condition(object, 'Stalled')
    if (stalled?.status === 'True')
      return {
        state: 'failed',
        message: stalled.message ?? '',
        reason: stalled.reason,
        since: stalled.lastTransitionTime,
      }
  } else if (verdict.state === 'waiting' && verdict.reason && current(object)) {
    if (KUSTOMIZATION_FAILURES.has(verdict.reason)) return { ...verdict, state: 'failed' }
    if (verdict.reason === 'ReconciliationFailed' && !/no matches for kind/.test(verdict.message))
      return { ...verdict, state: 'failed' }
  }
  if (verdict.state !== 'ready') return verdict
  if (ref.kind === 'Kustomization') {
    const source = object.spec?.sourceRef as { name?: string; namespace?: string } | undefined
    const revision = state.GitRepository.get(`${source?.namespace ?? ref.namespace}/${source?.name}`)?.status
      ?.artifact?.revision as string | undefined
    if (revision && object.status?.lastAppliedRevision !== revision)
      return {
        ...verdict,
        state: 'waiting',
        message: `applied ${object.status?.lastAppliedRevision ?? 'nothing'}, the source has ${revision}`,
      }
  }
  const pending = crdsNotEstablished(state, object)
  if (pending.length)
    return { ...verdict, state: 'waiting', message: `CRDs not Established yet: ${pending.join(', ')}` }
  return verdict
}

/** A HelmRelease stalled on exhausted retries although its spec changed since the last attempt. */
export function stalledWithNewSpec(object: FluxObject | undefined): boolean {
  const stalled = condition(object, 'Stalled')
  return (
    stalled?.status === 'True' &&
    stalled.reason === 'RetriesExceeded' &&
    object?.status?.lastAttemptedGeneration !== undefined &&
    object.status.lastAttemptedGeneration < (object.metadata.generation ?? 0)
  )
}

/** The kind a Kustomization failed on with "no matches for kind", now that its CRD is Established. */
export function kindNowServed(state: FluxState, object: FluxObject | undefined): string | undefined {
  const message = condition(object, 'Ready')?.message ?? ''
  for (const match of message.matchAll(/no matches for kind "([^"]+)" in version "([^"]+)"/g)) {
    const [, kind, apiVersion] = match as unknown as [string, string, string]
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : ''
    const crd = state.crds.get(`${group}/${kind}`)
    if (
      (crd?.status?.conditions as Condition[] | undefined)?.some(
        (c) => c.type === 'Established' && c.status === 'True',
      )
    )
      return `${kind}.${group}`
  }
  return undefined
}

/**
 * A Kustomization whose health check timed out although everything Flux-managed it applied is
 * ready by now: it would pass only at its next interval.
 */
export function healthCheckStale(state: FluxState, object: FluxObject | undefined): boolean {
  const ready = condition(object, 'Ready')
  if (ready?.status !== 'False' || ready.reason !== 'HealthCheckFailed') return false
  const children = inventoryEntries(object).filter(
    (e) =>
      (e.group === 'helm.toolkit.fluxcd.io' && e.kind === 'HelmRelease') ||
      (e.group === 'kustomize.toolkit.fluxcd.io' && e.kind === 'Kustomization'),
  )
  return children.every(
    (e) => judge(state, { kind: e.kind as TreeKind, namespace: e.namespace, name: e.name }).state === 'ready',
  )
}

/** One add-on (a HelmRelease the tree reaches), as the summary and the `addons` output show it. */
export interface AddonRow {
  name: string
  namespace: string
  chart: string
  pinned: string
  running: string
  ready: boolean
  message: string
  since?: string
}

export function addonRow(state: FluxState, ref: Ref): AddonRow {
  const object = lookup(state, ref)
  const chart = object?.spec?.chart?.spec ?? {}
  const history = (object?.status?.history ?? []) as { status?: string; chartVersion?: string }[]
  const verdict = judge(state, ref)
  return {
    name: ref.name,
    namespace: ref.namespace,
    chart: String(chart.chart ?? object?.spec?.chartRef?.name ?? ''),
    pinned: String(chart.version ?? '*'),
    running: history.find((h) => h.status === 'deployed')?.chartVersion ?? '',
    ready: verdict.state === 'ready',
    message: verdict.message,
    ...(verdict.since ? { since: verdict.since } : {}),
  }
}
