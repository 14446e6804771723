import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { repoRoot } from '@canary-delivery/tools'

const cacheDir = join(repoRoot, 'node_modules/.cache/canary-delivery-sandbox')
const yamlVersion = (
  createRequire(import.meta.url)('yaml/package.json') as {
    version: string
  }
).version

/**
 * What `parse` makes of `texts`, kept as JSON under node_modules/.cache by the digest of the texts
 * and of the YAML parser's version, so that only the first process of a run parses them: the
 * sandbox's CRDs took 0.9 s of CPU to parse as YAML, in every test file that starts a sandbox, and
 * 4 ms as JSON. A cache that cannot be read or written is passed over.
 */
export function parsedOnce<T>(name: string, texts: readonly string[], parse: () => T): T {
  const digest = createHash('sha256').update(`yaml ${yamlVersion}`)
  for (const text of texts) digest.update('\0').update(text)
  const file = join(cacheDir, `${name}-${digest.digest('hex')}.json`)
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    // not parsed yet (or unreadable): parse below
  }
  const value = parse()
  const partial = `${file}.${process.pid}.partial`
  try {
    mkdirSync(cacheDir, { recursive: true })
    writeFileSync(partial, JSON.stringify(value))
    renameSync(partial, file)
  } catch {
    rmSync(partial, { force: true })
  }
  return value
}
