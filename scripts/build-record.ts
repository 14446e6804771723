// What a bundle was built from, kept beside it in dist/, so that the stale-dist check can tell that a
// committed bundle is current without building it again (building every action took the suite 45 s
// of CPU on every run).
import { createHash } from 'node:crypto'
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'

export const BUILD_RECORD = 'build-record.json'

const root = resolve(import.meta.dirname, '..')

/**
 * The record: every file webpack put in the bundle, grouped by the package it belongs to (`.` for
 * the action itself), a digest of what they and the build depend on, and a digest of each file the
 * build wrote.
 */
interface BuildRecord {
  about: string
  inputs: string
  files: Record<string, string[]>
  outputs: Record<string, string>
}

const ABOUT =
  'What this bundle was built from (pnpm build writes it; the stale-dist check builds again only when this no longer holds)'

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

/**
 * How a package's imports resolve: the links in the node_modules folder it resolves from (its own,
 * or pnpm's folder that holds it beside its dependencies). A version bump in the lockfile moves a link.
 */
function resolutionOf(dir: string): string[] {
  // In pnpm's store a package sits in a node_modules folder (under @scope/ for a scoped one) beside
  // the links to its dependencies.
  const parent = dirname(dir)
  const storeFolder = basename(parent).startsWith('@') ? dirname(parent) : parent
  const folder = dir.split(sep).includes('.pnpm') ? storeFolder : join(dir, 'node_modules')
  if (!existsSync(folder)) return []
  const links: string[] = []
  for (const name of readdirSync(folder).sort()) {
    const entries = name.startsWith('@')
      ? readdirSync(join(folder, name))
          .sort()
          .map((n) => join(name, n))
      : [name]
    for (const entry of entries) {
      const path = join(folder, entry)
      if (lstatSync(path).isSymbolicLink()) links.push(`${entry} -> ${readlinkSync(path)}`)
    }
  }
  return links
}

/** The license files licenses.txt copies, beside package.json. */
const packageFiles = (dir: string) =>
  ['package.json', ...readdirSync(dir).filter((name) => /^(licen[cs]e|copying)(\.|-|$)/i.test(name))].sort()

/**
 * One digest of everything the bundle depends on: the build's own settings (this repository's
 * tsconfig.json, scripts/bundles.ts, the ncc and TypeScript versions), and for each package the bundled files, its
 * package.json and license files, how its imports resolve, and (for the repository's own packages)
 * which files sit beside the bundled ones, since a new file can change what an import resolves to.
 */
function inputsDigest(actionDir: string, files: Record<string, string[]>): string {
  const hash = createHash('sha256')
  const add = (label: string, data: string | Buffer) => hash.update(`${label}\0`).update(data).update('\0')
  // ncc compiles the TypeScript with the repository's typescript package: its version is a setting too.
  for (const file of [
    'tsconfig.json',
    'scripts/bundles.ts',
    'node_modules/@vercel/ncc/package.json',
    'node_modules/typescript/package.json',
  ])
    add(file, readFileSync(join(root, file)))
  for (const key of Object.keys(files).sort()) {
    const dir = key === '.' ? actionDir : join(root, key)
    add('package', key)
    for (const name of packageFiles(dir)) add(name, readFileSync(join(dir, name)))
    add('resolution', resolutionOf(dir).join('\n'))
    const own = !relative(root, dir).split(sep).includes('node_modules')
    const folders = new Set<string>()
    for (const file of files[key]!) {
      add(file, readFileSync(join(dir, file)))
      folders.add(dirname(file))
    }
    if (own)
      for (const folder of [...folders].sort())
        add(`ls ${folder}`, readdirSync(join(dir, folder)).sort().join('\n'))
  }
  return hash.digest('hex')
}

/** The files a build wrote (everything in dist/ but the record), each with its digest. */
function outputsOf(outDir: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  for (const name of readdirSync(outDir).sort())
    if (name !== BUILD_RECORD) outputs[name] = sha256(readFileSync(join(outDir, name)))
  return outputs
}

/**
 * Writes the record of a build that just wrote `outDir`, from the files webpack bundled, by the
 * folder of the package each belongs to.
 */
export function writeBuildRecord(
  actionDir: string,
  outDir: string,
  filesByPackage: ReadonlyMap<string, readonly string[]>,
): void {
  const files = Object.fromEntries(
    [...filesByPackage]
      .map(([dir, list]) => [
        resolve(dir) === resolve(actionDir) ? '.' : relative(root, dir),
        list.map((file) => relative(dir, file)).sort(),
      ])
      .sort(([a], [b]) => (a! < b! ? -1 : 1)),
  ) as Record<string, string[]>
  const record: BuildRecord = {
    about: ABOUT,
    inputs: inputsDigest(actionDir, files),
    files,
    outputs: outputsOf(outDir),
  }
  writeFileSync(join(outDir, BUILD_RECORD), `${JSON.stringify(record, null, 1)}\n`)
}

/**
 * Whether an action's committed dist/ is what its record says, and the record still holds: the same
 * files with the same contents, built from inputs that have not changed. False when anything is
 * missing, unreadable or different: then only a build can tell.
 */
export function recordStillHolds(actionDir: string): boolean {
  const dist = join(actionDir, 'dist')
  try {
    const record = JSON.parse(readFileSync(join(dist, BUILD_RECORD), 'utf8')) as BuildRecord
    if (JSON.stringify(outputsOf(dist)) !== JSON.stringify(record.outputs)) return false
    return inputsDigest(actionDir, record.files) === record.inputs
  } catch {
    return false
  }
}
