import { ConfigurationError } from '@canary-delivery/action-kit'
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  parseAllDocuments,
  type Scalar,
  type YAMLMap,
} from 'yaml'

export type PathSegment = string | number

export interface FieldChange {
  field: string
  from: string | undefined
  to: string
}

export function pathText(path: PathSegment[]): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('')
}

/** How a document is named in messages: `Kind/name`, or `doc[i]` in a file of several. */
export function docLabel(doc: Document.Parsed, index: number, count: number): string {
  const kind = doc.get('kind')
  const name = doc.getIn(['metadata', 'name'])
  if (typeof kind === 'string') return `${kind}${typeof name === 'string' ? `/${name}` : ''}`
  return count > 1 ? `doc[${index}]` : ''
}

/** A value from the file as an error message shows it: one line, at most `max` characters. */
export function excerpt(value: unknown, max = 80): string {
  const text = JSON.stringify(String(value)).slice(1, -1)
  return text.length > max ? `${text.slice(0, max)}…` : text
}

export function scalarText(node: Scalar): string | undefined {
  return node.value === null || node.value === undefined ? undefined : String(node.value)
}

/** Calls `visit` for every collection and scalar reachable without following aliases. */
export function walk(
  node: unknown,
  path: PathSegment[],
  visit: (node: Node, path: PathSegment[], key?: string) => void,
  key?: string,
): void {
  if (!node || isAlias(node)) return
  visit(node as Node, path, key)
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : undefined
      if (k !== undefined) walk(pair.value, [...path, k], visit, k)
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      walk(item, [...path, i], visit, key)
    })
  }
}

/** The scalar value under `key`, when it is one. */
export function mapScalar(map: YAMLMap, key: string): Scalar | undefined {
  const value = map.get(key, true)
  return isScalar(value) && value.value !== null && typeof value.value !== 'object' ? value : undefined
}

export function parseDocuments(content: string, fileName: string): Document.Parsed[] {
  // yaml's own duplicate-key check compares each key with every key before it (quadratic); the one
  // below is linear.
  const docs = parseAllDocuments(content, { keepSourceTokens: false, uniqueKeys: false })
  if (!Array.isArray(docs)) throw new ConfigurationError(`${fileName} is not YAML`)
  for (const doc of docs) {
    const error = doc.errors[0]
    if (error) {
      const line = error.linePos?.[0]
      throw new ConfigurationError(
        `${fileName}${line ? `:${line.line}:${line.col}` : ''} is not valid YAML: ${error.message.split('\n')[0]}`,
      )
    }
  }
  for (const doc of docs) {
    const duplicate = firstDuplicateKey(doc.contents)
    if (duplicate) {
      const { line, col } = lineAndColumn(content, duplicate)
      throw new ConfigurationError(`${fileName}:${line}:${col} is not valid YAML: Map keys must be unique`)
    }
  }
  return docs
}

/**
 * Where the first repeated key of a mapping starts, by yaml's rule (scalar keys with the same
 * value; other keys are never equal), found with one set per mapping. Aliases are not followed.
 */
function firstDuplicateKey(root: unknown): number | undefined {
  const pending: unknown[] = [root]
  while (pending.length > 0) {
    const node = pending.pop()
    if (isMap(node)) {
      const seen = new Set<unknown>()
      for (const pair of node.items) {
        if (isScalar(pair.key) && !Number.isNaN(pair.key.value)) {
          if (seen.has(pair.key.value)) return pair.key.range?.[0] ?? 0
          seen.add(pair.key.value)
        }
        pending.push(pair.key, pair.value)
      }
    } else if (isSeq(node)) {
      for (const item of node.items) pending.push(item)
    }
  }
  return undefined
}

function lineAndColumn(content: string, offset: number): { line: number; col: number } {
  let line = 1
  let start = 0
  for (let at = content.indexOf('\n'); at >= 0 && at < offset; at = content.indexOf('\n', at + 1)) {
    line++
    start = at + 1
  }
  return { line, col: offset - start + 1 }
}

/**
 * Aliases shared by a document, weighted by the aliases inside what they repeat (yaml's measure): far
 * above any real values file, far below an alias bomb, whose comparison would never end.
 */
const MAX_ALIAS_COUNT = 10_000

/** A document as plain data, anchors resolved; `what` names it when it repeats itself too much. */
export function plainDocument(doc: Document, what: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error
    throw new ConfigurationError(`${what}: ${error.message.split('\n')[0]}`)
  }
}

/** The documents as plain data, anchors resolved. */
export function plainData(docs: Document.Parsed[], fileName: string): unknown[] {
  return docs.map((doc) => plainDocument(doc, fileName))
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function sameData(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameData(item, b[i]))
    )
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameData(a[key], b[key]))
  }
  return a === b
}
