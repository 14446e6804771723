import { ConfigurationError } from '@canary-delivery/action-kit'
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  parse,
  parseAllDocuments,
  parseDocument,
  type Scalar,
  stringify,
  type YAMLMap,
} from 'yaml'
import { parseImageRef, sameRepository } from '@canary-delivery/image-ref'

export type PathSegment = string | number

export interface EditRequest {
  /** The file's text, exactly as read. */
  content: string
  /** How the file is named in messages. */
  fileName: string
  tag: string
  /** The image repository: picks among several images, and replaces the repository name where it differs. */
  image?: string
  /** The app: among equally likely fields, the one in the document or image named after it wins. */
  app?: string
  /** An explicit field: `spec.values.image.tag`, `images[name=app].newTag`, optionally `HelmRelease/app:` or `doc[1].` first. */
  field?: string
  /**
   * Written under `spec.values` of a HelmRelease (or the top of a plain values file). As YAML text,
   * the comments of blocks that are added are kept; a whole HelmRelease gives its spec.values.
   */
  values?: Record<string, unknown> | string
}

export interface FieldChange {
  field: string
  from: string | undefined
  to: string
}

export interface EditResult {
  content: string
  changed: boolean
  /** The tag before the edit (for an `image: repo:tag` string, its tag part). */
  previousTag?: string
  /** The field that holds the tag, e.g. `HelmRelease/podinfo spec.values.image.tag`. */
  field: string
  /** Every field whose value changed. */
  changes: FieldChange[]
}

type Kind = 'tag' | 'ref'
type Via = 'setter' | 'image-map' | 'kustomize' | 'sibling' | 'image-ref' | 'explicit'

interface Candidate {
  docIndex: number
  path: PathSegment[]
  node: Scalar
  kind: Kind
  via: Via
  /** The repository the field belongs to, when the file says. */
  repository?: string
  /** A node holding the repository name that `image` may replace. */
  repositoryNode?: { path: PathSegment[]; node: Scalar; prefix?: string }
  /** The Flux image policy named by a setter marker. */
  policy?: string
  /** Kustomize `images[].name`: matched against `image` but never rewritten. */
  matchName?: string
}

const RANK: Record<Via, number> = {
  explicit: 0,
  setter: 0,
  'image-map': 1,
  kustomize: 1,
  sibling: 2,
  'image-ref': 3,
}

interface Splice {
  start: number
  end: number
  text: string
}

function pathText(path: PathSegment[]): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('')
}

function docLabel(doc: Document.Parsed, index: number, count: number): string {
  const kind = doc.get('kind')
  const name = doc.getIn(['metadata', 'name'])
  if (typeof kind === 'string') return `${kind}${typeof name === 'string' ? `/${name}` : ''}`
  return count > 1 ? `doc[${index}]` : ''
}

function scalarText(node: Scalar): string | undefined {
  return node.value === null || node.value === undefined ? undefined : String(node.value)
}

/** Calls `visit` for every collection and scalar reachable without following aliases. */
function walk(
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

function mapScalar(map: YAMLMap, key: string): Scalar | undefined {
  const value = map.get(key, true)
  return isScalar(value) && value.value !== null && typeof value.value !== 'object' ? value : undefined
}

const SETTER = /\{\s*"\$imagepolicy"\s*:\s*"([^"]+)"\s*\}/

function lineAfter(content: string, offset: number): string {
  const end = content.indexOf('\n', offset)
  return content.slice(offset, end < 0 ? content.length : end)
}

