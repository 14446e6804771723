import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { StoreEvent } from '../../store'
import type { Obj } from '../../util'
import { applyAll, type InventoryEntry, prune } from '../apply'
import { type Controller, type ControllerContext, kind } from '../context'
import { periodic } from '../periodic'
import { build } from './kustomize-build'
import { conditions, handled, writeStatus } from './status'
import type { FluxStorage } from './storage'

/**
 * kustomize-controller: builds the Kustomization's path in its source's artifact and applies the
 * result with server-side apply semantics, pruning what left the inventory. A new source revision
 * reconciles the Kustomizations on that source at once, as Flux's watch on artifacts does.
 */
export function kustomizationController(ctx: ControllerContext, storage: FluxStorage): Controller {
  const gitRepos = kind(ctx.registry, 'source.toolkit.fluxcd.io', 'gitrepositories')
  const kustomizations = kind(ctx.registry, 'kustomize.toolkit.fluxcd.io', 'kustomizations')
  const appliers = periodic(ctx, kustomizations, 600_000, (ks) => {
    const key = `${ks.metadata.namespace}/${ks.metadata.name}`
    const gen = ks.metadata.generation
    const old: Obj = ks.status ?? {}
    const ref = ks.spec?.sourceRef ?? {}
    const fail = (reason: string, message: string, revision?: string) => {
      writeStatus(ctx, kustomizations, ks, {
        ...old,
        observedGeneration: gen,
        ...handled(ks),
        ...(revision ? { lastAttemptedRevision: revision } : {}),
        conditions: conditions(old.conditions, gen, [['Ready', 'False', reason, message]]),
      })
      ctx.log(`kustomization ${key}: ${reason}: ${message.split('\n')[0]}`)
    }
    if (ref.kind !== 'GitRepository')
      return fail('ArtifactFailed', `source kind ${ref.kind} is not supported by the sandbox`)
    const artifact = storage.artifact('GitRepository', ref.namespace ?? ks.metadata.namespace, ref.name)
    if (!artifact) {
      fail('ArtifactFailed', 'Source artifact not found, retrying in 30s')
      return 30_000
    }
    let objects: Obj[]
    try {
      const dir = resolve(artifact.dir, ks.spec?.path ?? './')
      if (!dir.startsWith(resolve(artifact.dir)))
        throw new Error(`path ${ks.spec?.path} leaves the repository`)
      if (!existsSync(dir))
        throw new Error(`kustomization path not found: stat ${ks.spec?.path}: no such file or directory`)
      objects = build(dir)
      if (ks.spec?.targetNamespace) {
        for (const o of objects)
          if (o.kind !== 'Namespace' && o.kind !== 'CustomResourceDefinition')
            o.metadata.namespace = ks.spec.targetNamespace
      }
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
    const pruned = ks.spec?.prune ? prune(ctx, old.inventory?.entries ?? [], result.inventory) : []
    for (const change of [...result.changes, ...pruned]) ctx.log(`kustomization ${key}: ${change}`)
    const message = `Applied revision: ${artifact.revision}`
    writeStatus(ctx, kustomizations, ks, {
      ...old,
      observedGeneration: gen,
      ...handled(ks),
      lastAppliedRevision: artifact.revision,
      lastAttemptedRevision: artifact.revision,
      inventory: { entries: result.inventory },
      conditions: conditions(old.conditions, gen, [['Ready', 'True', 'ReconciliationSucceeded', message]]),
    })
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
