import { createHash } from 'node:crypto'
import { type Change, isIntent, type JsonValue, type PlanJson, type ResourceChange } from './plan-json'

/**
 * The plan fingerprint: what applying the plan would do, by meaning rather than by text.
 *
 * Counted: each resource change that is intent (see `isIntent`) with its address, previous address,
 * deposed key, mode, type, name, index, actions, planned values (`after`), which of them are unknown
 * or sensitive, `before_sensitive`, `replace_paths` and `importing`; and each output that changes,
 * with its actions, planned value and which parts are unknown or sensitive.
 * Not counted: refresh-only drift (`resource_drift`), the prior state, values before the change,
 * timestamps, Terraform's version, the format version, the order of keys or of resources, the
 * working directory and the machine. Sensitive values are replaced by their SHA-256 before anything
 * is hashed or shown.
 */

const FORMAT = 'provision-infra/fingerprint/1'
export const FINGERPRINT_PATTERN = /^sha256:[0-9a-f]{64}$/

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** JSON with object keys sorted at every level: one text for one value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null'
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/**
 * The value with every part `sensitive` marks (Terraform's `after_sensitive` shape: `true` for a
 * sensitive value, objects and lists mirroring the value otherwise) replaced by its hash.
 */
export function hideSensitive(value: JsonValue | undefined, sensitive: JsonValue | undefined): JsonValue {
  if (value === undefined) return null
  if (sensitive === true) return { sensitive: `sha256:${sha256(canonicalJson(value))}` }
  if (sensitive === null || typeof sensitive !== 'object' || value === null || typeof value !== 'object')
    return value
  if (Array.isArray(value))
    return value.map((item, i) => hideSensitive(item, Array.isArray(sensitive) ? sensitive[i] : undefined))
  const marks = sensitive as Record<string, JsonValue>
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      hideSensitive(item, Array.isArray(sensitive) ? undefined : marks[key]),
    ]),
  )
}

function changeIntent(change: Change, withBeforeSensitive: boolean) {
  return {
    actions: change.actions,
    after: hideSensitive(change.after, change.after_sensitive),
    after_unknown: change.after_unknown ?? null,
    after_sensitive: change.after_sensitive ?? null,
    ...(withBeforeSensitive
      ? {
          before_sensitive: change.before_sensitive ?? null,
          replace_paths: change.replace_paths ?? null,
          importing: change.importing ?? null,
        }
      : {}),
  }
}

function resourceKey(resource: ResourceChange): string {
  return resource.deposed ? `${resource.address} (deposed ${resource.deposed})` : resource.address
}

export interface Intent {
  /** Resource key (address, plus the deposed key when there is one) → what will be done to it. */
  resources: Record<string, unknown>
  /** Output name → its new value. */
  outputs: Record<string, unknown>
}

export function planIntent(plan: PlanJson): Intent {
  const resources: Record<string, unknown> = {}
  for (const resource of plan.resource_changes ?? []) {
    if (!isIntent(resource)) continue
    resources[resourceKey(resource)] = {
      address: resource.address,
      previous_address: resource.previous_address ?? null,
      deposed: resource.deposed ?? null,
      mode: resource.mode,
      type: resource.type,
      name: resource.name,
      index: resource.index ?? null,
      ...changeIntent(resource.change, true),
    }
  }
  const outputs: Record<string, unknown> = {}
  for (const [name, change] of Object.entries(plan.output_changes ?? {})) {
    if (change.actions.length === 1 && change.actions[0] === 'no-op') continue
    outputs[name] = changeIntent(change, false)
  }
  return { resources, outputs }
}

export function fingerprintOf(intent: Intent): string {
  return `sha256:${sha256(canonicalJson({ format: FORMAT, ...intent }))}`
}

/** 32 bits: enough to say which resources differ; whether to apply is decided by the whole fingerprint. */
const digest = (value: unknown) => sha256(canonicalJson(value)).slice(0, 8)

/**
 * A short digest per resource and output (`output.<name>`), so that a later plan can say which of
 * them differ from the reviewed one without the review having to store any value.
 */
export function intentDigests(intent: Intent): Record<string, string> {
  const digests: Record<string, string> = {}
  for (const [key, value] of Object.entries(intent.resources)) digests[key] = digest(value)
  for (const [name, value] of Object.entries(intent.outputs)) digests[`output.${name}`] = digest(value)
  return digests
}

export interface IntentDifference {
  /** In the new plan only. */
  added: string[]
  /** In the reviewed plan only. */
  removed: string[]
  /** In both, with other actions or values. */
  changed: string[]
}

export function compareDigests(
  reviewed: Record<string, string>,
  current: Record<string, string>,
): IntentDifference {
  const keys = [...new Set([...Object.keys(reviewed), ...Object.keys(current)])].sort()
  const difference: IntentDifference = { added: [], removed: [], changed: [] }
  for (const key of keys) {
    if (!(key in reviewed)) difference.added.push(key)
    else if (!(key in current)) difference.removed.push(key)
    else if (reviewed[key] !== current[key]) difference.changed.push(key)
  }
  return difference
}

/** Accepts `sha256:<64 hex>` or the 64 hex digits alone; undefined for anything else. */
export function normaliseFingerprint(text: string): string | undefined {
  const trimmed = text.trim().toLowerCase()
  const full = trimmed.startsWith('sha256:') ? trimmed : `sha256:${trimmed}`
  return FINGERPRINT_PATTERN.test(full) ? full : undefined
}
