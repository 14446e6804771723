import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { goDuration, parseDuration } from '../../clock'
import type { StoreEvent } from '../../store'
import type { Obj } from '../../util'
import { applyAll, type InventoryEntry, inventoryId, prune } from '../apply'
import { type Controller, type ControllerContext, kind } from '../context'
import { periodic } from '../periodic'
import { unhealthy } from './health'
import { build } from './kustomize-build'
import { applyPatches } from './kustomize-patches'
import { type Cond, conditions, handled, writeStatus } from './status'
import type { FluxStorage } from './storage'

/** kustomize-controller's --requeue-dependency. */
const DEPENDENCY_REQUEUE_MS = 30_000
/** How often health checks look again (simulated). */
const HEALTH_POLL_MS = 5_000

/**
 * kustomize-controller: once its dependencies are Ready, builds the Kustomization's path in its
 * source's artifact (with `spec.patches` on top) and applies the result with server-side apply
 * semantics, pruning what left the inventory; with `wait` or `healthChecks`, it is Ready only once what
 * it applied is healthy. A new source revision reconciles the Kustomizations on that source at once, as
 * Flux's watch on artifacts does.
 */
export function kustomizationController(ctx: ControllerContext, storage: FluxStorage): Controller {
  const gitRepos = kind(ctx.registry, 'source.toolkit.fluxcd.io', 'gitrepositories')
  const kustomizations = kind(ctx.registry, 'kustomize.toolkit.fluxcd.io', 'kustomizations')
  const appliers = periodic(ctx, kustomizations, 600_000, async (ks) => {
    const key = `${ks.metadata.namespace}/${ks.metadata.name}`
    const gen = ks.metadata.generation
    let status: Obj = { ...(ks.status ?? {}), ...handled(ks) }
    const save = (set: Cond[], extra: Obj = {}, drop: string[] = []) => {
      status = {
        ...status,
        ...extra,
        conditions: conditions(status.conditions, gen, set).filter((c) => !drop.includes(c.type)),
      }
      writeStatus(ctx, kustomizations, ks, status)
    }
    const fail = (reason: string, message: string, revision?: string) => {
      save([['Ready', 'False', reason, message]], {
        observedGeneration: gen,
        ...(revision ? { lastAttemptedRevision: revision } : {}),
      })
      ctx.log(`kustomization ${key}: ${reason}: ${message.split('\n')[0]}`)
    }
    const ref = ks.spec?.sourceRef ?? {}
    if (ref.kind !== 'GitRepository')
      return fail('ArtifactFailed', `source kind ${ref.kind} is not supported by the sandbox`)
    const artifact = storage.artifact('GitRepository', ref.namespace ?? ks.metadata.namespace, ref.name)
    if (!artifact) {
      save([['Ready', 'False', 'ArtifactFailed', 'Source artifact not found, retrying in 30s']])
      return DEPENDENCY_REQUEUE_MS
    }
    const dependency = notReady(ctx, kustomizations, ks)
    if (dependency) {
      if (status.conditions?.find((c: Obj) => c.type === 'Ready')?.message !== dependency)
        ctx.log(`kustomization ${key}: ${dependency}`)
      save([['Ready', 'False', 'DependencyNotReady', dependency]])
      ctx.events.record(
        ks,
        'Normal',
        'DependencyNotReady',
        'Dependencies do not meet ready condition, retrying in 30s',
        'kustomize-controller',
      )
      return DEPENDENCY_REQUEUE_MS
    }
    let objects: Obj[]
    try {
      const dir = resolve(artifact.dir, ks.spec?.path ?? './')
      if (!dir.startsWith(resolve(artifact.dir)))
        throw new Error(`path ${ks.spec?.path} leaves the repository`)
      if (!existsSync(dir))
        throw new Error(`kustomization path not found: stat ${ks.spec?.path}: no such file or directory`)
      objects = build(dir, artifact.dir)
      if (ks.spec?.targetNamespace) {
        for (const o of objects)
          if (o.kind !== 'Namespace' && o.kind !== 'CustomResourceDefinition')
            o.metadata.namespace = ks.spec.targetNamespace
      }
      objects = applyPatches(objects, ks.spec?.patches ?? [])
    } catch (err) {
      return fail('BuildFailed', (err as Error).message, artifact.revision)
    }
    let result: { inventory: InventoryEntry[]; changes: string[] }
    try {
      result = applyAll(ctx, objects, {
        'kustomize.toolkit.fluxcd.io/name': ks.metadata.name,
        'kustomize.toolkit.fluxcd.io/namespace': ks.metadata.namespace,
      })
    } catch (err) {
      return fail('ReconciliationFailed', (err as Error).message, artifact.revision)
    }
    const pruned = ks.spec?.prune ? prune(ctx, status.inventory?.entries ?? [], result.inventory) : []
    for (const change of [...result.changes, ...pruned]) ctx.log(`kustomization ${key}: ${change}`)
    status.inventory = { entries: result.inventory }

    const checks = healthChecked(ks, result.inventory)
    if (checks.length > 0) {
      const timeout = parseDuration(ks.spec?.timeout ?? ks.spec?.interval, 600_000)
      const running = `Running health checks for revision ${artifact.revision} with a timeout of ${goDuration(timeout)}`
      const fresh = status.lastAppliedRevision !== artifact.revision || status.observedGeneration !== gen
      save([
        ['Reconciling', 'True', 'Progressing', running],
        ['Healthy', 'Unknown', 'Progressing', running],
        ...(fresh ? [['Ready', 'Unknown', 'Progressing', 'Reconciliation in progress'] as Cond] : []),
      ])
      const started = Date.now()
      const self = inventoryId(ks, kustomizations)
      for (;;) {
        const waiting = unhealthy(ctx, checks, (id) => id === self)
        if (waiting.length === 0) break
        if (ctx.clock.simSince(started) >= timeout) {
          const message = `timeout waiting for: [${waiting.join(', ')}]`
          save(
            [
              ['Ready', 'False', 'HealthCheckFailed', message],
              ['Healthy', 'False', 'HealthCheckFailed', message],
            ],
            { observedGeneration: gen, lastAttemptedRevision: artifact.revision },
            ['Reconciling'],
          )
          ctx.log(`kustomization ${key}: health check failed after ${goDuration(timeout)}: ${message}`)
          return undefined
        }
        await ctx.clock.sleep(HEALTH_POLL_MS)
        if (!ctx.store.get(kustomizations, ks.metadata.namespace, ks.metadata.name)) return undefined
      }
      const passed = `Health check passed in ${goDuration(Math.round(ctx.clock.simSince(started)))}`
      save([['Healthy', 'True', 'Succeeded', passed]])
    }
    save(
      [['Ready', 'True', 'ReconciliationSucceeded', `Applied revision: ${artifact.revision}`]],
      {
        observedGeneration: gen,
        lastAppliedRevision: artifact.revision,
        lastAttemptedRevision: artifact.revision,
      },
      ['Reconciling'],
    )
    return undefined
  })

  // A source with a new artifact revision: its Kustomizations reconcile now.
  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    if (e.rt !== gitRepos || e.type === 'DELETED') return
    const revision = e.object.status?.artifact?.revision
    if (!revision || revision === e.previous?.status?.artifact?.revision) return
    const { namespace, name } = e.object.metadata
    for (const ks of ctx.store.list(kustomizations)) {
      const ref = ks.spec?.sourceRef ?? {}
      if (
        ref.kind === 'GitRepository' &&
        ref.name === name &&
        (ref.namespace ?? ks.metadata.namespace) === namespace
      ) {
        appliers.kick(ks.metadata.namespace, ks.metadata.name)
      }
    }
  })

  return {
    stop() {
      unsubscribe()
      appliers.stop()
    },
  }
}

