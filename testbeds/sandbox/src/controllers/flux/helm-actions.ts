import { createHash } from 'node:crypto'
import { type Obj, timestamp } from '../../util'
import { applyAll, type InventoryEntry, inventoryId, prune } from '../apply'
import type { ControllerContext } from '../context'
import { isDeploymentReady } from '../deployment'
import { helmTemplate } from './helm-render'
import type { ReleaseStatus, ReleaseStorage, StoredRelease } from './helm-storage'
import type { FluxStorage } from './storage'

/** Everything a Helm action needs to know about the desired release. */
export interface ReleaseRequest {
  hr: Obj
  release: string
  namespace: string
  chart: { dir: string; name: string; version: string; appVersion: string }
  values: Obj
  configDigest: string
  /** Simulated milliseconds Helm waits for the release's workloads; 0: no wait. */
  waitMs: number
  crds: 'Skip' | 'Create' | 'CreateReplace'
}

/** An action's outcome: whether it stored a release version (what Flux counts), and its error. */
export interface ActionResult {
  stored: boolean
  error?: string
}

const WAIT_POLL_MS = 1_000

/**
 * Helm's install, upgrade, rollback and uninstall as helm-controller runs them, on the sandbox: the
 * chart is rendered with the real helm and applied like Helm applies it (CRDs by policy first, then
 * hooks and the manifest, what left the manifest deleted), then the workloads are waited for. Each
 * release version is kept in the release storage with its manifest, for rollbacks.
 */
export class HelmActions {
  constructor(
    private readonly ctx: ControllerContext,
    private readonly flux: FluxStorage,
    readonly releases: ReleaseStorage,
  ) {}

  async install(req: ReleaseRequest): Promise<ActionResult> {
    return this.release(req, 'install')
  }

  async upgrade(req: ReleaseRequest): Promise<ActionResult> {
    return this.release(req, 'upgrade')
  }

  /** Applies the previous deployed version's manifest again as a new version. */
  async rollback(req: ReleaseRequest): Promise<ActionResult> {
    const latest = this.releases.latest(req.namespace, req.release)
    const target = this.releases.previous(req.namespace, req.release)
    if (!latest || !target) return { stored: false, error: 'no previous release to roll back to' }
    const version = latest.version + 1
    let inventory: InventoryEntry[] = []
    let error: string | undefined
    try {
      inventory = this.apply(req, target.manifest)
      prune(this.ctx, latest.inventory, inventory)
      error = await this.waitFor(req, target.manifest)
    } catch (err) {
      error = (err as Error).message
    }
    this.releases.supersede(req.namespace, req.release, version)
    this.releases.record({
      ...target,
      version,
      status: error ? 'failed' : 'deployed',
      lastDeployed: timestamp(),
      digest: digestOf(req.release, version, target.configDigest),
      inventory,
    })
    return { stored: true, ...(error ? { error } : {}) }
  }

  /** Deletes what the latest version applied and forgets the release (no history kept). */
  uninstall(namespace: string, release: string): ActionResult {
    const latest = this.releases.latest(namespace, release)
    if (!latest) return { stored: false }
    prune(this.ctx, latest.inventory, [])
    this.releases.remove(namespace, release)
    return { stored: true }
  }

  private async release(req: ReleaseRequest, action: 'install' | 'upgrade'): Promise<ActionResult> {
    const latest = this.releases.latest(req.namespace, req.release)
    let rendered: Awaited<ReturnType<typeof helmTemplate>>
    try {
      rendered = await this.flux.writing(
        helmTemplate(req.release, req.namespace, req.chart.dir, req.values, this.flux.root),
      )
    } catch (err) {
      return { stored: false, error: (err as Error).message } // nothing stored: Flux retries without counting
    }
    const version = (latest?.version ?? 0) + 1
    const now = timestamp()
    const record = (status: ReleaseStatus, inventory: InventoryEntry[]): StoredRelease => ({
      name: req.release,
      namespace: req.namespace,
      version,
      status,
      chartName: req.chart.name,
      chartVersion: req.chart.version,
      appVersion: req.chart.appVersion,
      configDigest: req.configDigest,
      digest: digestOf(req.release, version, req.configDigest),
      firstDeployed: action === 'install' ? now : (latest?.firstDeployed ?? now),
      lastDeployed: now,
      manifest: rendered.objects,
      inventory,
    })
    let inventory: InventoryEntry[] = []
    let error: string | undefined
    try {
      this.applyCrds(rendered.crds, req.crds)
      const hooks = rendered.hooks.filter((h) => !/test/.test(h.metadata.annotations['helm.sh/hook']))
      if (hooks.length > 0) this.apply(req, hooks)
      inventory = this.apply(req, rendered.objects)
      if (latest) prune(this.ctx, latest.inventory, inventory)
      error = await this.waitFor(req, rendered.objects)
    } catch (err) {
      error = (err as Error).message
      // Helm records the whole manifest of a failed release, so a rollback removes what it created.
      inventory = this.inventoryOf(rendered.objects)
    }
    if (!error) this.releases.supersede(req.namespace, req.release, version)
    this.releases.record(record(error ? 'failed' : 'deployed', inventory))
    return { stored: true, ...(error ? { error } : {}) }
  }

