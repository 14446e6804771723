import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import semver from 'semver'
import { parse as parseYaml } from 'yaml'
import type { StoreEvent } from '../../store'
import { extractTarGz } from '../../tar'
import { isObj, type Obj, timestamp } from '../../util'
import { type Controller, type ControllerContext, kind } from '../context'
import { CLUSTER_DNS, httpGet } from '../network'
import { periodic } from '../periodic'
import { ARTIFACT_HOST } from './helm-repository'
import { conditions, fetchFailed, handled, writeStatus } from './status'
import type { FluxStorage } from './storage'

const RETRY_MS = 10_000

/** A chart build's outcome: a chart folder with its name and version, or Flux's reason and message. */
type Build =
  | { ok: true; dir: string; name: string; version: string; summary: string; reason: string }
  | { ok: false; reason: string; message: string; persistent?: boolean; noSource?: boolean }

/**
 * source-controller's HelmChart reconciler: pulls the chart version that matches from a HelmRepository's
 * index over HTTP (digest checked), or packages a chart folder of a GitRepository (with the source
 * revision as version metadata under reconcileStrategy Revision), and stores it for helm-controller.
 * A new artifact of its source reconciles it at once.
 */
export function helmChartController(ctx: ControllerContext, storage: FluxStorage): Controller {
  const helmCharts = kind(ctx.registry, 'source.toolkit.fluxcd.io', 'helmcharts')
  const reconciler = periodic(ctx, helmCharts, 600_000, async (chart) => {
    const { namespace, name } = chart.metadata
    const gen = chart.metadata.generation
    const old: Obj = chart.status ?? {}
    const build = await buildChart(ctx, storage, chart)
    if (!build.ok) {
      const failed = fetchFailed(old, gen, build.reason, build.message, Boolean(build.persistent))
      writeStatus(ctx, helmCharts, chart, { ...failed, ...handled(chart) })
      if (!build.noSource) ctx.log(`helmchart ${namespace}/${name}: ${build.message}`)
      return build.persistent ? undefined : RETRY_MS
    }
    const previous = storage.artifact('HelmChart', namespace, name)
    if (previous?.revision !== build.version || previous.dir !== build.dir) {
      storage.store('HelmChart', namespace, name, { dir: build.dir, revision: build.version })
      ctx.log(`helmchart ${namespace}/${name}: ${build.summary}`)
    }
    const digest = `sha256:${createHash('sha256').update(`${build.name}@${build.version}`).digest('hex')}`
    const path = `helmchart/${namespace}/${name}/${build.name}-${build.version}.tgz`
    writeStatus(ctx, helmCharts, chart, {
      ...old,
      observedGeneration: gen,
      ...handled(chart),
      observedChartName: build.name,
      observedSourceArtifactRevision: sourceRevision(storage, chart),
      artifact:
        old.artifact?.revision === build.version
          ? old.artifact
          : {
              digest,
              lastUpdateTime: timestamp(),
              path,
              revision: build.version,
              url: `${ARTIFACT_HOST}/${path}`,
            },
      url: `${ARTIFACT_HOST}/helmchart/${namespace}/${name}/latest.tar.gz`,
      conditions: conditions(old.conditions, gen, [
        ['Ready', 'True', build.reason, build.summary],
        ['ArtifactInStorage', 'True', build.reason, build.summary],
      ]).filter((c) => !['FetchFailed', 'BuildFailed', 'Stalled'].includes(c.type)),
    })
  })

  // A source with a new artifact: the charts built from it reconcile now.
  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    if (e.type === 'DELETED' || e.rt.group !== 'source.toolkit.fluxcd.io' || e.rt === helmCharts) return
    const revision = e.object.status?.artifact?.revision
    if (!revision || revision === e.previous?.status?.artifact?.revision) return
    for (const chart of ctx.store.list(helmCharts, e.object.metadata.namespace)) {
      const ref = chart.spec?.sourceRef ?? {}
      if (ref.kind === e.rt.kind && ref.name === e.object.metadata.name)
        reconciler.kick(chart.metadata.namespace, chart.metadata.name)
    }
  })
  return {
    stop() {
      unsubscribe()
      reconciler.stop()
    },
  }
}

