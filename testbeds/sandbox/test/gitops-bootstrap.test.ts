import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseDocument, stringify } from 'yaml'
import { type ChartRepository, serveChartRepository } from '../src/chart-repository'
import type { Obj } from '../src/util'
import { useBareCluster } from './bare-cluster'
import { repoRoot, sharedChart, sharedChartsDir, waitFor } from './helpers'

const LAYOUT = join(repoRoot, 'workflows-examples/gitops')
const APP_CHART = join(repoRoot, 'workflows-examples/charts/app')

/**
 * The overlay a user would add to point the reference layout at this machine, leaving the committed
 * files as they are: the cluster's sync on the local repository, and (through the `addons`
 * Kustomization's own patches) the Helm repositories on the loopback chart repository and the app
 * chart on the same local repository. The layout pins the load tester at 0.36.0; the real charts at
 * hand are Flagger 1.44.0's, with the load tester 0.38.0.
 */
function overlay(gitopsUrl: string, chartsUrl: string, extraAddonPatches: Obj[] = []): string {
  const replace = (path: string, value: unknown) => stringify([{ op: 'replace', path, value }])
  const addonPatches = [
    { target: { kind: 'HelmRepository' }, patch: replace('/spec/url', chartsUrl) },
    { target: { kind: 'GitRepository', name: 'app-chart' }, patch: replace('/spec/url', gitopsUrl) },
    {
      target: { kind: 'HelmRelease', name: 'flagger-loadtester' },
      patch: replace('/spec/chart/spec/version', '0.38.0'),
    },
    ...extraAddonPatches,
  ]
  return stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['../sit'],
    patches: [
      { target: { kind: 'GitRepository', name: 'gitops' }, patch: replace('/spec/url', gitopsUrl) },
      {
        target: { kind: 'Kustomization', name: 'cluster' },
        patch: replace('/spec/path', './clusters/sit-loopback'),
      },
      {
        target: { kind: 'Kustomization', name: 'addons' },
        patch: stringify([{ op: 'add', path: '/spec/patches', value: addonPatches }]),
      },
    ],
  })
}

