import { ApiError } from './errors'
import { groupVersion, type ResourceType } from './resources'
import { child, type TypeNode, typeOf } from './schema-types'
import { clone, deepEqual, isObj, type Obj, stableJson, timestamp } from './util'

/**
 * Field ownership as kube-apiserver keeps it in `metadata.managedFields`: every write records which
 * manager set which fields (operation Update for create/update/patch, Apply for server-side apply), and
 * an apply that sets a field another manager owns with a different value fails with 409 Conflict
 * unless forced. An applier's fields it no longer applies are removed when nobody else owns them.
 * Paths use the FieldsV1 segments (`f:name`, `k:{"name":"app"}`, `v:"x"`, `.` for a list item itself).
 */

export interface Write {
  manager: string
  operation: 'Apply' | 'Update'
  /** `status` or `scale` for writes through a subresource. */
  subresource?: string
}

interface Entry {
  manager: string
  operation: string
  apiVersion: string
  time?: string
  fieldsType: string
  fieldsV1: Obj
  subresource?: string
}

type FieldSet = Map<string, unknown>
const SEP = '\u0001'

/** The manager of a write: `fieldManager`, or the client's User-Agent up to its first "/", as the apiserver does. */
export function managerOf(fieldManager: string | null, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager
  return (userAgent ?? '').split('/')[0]!.slice(0, 128) || 'unknown'
}

/** The managed fields of a new object: the creator owns everything it set. */
export function trackCreate(rt: ResourceType, obj: Obj, write: Write): void {
  const set = fieldSet(rt, obj, write.subresource)
  obj.metadata.managedFields = set.size ? [serialize(rt, write, set)] : []
}

/** The managed fields after an update or a non-apply patch: the writer takes over what it changed. */
export function trackUpdate(rt: ResourceType, live: Obj, next: Obj, write: Write): void {
  const before = fieldSet(rt, live, write.subresource)
  const after = fieldSet(rt, next, write.subresource)
  const changed = new Set(
    [...after].filter(([p, v]) => !before.has(p) || !deepEqual(before.get(p), v)).map(([p]) => p),
  )
  const entries = incoming(live, next)
  const out: Entry[] = []
  let mine: Entry | undefined
  for (const e of entries) {
    if (isSame(e, write)) {
      mine = e
      continue
    }
    out.push(prune(e, (p) => !changed.has(p) && (after.has(p) || !inScope(p, write, rt))))
  }
  const owned = new Set([...(mine ? paths(mine.fieldsV1) : []), ...changed].filter((p) => after.has(p)))
  if (owned.size) out.push(serialize(rt, write, new Map([...owned].map((p) => [p, after.get(p)]))))
  next.metadata.managedFields = out.filter((e) => Object.keys(e.fieldsV1).length > 0)
}

/**
 * Server-side apply of `applied` onto `live` by `write.manager`: the merged object, with managedFields.
 * Throws 409 Conflict naming every field another manager owns with a different value, unless `force`.
 */
export function apply(rt: ResourceType, live: Obj, applied: Obj, write: Write, force: boolean): Obj {
  const type = typeOf(rt)
  const mine = fieldSet(rt, applied, write.subresource)
  const current = fieldSet(rt, live, write.subresource)
  const entries = incoming(live, live)
  const conflicts: { entry: Entry; path: string }[] = []
  for (const e of entries) {
    if (isSame(e, write)) continue
    for (const p of paths(e.fieldsV1)) {
      if (mine.has(p) && current.has(p) && !p.endsWith(`${SEP}.`) && !deepEqual(mine.get(p), current.get(p)))
        conflicts.push({ entry: e, path: p })
    }
  }
  if (conflicts.length && !force) throw conflictError(conflicts)
  const previous = entries.find((e) => isSame(e, write))
  const others = entries.filter((e) => !isSame(e, write))
  const ownedByOthers = new Set(others.flatMap((e) => [...paths(e.fieldsV1)]))
  let merged = mergeTyped(live, applied, type) as Obj
  // What this manager applied before and no longer does, and nobody else owns, goes.
  const dropped = [...(previous ? paths(previous.fieldsV1) : [])].filter(
    (p) => !mine.has(p) && !ownedByOthers.has(p),
  )
  for (const p of dropped.sort((a, b) => b.length - a.length))
    merged = removePath(merged, p.split(SEP), type) as Obj
  const result = fieldSet(rt, merged, write.subresource)
  const taken = new Set(conflicts.map((c) => c.path))
  const out: Entry[] = others.map((e) =>
    prune(e, (p) => !taken.has(p) && (result.has(p) || !inScope(p, write, rt))),
  )
  out.push(serialize(rt, write, mine))
  merged.metadata = {
    ...merged.metadata,
    managedFields: out.filter((e) => Object.keys(e.fieldsV1).length > 0),
  }
  return merged
}

