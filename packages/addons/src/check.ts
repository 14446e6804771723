import { inert } from '@canary-delivery/action-kit'
import type { Cluster } from './cluster'
import { FLUX_KINDS, resourcePath } from './cluster'
import type { FluxPlan } from './flux-chart'
import {
  type AddonRow,
  addonRow,
  emptyState,
  type FluxObject,
  type FluxState,
  judge,
  lookup,
  type Ref,
  reach,
  record,
  refLabel,
} from './flux-state'

/**
 * Drift, read once and changed nothing: Flux's chart and values against the inputs, the sync's
 * source against Git's head, every Kustomization against the revision it should have applied, every
 * HelmRelease's running chart version against the pin Git gives it, and every Flux object's readiness.
 */

export interface DriftReport {
  state: FluxState
  reached: Ref[]
  addons: AddonRow[]
  /** One line per difference; empty when the cluster is what Git and the inputs say. */
  drift: string[]
}

const EXACT = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/

/** The Flux objects of the cluster, read once. */
export async function readFluxState(cluster: Cluster): Promise<FluxState> {
  const state = emptyState()
  for (const kind of ['GitRepository', 'Kustomization', 'HelmRelease'] as const) {
    const { apiVersion, plural } = FLUX_KINDS[kind]
    for (const object of await cluster.list<FluxObject>(resourcePath(apiVersion, plural)).catch(() => []))
      record(state, kind, 'ADDED', object)
  }
  for (const crd of await cluster.list<FluxObject>(
    resourcePath('apiextensions.k8s.io/v1', 'customresourcedefinitions'),
  ))
    record(state, 'CustomResourceDefinition', 'ADDED', crd)
  return state
}

export function driftOf(state: FluxState, root: Ref, fluxPlan: FluxPlan, gitRevision: string): DriftReport {
  const drift: string[] = []
  if (fluxPlan.action === 'install') drift.push('Flux is not installed')
  else drift.push(...fluxPlan.changes.map((change) => `Flux: ${change}`))
  const reached = reach(state, root)
  if (!lookup(state, root)) drift.push(`${refLabel(root)} does not exist: the cluster is not synced with Git`)
  const sourceRef = lookup(state, root)?.spec?.sourceRef as { name?: string; namespace?: string } | undefined
  for (const ref of reached) {
    const object = lookup(state, ref)
    if (!object) continue
    const verdict = judge(state, ref)
    if (verdict.state !== 'ready') drift.push(`${refLabel(ref)} is not ready: ${inert(verdict.message)}`)
    if (
      ref.kind === 'GitRepository' &&
      ref.name === sourceRef?.name &&
      object.status?.artifact?.revision !== gitRevision
    )
      drift.push(
        `${refLabel(ref)} has ${inert(object.status?.artifact?.revision ?? 'no artifact')}, Git has ${gitRevision}`,
      )
    if (
      ref.kind === 'Kustomization' &&
      (object.spec?.sourceRef?.name ?? '') === sourceRef?.name &&
      object.status?.lastAppliedRevision !== gitRevision
    )
      drift.push(
        `${refLabel(ref)} applied ${inert(object.status?.lastAppliedRevision ?? 'nothing')}, Git has ${gitRevision}`,
      )
  }
  const addons = reached.filter((ref) => ref.kind === 'HelmRelease').map((ref) => addonRow(state, ref))
  for (const addon of addons) {
    if (EXACT.test(addon.pinned) && addon.running && addon.running !== addon.pinned.replace(/^v/, ''))
      drift.push(
        `HelmRelease ${addon.namespace}/${addon.name} runs ${addon.chart} ${addon.running}, Git pins ${addon.pinned}`,
      )
  }
  return { state, reached, addons, drift }
}
