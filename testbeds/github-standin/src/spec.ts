import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import Ajv, { type ValidateFunction } from 'ajv'

/** The committed subset of GitHub's OpenAPI description (see scripts/extract-github-openapi.ts). */
export const SPEC_PATH = resolve(import.meta.dirname, '../../../test/fixtures/github/openapi-subset.json')

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is free-form JSON
type Json = any

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema: Json
  multiSegment: boolean
}

export interface Operation {
  id: string
  method: string
  path: string
  pattern: RegExp
  pathNames: string[]
  parameters: Parameter[]
  bodyRequired: boolean
  validateBody?: ValidateFunction
  validateParams: ValidateFunction
  responses: Map<string, { validate?: ValidateFunction; example?: Json }>
}

export interface Spec {
  source: string
  operations: Operation[]
  find(method: string, path: string): { operation: Operation; params: Record<string, string> } | undefined
}

const ROOT_ID = 'github-openapi'

/** Inline schemas point at `#/components/...` of the document; make that explicit for ajv. */
function rebase(node: Json): Json {
  if (Array.isArray(node)) return node.map(rebase)
  if (node === null || typeof node !== 'object') return node
  const copy: Json = {}
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${ROOT_ID}${value}`
        : rebase(value)
  }
  return nullable(copy)
}

/**
 * OpenAPI 3.0's `nullable` in JSON Schema terms: with an enum, null joins the enum; without a `type`
 * (a `oneOf` of types, as for an issue's milestone), ajv refuses the keyword, so the schema becomes
 * "this or null", which is what GitHub's description means there.
 */
function nullable(schema: Json): Json {
  if (schema.nullable !== true) return schema
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null]
  if (schema.type !== undefined) return schema
  const { nullable: _nullable, description, ...rest } = schema
  return { ...(description ? { description } : {}), anyOf: [rest, { type: 'null' }] }
}

/** Components keep their document-relative refs (ajv resolves them within the root); only `nullable` changes. */
function rebaseComponents(node: Json): Json {
  if (Array.isArray(node)) return node.map(rebaseComponents)
  if (node === null || typeof node !== 'object') return node
  const copy: Json = {}
  for (const [key, value] of Object.entries(node)) copy[key] = rebaseComponents(value)
  return nullable(copy)
}

function deref(doc: Json, node: Json): Json {
  if (node && typeof node === 'object' && typeof node.$ref === 'string') {
    let target = doc
    for (const key of node.$ref.slice(2).split('/'))
      target = target[key.replace(/~1/g, '/').replace(/~0/g, '~')]
    return target
  }
  return node
}

export function loadSpec(path = SPEC_PATH): Spec {
  const doc = JSON.parse(readFileSync(path, 'utf8'))
  // Formats (uri, date-time) are documentation in GitHub's description, not enforced by the server.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
  const paramAjv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    coerceTypes: true,
    useDefaults: true,
  })
  for (const instance of [ajv, paramAjv])
    instance.addSchema({ $id: ROOT_ID, components: rebaseComponents(doc.components) })

  const operations: Operation[] = []
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) {
      const parameters: Parameter[] = (op.parameters ?? []).map((p: Json) => {
        const param = deref(doc, p)
        return {
          name: param.name,
          in: param.in,
          required: param.required,
          schema: param.schema,
          multiSegment: !!param['x-multi-segment'],
        }
      })
      const pathNames: string[] = []
      const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
        pathNames.push(name)
        return parameters.find((p) => p.name === name)?.multiSegment ? '(.+)' : '([^/]+)'
      })
      const paramSchema = {
        type: 'object',
        properties: Object.fromEntries(
          parameters.filter((p) => p.in !== 'header').map((p) => [p.name, rebase(p.schema)]),
        ),
        required: parameters.filter((p) => p.required && p.in !== 'header').map((p) => p.name),
      }
      const body = op.requestBody?.content?.['application/json']
      const responses = new Map<string, { validate?: ValidateFunction; example?: Json }>()
      for (const [status, raw] of Object.entries<Json>(op.responses ?? {})) {
        const response = deref(doc, raw)
        const content = response.content?.['application/json']
        responses.set(status, {
          validate: content?.schema ? ajv.compile(rebase(content.schema)) : undefined,
          example: content?.examples?.default?.value,
        })
      }
      operations.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        pattern: new RegExp(`^${source}$`),
        pathNames,
        parameters,
        bodyRequired: !!op.requestBody?.required,
        validateBody: body?.schema ? ajv.compile(rebase(body.schema)) : undefined,
        validateParams: paramAjv.compile(paramSchema),
        responses,
      })
    }
  }
  return {
    source: doc['x-subset']?.source ?? 'unknown',
    operations,
    find(method, path) {
      for (const operation of operations) {
        if (operation.method !== method) continue
        const match = operation.pattern.exec(path)
        if (!match) continue
        const params: Record<string, string> = {}
        operation.pathNames.forEach((name, i) => {
          params[name] = decodeURIComponent(match[i + 1]!)
        })
        return { operation, params }
      }
      return undefined
    },
  }
}

export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 5)
    .map(
      (e) =>
        `${e.instancePath || '(root)'} ${e.message}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`,
    )
    .join('; ')
}
