import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { invalid } from './errors'
import type { ResourceType } from './resources'
import type { Obj } from './util'

/**
 * Validates custom resources against their CRD's openAPIV3Schema, as kube-apiserver does, so a test
 * cannot pass with an object a real cluster would reject. CEL rules (x-kubernetes-validations) and
 * formats are not checked.
 */
export class Validator {
  private readonly compiled = new WeakMap<object, ValidateFunction>()

  check(rt: ResourceType, obj: Obj): void {
    if (!rt.schema) return
    let validate = this.compiled.get(rt.schema)
    if (!validate) {
      validate = compileSchema(rt.schema)
      this.compiled.set(rt.schema, validate)
    }
    // metadata is validated by the server itself, and status by its subresource.
    const { status: _status, ...rest } = obj
    if (validate(localSourceAllowed(rt, rest))) return
    const causes = (validate.errors ?? [])
      // Branch failures inside oneOf/anyOf are summed up by the oneOf error itself, as the apiserver does.
      .filter((e) => !/\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath))
      .map((e) => cause(e, rest))
    throw invalid(rt, obj.metadata?.name ?? '', causes)
  }
}

// One compiler for the process, and each schema compiled once by its content: every sandbox loads the
// same CRDs as objects of its own, and compiling them again took most of a sandbox's start.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
const compiledByContent = new Map<string, ValidateFunction>()

function compileSchema(schema: object): ValidateFunction {
  const content = JSON.stringify(schema)
  let validate = compiledByContent.get(content)
  if (!validate) {
    validate = ajv.compile(schema)
    compiledByContent.set(content, validate)
  }
  return validate
}

/**
 * The one place the sandbox is looser than the real CRD: a GitRepository may point at a local
 * repository (a path or file://), which real Flux refuses (`^(http|https|ssh)://`). Only that field
 * is exempted; everything else is validated as on a cluster.
 */
function localSourceAllowed(rt: ResourceType, obj: Obj): Obj {
  const url = obj.spec?.url
  if (
    rt.kind !== 'GitRepository' ||
    typeof url !== 'string' ||
    !(url.startsWith('file://') || url.startsWith('/'))
  ) {
    return obj
  }
  return { ...obj, spec: { ...obj.spec, url: 'https://sandbox.local/repository' } }
}

// Field paths and messages in the apiserver's words (k8s.io/apiextensions-apiserver validation errors).
function cause(e: ErrorObject, obj: Obj): { field: string; message: string } {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  const path = parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('') || '<root>'
  let value: unknown = obj
  for (const p of parts) value = (value as Obj | undefined)?.[p]
  const shown =
    typeof value === 'string'
      ? JSON.stringify(value)
      : typeof value === 'object' && value
        ? `"${Array.isArray(value) ? 'array' : 'object'}"`
        : String(value)
  const p = e.params as Obj
  switch (e.keyword) {
    case 'required':
      return {
        field: path === '<root>' ? p.missingProperty : `${path}.${p.missingProperty}`,
        message: 'Required value',
      }
    case 'type':
      return {
        field: path,
        message: `Invalid value: "${typeName(value)}": ${path} in body must be of type ${p.type}: ${shown}`,
      }
    case 'enum':
      return {
        field: path,
        message: `Unsupported value: ${shown}: supported values: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      }
    case 'pattern':
      return { field: path, message: `Invalid value: ${shown}: ${path} in body should match '${p.pattern}'` }
    case 'oneOf':
      return {
        field: path,
        message: `Invalid value: ${shown}: must validate one and only one schema (oneOf)`,
      }
    case 'minimum':
    case 'maximum':
      return {
        field: path,
        message: `Invalid value: ${shown}: ${path} in body should be ${e.keyword === 'minimum' ? 'greater' : 'less'} than or equal to ${p.limit}`,
      }
    default:
      return { field: path, message: `Invalid value: ${shown}: ${e.message ?? 'invalid'}` }
  }
}

const typeName = (v: unknown) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'integer'
          : 'number'
        : typeof v
