import { inert } from '@canary-delivery/action-kit'
import type { KubeObject } from '@canary-delivery/kube'
import { type Cluster, FLUX_KINDS, fluxPath, resourcePath } from './cluster'
import type { FluxObject } from './flux-state'

/**
 * The sync: the Secret Flux reads the repository with, the GitRepository and the Kustomization that
 * applies the cluster's path, as `flux bootstrap` makes them and under the names the reference
 * layout's `clusters/<env>/flux-sync.yaml` gives them (GitRepository `gitops`, Kustomization
 * `cluster`), so that the copy in Git and the action's agree instead of fighting.
 */

export interface SyncSettings {
  namespace: string
  url: string
  branch: string
  /** The cluster's path in the repository, without `./`. */
  path: string
  auth?: { kind: 'token'; token: string } | { kind: 'deploy-key'; key: string; knownHosts: string }
}

export const SYNC_NAMES = { source: 'gitops', kustomization: 'cluster', secret: 'gitops-auth' } as const

export interface SyncChange {
  /** `Secret flux-system/gitops-auth`. */
  object: string
  change: 'created' | 'configured' | 'unchanged'
  /** The fields that move (never their values: the Secret's data is a credential). */
  fields: string[]
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

export function syncObjects(settings: SyncSettings): KubeObject[] {
  const metadata = (name: string) => ({ name, namespace: settings.namespace })
  const objects: KubeObject[] = []
  if (settings.auth) {
    const data =
      settings.auth.kind === 'token'
        ? { username: base64('git'), password: base64(settings.auth.token) }
        : {
            identity: base64(settings.auth.key.endsWith('\n') ? settings.auth.key : `${settings.auth.key}\n`),
            known_hosts: base64(settings.auth.knownHosts),
          }
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: metadata(SYNC_NAMES.secret),
      type: 'Opaque',
      data,
    })
  }
  objects.push({
    apiVersion: FLUX_KINDS.GitRepository.apiVersion,
    kind: 'GitRepository',
    metadata: metadata(SYNC_NAMES.source),
    spec: {
      interval: '1m',
      url: settings.url,
      ref: { branch: settings.branch },
      ...(settings.auth ? { secretRef: { name: SYNC_NAMES.secret } } : {}),
    },
  })
  objects.push({
    apiVersion: FLUX_KINDS.Kustomization.apiVersion,
    kind: 'Kustomization',
    metadata: metadata(SYNC_NAMES.kustomization),
    spec: {
      interval: '10m',
      path: `./${settings.path}`,
      prune: true,
      sourceRef: { kind: 'GitRepository', name: SYNC_NAMES.source },
    },
  })
  return objects
}

function pathOf(object: KubeObject): string {
  const name = object.metadata.name
  const namespace = object.metadata.namespace
  if (object.kind === 'Secret') return resourcePath('v1', 'secrets', namespace, name)
  return fluxPath(object.kind as 'GitRepository' | 'Kustomization', namespace, name)
}

