import { existsSync, readdirSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { ConfigurationError } from '@canary-delivery/action-kit'

/** Terraform's identifier rule, for variable names. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/
const BACKEND_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/

export interface Variable {
  name: string
  value: string
}

/** `{environment}` → the environment; any other placeholder is a mistake worth reporting. */
export function expandEnvironment(text: string, environment: string, input: string): string {
  return text.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    if (name === 'environment') return environment
    throw new ConfigurationError(
      `Input '${input}': unknown placeholder ${whole} in '${text}' (only {environment} is replaced)`,
    )
  })
}

/** Lines of an input, numbered from 1, without blank lines and `#` comments. */
function numberedLines(text: string | undefined): { line: string; number: number }[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line && !line.startsWith('#'))
}

interface NamedLine {
  name: string
  /** Undefined for a line holding a name only (where that is allowed). */
  value: string | undefined
  number: number
}

/** `name=value` lines, each name once and matching `pattern`; with `bare`, a line may hold a name only. */
function namedLines(
  text: string | undefined,
  input: string,
  pattern: RegExp,
  badLine: (line: string, number: number) => string,
  bare = false,
): NamedLine[] {
  const seen = new Set<string>()
  return numberedLines(text).map(({ line, number }) => {
    const eq = line.indexOf('=')
    const name = (eq >= 0 ? line.slice(0, eq) : bare ? line : '').trim()
    if (!pattern.test(name)) throw new ConfigurationError(badLine(line, number))
    if (seen.has(name))
      throw new ConfigurationError(`Input '${input}' line ${number}: '${name}' is given twice`)
    seen.add(name)
    return { name, value: eq >= 0 ? line.slice(eq + 1).trim() : undefined, number }
  })
}

/**
 * `variables`: one `name=value` a line; the value is everything after the first `=`, as Terraform's
 * `-var` takes it (a string, or an HCL value for variables of other types).
 */
export function parseVariables(text: string | undefined, input = 'variables'): Variable[] {
  return namedLines(
    text,
    input,
    IDENTIFIER,
    (line, number) =>
      `Input '${input}' line ${number} must be name=value with a Terraform variable name, got '${line}'`,
  ).map(({ name, value }) => ({ name, value: value! }))
}

/**
 * `secret-variables`: `name=value` lines whose values are secrets, or a bare `name` for a variable
 * that comes in as `TF_VAR_<name>` from the job's environment (set from a secret). Errors never
 * repeat the line: it may hold the secret.
 */
export function parseSecretVariables(
  text: string | undefined,
  env: Record<string, string | undefined>,
  input = 'secret-variables',
): { given: Variable[]; fromEnvironment: Variable[] } {
  const given: Variable[] = []
  const fromEnvironment: Variable[] = []
  const lines = namedLines(
    text,
    input,
    IDENTIFIER,
    (_, number) =>
      `Input '${input}' line ${number} must be name=value or the name of a TF_VAR_ variable (the line is not shown: it may hold a secret)`,
    true,
  )
  for (const { name, value, number } of lines) {
    if (value !== undefined) {
      given.push({ name, value })
      continue
    }
    const fromEnv = env[`TF_VAR_${name}`]
    if (fromEnv === undefined)
      throw new ConfigurationError(
        `Input '${input}' line ${number} names '${name}', but TF_VAR_${name} is not set in the job's environment`,
      )
    fromEnvironment.push({ name, value: fromEnv })
  }
  return { given, fromEnvironment }
}

/** `backend-config`: `key=value` lines, `{environment}` replaced in values. */
export function parseBackendConfig(
  text: string | undefined,
  environment: string,
  input = 'backend-config',
): Record<string, string> {
  const lines = namedLines(
    text,
    input,
    BACKEND_KEY,
    (line, number) =>
      `Input '${input}' line ${number} must be key=value with a backend setting name, got '${line}'`,
  )
  return Object.fromEntries(
    lines.map(({ name, value }) => [name, expandEnvironment(value!, environment, input)]),
  )
}

/** `var-files`: one a line, relative to the working directory, `{environment}` replaced; each must exist. */
export function parseVarFiles(
  text: string | undefined,
  environment: string,
  workingDirectory: string,
  input = 'var-files',
): string[] {
  return numberedLines(text).map(({ line }) => {
    const file = expandEnvironment(line, environment, input)
    const path = resolve(workingDirectory, file)
    if (!existsSync(path) || !statSync(path).isFile())
      throw new ConfigurationError(`Input '${input}': ${file} does not exist in the working directory`)
    return file
  })
}

/** The working directory, resolved against the workspace; it must hold Terraform files. */
export function resolveWorkingDirectory(
  given: string,
  workspace: string,
  input = 'working-directory',
): { path: string; label: string } {
  const path = resolve(workspace, given)
  if (!existsSync(path) || !statSync(path).isDirectory())
    throw new ConfigurationError(`Input '${input}': ${given} is not a directory (relative to the workspace)`)
  if (!readdirSync(path).some((name) => name.endsWith('.tf') || name.endsWith('.tf.json')))
    throw new ConfigurationError(`Input '${input}': ${given} holds no .tf files`)
  const inside = relative(workspace, path)
  const label = !inside
    ? '.'
    : inside.startsWith('..') || isAbsolute(inside)
      ? path
      : inside.split(sep).join('/')
  return { path, label }
}

/** A workspace name Terraform accepts (letters, digits, `-`, `_`, `.`), `{environment}` replaced. */
export function parseWorkspace(
  text: string | undefined,
  environment: string,
  input = 'workspace',
): string | undefined {
  if (!text) return undefined
  const name = expandEnvironment(text.trim(), environment, input)
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,89}$/.test(name))
    throw new ConfigurationError(
      `Input '${input}' must be a workspace name (letters, digits, '.', '-', '_'), got '${name}'`,
    )
  return name
}
