// The first job of the reusable infrastructure workflow (.github/workflows/infra.yml): before anything
// is planned or applied, checks what the caller asked for and says what the run will do.
//
//   tsx scripts/infra-validate.ts --environments devops,monitor,sit,uat,prod --layout DIR --terraform DIR
//     [--var-file environments/{environment}.tfvars] [--mode plan|apply|check]
//     [--event NAME --ref REF --default-branch NAME] [--plan-fingerprints JSON]
//
// - the environments: known to the chain, each once, in the order they are applied;
// - each one's cluster in the GitOps layout, checked as Flux would reconcile it (gitops-layout.ts);
// - each one's hosts entry: the var file provision-infra plans it with exists, and does not name
//   another environment (the module's hosts output is keyed by it, and bootstrap-addons looks its
//   environment up there: a wrong or missing entry would only show after the apply);
// - the mode: given, or from the event (a pull request plans, a push to the default branch applies,
//   a schedule or a manual run checks).
// Each problem is one line naming the input or the environment; the exit code is 1 and nothing is
// written to GITHUB_OUTPUT, so no later job starts. Otherwise `environments` (JSON list) and `mode`
// are written there for the jobs that follow.
import { appendFileSync, existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { inert } from '../packages/action-kit/src/inert'
import { checkEnvironment, ENVIRONMENTS } from './gitops-layout'

export const MODES = ['plan', 'apply', 'check'] as const
export type Mode = (typeof MODES)[number]

const CHAIN = ENVIRONMENTS.join(', ')
const FINGERPRINT = /^sha256:[0-9a-f]{64}$/
const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory()
const quoted = (text: string) => JSON.stringify(text)

/** The environments asked for, split on commas and white space, or the one line saying what is wrong. */
export function parseEnvironments(text: string): { environments: string[] } | { problem: string } {
  const names = text.split(/[\s,]+/).filter(Boolean)
  if (names.length === 0)
    return { problem: `environments: none given; expected a list such as ${ENVIRONMENTS.join(',')}` }
  const known: readonly string[] = ENVIRONMENTS
  const unknown = names.find((name) => !known.includes(name))
  if (unknown !== undefined)
    return {
      problem: `environments: ${quoted(unknown)} is not one of ${CHAIN} (the environments this workflow applies, in that order)`,
    }
  const twice = names.find((name, index) => names.indexOf(name) !== index)
  if (twice !== undefined) return { problem: `environments: ${twice} is listed twice` }
  const early = names.find(
    (name, index) => index > 0 && known.indexOf(name) < known.indexOf(names[index - 1]!),
  )
  if (early !== undefined)
    return {
      problem: `environments: ${early} comes after ${names[names.indexOf(early) - 1]}; list them in the order they are applied: ${CHAIN}`,
    }
  return { environments: names }
}

/** What the run does: the mode given, or the one the event means. */
export function resolveMode(
  given: string,
  event: { name: string; ref: string; defaultBranch: string },
): { mode: Mode } | { problem: string } {
  if (given) {
    return (MODES as readonly string[]).includes(given)
      ? { mode: given as Mode }
      : {
          problem: `mode: expected plan, apply or check (or nothing, to follow the event), got ${quoted(given)}`,
        }
  }
  switch (event.name) {
    case 'pull_request':
      return { mode: 'plan' }
    case 'push':
      if (event.ref === `refs/heads/${event.defaultBranch}`) return { mode: 'apply' }
      return {
        problem: `mode: a push to ${quoted(event.ref)} is not to the default branch (${event.defaultBranch || 'unknown'}), and only that branch applies; give mode: plan to plan it`,
      }
    case 'schedule':
    case 'workflow_dispatch':
      return { mode: 'check' }
    default:
      return {
        problem: `mode: nothing to derive from a ${quoted(event.name)} event; give mode: plan, apply or check`,
      }
  }
}

/** `plan-fingerprints`: a JSON object of requested environment → `sha256:…`, or empty. */
export function parseFingerprints(text: string, environments: string[]): string[] {
  if (!text.trim()) return []
  const expected = 'expected a JSON object of environment → sha256: and 64 hex digits'
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return [`plan-fingerprints: not JSON; ${expected}`]
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [`plan-fingerprints: ${expected}`]
  return Object.entries(value).flatMap(([environment, fingerprint]) => {
    if (!environments.includes(environment))
      return [
        `plan-fingerprints: ${quoted(environment)} is not among the environments of this run (${environments.join(', ')})`,
      ]
    return typeof fingerprint === 'string' && FINGERPRINT.test(fingerprint)
      ? []
      : [`plan-fingerprints: ${environment}: ${expected.replace('a JSON object of environment → ', '')}`]
  })
}

/**
 * The environment's hosts entry: the var file provision-infra plans it with (`{environment}`
 * replaced) must exist in the root module, and an `environment = "…"` in it must name this one.
 */
export function checkHostsEntry(terraformDir: string, varFile: string, environment: string): string[] {
  const file = varFile.replaceAll('{environment}', environment)
  const path = resolve(terraformDir, file)
  const shown = relative(process.cwd(), path) || file
  if (!existsSync(path))
    return [
      `environment ${environment}: no hosts entry: ${shown} does not exist (provision-infra plans ${environment} with it, and the module's hosts output names the environment it sets)`,
    ]
  const named = /^\s*environment\s*=\s*"([^"]*)"/m.exec(readFileSync(path, 'utf8'))?.[1]
  if (named !== undefined && named !== environment)
    return [
      `environment ${environment}: no hosts entry: ${shown} sets environment = ${quoted(named)}, so the hosts output would name ${quoted(named)} instead`,
    ]
  return []
}

