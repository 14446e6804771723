import type { KubeObject } from '@canary-delivery/kube'

/**
 * The few Kubernetes operations bootstrap-addons needs, in one narrow place: reads, server-side
 * apply under the action's field manager, annotations, list+watch and discovery. Everything else in
 * the package talks to this interface, never to a client library.
 */
export interface Cluster {
  /** GET; undefined for 404 (or a kind the server does not serve). */
  find<T extends KubeObject>(path: string): Promise<T | undefined>
  list<T extends KubeObject>(path: string, query?: Record<string, string>): Promise<T[]>
  /** Server-side apply (force, the action's field manager); `dryRun` changes nothing. */
  apply(path: string, object: KubeObject, options?: { dryRun?: boolean }): Promise<KubeObject>
  /** A JSON merge patch of annotations. */
  annotate(path: string, annotations: Record<string, string>): Promise<KubeObject>
  /** List, then watch, resuming; `onChange` for every object as it changes. */
  watch<T extends KubeObject>(path: string, onChange: (type: string, object: T) => void): ClusterWatch
  /** Whether the API serves `plural` in `groupVersion` (e.g. `apisix.apache.org/v2`, `apisixroutes`). */
  serves(groupVersion: string, plural: string): Promise<boolean>
  close(): void
}

export interface ClusterWatch {
  /** Resolves once the first list has been delivered. */
  synced: Promise<void>
  stop(): void
}

/** The field manager the action's server-side applies are recorded under. */
export const FIELD_MANAGER = 'bootstrap-addons'

/** `/api/v1/…` or `/apis/<group>/<version>/…`, namespaced when a namespace is given. */
export function resourcePath(apiVersion: string, plural: string, namespace?: string, name?: string): string {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`
  const scoped = namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${plural}`
    : `${base}/${plural}`
  return name ? `${scoped}/${encodeURIComponent(name)}` : scoped
}

/** The API paths of the Flux kinds the action follows. */
export const FLUX_KINDS = {
  Kustomization: { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', plural: 'kustomizations' },
  HelmRelease: { apiVersion: 'helm.toolkit.fluxcd.io/v2', plural: 'helmreleases' },
  GitRepository: { apiVersion: 'source.toolkit.fluxcd.io/v1', plural: 'gitrepositories' },
} as const

export type FluxKind = keyof typeof FLUX_KINDS

export const fluxPath = (kind: FluxKind, namespace?: string, name?: string) =>
  resourcePath(FLUX_KINDS[kind].apiVersion, FLUX_KINDS[kind].plural, namespace, name)
