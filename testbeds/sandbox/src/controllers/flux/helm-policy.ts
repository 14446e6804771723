import { parseDuration } from '../../clock'
import type { Obj } from '../../util'
import { requestedAt } from '../periodic'
import type { ReleaseRequest } from './helm-actions'
import type { Cond } from './status'

/** A Helm action helm-controller runs. */
export type ActionName = 'install' | 'upgrade' | 'rollback' | 'uninstall'

/**
 * The remediation of the last attempted action, as a HelmRelease's spec sets it: an install is
 * remediated by uninstalling, an upgrade by rolling back (or uninstalling); `remediateLastFailure`
 * defaults to true for an upgrade with retries.
 */
export function remediationOf(hr: Obj, status: Obj) {
  const action = status.lastAttemptedReleaseAction as string | undefined
  if (action !== 'install' && action !== 'upgrade') return undefined
  const spec: Obj = hr.spec?.[action]?.remediation ?? {}
  const retries: number = spec.retries ?? 0
  return {
    action,
    retries,
    failures: (status[action === 'install' ? 'installFailures' : 'upgradeFailures'] ?? 0) as number,
    remediateLastFailure: (spec.remediateLastFailure ?? (action === 'upgrade' && retries > 0)) as boolean,
    strategy: (action === 'install' ? 'uninstall' : (spec.strategy ?? 'rollback')) as string,
  }
}

/** More failures than `retries` (a negative number retries for ever), for an action or the last one. */
export function retriesExhausted(hr: Obj, status: Obj, action?: 'install' | 'upgrade'): boolean {
  const which = action ?? remediationOf(hr, status)?.action
  if (!which) return false
  const retries: number = hr.spec?.[which]?.remediation?.retries ?? 0
  const failures: number = status[which === 'install' ? 'installFailures' : 'upgradeFailures'] ?? 0
  return retries >= 0 && failures > retries
}

/** The Stalled message once retries ran out. */
export function exceededMessage(status: Obj): string {
  const action = status.lastAttemptedReleaseAction ?? 'install'
  const failures = status[action === 'install' ? 'installFailures' : 'upgradeFailures'] ?? 0
  return `Failed to ${action} after ${failures} attempt(s)`
}

/**
 * `flux reconcile hr --reset`: reconcile.fluxcd.io/resetAt equal to requestedAt. The annotation is
 * marked handled (lastHandledResetAt) either way, so it acts once.
 */
export function resetRequested(hr: Obj, status: Obj): boolean {
  return handledOnce(hr, status, 'reconcile.fluxcd.io/resetAt', 'lastHandledResetAt')
}

/** `flux reconcile hr --force`: reconcile.fluxcd.io/forceAt equal to requestedAt, handled once. */
export function forceRequested(hr: Obj, status: Obj): boolean {
  return handledOnce(hr, status, 'reconcile.fluxcd.io/forceAt', 'lastHandledForceAt')
}

function handledOnce(hr: Obj, status: Obj, annotation: string, field: string): boolean {
  const value: string | undefined = hr.metadata.annotations?.[annotation]
  if (!value || value === status[field]) return false
  status[field] = value
  return value === requestedAt(hr)
}

/** Ready as helm-controller summarizes it: from Remediated or Released, the newest; a remediation is not ready. */
export function summarizedReady(conditions: Obj[]): Cond | undefined {
  const remediated = conditions.find((c) => c.type === 'Remediated')
  const released = conditions.find((c) => c.type === 'Released')
  const top =
    remediated && (!released || (remediated.observedGeneration ?? 0) >= (released.observedGeneration ?? 0))
      ? remediated
      : released
  if (!top) return undefined
  return ['Ready', top.type === 'Remediated' ? 'False' : top.status, top.reason, top.message]
}

/** The action's timeout: its own, else `spec.timeout`, else 5 minutes. */
export function timeoutOf(hr: Obj, action: ActionName): number {
  const spec: Obj = hr.spec ?? {}
  return parseDuration(spec[action]?.timeout ?? spec.timeout, 300_000)
}

/** How long Helm waits for the workloads: the timeout, unless the action's `disableWait`. */
export function waitOf(hr: Obj, action: ActionName, timeout: number): number {
  return hr.spec?.[action]?.disableWait ? 0 : timeout
}

/** The chart CRDs policy: `install.crds` (default Create), `upgrade.crds` (default Skip). */
export function crdsOf(hr: Obj, action: ActionName): ReleaseRequest['crds'] {
  if (action === 'install') return hr.spec?.install?.crds ?? 'Create'
  if (action === 'upgrade') return hr.spec?.upgrade?.crds ?? 'Skip'
  return 'Skip'
}