export interface ValidateOptions {
  environments: string
  layout: string
  terraform: string
  varFile: string
  mode: string
  event: { name: string; ref: string; defaultBranch: string }
  planFingerprints: string
}

export interface Validation {
  /** Lines about what passed, for stdout. */
  passed: string[]
  /** One line per problem. */
  problems: string[]
  environments: string[]
  mode?: Mode
}

export function validate(options: ValidateOptions): Validation {
  const result: Validation = { passed: [], problems: [], environments: [] }
  const mode = resolveMode(options.mode, options.event)
  if ('problem' in mode) result.problems.push(mode.problem)
  else result.mode = mode.mode
  const parsed = parseEnvironments(options.environments)
  if ('problem' in parsed) {
    result.problems.push(parsed.problem)
    return result
  }
  result.environments = parsed.environments
  if (result.mode === 'apply')
    result.problems.push(...parseFingerprints(options.planFingerprints, parsed.environments))
  // Without these, every environment would fail the same way: one line says it instead.
  const blocking = [
    isDirectory(options.layout)
      ? undefined
      : `layout-path: ${quoted(options.layout)} is not a directory of the GitOps repository`,
    isDirectory(options.terraform)
      ? undefined
      : `working-directory: ${quoted(options.terraform)} is not a directory of the repository`,
    options.varFile.includes('{environment}')
      ? undefined
      : `var-file: expected a path with {environment} in it (one var file per environment), got ${quoted(options.varFile)}`,
  ].filter((line) => line !== undefined)
  result.problems.push(...blocking)
  if (blocking.length > 0) return result
  for (const environment of parsed.environments) {
    const cluster = checkEnvironment(options.layout, environment)
    const hosts = checkHostsEntry(options.terraform, options.varFile, environment)
    result.problems.push(...cluster.problems, ...hosts)
    if (cluster.passed && hosts.length === 0)
      result.passed.push(
        `${cluster.passed}; hosts entry in ${options.varFile.replaceAll('{environment}', environment)}`,
      )
  }
  return result
}

/** The command line, as the workflow's first job runs it. Returns the exit code. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  // On a runner a problem is an error annotation, so the run's page shows the line itself.
  const error = (line: string) =>
    console.error(`${env.GITHUB_ACTIONS === 'true' ? '::error::' : ''}${inert(line)}`)
  let values: Record<string, string | undefined>
  try {
    values = parseArgs({
      args,
      options: Object.fromEntries(
        [
          'environments',
          'layout',
          'terraform',
          'var-file',
          'mode',
          'event',
          'ref',
          'default-branch',
          'plan-fingerprints',
        ].map((name) => [name, { type: 'string' as const }]),
      ),
      strict: true,
      allowPositionals: false,
    }).values as Record<string, string | undefined>
  } catch (err) {
    error(`infra-validate: ${(err as Error).message}`)
    return 1
  }
  for (const required of ['environments', 'layout', 'terraform'])
    if (values[required] === undefined) {
      error(`infra-validate: --${required} is required`)
      return 1
    }
  const result = validate({
    environments: values.environments!,
    layout: values.layout!,
    terraform: values.terraform!,
    varFile: values['var-file'] || 'environments/{environment}.tfvars',
    mode: values.mode ?? '',
    event: { name: values.event ?? '', ref: values.ref ?? '', defaultBranch: values['default-branch'] ?? '' },
    planFingerprints: values['plan-fingerprints'] ?? '',
  })
  for (const line of result.passed) console.log(inert(line))
  for (const line of result.problems) error(line)
  if (result.problems.length > 0 || !result.mode) return 1
  console.log(`${result.mode}: ${result.environments.join(' → ')}`)
  if (env.GITHUB_OUTPUT)
    appendFileSync(
      env.GITHUB_OUTPUT,
      `environments=${JSON.stringify(result.environments)}\nmode=${result.mode}\n`,
    )
  return 0
}

// Run as a script (through a symlinked checkout too), not when a test imports it.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(import.meta.filename)) {
  process.exitCode = runCli(process.argv.slice(2))
}
