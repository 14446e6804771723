// Fails when a committed dist/ differs from what its sources build to: `pnpm check-dist [action-dir ...]`.
// Users run the committed bundle (`uses: owner/repo/actions/<name>@ref`), so it must be the source.
// A bundle whose build record (dist/build-record.json) still holds is current without a build; the
// others are built and compared. (`pnpm test` runs the same check, in test/build/check-dist.test.ts.)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { actionDirs, repoRoot, staleBundles } from './bundles'

const targets = process.argv.length > 2 ? process.argv.slice(2).map((dir) => resolve(dir)) : actionDirs()
const scratch = mkdtempSync(join(tmpdir(), 'check-dist-'))
try {
  const results = await staleBundles(targets, (dir) => join(scratch, relative(repoRoot, dir)))
  let stale = 0
  for (const [dir, { problems, built }] of results) {
    const name = relative(repoRoot, dir)
    if (problems.length === 0) {
      console.log(
        built
          ? `ok    ${name}/dist matches a fresh build (its build record is out of date: after 'pnpm build' the check needs no build)`
          : `ok    ${name}/dist is what its build record says, and the sources are as they were`,
      )
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
