import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { type ChartRepository, serveChartRepository } from '../src/chart-repository'
import { type LoopbackLayout, loopbackLayout } from '../src/reference-layout'
import type { Obj } from '../src/util'
import { useBareCluster } from './bare-cluster'
import { scratch, sharedChart, sharedChartsDir, waitFor } from './helpers'

// From an empty cluster to the reference layout's monitor: the real flux2 chart with the real helm,
// then clusters/monitor from a local repository, whose APISIX and Grafanas come as HelmReleases from
// the real charts served on 127.0.0.1 — the Grafanas only once their admin password exists — and
// Grafana's route once APISIX has brought its CRDs.
describe('a bare sandbox bootstrapped with flux2 and the reference layout’s monitor cluster', () => {
  let charts: ChartRepository
  let layout: LoopbackLayout
  const cluster = useBareCluster(0.02, {
    async before() {
      sharedChart('flux2-2.18.3.tgz') // a clear message naming the path when ../shared is missing
      charts = await serveChartRepository(sharedChartsDir())
      layout = loopbackLayout({ chartsUrl: charts.url, cluster: 'monitor' })
    },
    async after() {
      await charts?.stop()
      layout?.remove()
    },
  })
  const environments = ['sit', 'uat', 'prod']

  const get = (apiVersion: string, kind: string, namespace: string, name: string) => {
    const t = cluster.sandbox.store.registry.byKind(apiVersion, kind)
    return t ? cluster.sandbox.store.get(t, namespace, name) : undefined
  }
  const condition = (o: Obj | undefined) => o?.status?.conditions?.find((c: Obj) => c.type === 'Ready')
  const ready = (apiVersion: string, kind: string, namespace: string, name: string) =>
    waitFor(
      `${kind} ${namespace}/${name} Ready`,
      () => {
        const o = get(apiVersion, kind, namespace, name)
        return condition(o)?.status === 'True' && o?.status.observedGeneration === o?.metadata.generation && o
      },
      180_000,
    )
  const grafana = (environment: string) =>
    get('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'monitoring', `grafana-${environment}`)

  it('installs APISIX, and holds the Grafanas back until their admin password exists', async () => {
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
    const files = scratch('gitops-bootstrap-monitor-')
    try {
      await cluster.kubectl('apply', '-f', files.file('bootstrap.yaml', layout.bootstrap))
    } finally {
      files.cleanup()
    }
    const apisix = await ready('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'apisix', 'apisix')
    expect(apisix.status.history[0]).toMatchObject({ status: 'deployed', chartVersion: '2.10.0' })
    // Without the Secret the chart would make every visitor an anonymous admin: Flux installs nothing.
    await waitFor(
      'grafana-sit waiting for its password',
      () => condition(grafana('sit'))?.message?.includes("could not find Secret 'monitoring/grafana-admin'"),
      120_000,
    )
    expect(get('apps/v1', 'Deployment', 'monitoring', 'grafana-sit')).toBeUndefined()
  }, 300_000)

  it('runs one Grafana per environment on its Prometheus once the Secret is there, and publishes each', async () => {
    await cluster.kubectl(
      '-n',
      'monitoring',
      'create',
      'secret',
      'generic',
      'grafana-admin',
      '--from-literal=password=made-by-a-person',
    )
    // As `flux reconcile helmrelease` does: Flux does not watch a Secret it was not told to.
    for (const environment of environments) {
      const release = grafana(environment)!
      await cluster.kubectl(
        '-n',
        'monitoring',
        'annotate',
        '--overwrite',
        'helmrelease',
        release.metadata.name,
        `reconcile.fluxcd.io/requestedAt=${Date.now()}`,
      )
    }
    for (const environment of environments) {
      const release = await ready(
        'helm.toolkit.fluxcd.io/v2',
        'HelmRelease',
        'monitoring',
        `grafana-${environment}`,
      )
      expect(release.status.history[0]).toMatchObject({ status: 'deployed', chartVersion: '1.7.0' })
      const sources = parse(
        get('v1', 'ConfigMap', 'monitoring', `grafana-${environment}-datasources`)!.data['datasources.yaml'],
      )
      expect(sources.datasources[0].url).toBe(`http://prometheus.${environment}.example.com`)
      const [container] = get('apps/v1', 'Deployment', 'monitoring', `grafana-${environment}`)!.spec.template
        .spec.containers
      expect(container.env).toContainEqual({ name: 'GF_SECURITY_ADMIN_PASSWORD', value: 'made-by-a-person' })
    }
    await ready('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'addons')
    await ready('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'routes')
    const route = get('apisix.apache.org/v2', 'ApisixRoute', 'monitoring', 'grafana')!
    expect(route.spec.http.map((rule: Obj) => [rule.match.hosts[0], rule.backends[0].serviceName])).toEqual(
      environments.map((environment) => [
        `grafana-${environment}.monitor.example.com`,
        `grafana-${environment}`,
      ]),
    )
  }, 300_000)
})
