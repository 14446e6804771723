// Checks every workflow of the repository, and the steps of every composite action in it:
// - a step or job that uses one of this repository's actions or reusable workflows may pass only
//   inputs the action (or workflow_call) declares, and must pass every required one (GitHub itself
//   only warns about the first and never checks the second); a call of a reusable workflow passes
//   only the secrets it declares, and every one it requires;
// - least privilege: another party's action or workflow is pinned by a full commit SHA with its
//   release in a comment (a tag can be moved to other code, a commit cannot), actions/checkout keeps
//   no credentials (`persist-credentials: false`), no caller hands over `secrets: inherit`, and
//   every job says which `permissions:` it needs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { isScalar, parse, parseDocument } from 'yaml'

export const OWN_REPOSITORY = 'canary-delivery/canary-delivery-actions'

interface Declared {
  inputs: Record<string, { required?: boolean; default?: unknown }>
  /** A reusable workflow's `workflow_call.secrets`. */
  secrets?: Record<string, { required?: boolean } | null>
}

/**
 * The declared inputs of an action or reusable workflow of this repository, or undefined. `local` is
 * set for `./…` references, which mean the repository the workflow file belongs to.
 */
export type Resolver = (kind: 'action' | 'workflow', name: string, local?: boolean) => Declared | undefined

export function repositoryResolver(root: string): Resolver {
  return (kind, name) => {
    const file =
      kind === 'action' ? join(root, 'actions', name, 'action.yml') : join(root, '.github/workflows', name)
    if (!existsSync(file)) return undefined
    const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    if (kind === 'action') return { inputs: (data.inputs as Declared['inputs']) ?? {} }
    const call = (data.on as Record<string, Partial<Declared>> | undefined)?.workflow_call
    return call ? { inputs: call.inputs ?? {}, secrets: call.secrets ?? {} } : undefined
  }
}

function target(uses: string): { kind: 'action' | 'workflow'; name: string; local: boolean } | undefined {
  const own = uses.startsWith(`${OWN_REPOSITORY}/`)
    ? uses.slice(OWN_REPOSITORY.length + 1).replace(/@.*$/, '')
    : undefined
  const path = own ?? (uses.startsWith('./') ? uses.slice(2) : undefined)
  if (path === undefined) return undefined
  const action = /^actions\/([^/]+)$/.exec(path)
  const local = own === undefined
  if (action) return { kind: 'action', name: action[1]!, local }
  const workflow = /^\.github\/workflows\/([^/]+\.ya?ml)$/.exec(path)
  if (workflow) return { kind: 'workflow', name: workflow[1]!, local }
  return undefined
}

function checkWith(
  where: string,
  uses: string,
  given: Record<string, unknown> | undefined,
  resolve: Resolver,
): string[] {
  const found = target(uses)
  if (!found) return []
  const declared = resolve(found.kind, found.name, found.local)
  if (!declared) return [`${where}: ${uses}: no such ${found.kind} in this repository`]
  const problems: string[] = []
  const names = Object.keys(declared.inputs)
  for (const name of Object.keys(given ?? {})) {
    if (!names.includes(name))
      problems.push(`${where}: ${uses}: unknown input '${name}' (declared: ${names.join(', ')})`)
  }
  for (const [name, input] of Object.entries(declared.inputs)) {
    if (input?.required && input.default === undefined && !(given && name in given)) {
      problems.push(`${where}: ${uses}: required input '${name}' is not given`)
    }
  }
  return problems
}

/**
 * The secrets a job hands to a reusable workflow of this repository: only those it declares (GitHub
 * refuses the run otherwise), and every one it requires. `inherit` is reported on its own.
 */
