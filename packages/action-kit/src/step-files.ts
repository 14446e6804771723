import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ConfigurationError } from './errors'

/** The two folders a step may write to: the workspace and RUNNER_TEMP (outside a runner: cwd and the system's temp folder). */
export interface StepFolders {
  workspace: string
  runnerTemp: string
}

export function stepFolders(env: NodeJS.ProcessEnv = process.env): StepFolders {
  return { workspace: env.GITHUB_WORKSPACE || process.cwd(), runnerTemp: env.RUNNER_TEMP || tmpdir() }
}

/** Where a path really leads: symbolic links in its existing part resolved, the rest appended. */
function realLocation(path: string): string {
  const missing: string[] = []
  let existing = path
  while (!existsSync(existing)) {
    const parent = dirname(existing)
    if (parent === existing) break
    missing.unshift(basename(existing))
    existing = parent
  }
  return join(realpathSync(existing), ...missing)
}

function isInside(folder: string, path: string): boolean {
  const rest = relative(folder, path)
  return rest !== '' && rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest)
}

export interface WritableRequest {
  /** The input the path comes from, named in the error. */
  input: string
  /** The input's value as given, shown in the error. */
  value: string
  /** What the input must be, for the error. */
  expected?: string
}

/**
 * The absolute path of a file a step was asked to write (relative paths start at the workspace).
 * A path that ends up outside both the workspace and RUNNER_TEMP, with `..` or through a symbolic
 * link, is refused with one line naming the input.
 */
export function writablePath(
  path: string,
  { input, value, expected = 'a path inside the workspace or RUNNER_TEMP' }: WritableRequest,
  folders: StepFolders = stepFolders(),
): string {
  const absolute = resolve(folders.workspace, path)
  const real = realLocation(absolute)
  const allowed = [folders.workspace, folders.runnerTemp].map((folder) => realLocation(resolve(folder)))
  if (!allowed.some((folder) => isInside(folder, real)))
    throw new ConfigurationError(`Input '${input}' must be ${expected}, got '${value}'`)
  return absolute
}

/**
 * Writes a whole file or nothing: the text goes to a new file beside it (created exclusively, so
 * never through a link planted there) and is then renamed over the path in one step.
 */
export function writeFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true })
  const partial = `${path}.${process.pid}.partial`
  writeFileSync(partial, text, { flag: 'wx' })
  try {
    renameSync(partial, path)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
}
