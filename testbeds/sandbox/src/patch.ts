import type { IncomingMessage } from 'node:http'
import { ApiError, badRequest, invalid } from './errors'
import { parseJson } from './http'
import { groupVersion, type ResourceType } from './resources'
import { clone, isObj, type Obj } from './util'

/** RFC 7386 JSON merge patch: maps merge, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return clone(patch)
  const out: Obj = isObj(target) ? clone(target) : {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else out[k] = mergePatch(out[k], v)
  }
  return out
}

/** RFC 6902 JSON patch. */
export function jsonPatch(target: Obj, ops: unknown): Obj {
  if (!Array.isArray(ops)) throw badRequest('json patch must be an array of operations')
  let doc: unknown = clone(target)
  for (const op of ops as Obj[]) {
    const path = parsePointer(op.path)
    switch (op.op) {
      case 'add':
        doc = setAt(doc, path, clone(op.value), 'add')
        break
      case 'replace':
        getAt(doc, path, op.path)
        doc = setAt(doc, path, clone(op.value), 'replace')
        break
      case 'remove':
        getAt(doc, path, op.path)
        doc = removeAt(doc, path)
        break
      case 'test':
        if (JSON.stringify(getAt(doc, path, op.path)) !== JSON.stringify(op.value)) {
          throw new PatchTestFailed(`testing value ${op.path} failed`)
        }
        break
      case 'move': {
        const from = parsePointer(op.from)
        const value = getAt(doc, from, op.from)
        doc = setAt(removeAt(doc, from), path, value, 'add')
        break
      }
      case 'copy':
        doc = setAt(doc, path, clone(getAt(doc, parsePointer(op.from), op.from)), 'add')
        break
      default:
        throw badRequest(`unexpected json patch operation "${op.op}"`)
    }
  }
  return doc as Obj
}

export class PatchTestFailed extends Error {}

function parsePointer(pointer: unknown): string[] {
  if (typeof pointer !== 'string') throw badRequest('json patch operation needs a path')
  if (pointer === '') return []
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function getAt(doc: unknown, path: string[], raw: string): unknown {
  let cur = doc
  for (const part of path) {
    if (Array.isArray(cur) && /^\d+$/.test(part) && Number(part) < cur.length) cur = cur[Number(part)]
    else if (isObj(cur) && part in cur) cur = cur[part]
    else
      throw badRequest(
        `the server rejected our request due to an error in our request: path ${raw} not found`,
      )
  }
  return cur
}

function setAt(doc: unknown, path: string[], value: unknown, mode: 'add' | 'replace'): unknown {
  if (path.length === 0) return value
  const parent = getAt(doc, path.slice(0, -1), `/${path.slice(0, -1).join('/')}`)
  const last = path[path.length - 1]!
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last)
    if (!Number.isInteger(i) || i > parent.length) throw badRequest(`invalid array index ${last}`)
    if (mode === 'add') parent.splice(i, 0, value)
    else parent[i] = value
  } else if (isObj(parent)) parent[last] = value
  else throw badRequest(`cannot set ${last} on a scalar`)
  return doc
}

function removeAt(doc: unknown, path: string[]): unknown {
  const parent = getAt(doc, path.slice(0, -1), '')
  const last = path[path.length - 1]!
  if (Array.isArray(parent)) parent.splice(Number(last), 1)
  else if (isObj(parent)) delete parent[last]
  return doc
}

// Merge keys of the built-in types' lists (from the Go struct tags of core/v1 and apps/v1). Lists not
// named here are replaced whole, as with a real server.
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumes: 'name',
  schedulingGates: 'name',
  volumeMounts: 'mountPath',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  conditions: 'type',
  ownerReferences: 'uid',
}
const PRIMITIVE_MERGE_LISTS = new Set(['finalizers'])

function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  // Container ports merge on containerPort, Service ports on port.
  if (field === 'ports') return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port'
  return MERGE_KEYS[field]
}