/** Every field in the document that could hold the app's image tag. */
function discover(content: string, doc: Document.Parsed, docIndex: number): Candidate[] {
  const found: Candidate[] = []
  const setterNames = new Map<string, { path: PathSegment[]; node: Scalar }>()
  // kustomize's kustomization.yaml has `images:` at the top; Flux's Kustomization has `spec.images`.
  const kind = doc.get('kind')
  const kustomizeImages =
    isSeq(doc.get('images', true)) && (kind === 'Kustomization' || kind === undefined)
      ? 'images'
      : kind === 'Kustomization' && isSeq(doc.getIn(['spec', 'images'], true))
        ? 'spec.images'
        : undefined

  walk(doc.contents, [], (node, path, key) => {
    if (isScalar(node) && node.range) {
      const marker = SETTER.exec(lineAfter(content, node.range[1]))
      if (marker) {
        const parts = marker[1]!.split(':')
        const [, policy, suffix] = parts
        if (suffix === 'tag') found.push({ docIndex, path, node, kind: 'tag', via: 'setter', policy })
        else if (suffix === 'name') setterNames.set(`${policy}`, { path, node })
        else if (suffix === undefined && parseImageRef(String(node.value))) {
          found.push({
            docIndex,
            path,
            node,
            kind: 'ref',
            via: 'setter',
            policy,
            repository: parseImageRef(String(node.value))!.repository,
          })
        }
        return
      }
      if (key && /image$/i.test(key) && typeof node.value === 'string') {
        const ref = parseImageRef(node.value)
        if (ref?.tag !== undefined) {
          found.push({ docIndex, path, node, kind: 'ref', via: 'image-ref', repository: ref.repository })
        }
      }
      return
    }
    if (!isMap(node)) return
    if (
      kustomizeImages &&
      typeof path[path.length - 1] === 'number' &&
      path.slice(0, -1).join('.') === kustomizeImages
    ) {
      const name = mapScalar(node, 'name')
      const newTag = mapScalar(node, 'newTag')
      const newName = mapScalar(node, 'newName')
      if (name && newTag) {
        found.push({
          docIndex,
          path: [...path, 'newTag'],
          node: newTag,
          kind: 'tag',
          via: 'kustomize',
          repository: newName ? String(newName.value) : String(name.value),
          matchName: String(name.value),
          repositoryNode: newName ? { path: [...path, 'newName'], node: newName } : undefined,
        })
      }
      return
    }
    const tag = mapScalar(node, 'tag')
    if (!tag) return
    const repository =
      mapScalar(node, 'repository') ??
      (typeof node.get('image') === 'string' ? mapScalar(node, 'image') : undefined)
    const registry = mapScalar(node, 'registry')
    const last = path[path.length - 1]
    const underImage = typeof last === 'string' && /image$/i.test(last)
    if (!underImage && !repository) return
    const prefix =
      registry && repository && !String(repository.value).startsWith(`${registry.value}/`)
        ? `${registry.value}/`
        : undefined
    found.push({
      docIndex,
      path: [...path, 'tag'],
      node: tag,
      kind: 'tag',
      via: underImage ? 'image-map' : 'sibling',
      repository: repository ? `${prefix ?? ''}${repository.value}` : undefined,
      repositoryNode: repository
        ? {
            path: [...path, repository === node.get('repository', true) ? 'repository' : 'image'],
            node: repository,
            prefix,
          }
        : undefined,
    })
  })

  // A `:name` setter holds the repository of the policy's tag field.
  for (const candidate of found) {
    const named = candidate.policy ? setterNames.get(candidate.policy) : undefined
    if (named) {
      candidate.repository = String(named.node.value)
      candidate.repositoryNode = named
    }
  }
  // One node, one candidate: the strongest reason ranks it (a marked image-map field is a setter),
  // and what every reason knows about the image stays, so `image` and `app` can still select it.
  const byNode = new Map<Scalar, Candidate>()
  for (const candidate of found) {
    const known = byNode.get(candidate.node)
    byNode.set(candidate.node, known ? combine(known, candidate) : candidate)
  }
  return [...byNode.values()]
}

/** Two reasons for one field: the stronger one's rank and kind, the identity either one knows. */
function combine(a: Candidate, b: Candidate): Candidate {
  const [strong, weak] = RANK[b.via] < RANK[a.via] ? [b, a] : [a, b]
  return {
    ...strong,
    repository: strong.repository ?? weak.repository,
    repositoryNode: strong.repositoryNode ?? weak.repositoryNode,
    policy: strong.policy ?? weak.policy,
    matchName: strong.matchName ?? weak.matchName,
  }
}

