/** The OCI distribution grammar for a tag. */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/

export interface ImageRef {
  repository: string
  tag?: string
  digest?: string
}

/**
 * Splits `registry[:port]/path[:tag][@digest]`. The tag is after the last colon that follows the
 * last slash, so a registry port is never mistaken for a tag.
 */
export function parseImageRef(text: string): ImageRef | undefined {
  const trimmed = text.trim()
  if (!trimmed || /\s/.test(trimmed)) return undefined
  const [withoutDigest, digest] = trimmed.split('@', 2) as [string, string | undefined]
  const slash = withoutDigest.lastIndexOf('/')
  const colon = withoutDigest.lastIndexOf(':')
  const ref: ImageRef =
    colon > slash
      ? { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) }
      : { repository: withoutDigest }
  if (digest !== undefined) ref.digest = digest
  if (!/^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?$/i.test(ref.repository)) return undefined
  if (ref.tag !== undefined && !TAG_PATTERN.test(ref.tag)) return undefined
  return ref
}

/** `nginx`, `docker.io/library/nginx` and `index.docker.io/nginx` are the same repository. */
export function normalizeRepository(repository: string): string {
  let name = repository.toLowerCase()
  name = name.replace(/^(index\.)?docker\.io\//, '')
  name = name.replace(/^library\//, '')
  return name
}

export function sameRepository(a: string, b: string): boolean {
  return normalizeRepository(a) === normalizeRepository(b)
}