/** Why a dependency holds the Kustomization back, in kustomize-controller's words; undefined: none. */
function notReady(
  ctx: ControllerContext,
  kustomizations: ReturnType<typeof kind>,
  ks: Obj,
): string | undefined {
  for (const dep of (ks.spec?.dependsOn ?? []) as Obj[]) {
    const namespace = dep.namespace ?? ks.metadata.namespace
    const name = `${namespace}/${dep.name}`
    const other = ctx.store.get(kustomizations, namespace, dep.name)
    if (!other)
      return `dependency '${name}' not found: kustomizations.kustomize.toolkit.fluxcd.io "${dep.name}" not found`
    const ready = (other.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready')
    if (other.metadata.generation !== other.status?.observedGeneration || ready?.status !== 'True')
      return `dependency '${name}' is not ready`
  }
  return undefined
}

/** What a health check waits for: everything applied with `wait`, else the `healthChecks` listed. */
function healthChecked(ks: Obj, inventory: InventoryEntry[]): InventoryEntry[] {
  if (ks.spec?.wait) return inventory
  return ((ks.spec?.healthChecks ?? []) as Obj[]).flatMap((ref) => {
    const [group, version] = String(ref.apiVersion ?? '').includes('/')
      ? String(ref.apiVersion).split('/')
      : ['', String(ref.apiVersion ?? 'v1')]
    return [{ id: `${ref.namespace ?? ''}_${ref.name}_${group}_${ref.kind}`, v: version ?? 'v1' }]
  })
}