function sourceRevision(storage: FluxStorage, chart: Obj): string | undefined {
  const ref = chart.spec?.sourceRef ?? {}
  return storage.artifact(String(ref.kind), chart.metadata.namespace, String(ref.name))?.revision
}

async function buildChart(ctx: ControllerContext, storage: FluxStorage, chart: Obj): Promise<Build> {
  const ref: Obj = chart.spec?.sourceRef ?? {}
  const { namespace } = chart.metadata
  const sourceKinds: Record<string, string> = {
    HelmRepository: 'helmrepositories',
    GitRepository: 'gitrepositories',
  }
  const plural = sourceKinds[ref.kind]
  if (!plural) {
    return {
      ok: false,
      reason: 'SourceUnavailable',
      message: `failed to get source: unsupported source kind '${ref.kind}', must be one of: [HelmRepository GitRepository]`,
      persistent: true,
    }
  }
  const source = ctx.store.get(kind(ctx.registry, 'source.toolkit.fluxcd.io', plural), namespace, ref.name)
  if (!source) {
    return {
      ok: false,
      reason: 'SourceUnavailable',
      message: `failed to get source: ${plural}.source.toolkit.fluxcd.io "${ref.name}" not found`,
    }
  }
  if (ref.kind === 'HelmRepository' && source.spec?.type === 'oci') return pullFromRegistry(source, chart)
  const artifact = storage.artifact(ref.kind, namespace, ref.name)
  if (!artifact) {
    return {
      ok: false,
      reason: 'NoSourceArtifact',
      message: `no artifact available for ${ref.kind} source '${ref.name}'`,
      noSource: true,
    }
  }
  return ref.kind === 'HelmRepository'
    ? pullFromIndex(storage, chart, source, artifact.dir)
    : packageFromGit(chart, artifact.dir, artifact.revision)
}

async function pullFromIndex(storage: FluxStorage, chart: Obj, repo: Obj, indexDir: string): Promise<Build> {
  const name = String(chart.spec?.chart ?? '')
  const wanted = String(chart.spec?.version ?? '*')
  const index = parseYaml(readFileSync(join(indexDir, 'index.yaml'), 'utf8'), { maxAliasCount: 100 }) as Obj
  const reference = (message: string): Build => ({
    ok: false,
    reason: 'InvalidChartReference',
    message: `invalid chart reference: failed to get chart version for remote reference: ${message}`,
    persistent: true,
  })
  const versions: Obj[] = Array.isArray(index.entries?.[name]) ? index.entries[name] : []
  if (!index.entries?.[name]) return reference('no chart name found')
  const entry = matchVersion(versions, wanted)
  if (!entry) return reference(`no '${name}' chart with version matching '${wanted}' found`)
  const version = String(entry.version)
  const target = join(storage.dirFor('HelmChart', chart.metadata.namespace, chart.metadata.name), version)
  const dir = join(target, name)
  if (!existsSync(join(dir, 'Chart.yaml'))) {
    const base = String(repo.spec.url).endsWith('/') ? repo.spec.url : `${repo.spec.url}/`
    const url = new URL(String(entry.urls?.[0] ?? ''), base).href
    let archive: Buffer
    try {
      archive = await storage.writing(httpGet(url, 60_000, 10 * 1024 * 1024))
      const digest = createHash('sha256').update(archive).digest('hex')
      if (entry.digest && entry.digest !== digest)
        throw new Error(`chart digest mismatch: expected ${entry.digest}, got ${digest}`)
    } catch (err) {
      return {
        ok: false,
        reason: 'ChartPullError',
        message: `chart pull error: failed to download chart for remote reference: ${(err as Error).message}`,
      }
    }
    rmSync(target, { recursive: true, force: true })
    mkdirSync(target, { recursive: true })
    extractTarGz(archive, target)
    if (!existsSync(join(dir, 'Chart.yaml'))) {
      return {
        ok: false,
        reason: 'ChartPackageError',
        message: `chart package error: failed to load downloaded chart: no ${name}/Chart.yaml in the archive`,
      }
    }
  }
  return {
    ok: true,
    dir,
    name,
    version,
    summary: `pulled '${name}' chart with version '${version}'`,
    reason: 'ChartPullSucceeded',
  }
}

