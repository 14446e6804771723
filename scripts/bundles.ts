import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { promisify } from 'node:util'
import { BUILD_RECORD, recordStillHolds, writeBuildRecord } from './build-record'

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

/**
 * Bundles an action's src/main.ts with ncc into `outDir`: ESM, split where the sources import
 * lazily (`await import(…)`), with licenses.txt naming every package in any of its files.
 *
 * For start-up time: no minifying (minified bundles started slower: V8 parses lazily either way,
 * and minified code defeats that on long lines) and no source maps (loading the register costs
 * every start). Types are checked by `tsc` over the whole repository, not once per bundle. No
 * build cache: a warm one made no build faster (webpack hashes every module again), writing it
 * cost CPU on every build, and each checkout left its own copy under ~/.cache/ncc.
 */
export async function bundle(actionDir: string, outDir: string): Promise<void> {
  const ncc = join(repoRoot, 'node_modules/.bin/ncc')
  const scratch = mkdtempSync(join(tmpdir(), 'bundle-stats-'))
  const stats = join(scratch, 'stats.json')
  try {
    await run(
      ncc,
      [
        'build',
        join(actionDir, 'src/main.ts'),
        '--out',
        outDir,
        '--stats-out',
        stats,
        '--transpile-only',
        '--no-cache',
        '--quiet',
      ],
      { cwd: actionDir, maxBuffer: 64 * 1024 * 1024 },
    )
    const files = bundledFiles(stats)
    // ncc's own --license keeps only the last chunk's packages when a bundle is split: listed here instead.
    writeFileSync(join(outDir, 'licenses.txt'), licensesText(bundledPackages(files, actionDir)))
    const byPackage = new Map<string, string[]>()
    for (const file of files) {
      const dir = packageOf(file)?.dir
      if (!dir) throw new Error(`${file} belongs to no package`)
      byPackage.set(dir, [...(byPackage.get(dir) ?? []), file])
    }
    writeBuildRecord(actionDir, outDir, byPackage)
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? ''
    throw new Error(`bundling ${relative(repoRoot, actionDir)} failed:\n${stderr || String(error)}`)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

export interface BundledPackage {
  name: string
  version: string
  dir: string
  license?: string
}

/** The package a file belongs to: the nearest package.json above it that has a name. */
function packageOf(file: string): BundledPackage | undefined {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (!existsSync(manifest)) continue
    const data = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name?: string
      version?: string
      license?: string
    }
    if (data.name) return { name: data.name, version: data.version ?? '', dir, license: data.license }
  }
  return undefined
}

/** Every file with a module in any chunk of the bundle (webpack's stats). */
export function bundledFiles(statsFile: string): string[] {
  type StatsModule = { identifier?: string; modules?: StatsModule[] }
  const files = new Set<string>()
  const walk = (modules: StatsModule[] = []) => {
    for (const module of modules) {
      // `[type|]loader!loader!/abs/path/file.ts[|hash]`: the file is what follows the last `!`.
      const file = module.identifier
        ?.split('!')
        .at(-1)
        ?.replace(/\|[0-9a-f]+$/, '')
        .replace(/^[\w/]+\|/, '')
      if (file && isAbsolute(file)) files.add(file)
      walk(module.modules)
    }
  }
  walk((JSON.parse(readFileSync(statsFile, 'utf8')) as { modules?: StatsModule[] }).modules)
  return [...files].sort()
}

/** Every package with a module in any chunk of the bundle, the action's own left out. */
export function bundledPackages(files: readonly string[], actionDir: string): BundledPackage[] {
  const packages = new Map<string, BundledPackage>()
  for (const file of files) {
    const found = packageOf(file)
    if (found && found.dir !== resolve(actionDir)) packages.set(`${found.name}@${found.version}`, found)
  }
  return [...packages.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  )
}

const OWN_LICENSE = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { license: string })
  .license

/** One entry per package: name and version, its license, and the text of its license file. */
export function licensesText(packages: readonly BundledPackage[]): string {
  return packages
    .map((pkg) => {
      const file = readdirSync(pkg.dir)
        .filter((name) => /^(licen[cs]e|copying)(\.|-|$)/i.test(name))
        .sort()[0]
      const text = file ? readFileSync(join(pkg.dir, file), 'utf8').trim() : ''
      const own = !relative(repoRoot, pkg.dir).split(sep).includes('node_modules')
      return [
        `${pkg.name} ${pkg.version}`.trim(),
        pkg.license ?? (own ? `${OWN_LICENSE} (this repository)` : ''),
        text,
      ]
        .filter(Boolean)
        .join('\n')
    })
    .join('\n\n\n')
    .concat('\n')
}

/** Bundles several actions, `concurrency` at a time (ncc waits on the disk as much as it computes). */
export async function bundleAll(
  dirs: readonly string[],
  outDirOf: (dir: string) => string,
  concurrency = 2,
): Promise<void> {
  const queue = [...dirs]
  const worker = async () => {
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) await bundle(dir, outDirOf(dir))
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker))
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

/**
 * What is stale in each action's committed dist/, as lines a person can act on (none: current). A
 * bundle whose build record still holds is current without a build; the others are built into
 * `outDirOf(dir)` and compared (`built`).
 */
export async function staleBundles(
  dirs: readonly string[],
  outDirOf: (dir: string) => string,
): Promise<Map<string, { problems: string[]; built: boolean }>> {
  const unsure = dirs.filter((dir) => !recordStillHolds(dir))
  await bundleAll(unsure, outDirOf)
  return new Map(
    dirs.map((dir) => {
      const built = unsure.includes(dir)
      return [dir, { problems: built ? compareDist(join(dir, 'dist'), outDirOf(dir)) : [], built }]
    }),
  )
}

/**
 * Differences between a committed dist/ and a fresh build, as lines a person can act on. The build
 * record is left out: an outdated one costs the check a build, and users nothing.
 */
export function compareDist(committed: string, fresh: string): string[] {
  const problems: string[] = []
  const bundleFiles = (dir: string) => listFiles(dir).filter((file) => file !== BUILD_RECORD)
  const committedFiles = bundleFiles(committed)
  const freshFiles = bundleFiles(fresh)
  for (const file of freshFiles) {
    if (!committedFiles.includes(file)) problems.push(`${file} is missing`)
    else if (!readFileSync(join(committed, file)).equals(readFileSync(join(fresh, file))))
      problems.push(`${file} differs`)
  }
  for (const file of committedFiles)
    if (!freshFiles.includes(file)) problems.push(`${file} is not produced any more`)
  return problems
}