/** Parses `HelmRelease/app:spec.values.image.tag`, `doc[1].spec.x`, `images[name=app].newTag`, `containers[0].image`. */
function parseField(field: string): {
  selector?: string
  docIndex?: number
  segments: (PathSegment | { key: string; equals: string })[]
} {
  let rest = field.trim()
  let selector: string | undefined
  let docIndex: number | undefined
  const docPrefix = /^doc\[(\d+)\]\.?/.exec(rest)
  if (docPrefix) {
    docIndex = Number(docPrefix[1])
    rest = rest.slice(docPrefix[0].length)
  } else {
    const colon = /^([A-Za-z][\w-]*(?:\/[\w.-]+)?):(?!\/)/.exec(rest)
    if (colon) {
      selector = colon[1]
      rest = rest.slice(colon[0].length)
    }
  }
  const segments: (PathSegment | { key: string; equals: string })[] = []
  const pattern = /([^.[\]]+)|\[(\d+)\]|\[([^=\]]+)=([^\]]*)\]/g
  for (const match of rest.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1])
    else if (match[2] !== undefined) segments.push(Number(match[2]))
    else segments.push({ key: match[3]!, equals: match[4]! })
  }
  if (segments.length === 0) throw new ConfigurationError(`Input 'field': '${field}' names no field`, 'field')
  return { selector, docIndex, segments }
}

function resolveField(docs: Document.Parsed[], field: string, fileName: string, content: string): Candidate {
  const { selector, docIndex, segments } = parseField(field)
  const matches: Candidate[] = []
  docs.forEach((doc, index) => {
    if (docIndex !== undefined && index !== docIndex) return
    if (selector) {
      const [kind, name] = selector.split('/')
      if (doc.get('kind') !== kind || (name !== undefined && doc.getIn(['metadata', 'name']) !== name)) return
    }
    let node: unknown = doc.contents
    const path: PathSegment[] = []
    for (const segment of segments) {
      if (typeof segment === 'object') {
        if (!isSeq(node)) return
        const i = node.items.findIndex(
          (item) => isMap(item) && String(item.get(segment.key)) === segment.equals,
        )
        if (i < 0) return
        node = node.items[i]
        path.push(i)
      } else if (typeof segment === 'number') {
        if (!isSeq(node)) return
        node = node.items[segment]
        path.push(segment)
      } else {
        if (!isMap(node)) return
        node = node.get(segment, true)
        path.push(segment)
      }
      if (node === undefined) return
    }
    if (!isScalar(node) || typeof node.value === 'object') {
      throw new ConfigurationError(`Input 'field': '${field}' in ${fileName} is not a single value`, 'field')
    }
    const last = path[path.length - 1]
    const looksLikeRef =
      typeof last === 'string' && /image$/i.test(last) && parseImageRef(String(node.value))?.tag !== undefined
    const marker = node.range ? SETTER.exec(lineAfter(content, node.range[1])) : null
    const fullRef = marker ? marker[1]!.split(':').length === 2 : looksLikeRef
    matches.push({
      docIndex: index,
      path,
      node,
      kind: fullRef ? 'ref' : 'tag',
      via: 'explicit',
      repository: fullRef ? parseImageRef(String(node.value))?.repository : undefined,
    })
  })
  if (matches.length === 0)
    throw new ConfigurationError(`Input 'field': ${fileName} has no field '${field}'`, 'field')
  if (matches.length > 1) {
    throw new ConfigurationError(
      `Input 'field': '${field}' is in ${matches.length} documents of ${fileName}; put the document first, e.g. 'doc[${matches[1]!.docIndex}].${field}' or 'Kind/name:${field}'`,
      'field',
    )
  }
  return matches[0]!
}

function describe(docs: Document.Parsed[], c: Candidate): string {
  const label = docLabel(docs[c.docIndex]!, c.docIndex, docs.length)
  return `${label ? `${label} ` : ''}${pathText(c.path)}`
}

function matchesImage(c: Candidate, image: string): boolean {
  const last = image.split('/').pop()
  return (
    (c.repository !== undefined && sameRepository(c.repository, image)) ||
    (c.matchName !== undefined && sameRepository(c.matchName, image)) ||
    (c.policy !== undefined && c.policy === last)
  )
}

