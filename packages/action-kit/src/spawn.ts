import { type ChildProcess, spawn } from 'node:child_process'
import { describeCommand, type ExecResult } from './exec'
import * as core from './step'

/**
 * Running a program that holds something while it runs (Terraform's state lock, a helm release
 * lock) and must be asked to stop rather than be left behind. GitHub cancels a step by sending
 * SIGINT to the action's own process, then SIGTERM 7.5 s later, then killing the tree 2.5 s after
 * that: the program never sees the signal unless we pass it on. Inside `interruptible()`, the first
 * SIGINT or SIGTERM is passed once to every program started with `spawnArgv` (each in its own
 * process group, so that a signal to our group does not reach it twice: a second interrupt makes
 * Terraform exit at once, lock and all), and no further program starts.
 */

export interface SpawnOptions {
  cwd?: string
  /** Added to the inherited environment. */
  env?: Record<string, string | undefined>
  /** Do not announce the command line in the log (it is still in the debug log). */
  quiet?: boolean
  /** Each line of standard output as it arrives, without its line break. */
  onStdoutLine?: (line: string) => void
  onStderrLine?: (line: string) => void
}

export interface SpawnResult extends ExecResult {
  /** The signal passed on to the program while it ran: it was asked to stop. */
  interrupted?: NodeJS.Signals
}

/** Thrown instead of starting a program once the action has been asked to stop. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError'
  constructor(readonly signal: NodeJS.Signals) {
    super(`Stopped: the runner sent ${signal} (the job was cancelled or the machine is shutting down)`)
  }
}

/** The program is not there (ENOENT): the caller knows which input names it. */
export class ProgramNotFoundError extends Error {
  override readonly name = 'ProgramNotFoundError'
  constructor(readonly program: string) {
    super(`${program} was not found`)
  }
}

const running = new Map<ChildProcess, { signalled: boolean }>()
let received: NodeJS.Signals | undefined
let scopes = 0

function onSignal(signal: NodeJS.Signals): void {
  if (received) {
    core.info(`${signal} received again; still waiting for the running program to stop cleanly`)
    return
  }
  received = signal
  core.info(`${signal} received: asking ${running.size} running program(s) to stop cleanly`)
  for (const [child, state] of running) {
    state.signalled = true
    child.kill(signal)
  }
}

/**
 * Runs `work` with SIGINT and SIGTERM caught: they stop the programs `spawnArgv` runs, cleanly,
 * and make the next `spawnArgv` throw `InterruptedError`, so that `finally` blocks still run.
 */
export async function interruptible<T>(work: () => Promise<T>): Promise<T> {
  if (scopes++ === 0) {
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  }
  try {
    return await work()
  } finally {
    if (--scopes === 0) {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}

/** The signal that asked this action to stop, if one did. */
export function interruption(): NodeJS.Signals | undefined {
  return received
}

function splitLines(stream: NodeJS.ReadableStream, collect: string[], onLine?: (line: string) => void) {
  let pending = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    collect.push(chunk)
    if (!onLine) return
    pending += chunk
    let newline = pending.indexOf('\n')
    while (newline >= 0) {
      onLine(pending.slice(0, newline).replace(/\r$/, ''))
      pending = pending.slice(newline + 1)
      newline = pending.indexOf('\n')
    }
  })
  stream.on('end', () => {
    if (onLine && pending) onLine(pending)
  })
}

/**
 * Runs a program with an argument array, never through a shell, streaming its lines to the
 * callbacks and capturing both streams. A non-zero exit is returned, not thrown: the caller reads
 * the program's own diagnostics. Nothing the program prints reaches the log from here.
 */
export function spawnArgv(
  file: string,
  args: readonly string[],
  options: SpawnOptions = {},
): Promise<SpawnResult> {
  if (received) return Promise.reject(new InterruptedError(received))
  const command = describeCommand(file, args)
  if (options.quiet) core.debug(`$ ${command}`)
  else core.info(`$ ${command}`)
  const env = Object.fromEntries(
    Object.entries({ ...process.env, ...options.env }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group inside interruptible(): only we pass signals on, exactly once.
      detached: scopes > 0,
    })
    const state = { signalled: false }
    running.set(child, state)
    const stdout: string[] = []
    const stderr: string[] = []
    splitLines(child.stdout!, stdout, options.onStdoutLine)
    splitLines(child.stderr!, stderr, options.onStderrLine)
    child.on('error', (error: NodeJS.ErrnoException) => {
      running.delete(child)
      reject(error.code === 'ENOENT' ? new ProgramNotFoundError(file) : error)
    })
    child.on('close', (code, signal) => {
      running.delete(child)
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: stdout.join(''),
        stderr: stderr.join(''),
        ...(state.signalled && received ? { interrupted: received } : {}),
      })
    })
  })
}