function checkSecrets(where: string, uses: string, given: unknown, resolve: Resolver): string[] {
  const found = target(uses)
  if (found?.kind !== 'workflow' || given === 'inherit') return []
  const declared = resolve(found.kind, found.name, found.local)?.secrets
  if (!declared) return []
  const names = Object.keys(declared)
  const passed = given && typeof given === 'object' ? Object.keys(given) : []
  return [
    ...passed
      .filter((name) => !names.includes(name))
      .map((name) => `${where}: ${uses}: unknown secret '${name}' (declared: ${names.join(', ') || 'none'})`),
    ...Object.entries(declared)
      .filter(([name, secret]) => secret?.required && !passed.includes(name))
      .map(([name]) => `${where}: ${uses}: required secret '${name}' is not passed`),
  ]
}

const FULL_SHA = /^[0-9a-f]{40}$/
const DIGEST = /@sha256:[0-9a-f]{64}$/

/**
 * Another party's action or reusable workflow must be pinned by a full commit SHA, with the release
 * it is in a comment (`uses: actions/checkout@<40 hex> # v4.3.1`); a container by its digest.
 */
export function checkPin(where: string, uses: string, comment: string | undefined): string[] {
  if (uses.startsWith('./') || uses.startsWith(`${OWN_REPOSITORY}/`)) return []
  if (uses.startsWith('docker://'))
    return DIGEST.test(uses) ? [] : [`${where}: ${uses}: not pinned by digest (docker://image@sha256:…)`]
  const ref = uses.includes('@') ? uses.slice(uses.lastIndexOf('@') + 1) : ''
  if (!FULL_SHA.test(ref))
    return [`${where}: ${uses}: not pinned by a full commit SHA (uses: owner/repo@<40 hex> # vX.Y.Z)`]
  if (!/^\s*v?\d+(\.\d+)*/.test(comment ?? ''))
    return [`${where}: ${uses}: the release it pins is not named in a comment (# vX.Y.Z)`]
  return []
}

/** actions/checkout leaves the token in .git/config unless told not to. */
function checkCheckout(where: string, uses: string, given: Record<string, unknown> | undefined): string[] {
  if (!/^actions\/checkout@/.test(uses)) return []
  const persist = given?.['persist-credentials']
  return persist === false || persist === 'false'
    ? []
    : [`${where}: ${uses}: keeps its credentials in .git/config (set persist-credentials: false)`]
}

type CommentOf = (path: (string | number)[]) => string | undefined

function parsed(text: string): { data: unknown; commentOf: CommentOf } {
  const document = parseDocument(text)
  return {
    data: document.toJS(),
    commentOf: (path) => {
      const node = document.getIn(path, true)
      return isScalar(node) ? (node.comment ?? undefined) : undefined
    },
  }
}

/** The steps of a job or a composite action: inputs of our own actions, pins, checkout credentials. */
function checkSteps(
  where: string,
  steps: unknown,
  at: (string | number)[],
  commentOf: CommentOf,
  resolve: Resolver,
): string[] {
  if (!Array.isArray(steps)) return []
  return (steps as Record<string, unknown>[]).flatMap((step, index) => {
    if (typeof step?.uses !== 'string') return []
    const label = `${where}.${(step.id ?? step.name ?? `step ${index + 1}`) as string}`
    const given = step.with as Record<string, unknown> | undefined
    return [
      ...checkWith(label, step.uses, given, resolve),
      ...checkPin(label, step.uses, commentOf([...at, index, 'uses'])),
      ...checkCheckout(label, step.uses, given),
    ]
  })
}

/** The problems of one workflow file, as `file: job[.step]: …` lines. */
export function checkWorkflow(text: string, file: string, resolve: Resolver): string[] {
  const { data, commentOf } = parsed(text)
  const workflow = data as { jobs?: Record<string, Record<string, unknown>> } | null
  const problems: string[] = []
  for (const [jobId, job] of Object.entries(workflow?.jobs ?? {})) {
    const where = `${file}: ${jobId}`
    if (job.permissions === undefined) problems.push(`${where}: no permissions: of its own (least privilege)`)
    if (job.secrets === 'inherit')
      problems.push(`${where}: secrets: inherit hands over every secret; pass the ones it needs by name`)
    if (typeof job.uses === 'string') {
      problems.push(...checkWith(where, job.uses, job.with as Record<string, unknown>, resolve))
      problems.push(...checkSecrets(where, job.uses, job.secrets, resolve))
      problems.push(...checkPin(where, job.uses, commentOf(['jobs', jobId, 'uses'])))
    }
    problems.push(...checkSteps(where, job.steps, ['jobs', jobId, 'steps'], commentOf, resolve))
  }
  return problems
}

