import { behaviourFor, webhookPasses } from '../../scenario'
import type { Obj } from '../../util'
import type { FlaggerContext } from './context'

/** The Canary's webhooks of one type (an empty type is a rollout hook). */
export const hooksOf = (cd: Obj, type: string): Obj[] =>
  (cd.spec.analysis?.webhooks ?? []).filter((h: Obj) => (h.type || 'rollout') === type)

/** The first hook of `type` the load tester answers with a failure: a closed gate or a failed check. */
export function closedGate(
  fl: FlaggerContext,
  cd: Obj,
  image: string | undefined,
  type: string,
): Obj | undefined {
  return hooksOf(cd, type).find((h) => !webhookPasses(fl.ctx.scenario(), image, h))
}

/** A rollback hook that answers OK; the load tester's rollback gate is closed unless the scenario opens it. */
export function openRollbackHook(fl: FlaggerContext, cd: Obj, image: string | undefined): Obj | undefined {
  return hooksOf(cd, 'rollback').find((h) => {
    const s = fl.ctx.scenario()
    for (const table of [behaviourFor(s, image).webhooks, s.webhooks]) {
      for (const k of [h.name, 'rollback']) if (table && typeof table[k] === 'boolean') return table[k]
    }
    return false
  })
}