// ---- field sets ------------------------------------------------------------------------------------

/** Metadata a manager can own; the rest belongs to the server. */
const OWNED_METADATA = new Set(['labels', 'annotations', 'ownerReferences', 'finalizers'])

function inScope(path: string, write: Write, rt: ResourceType): boolean {
  const status = path === 'f:status' || path.startsWith(`f:status${SEP}`)
  return rt.statusSubresource ? status === (write.subresource === 'status') : true
}

function fieldSet(rt: ResourceType, obj: Obj, subresource?: string): FieldSet {
  const out: FieldSet = new Map()
  const type = typeOf(rt)
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'apiVersion' || key === 'kind' || value === undefined) continue
    if (rt.statusSubresource && (key === 'status') !== (subresource === 'status')) continue
    if (key === 'metadata') {
      for (const [m, v] of Object.entries(isObj(value) ? value : {})) {
        if (OWNED_METADATA.has(m) && v !== undefined)
          walk(v, child(child(type, 'metadata'), m), [`f:metadata`, `f:${m}`], out)
      }
      continue
    }
    walk(value, child(type, key), [`f:${key}`], out)
  }
  return out
}

const keyOf = (item: Obj, keys: string[]) =>
  `k:${stableJson(Object.fromEntries(keys.map((k) => [k, item[k]])))}`

function walk(value: unknown, type: TypeNode, path: string[], out: FieldSet): void {
  if (Array.isArray(value)) {
    if (type.kind === 'list' && type.keys?.length) {
      for (const item of value) {
        if (!isObj(item)) continue
        const at = [...path, keyOf(item, type.keys)]
        out.set([...at, '.'].join(SEP), true)
        for (const [k, v] of Object.entries(item)) walk(v, child(type.item, k), [...at, `f:${k}`], out)
      }
      return
    }
    if (type.kind === 'set') {
      for (const v of value) out.set([...path, `v:${JSON.stringify(v)}`].join(SEP), v)
      return
    }
    out.set(path.join(SEP), value)
    return
  }
  if (isObj(value) && (type.kind === 'struct' || type.kind === 'map') && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value))
      if (v !== undefined) walk(v, child(type, k), [...path, `f:${k}`], out)
    return
  }
  out.set(path.join(SEP), value)
}

// ---- merge and removal -----------------------------------------------------------------------------

function mergeTyped(live: unknown, applied: unknown, type: TypeNode): unknown {
  if (Array.isArray(applied)) {
    if (type.kind === 'list' && type.keys?.length && Array.isArray(live)) {
      const keys = type.keys
      const out = clone(live) as unknown[]
      for (const item of applied) {
        const i = isObj(item) ? out.findIndex((o) => isObj(o) && keyOf(o, keys) === keyOf(item, keys)) : -1
        if (i >= 0) out[i] = mergeTyped(out[i], item, type.item ?? { kind: 'map' })
        else out.push(clone(item))
      }
      return out
    }
    if (type.kind === 'set' && Array.isArray(live)) {
      const out = clone(live) as unknown[]
      for (const v of applied) if (!out.some((o) => deepEqual(o, v))) out.push(clone(v))
      return out
    }
    return clone(applied)
  }
  if (isObj(applied) && (type.kind === 'struct' || type.kind === 'map')) {
    const out: Obj = isObj(live) ? clone(live) : {}
    for (const [k, v] of Object.entries(applied)) {
      if (v === null) delete out[k]
      else out[k] = mergeTyped(out[k], v, child(type, k))
    }
    return out
  }
  return clone(applied)
}

