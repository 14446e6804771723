import type { Obj } from '../../util'
import type { InventoryEntry } from '../apply'

/** Helm's release statuses as helm-controller records them in a HelmRelease's history. */
export type ReleaseStatus = 'deployed' | 'failed' | 'superseded' | 'uninstalled'

/** One release version, as Helm keeps it in its storage. */
export interface StoredRelease {
  name: string
  namespace: string
  version: number
  status: ReleaseStatus
  chartName: string
  chartVersion: string
  appVersion: string
  configDigest: string
  digest: string
  firstDeployed: string
  lastDeployed: string
  /** The rendered manifest (CRDs and hooks aside), what a rollback applies again. */
  manifest: Obj[]
  /** What was applied of it: Flux inventory entries. */
  inventory: InventoryEntry[]
}

/**
 * Helm's release storage for the releases helm-controller makes, kept in the controller rather than in
 * Secrets: each release's versions, newest first. An uninstall without history removes them all.
 */
export class ReleaseStorage {
  private readonly releases = new Map<string, StoredRelease[]>()

  history(namespace: string, name: string): StoredRelease[] {
    return this.releases.get(`${namespace}/${name}`) ?? []
  }

  latest(namespace: string, name: string): StoredRelease | undefined {
    return this.history(namespace, name)[0]
  }

  /** The newest version before the latest that was deployed at some point: a rollback target. */
  previous(namespace: string, name: string): StoredRelease | undefined {
    return this.history(namespace, name)
      .slice(1)
      .find((r) => r.status === 'superseded' || r.status === 'deployed')
  }

  record(release: StoredRelease): void {
    const key = `${release.namespace}/${release.name}`
    const rest = this.history(release.namespace, release.name).filter((r) => r.version !== release.version)
    this.releases.set(
      key,
      [release, ...rest].sort((a, b) => b.version - a.version),
    )
  }

  /** Marks every deployed version but `keep` superseded, as Helm does after a release. */
  supersede(namespace: string, name: string, keep: number): void {
    for (const r of this.history(namespace, name)) {
      if (r.version !== keep && (r.status === 'deployed' || r.status === 'failed')) r.status = 'superseded'
    }
  }

  remove(namespace: string, name: string): void {
    this.releases.delete(`${namespace}/${name}`)
  }
}

/** A HelmRelease status history entry (Flux's Snapshot) for a stored release. */
export function snapshot(r: StoredRelease, action?: string): Obj {
  return {
    ...(action ? { action } : {}),
    appVersion: r.appVersion,
    chartName: r.chartName,
    chartVersion: r.chartVersion,
    configDigest: r.configDigest,
    digest: r.digest,
    firstDeployed: r.firstDeployed,
    lastDeployed: r.lastDeployed,
    name: r.name,
    namespace: r.namespace,
    status: r.status,
    version: r.version,
  }
}
