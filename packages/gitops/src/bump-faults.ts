/** How a bump meets an unreliable network and a cancelled job. */
import type { Git } from './git'
import { GitFailure } from './git-process'

/** What became of the push of a cancelled bump: `unconfirmed` when it was cut short and may still land. */
export type CancelledPush = 'landed' | 'not-sent' | 'unconfirmed'

/** How long a push in flight may still take after the first signal (the runner kills after 10 s). */
export const PUSH_GRACE_MS = 5_000
/** The least wait after a network fault (a non-fast-forward retry waits from 100 ms). */
export const TRANSIENT_FLOOR_MS = 1_000

/** A failed attempt worth another one: the branch moved, or the network failed us. */
export class Retry extends Error {
  constructor(
    message: string,
    readonly giveUp: (attempts: number) => Error,
    readonly transient: boolean,
  ) {
    super(message)
  }
}

/** `what` failed on the network: worth another attempt. Anything else passes through. */
export async function transient<T>(what: string, operation: Promise<T>): Promise<T> {
  try {
    return await operation
  } catch (error) {
    if (error instanceof GitFailure && error.transient) {
      throw new Retry(`${what} failed (${error.reason})`, (attempts) => gaveUp(error, attempts), true)
    }
    throw error
  }
}

export function gaveUp(error: GitFailure, attempts: number): Error {
  return new Error(`gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${error.message}`)
}

/** Whether the remote branch now points at `commit`, asked within a few seconds. */
export async function confirm(git: Git, branch: string, commit: string): Promise<CancelledPush> {
  try {
    const heads = await git.remoteHeads([branch], AbortSignal.timeout(2_000))
    return heads.get(branch) === commit ? 'landed' : 'unconfirmed'
  } catch {
    return 'unconfirmed'
  }
}

/** Stops a push on a second signal, or PUSH_GRACE_MS after the first. */
export function pushDeadline(signal?: AbortSignal, abandon?: AbortSignal): AbortSignal | undefined {
  if (!signal && !abandon) return undefined
  const controller = new AbortController()
  const stop = () => controller.abort()
  const grace = () => setTimeout(stop, PUSH_GRACE_MS).unref()
  if (abandon?.aborted) stop()
  abandon?.addEventListener('abort', stop, { once: true })
  if (signal?.aborted) grace()
  else signal?.addEventListener('abort', grace, { once: true })
  return controller.signal
}
