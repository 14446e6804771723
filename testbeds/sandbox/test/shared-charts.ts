import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { repoRoot } from '@canary-delivery/tools'

/**
 * The real add-on charts (third-party, never copied into the project): `../shared/fixtures/charts`
 * beside the clone, as CI has it. In a git worktree the shared folder sits beside the main checkout,
 * so that one is tried too. Throws one line naming the path when the folder is missing.
 */
export function sharedChartsDir(): string {
  const expected = join(repoRoot, '..', 'shared', 'fixtures', 'charts')
  const main = mainCheckout()
  for (const candidate of [expected, ...(main ? [join(main, '..', 'shared', 'fixtures', 'charts')] : [])]) {
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return resolve(candidate)
  }
  throw new Error(
    `the real add-on charts are missing: expected the folder ${resolve(expected)} (../shared/fixtures/charts beside the repository)`,
  )
}

// A worktree's .git is a file naming its git dir, whose commondir leads back to the main checkout's .git.
function mainCheckout(): string | undefined {
  try {
    const gitFile = readFileSync(join(repoRoot, '.git'), 'utf8')
    const gitDir = /^gitdir: (.+)$/m.exec(gitFile)?.[1]?.trim()
    if (!gitDir) return undefined
    const common = readFileSync(join(gitDir, 'commondir'), 'utf8').trim()
    return dirname(resolve(gitDir, common))
  } catch {
    return undefined
  }
}
