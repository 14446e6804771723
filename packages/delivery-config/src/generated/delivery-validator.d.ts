// The type of delivery-validator.js, which scripts/compile-schema.ts generates from the schema.
import type { DeliveryFile } from '../types'

/** One problem, as ajv reports it: where in the data, which keyword failed, and its details. */
export interface SchemaError {
  instancePath: string
  schemaPath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}

export interface DeliveryValidator {
  (data: unknown): data is DeliveryFile
  /** The problems of the last call that returned false. */
  errors?: SchemaError[] | null
}

declare const validate: DeliveryValidator
export default validate
