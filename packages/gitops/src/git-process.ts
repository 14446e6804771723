import { type ChildProcess, spawn } from 'node:child_process'
import { mask, tail } from '@canary-delivery/action-kit'

/** Where git runs and what it is told through its environment. */
export interface GitContext {
  cwd: string
  env: Record<string, string>
  /** One line per command (what ran, how it ended, how much it printed): never the output itself. */
  debug?: (line: string) => void
}

export interface GitOutput {
  exitCode: number
  stdout: string
  stderr: string
}

/**
 * Network trouble worth another attempt, as git reports it: a 5xx, 429 or 408 answer, a connection
 * reset or refused, a stall (http.lowSpeedTime), a TLS or name lookup hiccup.
 */
const TRANSIENT =
  /returned error: (5\d\d|429|408)|HTTP (5\d\d|429|408)|curl (6|7|18|28|35|52|55|56|92)\b|connection reset|empty reply from server|operation too slow|timed out|couldn't connect to server|failed to connect|could not resolve host|transfer closed with outstanding read data|ssl_error_syscall|gnutls_handshake|stream \d+ was not closed cleanly/i

/** A git command that failed; `transient` when another attempt may well succeed. */
export class GitFailure extends Error {
  override readonly name = 'GitFailure'
  readonly transient: boolean
  constructor(
    readonly command: string,
    readonly stderr: string,
    /** Stopped by the caller's signal rather than failed by itself. */
    readonly aborted = false,
  ) {
    const detail = tail(stderr, 3).replace(/\s*\n\s*/g, ' | ')
    super(mask(`${command} failed${aborted ? ' (stopped)' : ''}${detail ? `: ${detail}` : ''}`))
    this.transient = !aborted && TRANSIENT.test(stderr)
  }

  /** The most telling line of git's error output, for a retry message. */
  get reason(): string {
    const lines = this.stderr.split('\n').map((line) => line.trim())
    const best =
      lines.find((line) => TRANSIENT.test(line)) ?? lines.reverse().find((line) => line.startsWith('fatal:'))
    return mask((best ?? 'no error output').replace(/^(fatal|error): /, ''))
  }
}

/** Describes a command for the debug log: `git fetch …` without the environment. */
const describe = (args: readonly string[]) => `git ${args.join(' ')}`

/**
 * Starts git with an argument array (never a shell) in a process group of its own, so that a stop
 * takes its transport helpers along. The signal kills the group.
 */
export function spawnGit(context: GitContext, args: readonly string[], signal?: AbortSignal): ChildProcess {
  const child = spawn('git', args, {
    cwd: context.cwd,
    env: { ...process.env, ...context.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  })
  const stop = () => {
    try {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  if (signal?.aborted) stop()
  signal?.addEventListener('abort', stop, { once: true })
  child.once('close', () => signal?.removeEventListener('abort', stop))
  // A stopped process no longer reads its input.
  child.stdin!.on('error', () => {})
  return child
}

/** Runs one git command to the end; a non-zero exit throws a GitFailure unless `allowFailure`. */
export function runGit(
  context: GitContext,
  args: readonly string[],
  options: { input?: string; signal?: AbortSignal; allowFailure?: boolean } = {},
): Promise<GitOutput> {
  const started = performance.now()
  const child = spawnGit(context, args, options.signal)
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk))
  child.stdin!.end(options.input)
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new GitFailure(describe(args), error.message)))
    child.once('close', (code) => {
      const output: GitOutput = {
        exitCode: code ?? 128,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }
      const bytes = stdout.reduce((sum, chunk) => sum + chunk.length, 0)
      context.debug?.(
        mask(
          `${describe(args)}: exit ${output.exitCode} in ${Math.round(performance.now() - started)} ms, ${bytes} bytes out`,
        ),
      )
      if (output.exitCode === 0 || options.allowFailure) resolve(output)
      else reject(new GitFailure(describe(args), output.stderr, !!options.signal?.aborted))
    })
  })
}