  private inventoryOf(objects: Obj[]): InventoryEntry[] {
    return objects.flatMap((o) => {
      const rt = this.ctx.registry.byKind(String(o.apiVersion), String(o.kind))
      if (!rt) return []
      const placed = rt.namespaced ? o : { ...o, metadata: { ...o.metadata, namespace: undefined } }
      return [{ id: inventoryId(placed, rt), v: rt.version }]
    })
  }

  private applyCrds(crds: Obj[], policy: ReleaseRequest['crds']): void {
    if (policy === 'Skip' || crds.length === 0) return
    const crdType = this.ctx.registry.byKind('apiextensions.k8s.io/v1', 'CustomResourceDefinition')!
    const wanted =
      policy === 'Create'
        ? crds.filter((crd) => !this.ctx.store.get(crdType, undefined, crd.metadata?.name))
        : crds
    if (wanted.length > 0) applyAll(this.ctx, wanted, {})
  }

  private apply(req: ReleaseRequest, objects: Obj[]): InventoryEntry[] {
    const { changes, inventory } = applyAll(this.ctx, objects, {
      'helm.toolkit.fluxcd.io/name': req.hr.metadata.name,
      'helm.toolkit.fluxcd.io/namespace': req.hr.metadata.namespace,
      'app.kubernetes.io/managed-by': 'Helm',
    })
    for (const change of changes)
      this.ctx.log(`helmrelease ${req.hr.metadata.namespace}/${req.hr.metadata.name}: ${change}`)
    return inventory
  }

  /** Helm's --wait: every workload of the manifest ready within the timeout, or why not (kstatus's words). */
  private async waitFor(req: ReleaseRequest, objects: Obj[]): Promise<string | undefined> {
    if (req.waitMs <= 0) return undefined
    const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind))
    const started = Date.now()
    for (;;) {
      const waiting = workloads.map((o) => this.notReady(o)).filter((m): m is string => m !== undefined)
      if (waiting.length === 0) return undefined
      if (this.ctx.clock.simSince(started) >= req.waitMs)
        return [...waiting, 'context deadline exceeded'].join('\n')
      await this.ctx.clock.sleep(WAIT_POLL_MS)
    }
  }

  private notReady(o: Obj): string | undefined {
    const rt = this.ctx.registry.byKind(String(o.apiVersion), String(o.kind))
    const live = rt ? this.ctx.store.get(rt, o.metadata.namespace, o.metadata.name) : undefined
    const label = `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`
    if (!live) return `resource ${label} not ready. status: NotFound, message: Resource not found`
    const want = live.spec?.replicas ?? 1
    const s = live.status ?? {}
    const ready =
      o.kind === 'Deployment'
        ? isDeploymentReady(live)
        : o.kind === 'DaemonSet'
          ? (s.numberReady ?? 0) >= (s.desiredNumberScheduled ?? 1)
          : (s.readyReplicas ?? 0) >= want
    if (ready) return undefined
    const available = o.kind === 'Deployment' ? (s.availableReplicas ?? 0) : (s.readyReplicas ?? 0)
    return `resource ${label} not ready. status: InProgress, message: ${o.kind === 'Deployment' ? 'Available' : 'Ready'}: ${available}/${want}`
  }
}

const digestOf = (release: string, version: number, configDigest: string) =>
  `sha256:${createHash('sha256').update(`${release}.v${version}${configDigest}`).digest('hex')}`
