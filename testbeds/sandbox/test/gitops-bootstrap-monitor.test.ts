import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { Obj } from '../src/util'
import { bootstrapFlux, objectIn, readyIn, useLoopbackCluster } from './flux-bootstrap'
import { waitFor } from './helpers'

// From an empty cluster to the reference layout's monitor: the real flux2 chart with the real helm,
// then clusters/monitor from a local repository, whose APISIX and Grafanas come as HelmReleases from
// the real charts served on 127.0.0.1 — the Grafanas only once their admin password exists — and
// Grafana's route once APISIX has brought its CRDs.
describe('a bare sandbox bootstrapped with flux2 and the reference layout’s monitor cluster', () => {
  const loopback = useLoopbackCluster('monitor', 0.02)
  const { cluster } = loopback
  const environments = ['sit', 'uat', 'prod']

  const get = (apiVersion: string, kind: string, namespace: string, name: string) =>
    objectIn(cluster, apiVersion, kind, namespace, name)
  const ready = (apiVersion: string, kind: string, namespace: string, name: string) =>
    readyIn(cluster, apiVersion, kind, namespace, name)
  const condition = (o: Obj | undefined) => o?.status?.conditions?.find((c: Obj) => c.type === 'Ready')
  const grafana = (environment: string) =>
    get('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'monitoring', `grafana-${environment}`)

  it('installs APISIX, and holds the Grafanas back until their admin password exists', async () => {
    await bootstrapFlux(cluster, loopback.layout)
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
