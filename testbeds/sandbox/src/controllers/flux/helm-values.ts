import { parse as parseYaml } from 'yaml'
import { clone, isObj, type Obj } from '../../util'
import type { ControllerContext } from '../context'

/**
 * The values of a HelmRelease as helm-controller composes them: each `valuesFrom` reference in order
 * (a ConfigMap's or Secret's key, default `values.yaml`, merged in, or put at `targetPath`), then
 * `spec.values` on top. Throws with helm-controller's message for a missing object or key.
 */
export function composeValues(ctx: ControllerContext, hr: Obj): Obj {
  let result: Obj = {}
  const namespace: string = hr.metadata.namespace
  for (const ref of (hr.spec?.valuesFrom ?? []) as Obj[]) {
    const name = `${namespace}/${ref.name}`
    const rt = ctx.registry.byKind('v1', ref.kind === 'Secret' ? 'Secret' : 'ConfigMap')!
    const source = ctx.store.get(rt, namespace, ref.name)
    if (!source) {
      if (ref.optional) continue
      throw new Error(`could not find ${ref.kind} '${name}'`)
    }
    const key: string = ref.valuesKey ?? 'values.yaml'
    const raw =
      ref.kind === 'Secret'
        ? source.data?.[key] !== undefined
          ? Buffer.from(String(source.data[key]), 'base64').toString('utf8')
          : source.stringData?.[key]
        : source.data?.[key]
    if (raw === undefined) {
      if (ref.optional) continue
      throw new Error(`missing key '${key}' in ${ref.kind} '${name}'`)
    }
    if (ref.targetPath) {
      result = setPath(result, String(ref.targetPath), String(raw))
      continue
    }
    let parsed: unknown
    try {
      parsed = parseYaml(String(raw), { maxAliasCount: 100 })
    } catch (err) {
      throw new Error(
        `unable to read values from key '${key}' in ${ref.kind} '${name}': ${(err as Error).message}`,
      )
    }
    if (parsed !== null && parsed !== undefined) {
      if (!isObj(parsed)) throw new Error(`unable to read values from key '${key}' in ${ref.kind} '${name}'`)
      result = mergeValues(result, parsed)
    }
  }
  return mergeValues(result, hr.spec?.values ?? {})
}

/** Helm's coalescing of values: maps merge key by key, anything else is replaced. */
export function mergeValues(base: Obj, over: Obj): Obj {
  const out = clone(base)
  for (const [k, v] of Object.entries(over)) {
    out[k] = isObj(v) && isObj(out[k]) ? mergeValues(out[k], v) : clone(v)
  }
  return out
}

// `a.b.c` (with `\.` for a dot inside a key), as Helm's strvals sets a value.
function setPath(values: Obj, path: string, value: string): Obj {
  const keys = path.split(/(?<!\\)\./).map((k) => k.replace(/\\\./g, '.'))
  const out = clone(values)
  let at: Obj = out
  keys.forEach((k, i) => {
    if (i === keys.length - 1) at[k] = value
    else {
      if (!isObj(at[k])) at[k] = {}
      at = at[k]
    }
  })
  return out
}
