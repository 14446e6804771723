import { ApiError } from './errors'
import { loadBundledCrds, Registry, typesFromCrd } from './resources'
import { type Obj, objectLabel } from './util'
import { Validator } from './validation'

/**
 * What a cluster with the sandbox's CRDs would refuse in these manifests, the way
 * `kubectl apply --validate=strict` reports it: kinds no CRD serves, schema violations, and fields
 * the schema does not declare (which a real server would otherwise drop without a word). No server
 * is started; one line per problem, empty when all is well.
 */
export function manifestProblems(objects: Obj[]): string[] {
  const registry = new Registry()
  for (const crd of loadBundledCrds()) for (const t of typesFromCrd(crd)) registry.add(t)
  const validator = new Validator()
  const problems: string[] = []
  for (const obj of objects) {
    const label = objectLabel(obj)
    const rt = registry.byKind(String(obj.apiVersion), String(obj.kind))
    if (!rt) {
      problems.push(`${label}: no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`)
      continue
    }
    try {
      validator.check(rt, obj)
    } catch (err) {
      problems.push(`${label}: ${err instanceof ApiError ? err.message : (err as Error).message}`)
    }
    if (rt.schema) {
      const { status: _status, metadata: _metadata, ...rest } = obj
      for (const field of undeclaredFields(rt.schema, rest, '')) {
        problems.push(`${label}: strict decoding error: unknown field "${field}"`)
      }
    }
  }
  return problems
}

function undeclaredFields(schema: Obj, value: unknown, path: string): string[] {
  if (Array.isArray(value)) {
    return schema.items
      ? value.flatMap((item, i) => undeclaredFields(schema.items, item, `${path}[${i}]`))
      : []
  }
  if (!value || typeof value !== 'object' || schema['x-kubernetes-preserve-unknown-fields']) return []
  const out: string[] = []
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key
    const declared =
      schema.properties?.[key] ??
      (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined)
    if (declared) out.push(...undeclaredFields(declared, child, at))
    else if (schema.properties) out.push(at)
  }
  return out
}
