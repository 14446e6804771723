/** The OCI distribution grammar for a tag. */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/

/** The OCI image-spec grammar for a digest: `algorithm:encoded`, e.g. `sha256:…`. */
export const DIGEST_PATTERN = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[A-Za-z0-9=_-]+$/

/** A `tag` input that may pin the revision by digest instead. */
export const TAG_OR_DIGEST_PATTERN = new RegExp(`${TAG_PATTERN.source}|${DIGEST_PATTERN.source}`)

/** Host (with an optional port) and path; letters of either case, compared without it. */
const REPOSITORY_PATTERN = /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?$/i

export interface ImageRef {
  repository: string
  tag?: string
  digest?: string
}

/**
 * Splits `registry[:port]/path[:tag][@digest]`. The tag is after the last colon that follows the
 * last slash, so a registry port is never mistaken for a tag. Anything off the grammar is undefined.
 */
export function parseImageRef(text: string): ImageRef | undefined {
  const trimmed = text.trim()
  if (!trimmed || /\s/.test(trimmed)) return undefined
  const at = trimmed.indexOf('@')
  const named = at < 0 ? trimmed : trimmed.slice(0, at)
  const digest = at < 0 ? undefined : trimmed.slice(at + 1)
  const slash = named.lastIndexOf('/')
  const colon = named.lastIndexOf(':')
  const ref: ImageRef =
    colon > slash ? { repository: named.slice(0, colon), tag: named.slice(colon + 1) } : { repository: named }
  if (digest !== undefined) ref.digest = digest
  if (!REPOSITORY_PATTERN.test(ref.repository)) return undefined
  if (ref.tag !== undefined && !TAG_PATTERN.test(ref.tag)) return undefined
  if (ref.digest !== undefined && !DIGEST_PATTERN.test(ref.digest)) return undefined
  return ref
}

/** Whether the text is an image reference that names a tag or a digest (and so one revision). */
export function hasTagOrDigest(text: string): boolean {
  const ref = parseImageRef(text)
  return ref?.tag !== undefined || ref?.digest !== undefined
}

/**
 * `nginx`, `library/nginx`, `docker.io/library/nginx` and `index.docker.io/nginx` are one repository
 * on Docker Hub; host names are case-insensitive and registries refuse upper-case paths, so case
 * never tells two repositories apart.
 */
export function normalizeRepository(repository: string): string {
  return repository
    .toLowerCase()
    .replace(/^(index\.)?docker\.io\//, '')
    .replace(/^library\//, '')
}

export function sameRepository(a: string, b: string): boolean {
  return normalizeRepository(a) === normalizeRepository(b)
}

/** A revision someone asks for: a repository (any, when absent) at a tag or a digest. */
export interface WantedImage {
  repository?: string
  tag?: string
  digest?: string
}

/** A `tag` input that may hold a digest instead (`sha256:…`), as the field it belongs in. */
export function tagOrDigest(value: string): Pick<WantedImage, 'tag' | 'digest'> {
  // The tag grammar has no colon and the digest grammar needs one, so the two never overlap.
  return TAG_PATTERN.test(value) ? { tag: value } : { digest: value }
}

/**
 * Whether `ref` is the wanted revision: the same repository (when one is wanted), and the wanted
 * digest, or else the wanted tag. A digest names the content, so it decides when both are given; a
 * reference pinned as `repo:tag@digest` still carries its tag. Wanting neither matches nothing.
 */
export function isWantedImage(ref: ImageRef, wanted: WantedImage): boolean {
  if (wanted.repository !== undefined && !sameRepository(ref.repository, wanted.repository)) return false
  if (wanted.digest !== undefined) return ref.digest === wanted.digest
  return wanted.tag !== undefined && ref.tag === wanted.tag
}
