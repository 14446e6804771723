import { posix } from 'node:path'
import { ConfigurationError } from '@canary-delivery/action-kit'
import { parseImageRef, TAG_PATTERN } from '@canary-delivery/image-ref'

const DEFAULT_AUTHOR = 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>'

/** A path inside the repository: relative, normalised, not leaving it. */
export function checkFilePath(file: string): string {
  const trimmed = file.trim().replace(/^\.\//, '')
  if (!trimmed) throw new ConfigurationError("Input 'file' is empty")
  if (trimmed.includes('\\') || trimmed.includes('\0'))
    throw new ConfigurationError(`Input 'file': '${file}' must use / and no special characters`)
  if (posix.isAbsolute(trimmed))
    throw new ConfigurationError(`Input 'file': '${file}' must be relative to the repository root`)
  const normal = posix.normalize(trimmed)
  if (normal === '..' || normal.startsWith('../') || normal.split('/').includes('.git')) {
    throw new ConfigurationError(`Input 'file': '${file}' leaves the repository`)
  }
  return normal
}

export function checkTag(tag: string): string {
  if (!TAG_PATTERN.test(tag)) {
    throw new ConfigurationError(
      `Input 'tag': expected an image tag matching [A-Za-z0-9_][A-Za-z0-9._-]{0,127}, got '${tag}'`,
    )
  }
  return tag
}

/** The image repository; a tag or digest given with it is ignored (the tag comes from `tag`). */
export function checkImage(image: string | undefined): string | undefined {
  if (!image?.trim()) return undefined
  const ref = parseImageRef(image)
  if (!ref)
    throw new ConfigurationError(
      `Input 'image': expected an image repository like ghcr.io/acme/app, got '${image}'`,
    )
  return ref.repository
}

export function parseAuthor(author = DEFAULT_AUTHOR): { name: string; email: string } {
  const match = /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(author)
  if (!match) throw new ConfigurationError(`Input 'author': expected 'Name <email>', got '${author}'`)
  return { name: match[1]!, email: match[2]! }
}
