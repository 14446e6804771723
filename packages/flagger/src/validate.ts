import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import openapi from '../crds/openapi.json' with { type: 'json' }

type Schema = Record<string, unknown>

/** A Kubernetes object as YAML gives it. */
export interface KubeObject {
  apiVersion?: string
  kind?: string
  metadata?: { name?: string; namespace?: string; [key: string]: unknown }
  [key: string]: unknown
}

export interface ValidationResult {
  valid: boolean
  /** One line per problem, `path: what is wrong`, in the API server's terms. */
  errors: string[]
}

const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'
const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'

/** What the API server checks of every object's metadata before the CRD's schema. */
const METADATA: Schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 253, pattern: DNS_SUBDOMAIN },
    namespace: { type: 'string', minLength: 1, maxLength: 63, pattern: DNS_LABEL },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
}

// Keywords of OpenAPI v3 / JSON Schema that carry over as they are. `format` does not: the API
// server ignores formats it does not know (Flagger's CRD says `format: string` and `format: url`).
const PLAIN = [
  'type',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
  'uniqueItems',
  'required',
]

/**
 * Turns a CRD's openAPIV3Schema into a JSON Schema that ajv checks the way the API server does with
 * strict field validation (kubectl's default): unknown fields are errors, `x-kubernetes-int-or-string`
 * takes an integer or a string, `x-kubernetes-preserve-unknown-fields` keeps anything, `nullable`
 * allows null, list-type map keys must be unique. CEL rules (`x-kubernetes-validations`) are not
 * evaluated.
 */
export function toJsonSchema(node: Schema, root = true): Schema {
  const out: Schema = {}
  for (const key of PLAIN) if (node[key] !== undefined) out[key] = node[key]
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
    delete out.minimum
    out.exclusiveMinimum = node.minimum
  }
  if (node.exclusiveMaximum === true && typeof node.maximum === 'number') {
    delete out.maximum
    out.exclusiveMaximum = node.maximum
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out.type
    out.anyOf = [{ type: 'integer' }, { type: 'string' }]
  }
  if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null']
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(node[key])) {
      const branches = (node[key] as Schema[]).map((branch) => toJsonSchema(branch, false))
      out[key] = key === 'anyOf' && out.anyOf ? [...(out.anyOf as Schema[]), ...branches] : branches
    }
  }
  if (node.not && typeof node.not === 'object') out.not = toJsonSchema(node.not as Schema, false)
  if (node.items && typeof node.items === 'object') out.items = toJsonSchema(node.items as Schema, false)
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true
  if (node.properties && typeof node.properties === 'object') {
    const properties: Record<string, Schema> = {}
    for (const [name, child] of Object.entries(node.properties as Record<string, Schema>)) {
      properties[name] = root && name === 'metadata' ? METADATA : toJsonSchema(child, false)
    }
    out.properties = properties
  }
  if (node.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof node.additionalProperties === 'object'
        ? toJsonSchema(node.additionalProperties as Schema, false)
        : node.additionalProperties
  } else if (out.properties && !preserve) {
    out.additionalProperties = false
  }
  if (node['x-kubernetes-list-type'] === 'set') out.uniqueItems = true
  if (node['x-kubernetes-list-type'] === 'map' && Array.isArray(node['x-kubernetes-list-map-keys'])) {
    out.listMapKeys = node['x-kubernetes-list-map-keys']
  }
  return out
}

let ajv: Ajv | undefined
const validators = new Map<string, ValidateFunction>()

function compiler(): Ajv {
  if (ajv) return ajv
  ajv = new Ajv({ allErrors: true, strict: false, verbose: true })
  ajv.addKeyword({
    keyword: 'listMapKeys',
    type: 'array',
    schemaType: 'array',
    errors: true,
    validate: function listMapKeys(keys: string[], data: unknown[]) {
      const seen = new Set<string>()
      for (const item of data) {
        const key = JSON.stringify(keys.map((k) => (item as Record<string, unknown>)?.[k]))
        if (seen.has(key)) {
          ;(listMapKeys as unknown as { errors: Partial<ErrorObject>[] }).errors = [
            {
              keyword: 'listMapKeys',
              message: `duplicate entries with ${keys.join(', ')} = ${key}`,
              params: {},
            },
          ]
          return false
        }
        seen.add(key)
      }
      return true
    },
  })
  return ajv
}

/** The `apiVersion/Kind`s this package holds a CRD schema for. */
export const knownKinds = (): string[] => Object.keys(openapi)

function validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
  const key = `${apiVersion}/${kind}`
  let validate = validators.get(key)
  if (!validate) {
    const schema = (openapi as Record<string, Schema>)[key]
    if (!schema) return undefined
    validate = compiler().compile(toJsonSchema(schema))
    validators.set(key, validate)
  }
  return validate
}

function pathOf(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
  return path ? path.slice(path.startsWith('.') ? 1 : 0) : '(root)'
}

function describe(error: ErrorObject, data: unknown): string {
  const path = pathOf(error)
  switch (error.keyword) {
    case 'additionalProperties':
      return `${path}: unknown field "${(error.params as { additionalProperty: string }).additionalProperty}"`
    case 'oneOf': {
      // The one oneOf that matters most: spec.analysis needs exactly one of these three.
      const branches = ['iterations', 'stepWeight', 'stepWeights']
      const value = error.instancePath
        .split('/')
        .slice(1)
        .reduce<unknown>((at, part) => (at as Record<string, unknown>)?.[part], data)
      if (path.endsWith('analysis') && value && typeof value === 'object') {
        const present = branches.filter((key) => key in value)
        return present.length === 0
          ? `${path}: needs interval, threshold and exactly one of iterations, stepWeight, stepWeights (none is set)`
          : `${path}: needs exactly one of iterations, stepWeight, stepWeights (got ${present.join(' and ')})`
      }
      return `${path}: must match exactly one of its alternatives`
    }
    case 'anyOf': {
      const branches = (error.schema as Schema[] | undefined) ?? []
      const types = branches
        .map((branch) => branch.type)
        .filter((type): type is string => typeof type === 'string')
      return types.length === branches.length && types.length > 0
        ? `${path}: must be ${types.map((type) => `a${type === 'integer' ? 'n' : ''} ${type}`).join(' or ')}`
        : `${path}: must match one of its alternatives`
    }
    case 'enum':
      return `${path}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
    default:
      return `${path}: ${error.message}`
  }
}

/** Checks one object against the CRD of its apiVersion and kind. */
export function validateObject(object: KubeObject): ValidationResult {
  const { apiVersion, kind } = object
  if (!apiVersion || !kind) return { valid: false, errors: ['(root): apiVersion and kind are required'] }
  const validate = validatorFor(apiVersion, kind)
  if (!validate)
    return {
      valid: false,
      errors: [`(root): no CRD schema for ${apiVersion} ${kind} (known: ${knownKinds().join(', ')})`],
    }
  if (validate(object)) return { valid: true, errors: [] }
  const errors = validate.errors ?? []
  // The branches of a failed oneOf/anyOf each report why they did not match; the oneOf line says it better.
  const alternatives = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .map((e) => e.schemaPath)
  const lines = errors
    .filter(
      (e) => !alternatives.some((parent) => e.schemaPath !== parent && e.schemaPath.startsWith(`${parent}/`)),
    )
    .map((e) => describe(e, object))
  return { valid: false, errors: [...new Set(lines)] }
}
