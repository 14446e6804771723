import { behaviourFor, webhookPasses } from '../../scenario'
import type { Obj } from '../../util'
import { dialUrl } from '../network'
import type { FlaggerContext } from './context'

/** A webhook call's outcome: passed, or failed with the error Flagger reports after "failed ". */
export type HookResult = { ok: true } | { ok: false; error: string }

/** The Canary's webhooks of one type (an empty type is a rollout hook). */
export const hooksOf = (cd: Obj, type: string): Obj[] =>
  (cd.spec.analysis?.webhooks ?? []).filter((h: Obj) => (h.type || 'rollout') === type)

/**
 * Calls a webhook as Flagger does: a POST from Flagger's pod to the hook's URL, which must reach a
 * Service with ready pods (unless the Flagger's add-ons are implied); the load tester there answers as
 * the scenario says. An unreachable URL fails the way go-retryablehttp reports it.
 */
export function callHook(fl: FlaggerContext, image: string | undefined, hook: Obj): HookResult {
  const reach = reachable(fl, String(hook.url ?? ''), hook.retries)
  if (!reach.ok) return reach
  return webhookPasses(fl.ctx.scenario(), image, hook)
    ? { ok: true }
    : { ok: false, error: 'the load tester answered 403' }
}

/** The first hook of `type` that does not pass, with why: a closed gate or a failed check. */
export function failingHook(
  fl: FlaggerContext,
  cd: Obj,
  image: string | undefined,
  type: string,
): { hook: Obj; error: string } | undefined {
  for (const hook of hooksOf(cd, type)) {
    const result = callHook(fl, image, hook)
    if (!result.ok) return { hook, error: result.error }
  }
  return undefined
}

/** A rollback hook that answers OK; the load tester's rollback gate is closed unless the scenario opens it. */
export function openRollbackHook(fl: FlaggerContext, cd: Obj, image: string | undefined): Obj | undefined {
  return hooksOf(cd, 'rollback').find((h) => {
    if (!reachable(fl, String(h.url ?? ''), h.retries).ok) return false
    const s = fl.ctx.scenario()
    for (const table of [behaviourFor(s, image).webhooks, s.webhooks]) {
      for (const k of [h.name, 'rollback']) if (table && typeof table[k] === 'boolean') return table[k]
    }
    return false
  })
}

function reachable(fl: FlaggerContext, url: string, retries: unknown): HookResult {
  if (fl.config.network === 'implied') return { ok: true }
  const dial = dialUrl(fl.ctx, url, fl.config.home)
  if (dial.ok) return { ok: true }
  const attempts = (typeof retries === 'number' && retries > 0 ? retries : 0) + 1
  return {
    ok: false,
    error: `POST ${url} giving up after ${attempts} attempt(s): Post "${url}": ${dial.error}`,
  }
}