function choose(
  docs: Document.Parsed[],
  candidates: Candidate[],
  request: EditRequest,
): { candidate: Candidate; replaceRepository: boolean } {
  const { image, fileName } = request
  const list = (cs: Candidate[]) => cs.map((c) => `${describe(docs, c)} (${String(c.node.value)})`).join(', ')
  if (candidates.length === 0) {
    throw new ConfigurationError(
      `${fileName} has no image tag field (looked for Flux $imagepolicy markers, …image.tag, kustomization images[].newTag and image: repo:tag strings); name one with the 'field' input`,
      'field',
    )
  }
  let pool = candidates
  const replaceRepository = false
  if (image) {
    const matching = candidates.filter((c) => matchesImage(c, image))
    if (matching.length > 0) pool = matching
    else {
      // No field names this image: with one clear best field, the image moves to the new repository.
      const best = bestTier(candidates)
      if (best.length !== 1 || (!best[0]!.repositoryNode && best[0]!.kind !== 'ref')) {
        throw new ConfigurationError(
          `${fileName} has no image tag field for image '${image}' (found ${list(candidates)})`,
          'image',
        )
      }
      return { candidate: best[0]!, replaceRepository: true }
    }
  }
  let best = bestTier(pool)
  if (best.length > 1 && request.app) {
    // The release named after the app, or the image whose last path segment is the app's name.
    const last = (repository?: string) => repository?.split('/').pop()
    const named = best.filter(
      (c) =>
        docs[c.docIndex]!.getIn(['metadata', 'name']) === request.app ||
        last(c.repository) === request.app ||
        last(c.matchName) === request.app,
    )
    if (named.length === 1) best = named
  }
  if (best.length > 1) {
    throw new ConfigurationError(
      `${fileName} has ${best.length} equally likely image tag fields: ${list(best)}; choose with the 'image' or 'field' input`,
      image ? 'field' : 'image',
    )
  }
  return { candidate: best[0]!, replaceRepository }
}

function bestTier(candidates: Candidate[]): Candidate[] {
  const score = (c: Candidate) => RANK[c.via] * 1000 + c.path.length
  const top = Math.min(...candidates.map(score))
  return candidates.filter((c) => score(c) === top)
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
function renderScalar(node: Scalar, value: string): string {
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return JSON.stringify(value)
    case 'QUOTE_SINGLE':
      return `'${value.replace(/'/g, "''")}'`
    case 'PLAIN':
    case undefined:
      return needsQuotes(value) ? JSON.stringify(value) : value
    default:
      throw new ConfigurationError(
        `cannot rewrite a ${node.type} scalar; use a plain or quoted value`,
        'field',
      )
  }
}

interface Plan {
  docIndex: number
  path: PathSegment[]
  node: Scalar
  value: string
}

function eolOf(content: string): string {
  return content.includes('\r\n') ? '\r\n' : '\n'
}

function columnOf(content: string, offset: number): number {
  return offset - (content.lastIndexOf('\n', offset - 1) + 1)
}

