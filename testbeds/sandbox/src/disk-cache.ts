// The sandbox's cache under node_modules/.cache: what costs CPU in every process that starts a
// sandbox (parsing the CRDs, helm's renders) is kept by a digest of everything it depends on, so
// that the first process of a run does the work and the others (other test workers, later runs)
// read it. A cache that cannot be read or written is passed over.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { repoRoot } from '@canary-delivery/tools'

const cacheDir = join(repoRoot, 'node_modules/.cache/canary-delivery-sandbox')

/** A file of the cache, or undefined when it is not there (or cannot be read). */
export function readCached(name: string): string | undefined {
  try {
    return readFileSync(join(cacheDir, name), 'utf8')
  } catch {
    return undefined
  }
}

/**
 * Writes a file of the cache whole (a private file renamed into place, so that a reader never sees
 * half of it), readable by this user only: a render may hold a chart's generated secrets.
 */
export function writeCached(name: string, text: string): void {
  const file = join(cacheDir, name)
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 })
    writeFileSync(partial, text, { mode: 0o600 })
    renameSync(partial, file)
  } catch {
    rmSync(partial, { force: true })
  }
}

const yamlVersion = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version

/**
 * What `parse` makes of `texts`, kept as JSON by the digest of the texts and of the YAML parser's
 * version: the sandbox's CRDs took 0.9 s of CPU to parse as YAML, in every test file that starts a
 * sandbox, and 4 ms as JSON.
 */
export function parsedOnce<T>(name: string, texts: readonly string[], parse: () => T): T {
  const digest = createHash('sha256').update(`yaml ${yamlVersion}`)
  for (const text of texts) digest.update('\0').update(text)
  const file = `${name}-${digest.digest('hex')}.json`
  const cached = readCached(file)
  if (cached !== undefined) {
    try {
      return JSON.parse(cached) as T
    } catch {
      // a file that is not JSON: parse again below
    }
  }
  const value = parse()
  writeCached(file, JSON.stringify(value))
  return value
}
