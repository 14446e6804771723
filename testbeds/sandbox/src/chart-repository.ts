import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ensureHelm } from '@canary-delivery/tools'
import { parse as parseYaml, stringify } from 'yaml'
import { readTarGz } from './tar'
import { isObj, type Obj } from './util'

const run = promisify(execFile)

/** One packaged chart the repository serves. */
export interface ChartEntry {
  name: string
  version: string
  /** sha256 of the archive, hex, as `helm repo index` writes it. */
  digest: string
  file: string
}

export interface ChartRepository {
  /** `http://127.0.0.1:PORT`, for a HelmRepository's spec.url or `helm repo add`. */
  url: string
  /** The charts in the folder now (the index is made afresh on every request). */
  charts(): ChartEntry[]
  stop(): Promise<void>
}

/**
 * Serves a folder of packaged charts (`*.tgz`) as a Helm chart repository on 127.0.0.1: `index.yaml`
 * with every chart's metadata, digest and URL, as `helm repo index` writes it, and the archives
 * themselves. The folder is only read, so a read-only fixture folder works.
 */
export async function serveChartRepository(
  dir: string,
  options: { port?: number } = {},
): Promise<ChartRepository> {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new Error(`chart repository: ${dir} is not a directory of packaged charts`)
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain' }).end('method not allowed\n')
      return
    }
    try {
      if (path === '/index.yaml') {
        const body = indexYaml(dir)
        res.writeHead(200, { 'content-type': 'application/x-yaml' }).end(body)
        return
      }
      const file = archives(dir).find((f) => `/${f}` === path)
      if (file) {
        res.writeHead(200, { 'content-type': 'application/gzip' }).end(readFileSync(join(dir, file)))
        return
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n')
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(err as Error).message}\n`)
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    charts: () => entries(dir).map(({ entry }) => entry),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * Packages chart folders with the real helm into a temporary folder and serves it; stop() removes the
 * folder. For tests and the demo that need a chart repository with their own charts.
 */
export async function serveCharts(
  chartDirs: string[],
  options: { port?: number } = {},
): Promise<ChartRepository> {
  const dir = mkdtempSync(join(tmpdir(), 'chart-repository-'))
  try {
    for (const chartDir of chartDirs) await packageChart(chartDir, dir)
    const repo = await serveChartRepository(dir, options)
    return {
      ...repo,
      async stop() {
        await repo.stop()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
}

/** The `index.yaml` of a folder of packaged charts. */
export function indexYaml(dir: string): string {
  const index: Record<string, Obj[]> = {}
  let generated = new Date(0).toISOString()
  for (const { entry, metadata, created } of entries(dir)) {
    const list = index[entry.name] ?? []
    list.push({ ...metadata, created, digest: entry.digest, urls: [entry.file] })
    index[entry.name] = list
    if (created > generated) generated = created
  }
  // The same charts give the same index, byte for byte: its digest is what Flux calls the revision.
  return stringify({ apiVersion: 'v1', entries: index, generated })
}

/** Chart.yaml of a packaged chart's top-level chart (not of its subcharts). */
export function chartMetadata(archive: Buffer): Obj {
  const files = readTarGz(archive).filter((f) => /^[^/]+\/Chart\.yaml$/.test(f.path))
  if (files.length !== 1) throw new Error('not a packaged chart: no <name>/Chart.yaml at its top')
  const metadata = parseYaml(files[0]!.data.toString('utf8'), { maxAliasCount: 100 })
  if (!isObj(metadata) || typeof metadata.name !== 'string' || metadata.version === undefined)
    throw new Error('not a packaged chart: Chart.yaml has no name and version')
  return { ...metadata, version: String(metadata.version) }
}

/** Packages a chart folder with the real `helm package` into `outDir`; returns the archive's path. */
export async function packageChart(chartDir: string, outDir: string): Promise<string> {
  const { stdout } = await run(ensureHelm(), ['package', chartDir, '--destination', outDir])
  const path = /saved it to: (.+)$/m.exec(stdout)?.[1]?.trim()
  if (!path) throw new Error(`helm package ${chartDir}: ${stdout.trim()}`)
  return path
}

const archives = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.tgz'))
    .sort()

function entries(dir: string): { entry: ChartEntry; metadata: Obj; created: string }[] {
  return archives(dir).map((file) => {
    const archive = readFileSync(join(dir, file))
    let metadata: Obj
    try {
      metadata = chartMetadata(archive)
    } catch (err) {
      throw new Error(`${join(dir, file)}: ${(err as Error).message}`)
    }
    const digest = createHash('sha256').update(archive).digest('hex')
    return {
      entry: { name: metadata.name, version: metadata.version, digest, file },
      metadata,
      created: statSync(join(dir, file)).mtime.toISOString(),
    }
  })
}
