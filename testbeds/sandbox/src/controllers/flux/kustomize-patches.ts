import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { jsonPatch, strategicMerge } from '../../patch'
import { labelMatcher } from '../../selectors'
import { isObj, type Obj } from '../../util'

/** A kustomize patch: inline `patch` or a file at `path`, applied to what `target` selects. */
export interface KustomizePatch {
  patch?: string
  path?: string
  target?: Obj
}

/**
 * Applies kustomize patches as kustomize (and Flux's `spec.patches`) do: a YAML list is an RFC 6902
 * patch for every object the target selects; anything else is a strategic merge patch, for the targets
 * or, without one, for the object it names. Target fields are anchored regular expressions, as in
 * kustomize; label and annotation selectors use the usual selector syntax.
 */
export function applyPatches(objects: Obj[], patches: KustomizePatch[], dir?: string, root?: string): Obj[] {
  let out = objects
  for (const p of patches) {
    const text = p.patch ?? readPatchFile(p.path, dir, root)
    const docs = parseAllDocuments(text).map((d) => {
      if (d.errors.length > 0) throw new Error(`invalid patch: ${d.errors[0]!.message}`)
      return d.toJS({ maxAliasCount: 100 }) as unknown
    })
    if (docs.length === 1 && Array.isArray(docs[0])) {
      if (!p.target) throw new Error('json patch requires a target')
      const ops = docs[0]
      out = out.map((o) => (selects(p.target!, o) ? jsonPatch(o, ops) : o))
      continue
    }
    for (const doc of docs) {
      if (!isObj(doc)) continue
      const chosen = p.target ? (o: Obj) => selects(p.target!, o) : (o: Obj) => names(doc, o)
      out = out.map((o) => (chosen(o) ? (strategicMerge(o, withoutIdentity(doc, p.target)) as Obj) : o))
    }
  }
  return out
}

/** Whether a kustomize target (group, version, kind, name, namespace, selectors) selects the object. */
export function selects(target: Obj, o: Obj): boolean {
  const [group, version] = String(o.apiVersion ?? '').includes('/')
    ? String(o.apiVersion).split('/')
    : ['', String(o.apiVersion ?? '')]
  const fields: [unknown, string | undefined][] = [
    [target.group, group],
    [target.version, version],
    [target.kind, o.kind],
    [target.name, o.metadata?.name],
    [target.namespace, o.metadata?.namespace],
  ]
  for (const [want, have] of fields) {
    if (want === undefined || want === '') continue
    if (!new RegExp(`^(?:${want})$`).test(have ?? '')) return false
  }
  if (target.labelSelector && !labelMatcher(target.labelSelector)(o)) return false
  if (
    target.annotationSelector &&
    !labelMatcher(target.annotationSelector)({ metadata: { labels: o.metadata?.annotations ?? {} } })
  )
    return false
  return true
}

// A patch without a target names the one object it patches.
function names(patch: Obj, o: Obj): boolean {
  return (
    patch.kind === o.kind &&
    patch.metadata?.name === o.metadata?.name &&
    (!patch.apiVersion || patch.apiVersion === o.apiVersion) &&
    (!patch.metadata?.namespace || patch.metadata.namespace === o.metadata?.namespace)
  )
}

// With a target, the patch's own kind and name only say what it is written for; they patch nothing.
function withoutIdentity(patch: Obj, target: Obj | undefined): Obj {
  if (!target) return patch
  const { apiVersion: _a, kind: _k, ...rest } = patch
  const { name: _n, namespace: _ns, ...metadata } = (rest.metadata ?? {}) as Obj
  return Object.keys(metadata).length > 0 ? { ...rest, metadata } : (({ metadata: _m, ...r }) => r)(rest)
}

function readPatchFile(path: string | undefined, dir: string | undefined, root: string | undefined): string {
  if (!path || !dir) throw new Error('a patch needs `patch` or `path`')
  const file = resolve(dir, path)
  const inside = relative(root ?? dir, file)
  if (inside.startsWith('..') || isAbsolute(inside))
    throw new Error(`security; file '${file}' is not in or below '${root ?? dir}'`)
  if (!existsSync(file))
    throw new Error(`evalsymlink failure on '${file}' : lstat ${file}: no such file or directory`)
  return readFileSync(file, 'utf8')
}
