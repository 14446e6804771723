import { ConfigurationError } from '@canary-delivery/action-kit'
import { type Node, parse, type Scalar, stringify } from 'yaml'

/** Text that replaces `start`..`end` of the original; splices never overlap. */
export interface Splice {
  start: number
  end: number
  text: string
}

export function applySplices(content: string, splices: Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start)
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.end > sorted[i - 1]!.start) throw new Error('internal: overlapping edits')
  }
  let result = content
  for (const { start, end, text } of sorted) result = result.slice(0, start) + text + result.slice(end)
  return result
}

/** Whether a plain scalar would read back as something other than this string (YAML 1.1 or 1.2). */
function needsQuotes(value: string): boolean {
  if (value === '' || /^[\s]|[\s]$|[:#]\s|^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return true
  for (const version of ['1.1', '1.2'] as const) {
    try {
      if (parse(value, { version }) !== value) return true
    } catch {
      return true
    }
  }
  return false
}

/** The new scalar in the style of the old one; a plain value that would not read back as a string is double-quoted. */
export function renderScalar(node: Scalar, value: string): string {
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return JSON.stringify(value)
    case 'QUOTE_SINGLE':
      return `'${value.replace(/'/g, "''")}'`
    case 'PLAIN':
    case undefined:
      return needsQuotes(value) ? JSON.stringify(value) : value
    default:
      throw new ConfigurationError(`cannot rewrite a ${node.type} scalar; use a plain or quoted value`)
  }
}

export function eolOf(content: string): string {
  return content.includes('\r\n') ? '\r\n' : '\n'
}

export function columnOf(content: string, offset: number): number {
  return offset - (content.lastIndexOf('\n', offset - 1) + 1)
}

/** The indentation step the file uses (2 when it cannot tell). */
export function indentStep(content: string): number {
  const counts = new Map<number, number>()
  let previous = 0
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue
    const indent = line.length - line.trimStart().length
    if (indent > previous) counts.set(indent - previous, (counts.get(indent - previous) ?? 0) + 1)
    previous = indent
  }
  let best = 2
  let bestCount = 0
  for (const [step, count] of counts) {
    if (count > bestCount) [best, bestCount] = [step, count]
  }
  return best
}

export function renderBlock(value: unknown, indent: number, step: number, eol: string): string {
  const text = stringify(value, { indent: step, lineWidth: 0 }).replace(/\n$/, '')
  return text
    .split('\n')
    .map((line) => (line ? ' '.repeat(indent) + line : line))
    .join(eol)
}

export function renderFlow(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trimEnd()
}

/** Where a node's own text ends (its trailing comments and blank lines excluded). */
export function contentEnd(content: string, node: Node): number {
  let end = node.range![1]
  while (end > node.range![0] && /\s/.test(content[end - 1]!)) end--
  return end
}

export function lineEndAfter(content: string, offset: number): { offset: number; needsNewline: boolean } {
  const newline = content.indexOf('\n', offset)
  return newline < 0
    ? { offset: content.length, needsNewline: true }
    : { offset: newline + 1, needsNewline: false }
}
