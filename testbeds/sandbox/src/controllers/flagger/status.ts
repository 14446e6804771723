import type { CanaryPhase } from '@canary-delivery/flagger'
import { type Obj, timestamp } from '../../util'
import { dotted, type FlaggerContext } from './context'

const CONDITION_MESSAGES: Partial<Record<CanaryPhase, string>> = {
  Initializing: 'New Deployment detected, starting initialization.',
  Initialized: 'Deployment initialization completed.',
  Waiting: 'Waiting for approval.',
  Progressing: 'New revision detected, progressing canary analysis.',
  WaitingPromotion: 'Waiting for approval.',
  Promoting: 'Canary analysis completed, starting primary rolling update.',
  Finalising: 'Canary analysis completed, routing all traffic to primary.',
  Succeeded: 'Canary analysis completed successfully, promotion finished.',
  Failed: 'Canary analysis failed, Deployment scaled to zero.',
}

/**
 * Merges `changes` into the Canary's status, with the Promoted condition Flagger derives from the
 * phase (True on Initialized and Succeeded, False on Failed, otherwise Unknown; its reason is the
 * phase) and lastTransitionTime moved on a phase change.
 */
export function writeCanaryStatus(fl: FlaggerContext, cd: Obj, changes: Obj): void {
  const fresh = fl.ctx.store.get(fl.canaries, cd.metadata.namespace, cd.metadata.name)
  if (!fresh) return
  const old: Obj = fresh.status ?? {}
  const now = timestamp()
  const status: Obj = { ...old, ...changes }
  const phase = status.phase as CanaryPhase
  if (changes.phase && changes.phase !== old.phase) status.lastTransitionTime = now
  status.lastTransitionTime ??= now
  const promoted =
    phase === 'Initialized' || phase === 'Succeeded' ? 'True' : phase === 'Failed' ? 'False' : 'Unknown'
  const previous = (old.conditions ?? []).find((c: Obj) => c.type === 'Promoted')
  if (!previous || previous.reason !== phase || previous.status !== promoted) {
    status.conditions = [
      {
        type: 'Promoted',
        status: promoted,
        lastUpdateTime: now,
        lastTransitionTime: previous?.status === promoted ? previous.lastTransitionTime : now,
        reason: phase,
        message: CONDITION_MESSAGES[phase] ?? '',
      },
    ]
  }
  fresh.status = status
  fl.ctx.store.update(fl.canaries, fresh, { status: true })
  if (changes.phase && changes.phase !== old.phase) {
    fl.ctx.log(`flagger ${dotted(cd)}: phase ${old.phase || '(none)'} -> ${changes.phase}`)
  }
}