function removePath(value: unknown, path: string[], type: TypeNode): unknown {
  const [head, ...rest] = path
  if (head === undefined) return value
  if (head === '.') return undefined // the list item itself
  if (head.startsWith('f:') && isObj(value)) {
    const name = head.slice(2)
    const out = { ...value }
    const next = rest.length ? removePath(out[name], rest, child(type, name)) : undefined
    if (next === undefined) delete out[name]
    else out[name] = next
    // A map emptied by the removal goes too, as when the whole section left the configuration.
    return Object.keys(out).length === 0 ? undefined : out
  }
  if (Array.isArray(value) && head.startsWith('k:') && type.kind === 'list') {
    const keys = type.keys ?? []
    const out: unknown[] = []
    for (const item of value) {
      if (isObj(item) && keyOf(item, keys) === head) {
        const next = removePath(item, rest, type.item ?? { kind: 'map' })
        if (next !== undefined) out.push(next)
      } else out.push(item)
    }
    return out
  }
  if (Array.isArray(value) && head.startsWith('v:'))
    return value.filter((v) => `v:${JSON.stringify(v)}` !== head)
  return value
}

// ---- managedFields entries -------------------------------------------------------------------------

/** The entries to start from: those the client sent when it changed them on purpose, else the stored ones. */
function incoming(live: Obj, next: Obj): Entry[] {
  const sent = next.metadata?.managedFields
  const stored = live.metadata?.managedFields
  const list = Array.isArray(sent) && !deepEqual(sent, stored) ? sent : stored
  return (Array.isArray(list) ? list : []).filter((e: Obj) => isObj(e?.fieldsV1)) as Entry[]
}

const isSame = (e: Entry, w: Write) =>
  e.manager === w.manager && e.operation === w.operation && (e.subresource ?? '') === (w.subresource ?? '')

function serialize(rt: ResourceType, write: Write, set: FieldSet | Set<string>): Entry {
  const root: Obj = {}
  for (const p of set.keys()) {
    let node = root
    for (const seg of p.split(SEP)) node = node[seg] ??= {}
  }
  return {
    manager: write.manager,
    operation: write.operation,
    apiVersion: groupVersion(rt),
    time: timestamp(),
    fieldsType: 'FieldsV1',
    fieldsV1: root,
    ...(write.subresource ? { subresource: write.subresource } : {}),
  }
}

/** The leaf paths of a FieldsV1 tree (a `.` entry is the list item's own path). */
function paths(tree: Obj, prefix: string[] = [], out = new Set<string>()): Set<string> {
  for (const [seg, sub] of Object.entries(tree)) {
    const at = [...prefix, seg]
    if (seg === '.' || !isObj(sub) || Object.keys(sub).length === 0) out.add(at.join(SEP))
    else paths(sub, at, out)
  }
  return out
}

function prune(e: Entry, keep: (p: string) => boolean): Entry {
  const kept = [...paths(e.fieldsV1)].filter(keep)
  if (kept.length === paths(e.fieldsV1).size) return e
  const { time: _t, ...rest } = e
  const rebuilt = serialize({ group: '', version: '' } as ResourceType, e as Write, new Set(kept))
  return { ...rest, fieldsV1: rebuilt.fieldsV1 }
}

// ---- the conflict error, worded as the apiserver's field manager words it ---------------------------

/** `.spec.replicas`, `.spec.containers[name="app"].image`, `.metadata.finalizers[="x"]`. */
function printPath(p: string): string {
  return p
    .split(SEP)
    .filter((s) => s !== '.')
    .map((s) => {
      if (s.startsWith('f:')) return `.${s.slice(2)}`
      if (s.startsWith('v:')) return `[=${s.slice(2)}]`
      const keys = JSON.parse(s.slice(2)) as Obj
      return `[${Object.entries(keys)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`
    })
    .join('')
}

function printManager(e: Entry): string {
  const name = `"${e.manager}"${e.subresource ? ` with subresource "${e.subresource}"` : ''}`
  return e.operation === 'Update' ? `${name} using ${e.apiVersion}` : name
}

function conflictError(conflicts: { entry: Entry; path: string }[]): ApiError {
  const causes = conflicts.map((c) => ({
    type: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.entry)}`,
    field: printPath(c.path),
  }))
  let message: string
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0]!.entry)}: ${printPath(conflicts[0]!.path)}`
  } else {
    const byManager = new Map<string, string[]>()
    for (const c of conflicts) {
      const m = printManager(c.entry)
      byManager.set(m, [...(byManager.get(m) ?? []), printPath(c.path)])
    }
    const lines = [...byManager.keys()]
      .sort()
      .flatMap((m) => [`conflicts with ${m}:`, ...byManager.get(m)!.map((p) => `- ${p}`)])
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`
  }
  return new ApiError(409, 'Conflict', message, { causes })
}
