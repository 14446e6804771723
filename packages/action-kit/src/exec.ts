import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { constants as osConstants } from 'node:os'
import { mask } from './secrets'
import { debug, info } from './step'

export interface ExecOptions {
  cwd?: string
  /** Added to the inherited environment (or replacing it when `replaceEnv` is set). */
  env?: Record<string, string | undefined>
  replaceEnv?: boolean
  /** Written to the program's standard input. */
  input?: string
  /** Return a non-zero exit code instead of throwing. */
  allowFailure?: boolean
  /** Do not announce the command line in the log (it is still in the debug log). */
  quiet?: boolean
}

export interface ExecResult {
  exitCode: number
  stdout: string
  stderr: string
}

export class ExecError extends Error {
  override readonly name = 'ExecError'
  constructor(
    message: string,
    readonly result: ExecResult,
  ) {
    super(message)
  }
}

/** How a command line is shown: each argument quoted when needed, secrets masked. */
export function describeCommand(file: string, args: readonly string[]): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)
  return mask([file, ...args].map(quote).join(' '))
}

/** The last lines of a program's error output, for an error message. */
export function tail(text: string, lines = 10): string {
  return text.trimEnd().split(/\r?\n/).slice(-lines).join('\n')
}

/** Spawns the program directly (no shell), feeds its standard input and collects both outputs. */
function run(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string },
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { cwd: options.cwd, env: options.env, stdio: 'pipe' })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code !== 'ENOENT'
          ? error.message
          : options.cwd && !existsSync(options.cwd)
            ? `no such folder ${options.cwd}`
            : `${file} is not installed (not found on PATH)`
      reject(new Error(`${describeCommand(file, args)} could not start: ${why}`))
    })
    child.on('close', (code, signal) =>
      resolve({
        // A program ended by a signal has no exit code; shells report 128 + the signal's number.
        exitCode: code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    )
    // A program that exits without reading its input must not fail the write.
    child.stdin.on('error', () => {})
    child.stdin.end(options.input)
  })
}

/**
 * Runs a program with an argument array, never through a shell. Output is captured (not streamed,
 * so nothing unmasked reaches the log) and a failure throws with the tail of its standard error.
 */
export async function execArgv(
  file: string,
  args: readonly string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const command = describeCommand(file, args)
  if (options.quiet) debug(`$ ${command}`)
  else info(`$ ${command}`)
  const env = options.replaceEnv ? options.env : { ...process.env, ...options.env }
  const result = await run(file, args, {
    cwd: options.cwd,
    env: env && Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)),
    input: options.input,
  })
  if (result.stdout.trim()) debug(mask(result.stdout.trimEnd()))
  if (result.stderr.trim()) debug(mask(result.stderr.trimEnd()))
  if (result.exitCode !== 0 && !options.allowFailure) {
    const detail = tail(result.stderr) || tail(result.stdout)
    throw new ExecError(
      mask(`${command} exited with code ${result.exitCode}${detail ? `:\n${detail}` : ''}`),
      {
        ...result,
        stdout: mask(result.stdout),
        stderr: mask(result.stderr),
      },
    )
  }
  return result
}
