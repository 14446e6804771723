import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export const repoRoot = resolve(import.meta.dirname, '..')

/** Every action with a TypeScript entry point: the suite's and the test fixtures'. */
export function actionDirs(): string[] {
  const dirs: string[] = []
  for (const parent of ['actions', 'test/fixtures/actions']) {
    const base = join(repoRoot, parent)
    if (!existsSync(base)) continue
    for (const name of readdirSync(base).sort()) {
      if (name.startsWith('.')) continue
      const dir = join(base, name)
      if (existsSync(join(dir, 'action.yml')) && existsSync(join(dir, 'src/main.ts'))) dirs.push(dir)
    }
  }
  return dirs
}

/** Bundles an action's src/main.ts with ncc into `outDir` (ESM, with the licenses of what it bundles). */
export async function bundle(actionDir: string, outDir: string): Promise<void> {
  const ncc = join(repoRoot, 'node_modules/.bin/ncc')
  try {
    await run(
      ncc,
      ['build', join(actionDir, 'src/main.ts'), '--out', outDir, '--license', 'licenses.txt', '--quiet'],
      {
        cwd: actionDir,
        maxBuffer: 64 * 1024 * 1024,
      },
    )
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? ''
    throw new Error(`bundling ${relative(repoRoot, actionDir)} failed:\n${stderr || String(error)}`)
  }
}

/** Files of a folder, relative, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    )
    .sort()
}

/** Differences between a committed dist/ and a fresh build, as lines a person can act on. */
export function compareDist(committed: string, fresh: string): string[] {
  const problems: string[] = []
  const committedFiles = listFiles(committed)
  const freshFiles = listFiles(fresh)
  for (const file of freshFiles) {
    if (!committedFiles.includes(file)) problems.push(`${file} is missing`)
    else if (!readFileSync(join(committed, file)).equals(readFileSync(join(fresh, file))))
      problems.push(`${file} differs`)
  }
  for (const file of committedFiles)
    if (!freshFiles.includes(file)) problems.push(`${file} is not produced any more`)
  return problems
}
