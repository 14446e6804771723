// Fails when a committed dist/ differs from a fresh build: `pnpm check-dist [action-dir ...]`.
// Users run the committed bundle (`uses: owner/repo/actions/<name>@ref`), so it must be the source.
// (`pnpm test` runs the same check once per run, in test/build/check-dist.test.ts.)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { actionDirs, bundleAll, compareDist, repoRoot } from './bundles'

const targets = process.argv.length > 2 ? process.argv.slice(2).map((dir) => resolve(dir)) : actionDirs()
const scratch = mkdtempSync(join(tmpdir(), 'check-dist-'))
const freshOf = (dir: string) => join(scratch, relative(repoRoot, dir))
try {
  await bundleAll(targets, freshOf)
  let stale = 0
  for (const dir of targets) {
    const problems = compareDist(join(dir, 'dist'), freshOf(dir))
    const name = relative(repoRoot, dir)
    if (problems.length === 0) {
      console.log(`ok    ${name}/dist matches a fresh build`)
    } else {
      stale++
      console.error(`stale ${name}/dist: ${problems.join('; ')}`)
    }
  }
  if (stale > 0) {
    console.error(`${stale} bundle(s) out of date: run 'pnpm build' and commit dist/`)
    process.exitCode = 1
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
