import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { ensureHelm } from '@canary-delivery/tools'
import { parseAllDocuments } from 'yaml'
import { readCached, writeCached } from '../../disk-cache'
import type { Obj } from '../../util'

const run = promisify(execFile)

/** What `helm template` makes of a chart: its CRDs (crds/ folders), its objects, and its hooks. */
export interface Rendered {
  crds: Obj[]
  objects: Obj[]
  hooks: Obj[]
}

/** helm's answer to a render it refused (the chart's schema, a template error): the same every time. */
class HelmRefused extends Error {}

/**
 * Renders made in this process, by everything helm's output depends on. helm-controller renders a
 * release again at every retry and every reconcile; helm gives the same answer each time (an APISIX
 * render costs helm 1.4–1.6 s of CPU), so each different render runs the real helm once, and what
 * helm printed is shared with other processes on disk (keptOnDisk).
 */
const renders = new Map<string, Promise<Rendered>>()

/**
 * Renders a chart folder with the real helm, the CRDs of its crds/ folders (and of enabled subcharts)
 * told apart by the `# Source:` line helm writes, and hooks by their annotation. Namespaced objects
 * without a namespace get the release's. Each caller gets objects of its own.
 */
export async function helmTemplate(
  release: string,
  namespace: string,
  chartDir: string,
  values: Obj,
  scratch: string,
): Promise<Rendered> {
  const valuesText = JSON.stringify(values)
  const key = JSON.stringify([release, namespace, chartDigest(chartDir), valuesText])
  let render = renders.get(key)
  if (!render) {
    render = renderWithHelm(key, release, namespace, chartDir, valuesText, scratch)
    renders.set(key, render)
    // Only helm's own refusals are kept: a helm that could not start or was killed may do better next time.
    render.catch((error) => {
      if (!(error instanceof HelmRefused)) renders.delete(key)
    })
  }
  return structuredClone(await render)
}

/** A digest of a chart folder's files, names and contents: a chart pulled again at the same version is the same render. */
function chartDigest(chartDir: string): string {
  const hash = createHash('sha256')
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) hash.update(`${relative(chartDir, path)}\0`).update(readFileSync(path))
    }
  }
  walk(chartDir)
  return hash.digest('hex')
}

async function renderWithHelm(
  key: string,
  release: string,
  namespace: string,
  chartDir: string,
  valuesText: string,
  scratch: string,
): Promise<Rendered> {
  const stdout = await keptOnDisk(key, () =>
    runHelmTemplate(release, namespace, chartDir, valuesText, scratch),
  )
  const out: Rendered = { crds: [], objects: [], hooks: [] }
  for (const doc of parseAllDocuments(stdout)) {
    const comment = `${doc.commentBefore ?? ''}\n${(doc.contents as { commentBefore?: string } | null)?.commentBefore ?? ''}`
    const source = /^ ?Source: (.+)$/m.exec(comment)?.[1] ?? ''
    const o = doc.toJS({ maxAliasCount: 100 }) as Obj | null
    if (!o || typeof o !== 'object' || !o.kind) continue
    if (/(^|\/)crds\//.test(source) && o.kind === 'CustomResourceDefinition') {
      out.crds.push(o)
      continue
    }
    const obj = { ...o, metadata: { ...o.metadata, namespace: o.metadata?.namespace ?? namespace } }
    if (o.metadata?.annotations?.['helm.sh/hook']) out.hooks.push(obj)
    else out.objects.push(obj)
  }
  return out
}

/** What `helm template` prints for the release; helm's refusal (the chart's schema, a template error) is a HelmRefused. */
async function runHelmTemplate(
  release: string,
  namespace: string,
  chartDir: string,
  valuesText: string,
  scratch: string,
): Promise<string> {
  const valuesFile = join(scratch, `values-${process.pid}-${Math.random().toString(36).slice(2)}.yaml`)
  writeFileSync(valuesFile, valuesText, { mode: 0o600 })
  try {
    const { stdout } = await run(
      ensureHelm(),
      ['template', release, chartDir, '--namespace', namespace, '--values', valuesFile, '--include-crds'],
      { maxBuffer: 32 * 1024 * 1024 },
    )
    return stdout
  } catch (error) {
    const { code, stderr } = error as { code?: unknown; stderr?: string }
    const message = stderr?.trim().replace(/^Error: /, '') || (error as Error).message
    throw typeof code === 'number' && stderr?.trim() ? new HelmRefused(message) : new Error(message)
  } finally {
    rmSync(valuesFile, { force: true })
  }
}

/**
 * What helm printed for the same render in another process (another test worker, an earlier run),
 * kept in the sandbox's cache by the digest of the render's key and the helm binary's path (which
 * names the package version it came from). Only what helm accepted is kept.
 */
async function keptOnDisk(key: string, template: () => Promise<string>): Promise<string> {
  const digest = createHash('sha256').update(ensureHelm()).update('\0').update(key).digest('hex')
  const file = `helm-template-${digest}.yaml`
  const cached = readCached(file)
  if (cached !== undefined) return cached
  const stdout = await template()
  writeCached(file, stdout)
  return stdout
}
