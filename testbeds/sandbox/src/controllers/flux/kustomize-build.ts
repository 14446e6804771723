import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { parseAllDocuments, parse as parseYaml } from 'yaml'
import type { Obj } from '../../util'
import { applyPatches, type KustomizePatch } from './kustomize-patches'

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']

/**
 * A kustomize build as far as Flux users lean on it: `resources` (files and directories), `patches`
 * (and the older `patchesStrategicMerge` and `patchesJson6902`), `namespace`, `images`
 * (newName/newTag/digest) and `commonLabels`. A directory without a kustomization file gets one
 * generated from every YAML file under it, as the kustomize-controller does. With `root` (the
 * source's checkout), files must stay under it.
 */
export function build(dir: string, root?: string): Obj[] {
  const file = KUSTOMIZATION_FILES.map((f) => join(dir, f)).find((p) => existsSync(p))
  if (!file) {
    const out: Obj[] = []
    for (const entry of readdirSync(dir).sort()) {
      if (entry.startsWith('.')) continue
      const p = join(dir, entry)
      if (statSync(p).isDirectory()) out.push(...build(p, root))
      else if (/\.ya?ml$/.test(entry)) out.push(...readManifests(p))
    }
    return out
  }
  const k = (parseYaml(readFileSync(file, 'utf8'), { maxAliasCount: 100 }) ?? {}) as Obj
  let out: Obj[] = []
  for (const res of [...(k.resources ?? []), ...(k.bases ?? [])] as string[]) {
    const p = resolve(dir, res)
    const inside = root === undefined ? '' : relative(root, p)
    if (inside.startsWith('..') || isAbsolute(inside))
      throw new Error(`accumulating resources: security; file '${p}' is not in or below '${root}'`)
    if (!existsSync(p)) throw new Error(`accumulating resources: '${p}' does not exist`)
    out.push(...(statSync(p).isDirectory() ? build(p, root) : readManifests(p)))
  }
  const patches: KustomizePatch[] = [
    ...((k.patchesStrategicMerge ?? []) as string[]).map((entry) =>
      /\n|:/.test(entry) ? { patch: entry } : { path: entry },
    ),
    ...((k.patchesJson6902 ?? []) as KustomizePatch[]),
    ...((k.patches ?? []) as KustomizePatch[]),
  ]
  out = applyPatches(out, patches, dir, root)
  for (const o of out) {
    if (k.namespace && o.kind !== 'Namespace' && o.kind !== 'CustomResourceDefinition')
      o.metadata.namespace = k.namespace
    if (k.commonLabels) o.metadata.labels = { ...o.metadata.labels, ...k.commonLabels }
    for (const img of (k.images ?? []) as Obj[]) setImages(o, img)
  }
  return out
}

function readManifests(path: string): Obj[] {
  const out: Obj[] = []
  for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`)
    const value = doc.toJS({ maxAliasCount: 100 }) as Obj | null
    if (!value) continue
    if (!value.apiVersion || !value.kind) throw new Error(`${path}: missing apiVersion or kind`)
    if (value.kind.endsWith('List') && Array.isArray(value.items)) out.push(...value.items)
    else if (value.kind !== 'Kustomization' || value.apiVersion.startsWith('kustomize.toolkit.fluxcd.io'))
      out.push(value)
  }
  return out
}

// kustomize's image transformer on pod templates.
function setImages(o: Obj, img: Obj): void {
  const containers = [
    ...(o.spec?.template?.spec?.containers ?? []),
    ...(o.spec?.template?.spec?.initContainers ?? []),
  ] as Obj[]
  for (const c of containers) {
    const image = String(c.image ?? '')
    const at = image.indexOf('@')
    const colon = image.lastIndexOf(':')
    const nameEnd = at >= 0 ? at : colon > image.lastIndexOf('/') ? colon : image.length
    const name = image.slice(0, nameEnd)
    if (name !== img.name) continue
    const tag = at >= 0 ? image.slice(at) : nameEnd < image.length ? image.slice(nameEnd) : ''
    const newName = img.newName ?? name
    c.image = img.digest
      ? `${newName}@${img.digest}`
      : img.newTag !== undefined
        ? `${newName}:${img.newTag}`
        : `${newName}${tag}`
  }
}
