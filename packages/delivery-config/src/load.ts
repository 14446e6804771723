import { readFileSync } from 'node:fs'
import { ConfigurationError } from '@canary-delivery/action-kit'
import { isMap, isNode, isPair, isScalar, LineCounter, type Node, parseDocument } from 'yaml'
// The schema compiled ahead of time (scripts/compile-schema.ts): compiling it here cost every step
// 33–35 ms at start-up, with or without a delivery file.
import validate, { type SchemaError } from './generated/delivery-validator.js'
import type { DeliveryFile } from './types'

function pathSegments(instancePath: string): (string | number)[] {
  if (!instancePath) return []
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}

function dotted(segments: readonly (string | number)[]): string {
  return segments.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  )
}

/** The key node of `key` inside the map at `segments`, or the value node itself. */
function locate(root: Node | null, segments: (string | number)[], key?: string): Node | undefined {
  let node: unknown = root
  for (const segment of segments) {
    if (!isNode(node) && !isPair(node)) return undefined
    const next = (node as { get?: (k: unknown, keepScalar: boolean) => unknown }).get?.(segment, true)
    if (next === undefined) return isNode(node) ? node : undefined
    node = next
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key)
    if (pair && isNode(pair.key)) return pair.key
  }
  return isNode(node) ? node : undefined
}

function describe(error: SchemaError): { message: string; key?: string } {
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty
      return { message: `unknown key '${key}'`, key }
    }
    case 'required':
      return { message: `'${(error.params as { missingProperty: string }).missingProperty}' is required` }
    case 'enum':
      return {
        message: `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`,
      }
    case 'pattern':
      return { message: `must match ${(error.params as { pattern: string }).pattern}` }
    default:
      return { message: error.message ?? error.keyword }
  }
}

/** Parses and validates a delivery file; errors say file:line:column and the offending key. */
export function parseDeliveryFile(text: string, file: string): DeliveryFile {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number | undefined) => {
    if (offset === undefined) return file
    const { line, col } = lineCounter.linePos(offset)
    return `${file}:${line}:${col}`
  }
  const yamlError = document.errors[0]
  if (yamlError) {
    throw new ConfigurationError(
      `${at(yamlError.pos[0])}: not valid YAML: ${yamlError.message.split('\n')[0]}`,
    )
  }
  const data: unknown = document.toJS()
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigurationError(`${file}: expected a mapping with app and environments`)
  }
  if (!validate(data)) {
    // Errors from the allOf branches repeat; keep the most specific (deepest) first. An `if` error
    // only says that its `then` or `else` failed, which has an error of its own.
    const errors = (validate.errors ?? [])
      .filter((e) => e.keyword !== 'if')
      .sort((a, b) => b.instancePath.length - a.instancePath.length)
    const first = errors[0]!
    const segments = pathSegments(first.instancePath)
    const { message, key } = describe(first)
    const node = locate(document.contents, segments, key)
    const where = key ? dotted([...segments, key]) : dotted(segments) || '(top level)'
    const more = new Set(errors.map((e) => e.instancePath + e.keyword)).size - 1
    throw new ConfigurationError(
      `${at(node?.range?.[0])}: ${where}: ${message}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`,
    )
  }
  const names = new Map<string, number>()
  data.environments.forEach((environment, index) => {
    const earlier = names.get(environment.name)
    if (earlier !== undefined) {
      const node = locate(document.contents, ['environments', index, 'name'])
      throw new ConfigurationError(
        `${at(node?.range?.[0])}: environments[${index}].name: '${environment.name}' is already environments[${earlier}]`,
      )
    }
    names.set(environment.name, index)
  })
  return data
}

export function loadDeliveryFile(path: string, displayName = path): DeliveryFile {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ConfigurationError(
      `Input 'config': cannot read ${displayName}${code === 'ENOENT' ? ': no such file' : `: ${code ?? String(error)}`}`,
    )
  }
  return parseDeliveryFile(text, displayName)
}