/**
 * The problems of a composite action's steps (`runs.using: composite`), as `file: step: …` lines:
 * the actions it runs are as much a part of the workflows that use it as their own steps.
 */
export function checkCompositeAction(text: string, file: string, resolve: Resolver): string[] {
  const { data, commentOf } = parsed(text)
  const runs = (data as { runs?: { using?: unknown; steps?: unknown } } | null)?.runs
  if (runs?.using !== 'composite') return []
  return checkSteps(file, runs.steps, ['runs', 'steps'], commentOf, resolve).map((line) =>
    // `file.step` reads better as `file: step` when there is no job in between.
    line.replace(`${file}.`, `${file}: `),
  )
}

/** The YAML files under `dirs` (node_modules and hidden folders other than .github left out). */
function yamlFiles(dirs: string[]): string[] {
  const walk = (dir: string): string[] =>
    !existsSync(dir)
      ? []
      : readdirSync(dir).flatMap((name) => {
          const path = join(dir, name)
          if (name === 'node_modules' || (name.startsWith('.') && name !== '.github')) return []
          if (statSync(path).isDirectory()) return walk(path)
          return /\.ya?ml$/.test(name) ? [path] : []
        })
  return dirs.flatMap(walk)
}

function parsesTo(file: string, test: (data: Record<string, unknown>) => boolean): boolean {
  try {
    const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null
    return !!data && typeof data === 'object' && test(data)
  } catch {
    return false
  }
}

/** Every workflow file of the repository: .github/workflows and those under workflows-examples/. */
export function workflowFiles(root: string): string[] {
  return yamlFiles([join(root, '.github/workflows'), join(root, 'workflows-examples')]).filter((file) =>
    parsesTo(file, (data) => 'jobs' in data && 'on' in data),
  )
}

/** Every composite action of the repository: under actions/, .github/ and workflows-examples/. */
export function compositeActionFiles(root: string): string[] {
  return yamlFiles([join(root, 'actions'), join(root, '.github'), join(root, 'workflows-examples')]).filter(
    (file) =>
      /(^|[\\/])action\.ya?ml$/.test(file) &&
      parsesTo(file, (data) => (data.runs as { using?: unknown } | undefined)?.using === 'composite'),
  )
}

/**
 * For a workflow or composite action of an example repository (workflows-examples/<repo>/.github/…),
 * `./` references mean that example repository; everything else means this one.
 */
function resolverFor(root: string, file: string): Resolver {
  const own = repositoryResolver(root)
  const at = file.lastIndexOf(`${sep}.github${sep}`)
  if (!file.startsWith(join(root, 'workflows-examples', sep)) || at < 0) return own
  const example = repositoryResolver(file.slice(0, at))
  return (kind, name, local) => (local ? example(kind, name) : own(kind, name))
}

export function checkRepository(root: string): { files: string[]; problems: string[] } {
  const workflows = workflowFiles(root)
  const composites = compositeActionFiles(root)
  return {
    files: [...workflows, ...composites],
    problems: [
      ...workflows.flatMap((file) =>
        checkWorkflow(readFileSync(file, 'utf8'), relative(root, file), resolverFor(root, file)),
      ),
      ...composites.flatMap((file) =>
        checkCompositeAction(readFileSync(file, 'utf8'), relative(root, file), resolverFor(root, file)),
      ),
    ],
  }
}
