// Fails when a committed dist/ differs from a fresh build: `pnpm check-dist [action-dir ...]`.
// Users run the committed bundle (`uses: owner/repo/actions/<name>@ref`), so it must be the source.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { actionDirs, bundle, compareDist, repoRoot } from './bundles'

const targets = process.argv.length > 2 ? process.argv.slice(2).map((dir) => resolve(dir)) : actionDirs()
let stale = 0
for (const dir of targets) {
  const fresh = mkdtempSync(join(tmpdir(), 'check-dist-'))
  try {
    await bundle(dir, fresh)
    const problems = compareDist(join(dir, 'dist'), fresh)
    const name = relative(repoRoot, dir)
    if (problems.length === 0) {
      console.log(`ok    ${name}/dist matches a fresh build`)
    } else {
      stale++
      console.error(`stale ${name}/dist: ${problems.join('; ')}`)
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true })
  }
}
if (stale > 0) {
  console.error(`${stale} bundle(s) out of date: run 'pnpm build' and commit dist/`)
  process.exitCode = 1
}
