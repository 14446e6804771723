// What a scheduled check of one environment found, and what it means for its drift issue. Kept apart
// from the GitHub client so that the action reads and checks its inputs without loading it.
import { ConfigurationError } from '@canary-delivery/action-kit'

/** One add-on as bootstrap-addons' `addons` output lists it. */
export interface DriftAddon {
  name: string
  namespace: string
  chart: string
  pinned: string
  running: string
  ready: boolean
  message: string
}

/** What a scheduled check of one environment found. */
export interface DriftCheck {
  environment: string
  /** provision-infra's `result` at `command: check` (`no-changes`, `drift`; empty when it did not finish). */
  infrastructure: string
  /** Its plan's counts, when there was one. */
  changes?: { add: number; change: number; destroy: number }
  /** bootstrap-addons' `result` at `command: check` (`ready`, `drift`, `failed` …; empty when it did not run). */
  addons: string
  addonRows?: DriftAddon[]
  /** The workflow run that checked, for the issue to link to. */
  runUrl?: string
  checkedAt: string
}

/** What provision-infra's `result` can be after `command: check`. */
export const INFRASTRUCTURE_RESULTS = ['no-changes', 'drift'] as const
/** What bootstrap-addons' `result` can be after `command: check`. */
export const ADDONS_RESULTS = ['ready', 'drift', 'failed', 'timed-out'] as const

/** More add-ons than a cluster could hold: the input is refused rather than read without end. */
const MAX_ADDONS = 500

/**
 * bootstrap-addons' `addons` output: a JSON list of `{ name, namespace, chart, pinned, running,
 * ready, message }`. Anything else is one error naming the input.
 */
export function parseAddonRows(text: string | undefined, input = 'addons'): DriftAddon[] {
  if (!text?.trim()) return []
  const expected =
    "bootstrap-addons' addons output, a JSON list of { name, namespace, chart, pinned, running, ready, message }"
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ConfigurationError(`Input '${input}' must be ${expected}; it is not JSON`)
  }
  if (!Array.isArray(value)) throw new ConfigurationError(`Input '${input}' must be ${expected}`)
  if (value.length > MAX_ADDONS)
    throw new ConfigurationError(
      `Input '${input}' lists ${value.length} add-ons; at most ${MAX_ADDONS} are read`,
    )
  return value.map((row: unknown, index) => {
    const record = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>
    if (typeof record.name !== 'string' || typeof record.ready !== 'boolean')
      throw new ConfigurationError(
        `Input '${input}' item ${index + 1} must be ${expected.replace(/^.*, a JSON list of /, '')}`,
      )
    const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : '')
    return {
      name: record.name,
      namespace: text('namespace'),
      chart: text('chart'),
      pinned: text('pinned'),
      running: text('running'),
      ready: record.ready,
      message: text('message'),
    }
  })
}

/**
 * `drift` when either check found some; `clean` when both finished and found none; `unknown` when a
 * check did not finish (an unreachable cluster says nothing about drift), which leaves the issue as is.
 */
export type DriftVerdict = 'drift' | 'clean' | 'unknown'

export function driftVerdict(check: DriftCheck): DriftVerdict {
  if (check.infrastructure === 'drift' || check.addons === 'drift') return 'drift'
  if (check.infrastructure === 'no-changes' && check.addons === 'ready') return 'clean'
  return 'unknown'
}