/** The indentation step the file uses (2 when it cannot tell). */
function indentStep(content: string): number {
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

function renderBlock(value: unknown, indent: number, step: number, eol: string): string {
  const text = stringify(value, { indent: step, lineWidth: 0 }).replace(/\n$/, '')
  return text
    .split('\n')
    .map((line) => (line ? ' '.repeat(indent) + line : line))
    .join(eol)
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function renderFlow(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trimEnd()
}

function sameData(a: unknown, b: unknown): boolean {
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
      'values',
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
        'values',
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
        'values',
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

interface ValuesSource {
  text: string
  map: YAMLMap
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

/** Values given as YAML text: the data, and the source for keeping comments of added blocks. */
function valuesFrom(values: EditRequest['values']): {
  data?: Record<string, unknown>
  source?: ValuesSource
} {
  if (values === undefined) return {}
  if (typeof values !== 'string') return { data: values }
  if (!values.trim()) return {}
  const doc = parseDocument(values)
  const error = doc.errors[0]
  if (error)
    throw new ConfigurationError(
      `Input 'values' is not valid YAML: ${error.message.split('\n')[0]}`,
      'values',
    )
  const data = doc.toJS({ maxAliasCount: -1 }) as unknown
  if (!isPlainObject(data)) throw new ConfigurationError("Input 'values': expected a YAML mapping", 'values')
  const release = data.kind === 'HelmRelease'
  const picked = release ? (data.spec as Record<string, unknown> | undefined)?.values : data
  if (!isPlainObject(picked))
    throw new ConfigurationError("Input 'values': the HelmRelease has no spec.values mapping", 'values')
  const node = release ? doc.getIn(['spec', 'values'], true) : doc.contents
  return { data: picked, source: isMap(node) && !node.flow ? { text: values, map: node } : undefined }
}

/** Where a node's own text ends (its trailing comments and blank lines excluded). */
function contentEnd(content: string, node: Node): number {
  let end = node.range![1]
  while (end > node.range![0] && /\s/.test(content[end - 1]!)) end--
  return end
}

function lineEndAfter(content: string, offset: number): { offset: number; needsNewline: boolean } {
  const newline = content.indexOf('\n', offset)
  return newline < 0
    ? { offset: content.length, needsNewline: true }
    : { offset: newline + 1, needsNewline: false }
}

function applySplices(content: string, splices: Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start)
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.end > sorted[i - 1]!.start) throw new Error('internal: overlapping edits')
  }
  let result = content
  for (const { start, end, text } of sorted) result = result.slice(0, start) + text + result.slice(end)
  return result
}

function parseDocuments(content: string, fileName: string): Document.Parsed[] {
  const docs = parseAllDocuments(content, { keepSourceTokens: false })
  if (!Array.isArray(docs)) throw new ConfigurationError(`${fileName} is not YAML`, 'file')
  for (const doc of docs) {
    const error = doc.errors[0]
    if (error) {
      const line = error.linePos?.[0]
      throw new ConfigurationError(
        `${fileName}${line ? `:${line.line}:${line.col}` : ''} is not valid YAML: ${error.message.split('\n')[0]}`,
        'file',
      )
    }
  }
  return docs
}

/** The documents as plain data, anchors resolved. */
function plain(docs: Document.Parsed[]): unknown[] {
  return docs.map((doc) => doc.toJS({ maxAliasCount: -1 }))
}

/**
 * Writes `tag` (and optionally `values`) into a YAML file with the smallest possible change: only the
 * bytes of the edited scalars differ, everything else (comments, order, quoting, line endings,
 * anchors) is kept. The result is parsed again and compared with the intended change; any other
 * difference is refused.
 */
export function editImageTag(request: EditRequest): EditResult {
  const { content, fileName, tag } = request
  const docs = parseDocuments(content, fileName)
  const candidate = request.field ? resolveField(docs, request.field, fileName, content) : undefined
  const chosen = candidate
    ? {
        candidate,
        replaceRepository:
          !!request.image &&
          candidate.kind === 'ref' &&
          !sameRepository(candidate.repository ?? '', request.image),
      }
    : choose(
        docs,
        docs.flatMap((doc, i) => discover(content, doc, i)),
        request,
      )
  const target = chosen.candidate
  const plans: Plan[] = []
  let previousTag: string | undefined
  const current = scalarText(target.node)
  if (target.kind === 'ref') {
    const ref = parseImageRef(current ?? '')
    if (!ref)
      throw new ConfigurationError(
        `${fileName}: ${describe(docs, target)} is not an image reference ('${current}')`,
        'field',
      )
    previousTag = ref.tag
    const repository = chosen.replaceRepository && request.image ? request.image : ref.repository
    plans.push({
      docIndex: target.docIndex,
      path: target.path,
      node: target.node,
      value: `${repository}:${tag}`,
    })
  } else {
    previousTag = current
    plans.push({ docIndex: target.docIndex, path: target.path, node: target.node, value: tag })
    const repoNode = target.repositoryNode
    if (chosen.replaceRepository && request.image && repoNode) {
      const value =
        repoNode.prefix && request.image.startsWith(repoNode.prefix)
          ? request.image.slice(repoNode.prefix.length)
          : request.image
      plans.push({ docIndex: target.docIndex, path: repoNode.path, node: repoNode.node, value })
    }
  }

  const changes: FieldChange[] = []
  const splices: Splice[] = []
  for (const plan of plans) {
    if (scalarText(plan.node) === plan.value && typeof plan.node.value === 'string') continue
    if (!plan.node.range) throw new Error('internal: scalar without a source range')
    splices.push({
      start: plan.node.range[0],
      end: plan.node.range[1],
      text: renderScalar(plan.node, plan.value),
    })
    changes.push({
      field: describe(docs, { ...target, path: plan.path }),
      from: scalarText(plan.node),
      to: plan.value,
    })
  }

  let valuesRoot: { docIndex: number; path: PathSegment[] } | undefined
  const { data: values, source } = valuesFrom(request.values)
  if (values && Object.keys(values).length > 0) {
    valuesRoot = valuesTarget(docs, target.docIndex, fileName)
    const doc = docs[valuesRoot.docIndex]!
    const map = valuesRoot.path.length ? doc.getIn(valuesRoot.path, true) : doc.contents
    const step = indentStep(content)
    if (isMap(map) && map.flow && map.items.length === 0 && valuesRoot.path.length === 2) {
      // `values: {}`: written as a block under spec.
      const spec = doc.getIn(['spec'], true) as YAMLMap
      splices.push(...mergeSplices(content, spec, { values }, ['spec'], changes, step, false))
    } else if (isMap(map)) {
      splices.push(...mergeSplices(content, map, values, valuesRoot.path, changes, step, false, source))
    } else if (map === undefined && valuesRoot.path.length === 2) {
      // spec has no values yet: add them.
      const spec = doc.getIn(['spec'], true)
      if (!isMap(spec))
        throw new ConfigurationError(`${fileName}: the HelmRelease has no spec mapping`, 'values')
      splices.push(...mergeSplices(content, spec, { values }, ['spec'], changes, step, false))
    } else {
      throw new ConfigurationError(
        `Input 'values': ${fileName} ${pathText(valuesRoot.path)} is not a mapping`,
        'values',
      )
    }
  }

  const result = applySplices(content, splices)
  verify(content, result, docs, plans, valuesRoot, values, fileName)
  return { content: result, changed: result !== content, previousTag, field: describe(docs, target), changes }
}

function valuesTarget(
  docs: Document.Parsed[],
  docIndex: number,
  fileName: string,
): { docIndex: number; path: PathSegment[] } {
  const doc = docs[docIndex]!
  if (doc.get('kind') === 'HelmRelease') return { docIndex, path: ['spec', 'values'] }
  const releases = docs.map((d, i) => [d, i] as const).filter(([d]) => d.get('kind') === 'HelmRelease')
  if (releases.length === 1) return { docIndex: releases[0]![1], path: ['spec', 'values'] }
  if (doc.get('kind') === undefined && doc.get('apiVersion') === undefined && docs.length === 1)
    return { docIndex, path: [] }
  throw new ConfigurationError(
    `Input 'values': ${fileName} is neither a HelmRelease nor a plain Helm values file`,
    'values',
  )
}

/** Re-parses the result and refuses anything but the intended change. */
function verify(
  before: string,
  after: string,
  docs: Document.Parsed[],
  plans: Plan[],
  valuesRoot: { docIndex: number; path: PathSegment[] } | undefined,
  values: Record<string, unknown> | undefined,
  fileName: string,
): void {
  let reparsed: Document.Parsed[]
  try {
    reparsed = parseDocuments(after, fileName)
  } catch (error) {
    throw new Error(
      `refusing the edit of ${fileName}: the result does not parse (${(error as Error).message})`,
    )
  }
  if (reparsed.length !== docs.length)
    throw new Error(`refusing the edit of ${fileName}: the number of documents changed`)
  // The expectation, built on the original tree: nodes set in place, so anchors carry to their aliases.
  const expected = parseDocuments(before, fileName)
  for (const plan of plans) {
    const node = expected[plan.docIndex]!.getIn(plan.path, true)
    if (!isScalar(node)) throw new Error('internal: planned field vanished')
    node.value = plan.value
  }
  const want = plain(expected)
  if (valuesRoot && values) {
    const doc = want[valuesRoot.docIndex] as Record<string, unknown>
    // Each top-level key given replaces the one there; the rest of the values stay.
    if (valuesRoot.path.length === 0) want[valuesRoot.docIndex] = { ...doc, ...values }
    else {
      const spec = (doc.spec ?? {}) as Record<string, unknown>
      doc.spec = {
        ...spec,
        values: { ...(isPlainObject(spec.values) ? spec.values : {}), ...values },
      }
    }
  }
  const got = plain(reparsed)
  if (!sameData(got, want)) {
    throw new Error(
      `refusing the edit of ${fileName}: re-reading it shows changes beyond the intended fields`,
    )
  }
  if (eolOf(before) !== eolOf(after) && before.includes('\n'))
    throw new Error(`refusing the edit of ${fileName}: line endings changed`)
}