// From an empty cluster: the real flux2 chart with the real helm, then the reference layout's sit
// cluster from a local repository, whose add-ons (APISIX, Flagger, the load tester) come as
// HelmReleases from the real charts served on 127.0.0.1; then an app's canary, first with Flagger's
// own Prometheus, then with the metrics server the seed left unreachable.
describe('a bare sandbox bootstrapped with flux2 and the reference layout', () => {
  let dir: string
  let work: string
  let bare: string
  let charts: ChartRepository

  const git = (...args: string[]) =>
    execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      encoding: 'utf8',
    })
  const rt = (apiVersion: string, kind: string) => cluster.sandbox.store.registry.byKind(apiVersion, kind)!
  const ready = (apiVersion: string, kind: string, namespace: string, name: string) =>
    waitFor(
      `${kind} ${namespace}/${name} Ready`,
      () => {
        const o = rt(apiVersion, kind) && cluster.sandbox.store.get(rt(apiVersion, kind), namespace, name)
        const c = o?.status?.conditions?.find((x: Obj) => x.type === 'Ready')
        return c?.status === 'True' && o?.status.observedGeneration === o?.metadata.generation && o
      },
      180_000,
    )
  const canary = () => cluster.sandbox.store.get(rt('flagger.app/v1beta1', 'Canary'), 'demo-go', 'go-demo')
  const phase = (want: string) =>
    waitFor(`go-demo's canary ${want}`, () => canary()?.status?.phase === want, 120_000)
  const events = () =>
    cluster.sandbox.store
      .list(rt('v1', 'Event'), 'demo-go')
      .filter((e) => e.involvedObject?.kind === 'Canary')
      .map((e) => e.message as string)
  /** Commits a change, as bump-gitops-tag would, and asks Flux to look now. */
  const commit = (message: string) => {
    git('commit', '--quiet', '-am', message)
    git('push', '--quiet', bare, 'main')
    const source = cluster.sandbox.store.get(
      rt('source.toolkit.fluxcd.io/v1', 'GitRepository'),
      'flux-system',
      'gitops',
    )!
    source.metadata.annotations = {
      ...source.metadata.annotations,
      'reconcile.fluxcd.io/requestedAt': message,
    }
    cluster.sandbox.store.update(rt('source.toolkit.fluxcd.io/v1', 'GitRepository'), source)
  }
  const release = (tag: string) => {
    const file = join(work, 'apps/go-demo/sit/release.yaml')
    const doc = parseDocument(readFileSync(file, 'utf8'))
    doc.setIn(['spec', 'values', 'image', 'tag'], tag)
    doc.setIn(
      ['spec', 'values', 'canary', 'loadtester', 'loadTest'],
      'hey -z 1m -q 5 -c 2 http://go-demo.sit.example.com/',
    )
    writeFileSync(file, doc.toString())
    commit(`go-demo ${tag} in sit`)
  }

  const cluster = useBareCluster(0.02, {
    async before() {
      sharedChart('flux2-2.18.3.tgz') // a clear message naming the path when ../shared is missing
      dir = mkdtempSync(join(tmpdir(), 'gitops-bootstrap-'))
      work = join(dir, 'work')
      bare = join(dir, 'gitops.git')
      charts = await serveChartRepository(sharedChartsDir())
      cpSync(LAYOUT, work, { recursive: true })
      cpSync(APP_CHART, join(work, 'workflows-examples/charts/app'), { recursive: true })
      mkdirSync(join(work, 'clusters/sit-loopback'))
      writeFileSync(
        join(work, 'clusters/sit-loopback/kustomization.yaml'),
        overlay(pathToFileURL(bare).href, charts.url),
      )
      execFileSync('git', ['init', '--quiet', '--initial-branch=main', work])
      execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare])
      git('add', '--all')
      git('commit', '--quiet', '-m', 'the reference layout, on this machine')
      git('tag', 'v1.0.0') // the app chart's pinned tag
      git('push', '--quiet', bare, 'main', 'v1.0.0')
    },
    async after() {
      await charts?.stop()
      if (dir) rmSync(dir, { recursive: true, force: true })
    },
  })

  it('installs the add-ons from the chart repository through Flux, and initializes the apps’ canaries', async () => {
    await cluster.helm(
      'install',
      'flux',
      sharedChart('flux2-2.18.3.tgz'),
      '-n',
      'flux-system',
      '--create-namespace',
      '--wait',
      '--timeout',
      '180s',
    )
    const bootstrap = join(dir, 'bootstrap.yaml')
    writeFileSync(
      bootstrap,
      stringify({
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'gitops', namespace: 'flux-system' },
        spec: { interval: '1m', url: pathToFileURL(bare).href, ref: { branch: 'main' } },
      }) +
        '---\n' +
        stringify({
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          metadata: { name: 'cluster', namespace: 'flux-system' },
          spec: {
            interval: '10m',
            path: './clusters/sit-loopback',
            prune: true,
            sourceRef: { kind: 'GitRepository', name: 'gitops' },
          },
        }),
    )
    await cluster.kubectl('apply', '-f', bootstrap)
    await ready('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'addons')
    for (const [namespace, name] of [
      ['apisix', 'apisix'],
      ['flagger-system', 'flagger'],
      ['flagger-system', 'flagger-loadtester'],
    ] as const) {
      const hr = await ready('helm.toolkit.fluxcd.io/v2', 'HelmRelease', namespace, name)
      expect(hr.status.history[0]).toMatchObject({ status: 'deployed', version: 1 })
    }
    expect(
      cluster.sandbox.store.get(
        rt('source.toolkit.fluxcd.io/v1', 'HelmRepository'),
        'flux-system',
        'flagger',
      )!.spec.url,
    ).toBe(charts.url)
    // Flagger runs as its chart configured it for the layout's values.
    expect(cluster.lines).toContain('flagger: running as Deployment flagger-system/flagger')
    const flagger = cluster.sandbox.store.get(rt('apps/v1', 'Deployment'), 'flagger-system', 'flagger')!
    expect(flagger.spec.template.spec.containers[0].command).toEqual(
      expect.arrayContaining(['-mesh-provider=apisix', '-metrics-server=http://flagger-prometheus:9090']),
    )
    await ready('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'apps')
    await phase('Initialized')
    expect(canary()!.spec.provider).toBe('apisix')
  }, 300_000)

  it('runs a release of go-demo through its canary, load tester and Prometheus to Succeeded', async () => {
    release('v2.0.0')
    await phase('Progressing')
    await phase('Succeeded')
    const messages = events()
    expect(messages).toContain('Advance go-demo.demo-go canary weight 50')
    expect(messages).toContain('Promotion completed! Scaling down go-demo.demo-go')
    const primary = cluster.sandbox.store.get(rt('apps/v1', 'Deployment'), 'demo-go', 'go-demo-primary')!
    expect(primary.spec.template.spec.containers[0].image).toBe('registry.example.com/demo/go-demo:v2.0.0')
  }, 180_000)

  it('fails the next release with Flagger’s message once its metrics server is unreachable', async () => {
    // The seed's mistake, as a change to the cluster's overlay: Flagger without its own Prometheus.
    writeFileSync(
      join(work, 'clusters/sit-loopback/kustomization.yaml'),
      overlay(pathToFileURL(bare).href, charts.url, [
        {
          target: { kind: 'HelmRelease', name: 'flagger' },
          patch: stringify([{ op: 'replace', path: '/spec/values/prometheus/install', value: false }]),
        },
      ]),
    )
    commit('flagger without its Prometheus')
    await waitFor(
      'Flagger restarted on http://prometheus:9090',
      () =>
        cluster.lines.some((l) => l.startsWith('flagger: Metrics server http://prometheus:9090 unreachable')),
      120_000,
    )
    release('v3.0.0')
    await phase('Failed')
    const messages = events()
    const failed = messages.find((m) => m.startsWith('Prometheus query failed: '))
    expect(failed).toMatch(
      /^Prometheus query failed: request failed: Get "http:\/\/prometheus:9090\/api\/v1\/query\?query=\+sum%28\+rate%28\+apisix_http_status.*": dial tcp: lookup prometheus on 10\.43\.0\.10:53: no such host$/,
    )
    expect(messages).toContain('Rolling back go-demo.demo-go failed checks threshold reached 3')
    const primary = cluster.sandbox.store.get(rt('apps/v1', 'Deployment'), 'demo-go', 'go-demo-primary')!
    expect(primary.spec.template.spec.containers[0].image).toBe('registry.example.com/demo/go-demo:v2.0.0')
  }, 240_000)
})