/** Helm's choice: an exact version first, else the highest that satisfies the constraint (stable by default). */
function matchVersion(versions: Obj[], wanted: string): Obj | undefined {
  const exact = versions.find((v) => String(v.version) === wanted)
  if (exact) return exact
  const range = wanted === '' ? '*' : wanted.replace(/,/g, ' ')
  if (!semver.validRange(range, { loose: true })) return undefined
  const best = semver.maxSatisfying(
    versions.map((v) => String(v.version)).filter((v) => semver.valid(v, { loose: true })),
    range,
    { loose: true },
  )
  return best ? versions.find((v) => String(v.version) === best) : undefined
}

function packageFromGit(chart: Obj, root: string, revision: string): Build {
  const path = String(chart.spec?.chart ?? '')
  const dir = resolve(root, path)
  const inside = relative(root, dir)
  const metadataFile = join(dir, 'Chart.yaml')
  if (inside.startsWith('..') || isAbsolute(inside) || !existsSync(metadataFile)) {
    return {
      ok: false,
      reason: 'InvalidChartReference',
      message: `invalid chart reference: path '${path}' not found in source`,
      persistent: true,
    }
  }
  const metadata = parseYaml(readFileSync(metadataFile, 'utf8'), { maxAliasCount: 100 })
  if (!isObj(metadata) || !metadata.name || metadata.version === undefined) {
    return {
      ok: false,
      reason: 'ChartPackageError',
      message: `chart package error: validation: chart.metadata.name and version are required`,
    }
  }
  let version = String(metadata.version)
  // Revision: the source's commit (12 hex characters) as SemVer metadata, so every commit is a new chart.
  if (chart.spec?.reconcileStrategy === 'Revision') {
    const sha = revision.split(':').pop() ?? ''
    version = `${version.split('+')[0]}+${sha.slice(0, 12)}`
  }
  return {
    ok: true,
    dir,
    name: String(metadata.name),
    version,
    summary: `packaged '${metadata.name}' chart with version '${version}'`,
    reason: 'ChartPackageSucceeded',
  }
}

/** The sandbox serves no OCI registry: a pull fails at the registry's address, as it would with none. */
function pullFromRegistry(repo: Obj, chart: Obj): Build {
  const base = String(repo.spec?.url ?? '').replace(/\/$/, '')
  const ref = `${base}/${chart.spec?.chart}:${chart.spec?.version ?? 'latest'}`
  const host = base.replace(/^oci:\/\//, '').split('/')[0] ?? ''
  const path = base.replace(/^oci:\/\/[^/]+\/?/, '')
  const hostname = host.split(':')[0] ?? host
  const reason = ['127.0.0.1', 'localhost'].includes(hostname)
    ? `dial tcp ${host.includes(':') ? host : `${host}:443`}: connect: connection refused`
    : `dial tcp: lookup ${hostname} on ${CLUSTER_DNS}: no such host`
  return {
    ok: false,
    reason: 'ChartPullError',
    message: `chart pull error: failed to download chart for remote reference: failed to get '${ref}': Head "https://${host}/v2/${path ? `${path}/` : ''}${chart.spec?.chart}/manifests/${chart.spec?.version ?? 'latest'}": ${reason}`,
  }
}
