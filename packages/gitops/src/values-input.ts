import { ConfigurationError } from '@canary-delivery/action-kit'
import { isMap, parseDocument, type YAMLMap } from 'yaml'
import { isPlainObject, plainDocument } from './yaml-documents'

/**
 * The `values` input: a mapping, or YAML text (render-canary-values' output), either a values
 * mapping or a HelmRelease whose spec.values is taken.
 */
export type ValuesInput = Record<string, unknown> | string

/** The values as written, so that added blocks keep their comments. */
export interface ValuesSource {
  text: string
  map: YAMLMap
}

/** Values given as YAML text: the data, and the source for keeping comments of added blocks. */
export function parseValuesInput(values: ValuesInput | undefined): {
  data?: Record<string, unknown>
  source?: ValuesSource
} {
  if (values === undefined) return {}
  if (typeof values !== 'string') return { data: values }
  if (!values.trim()) return {}
  const doc = parseDocument(values)
  const error = doc.errors[0]
  if (error) throw new ConfigurationError(`Input 'values' is not valid YAML: ${error.message.split('\n')[0]}`)
  const data = plainDocument(doc, "Input 'values'")
  if (!isPlainObject(data))
    throw new ConfigurationError(
      "Input 'values': expected a YAML mapping (e.g. render-canary-values' output)",
    )
  const release = data.kind === 'HelmRelease'
  const picked = release ? (data.spec as Record<string, unknown> | undefined)?.values : data
  if (!isPlainObject(picked))
    throw new ConfigurationError("Input 'values': the HelmRelease has no spec.values mapping")
  const node = release ? doc.getIn(['spec', 'values'], true) : doc.contents
  return { data: picked, source: isMap(node) && !node.flow ? { text: values, map: node } : undefined }
}
