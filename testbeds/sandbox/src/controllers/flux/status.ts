import type { ResourceType } from '../../resources'
import { clone, type Obj, timestamp } from '../../util'
import type { ControllerContext } from '../context'
import { requestedAt } from '../periodic'

/** `type, status, reason, message` of one condition. */
export type Cond = [type: string, status: string, reason: string, message: string]

/** Sets conditions Flux-style: lastTransitionTime moves only when the status changes. */
export function conditions(previous: Obj[] | undefined, generation: number, set: Cond[]): Obj[] {
  const now = timestamp()
  const out = (previous ?? []).filter((c) => !set.some(([t]) => t === c.type)).map(clone)
  const made = set.map(([type, status, reason, message]) => {
    const old = (previous ?? []).find((c) => c.type === type)
    return {
      type,
      status,
      observedGeneration: generation,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
      reason,
      message,
    }
  })
  return [...made, ...out]
}

/** `lastHandledReconcileAt`, which Flux sets once it has acted on a `flux reconcile` request. */
export const handled = (obj: Obj): Obj =>
  requestedAt(obj) ? { lastHandledReconcileAt: requestedAt(obj) } : {}

/** Writes a status through the status subresource on the object's latest version (gone: nothing). */
export function writeStatus(ctx: ControllerContext, rt: ResourceType, obj: Obj, status: Obj): void {
  const fresh = ctx.store.get(rt, obj.metadata.namespace, obj.metadata.name)
  if (!fresh) return
  fresh.status = status
  ctx.store.update(rt, fresh, { status: true })
}

/**
 * A source's failed fetch or build: Ready=False and FetchFailed=True with the reason, plus Stalled when
 * retrying cannot help (Flux then records the generation as observed).
 */
export function fetchFailed(
  old: Obj,
  generation: number,
  reason: string,
  message: string,
  stalled: boolean,
): Obj {
  const set: Cond[] = [
    ['Ready', 'False', reason, message],
    ['FetchFailed', 'True', reason, message],
  ]
  if (stalled) set.push(['Stalled', 'True', reason, message])
  return {
    ...old,
    ...(stalled ? { observedGeneration: generation } : {}),
    conditions: conditions(old.conditions, generation, set).filter((c) => stalled || c.type !== 'Stalled'),
  }
}
