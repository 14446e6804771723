import { ConfigurationError } from '@canary-delivery/action-kit'
import { parseImageRef } from '@canary-delivery/image-ref'
import { type Document, isMap, isScalar, isSeq } from 'yaml'
import { type Candidate, fluxMarker } from './tag-fields'
import type { PathSegment } from './yaml-documents'

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
  if (segments.length === 0) throw new ConfigurationError(`Input 'field': '${field}' names no field`)
  return { selector, docIndex, segments }
}

/** The one scalar an explicit `field` input names. */
export function resolveFieldPath(
  docs: Document.Parsed[],
  field: string,
  fileName: string,
  content: string,
): Candidate {
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
      throw new ConfigurationError(`Input 'field': '${field}' in ${fileName} is not a single value`)
    }
    const last = path[path.length - 1]
    const looksLikeRef =
      typeof last === 'string' && /image$/i.test(last) && parseImageRef(String(node.value))?.tag !== undefined
    const marker = fluxMarker(content, node)
    const fullRef = marker ? marker.suffix === undefined : looksLikeRef
    matches.push({
      docIndex: index,
      path,
      node,
      kind: fullRef ? 'ref' : 'tag',
      via: 'explicit',
      repository: fullRef ? parseImageRef(String(node.value))?.repository : undefined,
    })
  })
  if (matches.length === 0) throw new ConfigurationError(`Input 'field': ${fileName} has no field '${field}'`)
  if (matches.length > 1) {
    throw new ConfigurationError(
      `Input 'field': '${field}' is in ${matches.length} documents of ${fileName}; put the document first, e.g. 'doc[${matches[1]!.docIndex}].${field}' or 'Kind/name:${field}'`,
    )
  }
  return matches[0]!
}
