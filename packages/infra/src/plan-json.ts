/**
 * The parts of `terraform show -json <planfile>` this package reads (Terraform's JSON output format,
 * the same in OpenTofu). Everything else in the document is ignored.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

export type ChangeAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget'

export interface Change {
  actions: ChangeAction[]
  before?: JsonValue
  after?: JsonValue
  after_unknown?: JsonValue
  before_sensitive?: JsonValue
  after_sensitive?: JsonValue
  replace_paths?: JsonValue
  importing?: JsonValue
}

export interface ResourceChange {
  address: string
  previous_address?: string
  mode: string
  type: string
  name: string
  index?: JsonValue
  deposed?: string
  change: Change
  action_reason?: string
}

export interface PlanJson {
  format_version?: string
  terraform_version?: string
  resource_changes?: ResourceChange[]
  resource_drift?: ResourceChange[]
  output_changes?: Record<string, Change>
  errored?: boolean
}

/** Reads the document, checking only the shape this package relies on. */
export function parsePlanJson(text: string): PlanJson {
  const data = JSON.parse(text) as PlanJson
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new Error('terraform show -json did not print a JSON object')
  for (const list of [data.resource_changes, data.resource_drift]) {
    if (list !== undefined && !Array.isArray(list)) throw new Error('resource_changes is not a list')
    for (const entry of list ?? [])
      if (typeof entry?.address !== 'string' || !Array.isArray(entry.change?.actions))
        throw new Error('a resource change has no address or actions')
  }
  return data
}

const only = (actions: readonly ChangeAction[], action: ChangeAction) =>
  actions.length === 1 && actions[0] === action

/** Terraform's own wording: delete-then-create or create-then-delete is a replacement. */
export function isReplace(actions: readonly ChangeAction[]): boolean {
  return actions.includes('delete') && actions.includes('create')
}

/**
 * Whether a resource change is intent: something applying the plan would do. Nothing to do
 * (`no-op`) and reading a data source (`read`) are not, unless the no-op moves or imports the object.
 */
export function isIntent(resource: ResourceChange): boolean {
  const { actions } = resource.change
  if (only(actions, 'read')) return false
  if (only(actions, 'no-op'))
    return Boolean(resource.change.importing) || resource.previous_address !== undefined
  return true
}

export interface ChangeCounts {
  add: number
  change: number
  destroy: number
  import: number
  forget: number
}

export interface PlanFacts {
  counts: ChangeCounts
  /** Addresses planned for replacement, with Terraform's reason when it gives one. */
  replaced: { address: string; reason?: string }[]
  /** Addresses planned for deletion only. */
  deleted: string[]
  /** Outputs whose value changes. */
  outputs: string[]
  /** Resources that changed outside Terraform since the last run (refresh-only drift). */
  drifted: { address: string; actions: ChangeAction[] }[]
  /** Resource changes as Terraform lists them: address and actions, intent only. */
  changes: { address: string; actions: ChangeAction[] }[]
}

/** The counts Terraform prints after a plan (`Plan: 1 to add, 0 to change, 1 to destroy`), and more. */
export function planFacts(plan: PlanJson): PlanFacts {
  const counts: ChangeCounts = { add: 0, change: 0, destroy: 0, import: 0, forget: 0 }
  const replaced: PlanFacts['replaced'] = []
  const deleted: string[] = []
  const changes: PlanFacts['changes'] = []
  for (const resource of plan.resource_changes ?? []) {
    const { actions } = resource.change
    if (resource.change.importing) counts.import++
    if (!isIntent(resource)) continue
    changes.push({ address: resource.address, actions })
    if (actions.includes('create')) counts.add++
    if (actions.includes('update')) counts.change++
    if (actions.includes('delete')) counts.destroy++
    if (actions.includes('forget')) counts.forget++
    if (isReplace(actions))
      replaced.push({
        address: resource.address,
        ...(resource.action_reason ? { reason: resource.action_reason } : {}),
      })
    else if (actions.includes('delete')) deleted.push(resource.address)
  }
  const outputs = Object.entries(plan.output_changes ?? {})
    .filter(([, change]) => !only(change.actions, 'no-op'))
    .map(([name]) => name)
    .sort()
  const drifted = (plan.resource_drift ?? []).map((resource) => ({
    address: resource.address,
    actions: resource.change.actions,
  }))
  return { counts, replaced, deleted, outputs, drifted, changes }
}

export function hasIntent(facts: PlanFacts): boolean {
  return facts.changes.length > 0 || facts.outputs.length > 0
}

/** `2 to add, 1 to change, 0 to destroy` (plus imports and forgets when there are any). */
export function describeCounts(counts: ChangeCounts): string {
  const parts = [`${counts.add} to add`, `${counts.change} to change`, `${counts.destroy} to destroy`]
  if (counts.import) parts.push(`${counts.import} to import`)
  if (counts.forget) parts.push(`${counts.forget} to forget`)
  return parts.join(', ')
}
