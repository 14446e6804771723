import { parseImageRef } from '@canary-delivery/image-ref'
import { type Document, isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml'
import { mapScalar, type PathSegment, walk } from './yaml-documents'

/** `tag`: the field holds a tag alone; `ref`: it holds a whole `repository:tag` reference. */
export type Kind = 'tag' | 'ref'
/** Why a field is thought to hold the tag, strongest first in RANK. */
export type Via = 'setter' | 'image-map' | 'kustomize' | 'sibling' | 'image-ref' | 'explicit'

/** A field that may hold the app's image tag, and what the file says about its image. */
export interface Candidate {
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

export const RANK: Record<Via, number> = {
  explicit: 0,
  setter: 0,
  'image-map': 1,
  kustomize: 1,
  sibling: 2,
  'image-ref': 3,
}

const SETTER = /\{\s*"\$imagepolicy"\s*:\s*"([^"]+)"\s*\}/

/**
 * The Flux setter marker on the scalar's line, `# {"$imagepolicy": "ns:policy[:tag|:name]"}`: the
 * policy, and the suffix that says which part of the image the field holds (none: the whole reference).
 */
export function fluxMarker(content: string, node: Scalar): { policy: string; suffix?: string } | undefined {
  if (!node.range) return undefined
  const end = content.indexOf('\n', node.range[1])
  const marker = SETTER.exec(content.slice(node.range[1], end < 0 ? content.length : end))
  const [, policy, suffix] = marker?.[1]?.split(':') ?? []
  return policy === undefined ? undefined : { policy, suffix }
}

/** Every field in the document that could hold the app's image tag. */
export function discoverTagFields(content: string, doc: Document.Parsed, docIndex: number): Candidate[] {
  const found: Candidate[] = []
  const setterNames = new Map<string, { path: PathSegment[]; node: Scalar }>()
  const kustomizeImages = kustomizeImagesPath(doc)

  walk(doc.contents, [], (node, path, key) => {
    if (isScalar(node) && node.range) {
      const marker = fluxMarker(content, node)
      if (marker?.suffix === 'name') setterNames.set(marker.policy, { path, node })
      const candidate = marker ? markedField(node, path, marker) : imageRefField(node, path, key)
      if (candidate) found.push({ docIndex, ...candidate })
      return
    }
    if (!isMap(node)) return
    const inKustomizeImages =
      kustomizeImages &&
      typeof path[path.length - 1] === 'number' &&
      path.slice(0, -1).join('.') === kustomizeImages
    const candidate = inKustomizeImages ? kustomizeField(node, path) : tagBesideRepository(node, path)
    if (candidate) found.push({ docIndex, ...candidate })
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

type Found = Omit<Candidate, 'docIndex'>

/** kustomize's kustomization.yaml has `images:` at the top; Flux's Kustomization has `spec.images`. */
function kustomizeImagesPath(doc: Document.Parsed): string | undefined {
  const kind = doc.get('kind')
  if (isSeq(doc.get('images', true)) && (kind === 'Kustomization' || kind === undefined)) return 'images'
  if (kind === 'Kustomization' && isSeq(doc.getIn(['spec', 'images'], true))) return 'spec.images'
  return undefined
}

/** A field a setter marker names: a tag (`:tag`) or a whole reference (no suffix). */
function markedField(
  node: Scalar,
  path: PathSegment[],
  { policy, suffix }: { policy: string; suffix?: string },
): Found | undefined {
  if (suffix === 'tag') return { path, node, kind: 'tag', via: 'setter', policy }
  const ref = suffix === undefined ? parseImageRef(String(node.value)) : undefined
  if (!ref) return undefined
  return { path, node, kind: 'ref', via: 'setter', policy, repository: ref.repository }
}

/** `image: repo:tag` (any key ending in "image"). */
function imageRefField(node: Scalar, path: PathSegment[], key: string | undefined): Found | undefined {
  if (!key || !/image$/i.test(key) || typeof node.value !== 'string') return undefined
  const ref = parseImageRef(node.value)
  if (ref?.tag === undefined) return undefined
  return { path, node, kind: 'ref', via: 'image-ref', repository: ref.repository }
}

/** A kustomize `images[]` entry: `newTag`, for the image `name` (renamed to `newName` when given). */
function kustomizeField(entry: YAMLMap, path: PathSegment[]): Found | undefined {
  const name = mapScalar(entry, 'name')
  const newTag = mapScalar(entry, 'newTag')
  const newName = mapScalar(entry, 'newName')
  if (!name || !newTag) return undefined
  return {
    path: [...path, 'newTag'],
    node: newTag,
    kind: 'tag',
    via: 'kustomize',
    repository: newName ? String(newName.value) : String(name.value),
    matchName: String(name.value),
    repositoryNode: newName ? { path: [...path, 'newName'], node: newName } : undefined,
  }
}

/** `tag` under a key ending in "image", or beside a `repository` (optionally with a `registry`). */
function tagBesideRepository(map: YAMLMap, path: PathSegment[]): Found | undefined {
  const tag = mapScalar(map, 'tag')
  if (!tag) return undefined
  const repository =
    mapScalar(map, 'repository') ??
    (typeof map.get('image') === 'string' ? mapScalar(map, 'image') : undefined)
  const registry = mapScalar(map, 'registry')
  const last = path[path.length - 1]
  const underImage = typeof last === 'string' && /image$/i.test(last)
  if (!underImage && !repository) return undefined
  const prefix =
    registry && repository && !String(repository.value).startsWith(`${registry.value}/`)
      ? `${registry.value}/`
      : undefined
  return {
    path: [...path, 'tag'],
    node: tag,
    kind: 'tag',
    via: underImage ? 'image-map' : 'sibling',
    repository: repository ? `${prefix ?? ''}${repository.value}` : undefined,
    repositoryNode: repository
      ? {
          path: [...path, repository === map.get('repository', true) ? 'repository' : 'image'],
          node: repository,
          prefix,
        }
      : undefined,
  }
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
