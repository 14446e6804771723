import * as core from '@actions/core'
import { getExecOutput } from '@actions/exec'
import { mask } from './secrets'

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
  if (options.quiet) core.debug(`$ ${command}`)
  else core.info(`$ ${command}`)
  const env = options.replaceEnv ? options.env : { ...process.env, ...options.env }
  const output = await getExecOutput(file, [...args], {
    cwd: options.cwd,
    env: env
      ? (Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>)
      : undefined,
    input: options.input === undefined ? undefined : Buffer.from(options.input),
    silent: true,
    ignoreReturnCode: true,
  })
  const result: ExecResult = { exitCode: output.exitCode, stdout: output.stdout, stderr: output.stderr }
  if (result.stdout.trim()) core.debug(mask(result.stdout.trimEnd()))
  if (result.stderr.trim()) core.debug(mask(result.stderr.trimEnd()))
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
