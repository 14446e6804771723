// Checks a GitOps repository the way Flux would meet it on one cluster, without a cluster: starting
// at clusters/<environment>, it follows every Flux Kustomization's path, builds each with kustomize's
// rules, and reports what a real cluster would refuse or never reconcile: kinds no CRD serves, schema
// violations, undeclared fields, and references (sourceRef, chart sources, dependsOn, namespaces)
// that point at nothing in the repository.
import { existsSync, statSync } from 'node:fs'
import { join, normalize } from 'node:path'
import { kustomizeBuild, manifestProblems, type Obj, objectLabel } from '@canary-delivery/sandbox'

/** Namespaces a Flux installation brings with it, so the repository need not declare them. */
const INSTALLED_NAMESPACES = new Set(['flux-system', 'default', 'kube-system'])

export interface LayoutReport {
  /** Every object Flux would apply on the cluster, in the order found. */
  objects: Obj[]
  /** One line per problem; empty when the cluster would reconcile everything. */
  problems: string[]
}

export function checkGitopsLayout(root: string, environment: string): LayoutReport {
  const objects: Obj[] = []
  const problems: string[] = []
  const start = `clusters/${environment}`
  const queue = [start]
  const built = new Set<string>()
  while (queue.length > 0) {
    const path = queue.shift() as string
    if (built.has(path)) continue
    built.add(path)
    const dir = join(root, path)
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      problems.push(`${path}: no such directory in the repository`)
      continue
    }
    let found: Obj[]
    try {
      found = kustomizeBuild(dir)
    } catch (err) {
      problems.push(`${path}: kustomize build failed: ${(err as Error).message}`)
      continue
    }
    for (const obj of found) {
      objects.push(obj)
      if (isFlux(obj, 'kustomize', 'Kustomization') && typeof obj.spec?.path === 'string') {
        queue.push(repositoryPath(obj.spec.path))
      }
    }
  }

  problems.push(...manifestProblems(objects))
  problems.push(...duplicates(objects))
  problems.push(...danglingReferences(objects))
  const syncsItself = objects.some(
    (o) => isFlux(o, 'kustomize', 'Kustomization') && repositoryPath(o.spec?.path ?? '') === start,
  )
  if (!syncsItself)
    problems.push(
      `${start}: no Flux Kustomization applies this directory, so Git changes to it never reach the cluster`,
    )
  return { objects, problems }
}

/** A Kustomization's spec.path as a path from the repository root (`./clusters/sit` → `clusters/sit`). */
const repositoryPath = (path: string) => normalize(path.replace(/^\.?\/+/, '') || '.').replace(/\/$/, '')

const isFlux = (obj: Obj, controller: 'kustomize' | 'helm' | 'source', kind: string) =>
  obj.kind === kind && String(obj.apiVersion).startsWith(`${controller}.toolkit.fluxcd.io/`)

function duplicates(objects: Obj[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const obj of objects) {
    const id = `${obj.apiVersion}|${objectLabel(obj)}`
    if (seen.has(id)) out.push(`${objectLabel(obj)}: declared twice; Flux applies one and the other is lost`)
    seen.add(id)
  }
  return out
}

function danglingReferences(objects: Obj[]): string[] {
  const has = (kind: string, namespace: string | undefined, name: string) =>
    objects.some(
      (o) =>
        o.kind === kind && o.metadata?.name === name && (o.metadata?.namespace ?? undefined) === namespace,
    )
  const namespaces = new Set(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata?.name))
  const out: string[] = []
  for (const obj of objects) {
    const ns: string | undefined = obj.metadata?.namespace
    const refer = (what: string, kind: string, ref: Obj | undefined) => {
      if (!ref?.name) return
      const refNs = ref.namespace ?? ns
      if (!has(kind, refNs, ref.name)) {
        out.push(
          `${objectLabel(obj)}: ${what} ${kind}/${refNs ? `${refNs}/` : ''}${ref.name} is not in the repository`,
        )
      }
    }
    if (ns && !INSTALLED_NAMESPACES.has(ns) && !namespaces.has(ns)) {
      out.push(`${objectLabel(obj)}: namespace ${ns} is not created by any manifest in the repository`)
    }
    if (isFlux(obj, 'kustomize', 'Kustomization')) {
      refer('sourceRef', obj.spec?.sourceRef?.kind ?? 'GitRepository', obj.spec?.sourceRef)
      for (const dep of obj.spec?.dependsOn ?? []) refer('dependsOn', 'Kustomization', dep)
    }
    if (isFlux(obj, 'helm', 'HelmRelease')) {
      const source = obj.spec?.chart?.spec?.sourceRef
      refer('chart source', source?.kind ?? 'HelmRepository', source)
      refer('chartRef', obj.spec?.chartRef?.kind ?? 'OCIRepository', obj.spec?.chartRef)
      for (const dep of obj.spec?.dependsOn ?? []) refer('dependsOn', 'HelmRelease', dep)
    }
  }
  return out
}
