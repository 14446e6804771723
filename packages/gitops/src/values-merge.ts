import { ConfigurationError } from '@canary-delivery/action-kit'
import { type Document, isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml'
import type { ValuesSource } from './values-input'
import {
  type FieldChange,
  isPlainObject,
  type PathSegment,
  pathText,
  sameData,
  scalarText,
} from './yaml-documents'
import {
  columnOf,
  contentEnd,
  eolOf,
  indentStep,
  lineEndAfter,
  renderBlock,
  renderFlow,
  renderScalar,
  type Splice,
} from './yaml-text'

/** The mapping the values were merged into. */
export interface ValuesRoot {
  docIndex: number
  path: PathSegment[]
}

/**
 * Splices that merge `values` under spec.values of the file's HelmRelease (the one of the edited
 * document, or the only one) or at the top of a plain values file, adding spec.values when missing.
 */
export function valuesSplices(
  content: string,
  docs: Document.Parsed[],
  docIndex: number,
  values: Record<string, unknown>,
  source: ValuesSource | undefined,
  changes: FieldChange[],
  fileName: string,
): { splices: Splice[]; root: ValuesRoot } {
  const root = valuesTarget(docs, docIndex, fileName)
  const doc = docs[root.docIndex]!
  const map = root.path.length ? doc.getIn(root.path, true) : doc.contents
  const step = indentStep(content)
  if (isMap(map) && map.flow && map.items.length === 0 && root.path.length === 2) {
    // `values: {}`: written as a block under spec.
    const spec = doc.getIn(['spec'], true) as YAMLMap
    return { root, splices: mergeSplices(content, spec, { values }, ['spec'], changes, step, false) }
  }
  if (isMap(map)) {
    return { root, splices: mergeSplices(content, map, values, root.path, changes, step, false, source) }
  }
  if (map === undefined && root.path.length === 2) {
    // spec has no values yet: add them.
    const spec = doc.getIn(['spec'], true)
    if (!isMap(spec)) throw new ConfigurationError(`${fileName}: the HelmRelease has no spec mapping`)
    return { root, splices: mergeSplices(content, spec, { values }, ['spec'], changes, step, false) }
  }
  throw new ConfigurationError(`Input 'values': ${fileName} ${pathText(root.path)} is not a mapping`)
}

/**
 * Splices that make the block map `map` hold `values`, touching only what differs: changed scalars
 * are rewritten in place (their comments stay), new keys are appended, and, below the top (`prune`),
 * keys the new block no longer has are removed, so that a `canary:` block is replaced, not mixed.
 */
function mergeSplices(
  content: string,
  map: YAMLMap,
  values: Record<string, unknown>,
  path: PathSegment[],
  changes: FieldChange[],
  step: number,
  prune: boolean,
  source?: ValuesSource,
): Splice[] {
  const eol = eolOf(content)
  const splices: Splice[] = []
  if (map.flow) {
    throw new ConfigurationError(
      `Input 'values': cannot merge into the flow mapping at ${pathText(path)}; write it as a block`,
    )
  }
  const missing: [string, unknown][] = []
  for (const [key, value] of Object.entries(values)) {
    const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
    const here = [...path, key]
    if (!pair) {
      missing.push([key, value])
      continue
    }
    const existing = pair.value
    const current =
      existing && typeof (existing as Node).toJSON === 'function' ? (existing as Node).toJSON() : existing
    if (isPlainObject(value) && isMap(existing) && !existing.flow) {
      const child = source?.map.get(key, true)
      const childSource = isMap(child) && !child.flow ? { text: source!.text, map: child } : undefined
      splices.push(...mergeSplices(content, existing, value, here, changes, step, true, childSource))
    } else if (sameData(current, value)) {
      // Already so.
    } else if (
      (existing as Node | null)?.range &&
      ((isScalar(existing) && (existing.value === null || existing.value === undefined)) ||
        ((isMap(existing) || isSeq(existing)) && existing.flow && existing.items.length === 0)) &&
      typeof value === 'object' &&
      value !== null
    ) {
      // `key:` with nothing after it, or `key: {}`: the block goes on the following lines, and a
      // comment on the key's line stays there.
      const range = (existing as Node).range!
      const keyColumn = columnOf(content, (pair.key as Scalar).range![0])
      const start = range[1] > range[0] && content[range[0] - 1] === ' ' ? range[0] - 1 : range[0]
      if (range[1] > range[0]) splices.push({ start, end: range[1], text: '' })
      const at = lineEndAfter(content, range[1])
      splices.push({
        start: at.offset,
        end: at.offset,
        text: `${at.needsNewline ? eol : ''}${renderBlock(value, keyColumn + step, step, eol)}${eol}`,
      })
      changes.push({ field: pathText(here), from: undefined, to: renderFlow(value) })
    } else if (isScalar(existing) && existing.range && (value === null || typeof value !== 'object')) {
      const text =
        typeof value === 'string'
          ? renderScalar(existing, value)
          : value === null
            ? 'null'
            : String(value as number | boolean)
      splices.push({ start: existing.range[0], end: existing.range[1], text })
      changes.push({ field: pathText(here), from: scalarText(existing), to: String(value) })
    } else if (
      (isSeq(existing) || isMap(existing)) &&
      existing.range &&
      typeof value === 'object' &&
      value !== null
    ) {
      const end = contentEnd(content, existing)
      if (existing.flow) {
        splices.push({ start: existing.range[0], end, text: renderFlow(value) })
      } else {
        const column = columnOf(content, existing.range[0])
        splices.push({
          start: existing.range[0],
          end,
          text: renderBlock(value, column, step, eol).slice(column),
        })
      }
      changes.push({ field: pathText(here), from: renderFlow(current), to: renderFlow(value) })
    } else {
      throw new ConfigurationError(
        `Input 'values': cannot replace ${pathText(here)} (${renderFlow(current)}) with ${renderFlow(value)} in place`,
      )
    }
  }
  if (prune) {
    for (const pair of map.items) {
      if (!isScalar(pair.key) || !pair.key.range || String(pair.key.value) in values) continue
      const start = content.lastIndexOf('\n', pair.key.range[0] - 1) + 1
      const valueEnd =
        pair.value && (pair.value as Node).range ? contentEnd(content, pair.value as Node) : pair.key.range[1]
      splices.push({ start, end: lineEndAfter(content, valueEnd).offset, text: '' })
      changes.push({
        field: pathText([...path, String(pair.key.value)]),
        from: renderFlow((pair.value as Node | null)?.toJSON?.() ?? null),
        to: '(removed)',
      })
    }
  }
  if (missing.length > 0) {
    const first = map.items[0]
    if (!first || !isScalar(first.key) || !first.key.range) {
      throw new ConfigurationError(
        `Input 'values': cannot add keys to the empty mapping at ${pathText(path)}`,
      )
    }
    const column = columnOf(content, first.key.range[0])
    const at = lineEndAfter(content, contentEnd(content, map))
    const block = missing
      .map(
        ([key, value]) =>
          sourceText(source, key, column, eol) ?? renderBlock({ [key]: value }, column, step, eol),
      )
      .join(eol)
    splices.push({ start: at.offset, end: at.offset, text: `${at.needsNewline ? eol : ''}${block}${eol}` })
    for (const [key, value] of missing)
      changes.push({ field: pathText([...path, key]), from: undefined, to: renderFlow(value) })
  }
  return splices
}

/** The text of `key: …` as the values were written (comments included), moved to `column`. */
function sourceText(
  source: ValuesSource | undefined,
  key: string,
  column: number,
  eol: string,
): string | undefined {
  const pair = source?.map.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
  if (!source || !pair || !isScalar(pair.key) || !pair.key.range) return undefined
  const { text } = source
  const keyStart = pair.key.range[0]
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1
  const from = keyStart - lineStart
  if (text.slice(lineStart, keyStart).trim() !== '') return undefined
  const value = pair.value as Node | null
  const end = value?.range ? contentEnd(text, value) : pair.key.range[1]
  const lineEnd = text.indexOf('\n', end)
  const lines = text
    .slice(lineStart, lineEnd < 0 ? text.length : lineEnd)
    .replace(/\r/g, '')
    .split('\n')
  if (lines.some((line) => line.trim() !== '' && line.length - line.trimStart().length < from))
    return undefined
  return lines.map((line) => (line.trim() === '' ? '' : ' '.repeat(column) + line.slice(from))).join(eol)
}

/** Where the values go: spec.values of the HelmRelease, or the top of a plain values file. */
function valuesTarget(docs: Document.Parsed[], docIndex: number, fileName: string): ValuesRoot {
  const doc = docs[docIndex]!
  if (doc.get('kind') === 'HelmRelease') return { docIndex, path: ['spec', 'values'] }
  const releases = docs.map((d, i) => [d, i] as const).filter(([d]) => d.get('kind') === 'HelmRelease')
  if (releases.length === 1) return { docIndex: releases[0]![1], path: ['spec', 'values'] }
  if (doc.get('kind') === undefined && doc.get('apiVersion') === undefined && docs.length === 1)
    return { docIndex, path: [] }
  throw new ConfigurationError(
    `Input 'values': ${fileName} is neither a HelmRelease nor a plain Helm values file`,
  )
}
