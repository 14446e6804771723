import { posix } from 'node:path'
import { ConfigurationError } from '@canary-delivery/action-kit'
import { parseImageRef, TAG_PATTERN } from '@canary-delivery/image-ref'
import { excerpt } from './yaml-documents'

/** Line breaks and other control characters: never part of a name, a path or an author. */
const CONTROL = /\p{Cc}/u

const DEFAULT_AUTHOR = 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>'

/** A path inside the repository: relative, normalised, not leaving it. */
export function checkFilePath(file: string): string {
  const trimmed = file.trim().replace(/^\.\//, '')
  if (!trimmed) throw new ConfigurationError("Input 'file' is empty")
  if (trimmed.includes('\\') || CONTROL.test(trimmed))
    throw new ConfigurationError(`Input 'file': '${excerpt(file)}' must use / and no control characters`)
  if (posix.isAbsolute(trimmed))
    throw new ConfigurationError(`Input 'file': '${file}' must be relative to the repository root`)
  const normal = posix.normalize(trimmed)
  if (normal === '..' || normal.startsWith('../') || normal.split('/').includes('.git')) {
    throw new ConfigurationError(`Input 'file': '${file}' leaves the repository`)
  }
  return normal
}

export function checkTag(tag: string, input = 'tag'): string {
  if (!TAG_PATTERN.test(tag)) {
    throw new ConfigurationError(
      `Input '${input}': expected an image tag matching [A-Za-z0-9_][A-Za-z0-9._-]{0,127}, got '${excerpt(tag)}'`,
    )
  }
  return tag
}

/** A name used in the file template, the commit message and the pull request branch: one line. */
export function checkName(value: string, input: string): string {
  if (!value.trim() || CONTROL.test(value)) {
    throw new ConfigurationError(
      `Input '${input}': expected a name without line breaks or control characters, got '${excerpt(value)}'`,
    )
  }
  return value
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
  const match = CONTROL.test(author) ? null : /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(author)
  if (!match)
    throw new ConfigurationError(
      `Input 'author': expected 'Name <email>' on one line, got '${excerpt(author)}'`,
    )
  return { name: match[1]!, email: match[2]! }
}
