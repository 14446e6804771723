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
    if (validate(rest)) return
    const causes = (validate.errors ?? []).map((e) => ({
      field: e.instancePath.slice(1).replace(/\//g, '.') || '<root>',
      message: `${e.message ?? 'invalid'}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
    }))
    throw invalid(rt, obj.metadata?.name ?? '', causes)
  }
}