/**
 * Strategic merge patch as kubectl sends it for built-in kinds: merge lists by key, `$patch: delete`
 * and `replace`, `$setElementOrder`, `$retainKeys` and `$deleteFromPrimitiveList`.
 */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return clone(patch)
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch
    return stripDirectives(rest)
  }
  if (patch.$patch === 'delete') return undefined
  let out: Obj = isObj(target) ? clone(target) : {}
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[])
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)))
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$retainKeys' || k === '$patch') continue
    if (k.startsWith('$setElementOrder/')) continue // applied below, after the lists are merged
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length)
      if (Array.isArray(out[field]) && Array.isArray(v))
        out[field] = out[field].filter((x: unknown) => !v.includes(x))
      continue
    }
    if (v === null) {
      delete out[k]
      continue
    }
    if (Array.isArray(v)) {
      out[k] = mergeList(k, out[k], v)
      continue
    }
    const merged = strategicMerge(out[k], v)
    if (merged === undefined) delete out[k]
    else out[k] = merged
  }
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith('$setElementOrder/') || !Array.isArray(order)) continue
    const field = k.slice('$setElementOrder/'.length)
    if (Array.isArray(out[field])) out[field] = reorder(field, out[field], order)
  }
  return out
}

function mergeList(field: string, current: unknown, patch: unknown[]): unknown[] {
  if (PRIMITIVE_MERGE_LISTS.has(field)) {
    const base = Array.isArray(current) ? [...current] : []
    for (const v of patch) if (!base.includes(v)) base.push(v)
    return base
  }
  const replaceDirective = patch.find(
    (i) => isObj(i) && i.$patch === 'replace' && Object.keys(i).length === 1,
  )
  const mergeKey = mergeKeyFor(field, [...patch, ...(Array.isArray(current) ? current : [])])
  if (!mergeKey || replaceDirective || !Array.isArray(current)) {
    return patch.filter((i) => !(isObj(i) && i.$patch)).map(stripDirectives)
  }
  const out = clone(current) as unknown[]
  for (const item of patch) {
    if (!isObj(item)) continue
    const i = out.findIndex((o) => isObj(o) && o[mergeKey] === item[mergeKey])
    if (item.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1)
      continue
    }
    if (i >= 0) out[i] = strategicMerge(out[i], item)
    else out.push(stripDirectives(item))
  }
  return out
}

function reorder(field: string, list: unknown[], order: unknown[]): unknown[] {
  const mergeKey = mergeKeyFor(field, list)
  if (!mergeKey) return list
  const rank = (item: unknown) => {
    const i = order.findIndex((o) => isObj(o) && isObj(item) && o[mergeKey] === item[mergeKey])
    return i < 0 ? order.length : i
  }
  return [...list].sort((a, b) => rank(a) - rank(b))
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives)
  if (!isObj(value)) return value
  const out: Obj = {}
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripDirectives(v)
  return out
}

/**
 * Server-side apply as far as kubectl needs it: the applied configuration is merged into the live
 * object (associative lists by key for built-in kinds). Field ownership is not tracked.
 */
export function applyMerge(live: Obj, applied: Obj, builtin: boolean): Obj {
  return (builtin ? strategicMerge(live, applied) : mergePatch(live, applied)) as Obj
}

export const APPLY = 'application/apply-patch+yaml'

/** The patch media type, or 415 naming the ones this kind takes (strategic merge only for built-ins). */
export function patchType(req: IncomingMessage, rt: ResourceType): string {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim()
  const accepted = ['application/json-patch+json', 'application/merge-patch+json', APPLY]
  if (rt.builtin) accepted.push('application/strategic-merge-patch+json')
  if (accepted.includes(type)) return type
  throw new ApiError(
    415,
    'UnsupportedMediaType',
    `${type || 'the request'} is not supported by ${groupVersion(rt)}, Kind=${rt.kind}: the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  )
}

export function patched(rt: ResourceType, current: Obj, type: string, body: Buffer): Obj {
  let next: unknown
  try {
    if (type === 'application/json-patch+json') next = jsonPatch(current, parseJson(body, true))
    else if (type === 'application/merge-patch+json') next = mergePatch(current, parseJson(body))
    else next = strategicMerge(current, parseJson(body))
  } catch (err) {
    if (err instanceof PatchTestFailed)
      throw invalid(rt, current.metadata?.name ?? '', [{ field: '', message: err.message }])
    throw err
  }
  if (!isObj(next)) throw badRequest('the patch did not produce an object')
  return next
}