const label = (object: KubeObject) => `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${k}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/** The fields of `desired` (one level under spec, or the Secret's data and type) that `live` does not match. */
function differences(desired: KubeObject, live: KubeObject | undefined): string[] {
  const sections = desired.kind === 'Secret' ? ['type', 'data'] : ['spec']
  const fields: string[] = []
  for (const section of sections) {
    const want = (desired as Record<string, unknown>)[section]
    const have = (live as Record<string, unknown> | undefined)?.[section]
    if (want && typeof want === 'object' && section === 'spec') {
      for (const key of Object.keys(want))
        if (
          canonical((want as Record<string, unknown>)[key]) !==
          canonical((have as Record<string, unknown> | undefined)?.[key])
        )
          fields.push(`spec.${key}`)
    } else if (section === 'data') {
      // Only what the action sets: other keys of a Secret the user extended are theirs.
      for (const key of Object.keys(want as Record<string, string>))
        if ((want as Record<string, string>)[key] !== (have as Record<string, string> | undefined)?.[key])
          fields.push(`data.${key}`)
    } else if (canonical(want) !== canonical(have)) fields.push(section)
  }
  return fields
}

/** What applying the sync would change, asking nothing of the server but reads. */
export async function planSync(cluster: Cluster, objects: KubeObject[]): Promise<SyncChange[]> {
  const changes: SyncChange[] = []
  for (const object of objects) {
    const live = await cluster.find<KubeObject>(pathOf(object))
    if (!live) changes.push({ object: label(object), change: 'created', fields: [] })
    else {
      const fields = differences(object, live)
      changes.push({ object: label(object), change: fields.length ? 'configured' : 'unchanged', fields })
    }
  }
  return changes
}

/**
 * Server-side apply of each object that differs from what the cluster has; one that already says
 * what the action would write is left alone, so that a rerun moves no resourceVersion.
 */
export async function applySync(cluster: Cluster, objects: KubeObject[]): Promise<SyncChange[]> {
  const changes: SyncChange[] = []
  for (const object of objects) {
    const live = await cluster.find<KubeObject>(pathOf(object))
    const fields = live ? differences(object, live) : []
    if (live && fields.length === 0) {
      changes.push({ object: label(object), change: 'unchanged', fields })
      continue
    }
    await cluster.apply(pathOf(object), object)
    changes.push({ object: label(object), change: live ? 'configured' : 'created', fields })
  }
  return changes
}

/**
 * Asks Flux to look now, but only where it is behind: the source when it has not fetched `revision`
 * (or the sync changed), the Kustomization when it has not applied it. A cluster already at Git's
 * revision gets no request, so a rerun writes nothing.
 */
export async function requestReconcile(
  cluster: Cluster,
  settings: SyncSettings,
  revision: string | undefined,
  changed: boolean,
): Promise<string[]> {
  const source = await cluster.find<FluxObject>(
    fluxPath('GitRepository', settings.namespace, SYNC_NAMES.source),
  )
  const kustomization = await cluster.find<FluxObject>(
    fluxPath('Kustomization', settings.namespace, SYNC_NAMES.kustomization),
  )
  const requested: string[] = []
  const token = { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() }
  if (changed || source?.status?.artifact?.revision !== revision) {
    await cluster.annotate(fluxPath('GitRepository', settings.namespace, SYNC_NAMES.source), token)
    requested.push(`GitRepository ${settings.namespace}/${SYNC_NAMES.source}`)
  }
  const ready = (kustomization?.status?.conditions as { type: string; status: string }[] | undefined)?.some(
    (c) => c.type === 'Ready' && c.status === 'True',
  )
  if (changed || kustomization?.status?.lastAppliedRevision !== revision || !ready) {
    await cluster.annotate(fluxPath('Kustomization', settings.namespace, SYNC_NAMES.kustomization), token)
    requested.push(`Kustomization ${settings.namespace}/${SYNC_NAMES.kustomization}`)
  }
  return requested
}

/**
 * Where the repository's own copy of the sync (applied by Flux) says something else than the action:
 * each would undo the other on every run, so the user is told to make them agree.
 */
export async function syncDivergence(cluster: Cluster, settings: SyncSettings): Promise<string[]> {
  const warnings: string[] = []
  for (const desired of syncObjects({ ...settings, auth: undefined }).filter((o) => o.kind !== 'Secret')) {
    const live = await cluster.find<FluxObject>(pathOf(desired))
    const fields = differences(desired, live).filter((f) => f !== 'spec.secretRef')
    if (!live || fields.length === 0) continue
    const shown = fields.map((field) => {
      const key = field.slice('spec.'.length)
      return `${field} is ${inert(JSON.stringify(live.spec?.[key]))} in the cluster, ${JSON.stringify((desired as FluxObject).spec?.[key])} from the action`
    })
    warnings.push(
      `${label(desired)} differs from what the action applies (${shown.join('; ')}): the copy in Git (flux-sync.yaml of the cluster's path) must say the same, or Flux and the action undo each other`,
    )
  }
  return warnings
}
