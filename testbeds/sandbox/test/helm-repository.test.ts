import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChartRepository, packageChart, serveChartRepository } from '../src/chart-repository'
import type { Obj } from '../src/util'
import { type FluxWorld, removeChart, startFluxWorld, writeChart } from './flux-world'
import { waitFor } from './helpers'

const SOURCE = 'source.toolkit.fluxcd.io/v1'
const HR = 'helm.toolkit.fluxcd.io/v2'

// source-controller's HelmRepository and HelmChart against chart repositories served on 127.0.0.1,
// and the messages Flux gives for the ones it cannot reach.
describe('HelmRepository and HelmChart', () => {
  let world: FluxWorld
  let folder: string
  let own: ChartRepository
  const charts: string[] = []

  const repository = (namespace: string, name: string, spec: Obj) =>
    world.create(SOURCE, 'HelmRepository', {
      metadata: { name, namespace },
      spec: { interval: '1h', ...spec },
    })
  const release = (namespace: string, name: string, chart: string, version: string, source: string) =>
    world.create(HR, 'HelmRelease', {
      metadata: { name, namespace },
      spec: {
        interval: '10m',
        chart: { spec: { chart, version, sourceRef: { kind: 'HelmRepository', name: source } } },
      },
    })
  /** Waits for the HelmRelease's Ready=False SourceNotReady with exactly this message. */
  const notReady = (namespace: string, name: string, message: string) =>
    waitFor(`HelmRelease ${namespace}/${name}: ${message}`, () => {
      const ready = world.condition(world.helmRelease(namespace, name), 'Ready')
      return ready?.status === 'False' && ready.reason === 'SourceNotReady' && ready.message === message
    })
  const ready = (kind: string, namespace: string, name: string, status: string) =>
    waitFor(`${kind} ${namespace}/${name} Ready=${status}`, () => {
      const o = world.get(kind === 'HelmRelease' ? HR : SOURCE, kind, namespace, name)
      return world.condition(o, 'Ready')?.status === status && o
    })

  beforeAll(async () => {
    world = await startFluxWorld()
    folder = mkdtempSync(join(tmpdir(), 'own-charts-'))
    charts.push(writeChart('hello', '1.0.0', { 'templates/cm.yaml': configMap }))
    await packageChart(charts[0]!, folder)
    own = await serveChartRepository(folder)
  })
  afterAll(async () => {
    await world?.stop()
    await own?.stop()
    rmSync(folder, { recursive: true, force: true })
    for (const chart of charts) removeChart(chart)
  })

  it("stores the fetched index.yaml as the artifact, whose revision is the index's digest", async () => {
    world.namespace('idx')
    repository('idx', 'charts', { url: world.repo.url })
    const repo = await ready('HelmRepository', 'idx', 'charts', 'True')
    const index = Buffer.from(await (await fetch(`${world.repo.url}/index.yaml`)).arrayBuffer())
    const revision = `sha256:${createHash('sha256').update(index).digest('hex')}`
    expect(repo.status.artifact).toMatchObject({ revision, digest: revision, size: index.length })
    expect(world.condition(repo, 'Ready')).toMatchObject({
      reason: 'Succeeded',
      message: `stored artifact: revision '${revision}'`,
    })
    expect(repo.status.url).toBe(
      'http://source-controller.flux-system.svc.cluster.local./helmrepository/idx/charts/index.yaml',
    )
  })

  it('upgrades to a new chart version once the repository serves it', async () => {
    world.namespace('up')
    repository('up', 'own', { url: own.url })
    release('up', 'hello', 'hello', '>=1.0.0', 'own')
    await world.until('up', 'hello', 'Ready', 'True', 'InstallSucceeded')
    charts.push(writeChart('hello', '1.1.0', { 'templates/cm.yaml': configMap }))
    await packageChart(charts[1]!, folder)
    // `flux reconcile source helm own`: the new index, then the HelmChart, then the release.
    world.patch(SOURCE, 'HelmRepository', 'up', 'own', (o) => {
      o.metadata.annotations = { 'reconcile.fluxcd.io/requestedAt': 'now' }
    })
    const hr = await world.until('up', 'hello', 'Ready', 'True', 'UpgradeSucceeded')
    expect(world.condition(hr, 'Ready')!.message).toBe(
      'Helm upgrade succeeded for release up/hello.v2 with chart hello@1.1.0',
    )
    expect(world.get('v1', 'ConfigMap', 'up', 'hello')!.data).toEqual({ chart: '1.1.0' })
  })

  it('reports a repository it cannot reach, or one outside the sandbox, as Flux does', async () => {
    world.namespace('down')
    repository('down', 'closed', { url: 'http://127.0.0.1:1/charts' })
    repository('down', 'outside', { url: 'https://charts.example.com' })
    repository('down', 'missing', { url: `${world.repo.url}/nowhere` })
    const message = async (name: string) =>
      world.condition(await ready('HelmRepository', 'down', name, 'False'), 'Ready')
    const prefix = 'failed to fetch Helm repository index: failed to cache index to temporary file: '
    expect(await message('closed')).toMatchObject({
      reason: 'Failed',
      message: `${prefix}Get "http://127.0.0.1:1/charts/index.yaml": dial tcp 127.0.0.1:1: connect: connection refused`,
    })
    expect((await message('outside'))!.message).toBe(
      `${prefix}Get "https://charts.example.com/index.yaml": dial tcp: lookup charts.example.com on 10.43.0.10:53: no such host`,
    )
    expect((await message('missing'))!.message).toBe(
      `${prefix}failed to fetch ${world.repo.url}/nowhere/index.yaml : 404 Not Found`,
    )
    // The HelmChart has nothing to build from; the release passes on why.
    release('down', 'app', 'app', '*', 'closed')
    await notReady(
      'down',
      'app',
      "HelmChart 'down/down-app' is not ready: no artifact available for HelmRepository source 'closed'",
    )
    const chart = world.get(SOURCE, 'HelmChart', 'down', 'down-app')
    expect(world.condition(chart, 'Ready')).toMatchObject({ status: 'False', reason: 'NoSourceArtifact' })
  })

  it('keeps an OCI repository static and fails to pull its charts from a registry the sandbox does not serve', async () => {
    world.namespace('oci')
    repository('oci', 'ghcr', { type: 'oci', url: 'oci://ghcr.io/stefanprodan/charts' })
    release('oci', 'podinfo', 'podinfo', '6.5.4', 'ghcr')
    const pull =
      "chart pull error: failed to download chart for remote reference: failed to get 'oci://ghcr.io/stefanprodan/charts/podinfo:6.5.4': " +
      'Head "https://ghcr.io/v2/stefanprodan/charts/podinfo/manifests/6.5.4": dial tcp: lookup ghcr.io on 10.43.0.10:53: no such host'
    await notReady('oci', 'podinfo', `HelmChart 'oci/oci-podinfo' is not ready: ${pull}`)
    const chart = world.get(SOURCE, 'HelmChart', 'oci', 'oci-podinfo')
    expect(world.condition(chart, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ChartPullError',
      message: pull,
    })
    expect(world.get(SOURCE, 'HelmRepository', 'oci', 'ghcr')!.status ?? {}).toEqual({})
  })

  it('stalls a HelmChart whose version the index does not have, and the release says why', async () => {
    world.namespace('ver')
    repository('ver', 'charts', { url: world.repo.url })
    release('ver', 'app', 'app', '9.9.9', 'charts')
    const reason =
      "invalid chart reference: failed to get chart version for remote reference: no 'app' chart with version matching '9.9.9' found"
    await notReady('ver', 'app', `HelmChart 'ver/ver-app' is not ready: ${reason}`)
    const chart = world.get(SOURCE, 'HelmChart', 'ver', 'ver-app')
    expect(world.condition(chart, 'Stalled')).toMatchObject({
      status: 'True',
      reason: 'InvalidChartReference',
    })
  })
})

const configMap =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  chart: "{{ .Chart.Version }}"\n'
