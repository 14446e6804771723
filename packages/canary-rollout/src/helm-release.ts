import type { ExpectedImage } from './images'

export interface HelmRelease {
  metadata: { name: string; generation?: number; resourceVersion?: string }
  spec?: Record<string, unknown>
  status?: {
    observedGeneration?: number
    lastAttemptedRevision?: string
    conditions?: { type: string; status: string; reason?: string; message?: string }[]
  }
}

function condition(hr: HelmRelease | undefined, type: string) {
  return hr?.status?.conditions?.find((c) => c.type === type)
}

/**
 * Flux has reconciled the release's current spec, and that spec is the one with the new image
 * (its values name it, or the target already runs it).
 */
export function helmReleaseApplied(
  hr: HelmRelease | undefined,
  expected: ExpectedImage,
  targetCarries: boolean,
): boolean {
  if (!hr) return false
  const current = (hr.status?.observedGeneration ?? -1) >= (hr.metadata.generation ?? 0)
  const ready = condition(hr, 'Ready')?.status === 'True'
  const values = JSON.stringify(hr.spec ?? {})
  const mentions =
    (expected.tag !== undefined && values.includes(expected.tag)) ||
    (expected.image !== undefined && values.includes(expected.image))
  return current && ready && (mentions || targetCarries)
}

/** Why Flux gave up on the release (stalled, or out of install/upgrade retries); undefined while it may still succeed. */
export function helmReleaseFailure(hr: HelmRelease | undefined): string | undefined {
  if (!hr) return undefined
  const stalled = condition(hr, 'Stalled')
  const ready = condition(hr, 'Ready')
  if (stalled?.status === 'True') return stalled.message || stalled.reason || 'stalled'
  if (
    ready?.status === 'False' &&
    /RetriesExceeded|InstallFailed|UpgradeFailed/.test(ready.reason ?? '') &&
    /exhausted|retries/i.test(ready.message ?? '')
  ) {
    return ready.message
  }
  return undefined
}

/** One line for the log: `HelmRelease app: Ready=False (UpgradeFailed), … message`. */
export function describeHelmRelease(hr: HelmRelease | undefined, applied: boolean, wanted?: string): string {
  if (!hr) return `HelmRelease ${wanted} not found; following the target alone`
  const ready = condition(hr, 'Ready')
  return `HelmRelease ${hr.metadata.name}: Ready=${ready?.status ?? 'Unknown'}${ready?.reason ? ` (${ready.reason})` : ''}${
    applied ? ', revision applied' : ''
  }${ready?.message ? ` ${ready.message}` : ''}`
}
