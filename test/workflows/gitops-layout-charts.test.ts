// The add-ons of the reference layout rendered by the real helm from the pinned charts in
// ../shared/fixtures/charts, with the values each cluster gives them: what the values mean is what
// the chart does with them, and a key the chart does not read changes nothing.
import { join } from 'node:path'
import type { Obj } from '@canary-delivery/sandbox'
import { describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { checkGitopsLayout } from '../../scripts/gitops-layout'
import { helmTemplate, type RenderedObject, sharedChartsDir } from '../../testbeds/tools/src/index'

const reference = join(import.meta.dirname, '../../workflows-examples/gitops')

/** A release as Flux would render it on that cluster (valuesFrom given as Flux merges it). */
async function render(environment: string, name: string, fromSecrets: Obj = {}): Promise<RenderedObject[]> {
  const release = checkGitopsLayout(reference, environment).objects.find(
    (o) => o.kind === 'HelmRelease' && o.metadata.name === name,
  )
  if (!release) throw new Error(`${environment} has no HelmRelease ${name}`)
  const charts = sharedChartsDir()
  if (!charts) throw new Error('../shared/fixtures/charts is missing: clone ../shared beside the repository')
  const { chart, version } = release.spec.chart.spec
  return helmTemplate(stringify({ ...release.spec.values, ...fromSecrets }), {
    chart: join(charts, `${chart}-${version}.tgz`),
    release: name,
    namespace: release.metadata.namespace,
  })
}
const get = (objects: RenderedObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name)
  if (!found) throw new Error(`the chart rendered no ${kind} ${name}`)
  return found as Obj
}

describe('the reference layout’s add-ons, rendered by the pinned charts', () => {
  it('APISIX: the gateway on a LoadBalancer that keeps client addresses, metrics where Prometheus scrapes', async () => {
    const objects = await render('sit', 'apisix')
    // The apps' load tests and Flagger's canary route go through this Service (apisix-gateway.apisix).
    expect(get(objects, 'Service', 'apisix-gateway').spec).toMatchObject({
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      ports: [expect.objectContaining({ port: 80 })],
    })
    expect(get(objects, 'Deployment', 'apisix').spec.template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9091',
      'prometheus.io/path': '/apisix/prometheus/metrics',
    })
    const config = parse(get(objects, 'ConfigMap', 'apisix').data['config.yaml'])
    expect(config.plugin_attr.prometheus).toMatchObject({
      export_addr: { ip: '0.0.0.0', port: 9091 },
      export_uri: '/apisix/prometheus/metrics',
      metric_prefix: 'apisix_',
    })
  }, 60_000)

  it.each(['sit', 'prod'])(
    'Flagger in %s: the apisix provider, its own Prometheus behind the published route, the cluster named in alerts',
    async (environment) => {
      const objects = await render(environment, 'flagger')
      const [container] = get(objects, 'Deployment', 'flagger').spec.template.spec.containers
      expect(container.command).toEqual(
        expect.arrayContaining([
          '-mesh-provider=apisix',
          '-metrics-server=http://flagger-prometheus:9090',
          `-cluster-name=${environment}`,
        ]),
      )
      // The backend of infrastructure/metrics-route.
      expect(get(objects, 'Service', 'flagger-prometheus').spec.ports).toEqual([
        expect.objectContaining({ port: 9090 }),
      ])
    },
    60_000,
  )

  it('the load tester answers at the URL the canary webhooks call', async () => {
    const objects = await render('sit', 'flagger-loadtester')
    // http://flagger-loadtester.flagger-system/ — the Service name and port 80.
    expect(get(objects, 'Service', 'flagger-loadtester').spec.ports).toEqual([
      expect.objectContaining({ port: 80 }),
    ])
  }, 60_000)

  it.each(['sit', 'uat', 'prod'])(
    "monitor's Grafana for %s: its one data source on that environment's Prometheus, a password, no anonymous admin",
    async (environment) => {
      const objects = await render('monitor', `grafana-${environment}`, { password: 'from-the-secret' })
      const sources = parse(
        get(objects, 'ConfigMap', `grafana-${environment}-datasources`).data['datasources.yaml'],
      )
      expect(sources.datasources).toEqual([
        expect.objectContaining({ name: 'prometheus', url: `http://prometheus.${environment}.example.com` }),
      ])
      const env = get(objects, 'Deployment', `grafana-${environment}`).spec.template.spec.containers[0].env
      expect(env).toContainEqual({ name: 'GF_SECURITY_ADMIN_PASSWORD', value: 'from-the-secret' })
      expect(env.map((e: Obj) => e.name)).not.toContain('GF_AUTH_ANONYMOUS_ENABLED')
      // The backend monitor's grafana route names.
      expect(get(objects, 'Service', `grafana-${environment}`).spec.ports).toEqual([
        expect.objectContaining({ port: 80 }),
      ])
      // Flagger's canary dashboards come with the chart.
      expect(Object.keys(get(objects, 'ConfigMap', `grafana-${environment}-dashboards`).data).sort()).toEqual(
        ['appmesh.json', 'envoy.json', 'istio.json'],
      )
    },
    60_000,
  )
})
