// Checks a GitOps repository the way Flux would meet it on one cluster, without a cluster: starting
// at clusters/<environment>, it follows every Flux Kustomization's path, builds each with kustomize's
// rules, and reports what a real cluster would refuse or never reconcile: kinds no CRD serves, schema
// violations, undeclared fields, and references (sourceRef, chart sources, dependsOn, namespaces)
// that point at nothing in the repository.
//
//   tsx scripts/gitops-layout.ts [--root DIR] [--environment NAME]...
//
// checks each named environment (by default the five of the design) and exits non-zero with one line
// per problem; an environment without a clusters/<name> directory is one line naming it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, normalize, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { kustomizeBuild, manifestProblems, type Obj, objectLabel } from '@canary-delivery/sandbox'
import { parse as parseYaml } from 'yaml'
// The one file of the action kit this script needs, which imports nothing (the root has no
// dependency on the kit, and the kit's index would load @actions/core for nothing).
import { inert } from '../packages/action-kit/src/inert'

/** The environments of the design, in the order the infrastructure workflow applies them. */
export const ENVIRONMENTS = ['devops', 'monitor', 'sit', 'uat', 'prod'] as const

/** What Flux and kustomize read as a directory's kustomization. */
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']

/** A name a cluster directory and a GitHub environment can both carry. */
const ENVIRONMENT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/

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
  if (!isDirectory(join(root, start))) return { objects, problems: [missingEnvironment(root, environment)] }
  const queue = [start]
  const built = new Set<string>()
  while (queue.length > 0) {
    const path = queue.shift() as string
    if (built.has(path)) continue
    built.add(path)
    const dir = join(root, path)
    if (!isDirectory(dir)) {
      problems.push(`${path}: no such directory in the repository`)
      continue
    }
    problems.push(...directoriesWithoutKustomization(root, dir))
    let found: Obj[]
    try {
      // With the root, files outside the repository are refused, as in Flux's checkout.
      found = kustomizeBuild(dir, root)
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

/** The one line for an environment the layout has no directory for, with those it has. */
export function missingEnvironment(root: string, environment: string): string {
  const clusters = join(root, 'clusters')
  const present = isDirectory(clusters)
    ? readdirSync(clusters)
        .filter((name) => isDirectory(join(clusters, name)))
        .sort()
    : []
  return `environment ${environment}: the layout has no clusters/${environment} directory (it has ${present.length > 0 ? present.join(', ') : 'none'})`
}

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory()

/**
 * Directories a kustomization lists under `resources` that have no kustomization file of their own:
 * Flux generates one only for a Kustomization's own path, so kustomize fails on any deeper one.
 */
function directoriesWithoutKustomization(root: string, dir: string, seen = new Set<string>()): string[] {
  if (seen.has(dir)) return []
  seen.add(dir)
  const file = KUSTOMIZATION_FILES.map((name) => join(dir, name)).find((path) => existsSync(path))
  if (!file) return []
  let resources: unknown
  try {
    resources = (parseYaml(readFileSync(file, 'utf8'), { maxAliasCount: 100 }) as Obj | null)?.resources
  } catch {
    return [] // the build reports the file's syntax error
  }
  const out: string[] = []
  for (const entry of Array.isArray(resources) ? resources : []) {
    const path = resolve(dir, String(entry))
    if (relative(root, path).startsWith('..') || !isDirectory(path)) continue // the build reports those
    if (KUSTOMIZATION_FILES.some((name) => existsSync(join(path, name))))
      out.push(...directoriesWithoutKustomization(root, path, seen))
    else
      out.push(
        `${relative(root, dir)}: resource ${entry} is a directory without a kustomization.yaml, which kustomize cannot build`,
      )
  }
  return out
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

/**
 * The command line: checks each environment and prints one line each, or one line per problem
 * (prefixed by its environment) on stderr. Returns the exit code.
 */
export function runCli(args: string[], defaultRoot: string): number {
  const fail = (line: string) => {
    console.error(inert(line))
    return 1
  }
  let values: { root?: string; environment?: string[] }
  try {
    values = parseArgs({
      args,
      options: { root: { type: 'string' }, environment: { type: 'string', multiple: true } },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (err) {
    return fail(
      `gitops-layout: ${(err as Error).message}; usage: gitops-layout [--root DIR] [--environment NAME]...`,
    )
  }
  const root = resolve(values.root ?? defaultRoot)
  if (!isDirectory(root)) return fail(`--root ${values.root}: no such directory`)
  const environments = values.environment ?? [...ENVIRONMENTS]
  const invalid = environments.find((name) => !ENVIRONMENT_NAME.test(name))
  if (invalid !== undefined)
    return fail(
      `--environment ${JSON.stringify(invalid)}: expected a name like sit (lower-case letters, digits and -)`,
    )
  let failed = false
  for (const environment of environments) {
    const { passed, problems } = checkEnvironment(root, environment)
    if (passed) console.log(passed)
    else failed = true
    for (const problem of problems) console.error(inert(problem))
  }
  return failed ? 1 : 0
}

/**
 * One environment as the command line reports it: a line saying it passed, or one line per problem,
 * each naming the environment (not yet inert: the caller prints them).
 */
export function checkEnvironment(root: string, environment: string): { passed?: string; problems: string[] } {
  const { objects, problems } = checkGitopsLayout(root, environment)
  if (problems.length === 0)
    return {
      passed: `${environment}: ${objects.length} objects, all valid, every reference resolved`,
      problems,
    }
  // An environment without a directory is already one line that names it.
  const named = !isDirectory(join(root, 'clusters', environment))
  return { problems: named ? problems : problems.map((problem) => `${environment}: ${problem}`) }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = runCli(
    process.argv.slice(2),
    join(import.meta.dirname, '..', 'workflows-examples', 'gitops'),
  )
}
