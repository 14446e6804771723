import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { bootstrapFlux, objectIn, readyIn, useLoopbackCluster } from './flux-bootstrap'
import { waitFor } from './helpers'

// From an empty cluster: the real flux2 chart with the real helm, then the reference layout's sit
// cluster from a local repository, whose add-ons (APISIX, Flagger, the load tester) come as
// HelmReleases from the real charts served on 127.0.0.1; then an app's canary, first with Flagger's
// own Prometheus, then with the metrics server the seed left unreachable.
describe('a bare sandbox bootstrapped with flux2 and the reference layout', () => {
  const loopback = useLoopbackCluster('sit', 0.02)
  const { cluster } = loopback

  const rt = (apiVersion: string, kind: string) => cluster.sandbox.store.registry.byKind(apiVersion, kind)
  const get = (apiVersion: string, kind: string, namespace: string, name: string) =>
    objectIn(cluster, apiVersion, kind, namespace, name)
  const ready = (apiVersion: string, kind: string, namespace: string, name: string) =>
    readyIn(cluster, apiVersion, kind, namespace, name)
  const canary = () => get('flagger.app/v1beta1', 'Canary', 'demo-go', 'go-demo')
  const phase = (want: string) =>
    waitFor(`go-demo's canary ${want}`, () => canary()?.status?.phase === want, 120_000)
  const events = () =>
    cluster.sandbox.store
      .list(rt('v1', 'Event')!, 'demo-go')
      .filter((e) => e.involvedObject?.kind === 'Canary')
      .map((e) => e.message as string)
  const primaryImage = () =>
    get('apps/v1', 'Deployment', 'demo-go', 'go-demo-primary')!.spec.template.spec.containers[0].image
  /** Commits a change, as bump-gitops-tag would, and asks Flux to look now. */
  const commit = (message: string) => {
    loopback.layout.commit(message)
    const sources = rt('source.toolkit.fluxcd.io/v1', 'GitRepository')!
    const source = cluster.sandbox.store.get(sources, 'flux-system', 'gitops')!
    source.metadata.annotations = {
      ...source.metadata.annotations,
      'reconcile.fluxcd.io/requestedAt': message,
    }
    cluster.sandbox.store.update(sources, source)
  }
  const release = (tag: string) => {
    const file = 'apps/go-demo/sit/release.yaml'
    const doc = parseDocument(loopback.layout.read(file))
    doc.setIn(['spec', 'values', 'image', 'tag'], tag)
    doc.setIn(
      ['spec', 'values', 'canary', 'loadtester', 'loadTest'],
      'hey -z 1m -q 5 -c 2 http://go-demo.sit.example.com/',
    )
    loopback.layout.write(file, doc.toString())
    commit(`go-demo ${tag} in sit`)
  }

  it('installs the add-ons from the chart repository through Flux, and initializes the apps’ canaries', async () => {
    await bootstrapFlux(cluster, loopback.layout)
    await ready('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'addons')
    for (const [namespace, name] of [
      ['apisix', 'apisix'],
      ['flagger-system', 'flagger'],
      ['flagger-system', 'flagger-loadtester'],
    ] as const) {
      const hr = await ready('helm.toolkit.fluxcd.io/v2', 'HelmRelease', namespace, name)
      expect(hr.status.history[0]).toMatchObject({ status: 'deployed', version: 1 })
    }
    expect(get('source.toolkit.fluxcd.io/v1', 'HelmRepository', 'flux-system', 'flagger')!.spec.url).toBe(
      loopback.charts.url,
    )
    // Flagger runs as its chart configured it for the layout's values.
    expect(cluster.lines).toContain('flagger: running as Deployment flagger-system/flagger')
    expect(
      get('apps/v1', 'Deployment', 'flagger-system', 'flagger')!.spec.template.spec.containers[0].command,
    ).toEqual(
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
    expect(primaryImage()).toBe('registry.example.com/demo/go-demo:v2.0.0')
  }, 180_000)

  it('fails the next release with Flagger’s message once its metrics server is unreachable', async () => {
    // The seed's mistake, as a change to the cluster's overlay: Flagger without its own Prometheus.
    loopback.layout.patchAddons([
      {
        target: { kind: 'HelmRelease', name: 'flagger' },
        patch: '- { op: replace, path: /spec/values/prometheus/install, value: false }\n',
      },
    ])
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
    expect(messages.find((m) => m.startsWith('Prometheus query failed: '))).toMatch(
      /^Prometheus query failed: request failed: Get "http:\/\/prometheus:9090\/api\/v1\/query\?query=\+sum%28\+rate%28\+apisix_http_status.*": dial tcp: lookup prometheus on 10\.43\.0\.10:53: no such host$/,
    )
    expect(messages).toContain('Rolling back go-demo.demo-go failed checks threshold reached 3')
    expect(primaryImage()).toBe('registry.example.com/demo/go-demo:v2.0.0')
  }, 240_000)
})
