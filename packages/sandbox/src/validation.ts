import { Ajv, type ValidateFunction } from 'ajv'
import { invalid } from './errors'
import type { ResourceType } from './resources'
import type { Obj } from './util'

/**
 * Validates custom resources against their CRD's openAPIV3Schema, as kube-apiserver does, so a test
 * cannot pass with an object a real cluster would reject. CEL rules (x-kubernetes-validations) and
 * formats are not checked.
 */
export class Validator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
  private readonly compiled = new WeakMap<object, ValidateFunction>()

  check(rt: ResourceType, obj: Obj): void {
    if (!rt.schema) return
    let validate = this.compiled.get(rt.schema)
    if (!validate) {
      validate = this.ajv.compile(rt.schema)
      this.compiled.set(rt.schema, validate)
    }
    // metadata is validated by the server itself, and status by its subresource.
    const { status: _status, ...rest } = obj
    if (validate(localSourceAllowed(rt, rest))) return
    const causes = (validate.errors ?? []).map((e) => ({
      field: e.instancePath.slice(1).replace(/\//g, '.') || '<root>',
      message: `${e.message ?? 'invalid'}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
    }))
    throw invalid(rt, obj.metadata?.name ?? '', causes)
  }
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
