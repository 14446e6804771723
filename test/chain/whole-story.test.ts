// The whole story as `pnpm demo` tells it, with its steps checked: provision-infra plans and applies
// (real terraform) a module whose hosts are empty sandbox clusters; bootstrap-addons takes each to
// ready through the kubeconfig of its host, Flux installing the real add-on charts from 127.0.0.1
// with the real helm; then a good release is promoted and a bad one stopped and reverted.
//
// The demo runs all five environments; this test runs three (monitor: the Grafanas and the gateway
// checks; sit and uat: the delivery path and a promotion between them) to keep CI's wall time down.
// testbeds/chain/README.md has both times.
import {
  bootstrapEnvironments,
  canaryOf,
  deliverRelease,
  deliveryClusters,
  type EnvironmentReady,
  fluxChartOf,
  type Infrastructure,
  primaryImage,
  provisionInfrastructure,
  startWholeStory,
  type WholeStory,
} from '@canary-delivery/chain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const TIME_SCALE = 0.01
// Three clusters' worth of helm, a dozen bundles and real terraform: minutes on a busy machine.
const TIMEOUT_MS = 600_000
const ENVIRONMENTS = ['monitor', 'sit', 'uat']
const DELIVERY = ['sit', 'uat']
const python = {
  name: 'python-demo',
  namespace: 'demo-python',
  image: 'registry.example.com/demo/python-demo',
  tag: 'v1.0.0',
}
const env = { WAIT_FOR_CANARY_STALE_GRACE_MS: '1800' }

let story: WholeStory
let infra: Infrastructure
let ready: Record<string, EnvironmentReady>

beforeAll(async () => {
  story = await startWholeStory({
    apps: [python],
    environments: ENVIRONMENTS,
    delivery: DELIVERY,
    timeScale: TIME_SCALE,
    scenario: { images: { [`${python.image}:v3.0.0-bad`]: { successRate: 42 } } },
  })
}, TIMEOUT_MS)
afterAll(async () => {
  await story?.stop()
})

const helmRelease = (environment: string, namespace: string, name: string) => {
  const sandbox = story.sandboxes[environment]!
  const type = sandbox.store.registry.byKind('helm.toolkit.fluxcd.io/v2', 'HelmRelease')
  return type ? sandbox.store.get(type, namespace, name) : undefined
}
const running = (r: EnvironmentReady) =>
  Object.fromEntries(r.addons.filter((a) => !a.chart.includes('/')).map((a) => [a.name, a.running]))

describe('the whole story, from empty clusters', { timeout: TIMEOUT_MS }, () => {
  it('provision-infra applies the reviewed plan, whose hosts are the clusters', async () => {
    const lines: string[] = []
    infra = await provisionInfrastructure({
      root: story.root,
      clusters: story.addresses(),
      onLine: ({ command, line }) => lines.push(`${command}: ${line}`),
    })
    expect(infra.planned).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(lines).toContain(`plan: Plan fingerprint: ${infra.planned}`)
    expect(infra.result).toBe('applied')
    expect(infra.applied).toBe(infra.planned)
    expect(lines).toContain(
      `apply: Apply complete! Resources: ${ENVIRONMENTS.length} added, 0 changed, 0 destroyed.`,
    )
    for (const environment of ENVIRONMENTS) {
      const server = new URL(story.sandboxes[environment]!.url)
      expect(infra.hosts[environment]).toMatchObject({
        address: server.hostname,
        hostname: `${environment}.example.com`,
      })
      expect(infra.apiPorts[environment]).toBe(Number(server.port))
      expect(infra.kubeconfig(environment)).toContain(`server: ${server.origin}`)
    }
  })

  it('bootstrap-addons takes every cluster to ready: Flux from its chart, the add-ons through Flux', async () => {
    ready = await bootstrapEnvironments(story, infra)
    for (const environment of ENVIRONMENTS) {
      expect([environment, ready[environment]!.result, ready[environment]!.errors]).toEqual([
        environment,
        'ready',
        [],
      ])
      expect(ready[environment]!.fluxVersion).toBe('2.8.5')
      // The cluster at the port Terraform handed on runs Flux from the flux2 chart.
      expect(fluxChartOf(story.sandboxes[environment]!)).toBe('flux2-2.18.3')
    }
    for (const environment of DELIVERY) {
      expect(running(ready[environment]!)).toEqual({
        apisix: '2.10.0',
        flagger: '1.44.0',
        'flagger-loadtester': '0.38.0',
      })
      // What the outputs say is what Flux installed in that cluster.
      for (const [namespace, name, chart] of [
        ['apisix', 'apisix', 'apisix@2.10.0'],
        ['flagger-system', 'flagger', 'flagger@1.44.0'],
        ['flagger-system', 'flagger-loadtester', 'loadtester@0.38.0'],
      ] as const) {
        const history = helmRelease(environment, namespace, name)?.status?.history?.[0]
        expect(`${history?.chartName}@${history?.chartVersion}`).toBe(chart)
        expect(history?.status).toBe('deployed')
      }
    }
    // monitor runs no canaries: the gateway and the Grafanas, once their admin password existed.
    expect(running(ready.monitor!)).toEqual({
      apisix: '2.10.0',
      'grafana-sit': '1.7.0',
      'grafana-uat': '1.7.0',
      'grafana-prod': '1.7.0',
    })
    expect(helmRelease('monitor', 'flagger-system', 'flagger')).toBeUndefined()
  })

  it('then promotes a good release in sit and uat, and stops a bad one in sit with Git reverted', async () => {
    const clusters = await deliveryClusters(story, infra)
    expect(clusters.map((c) => c.kubeconfig)).toEqual(DELIVERY.map((e) => infra.kubeconfig(e)))
    const release = (tag: string) =>
      deliverRelease({ config: story.config(python.name), tag, clusters, workspace: story.workspace, env })

    const good = await release('v2.0.0')
    expect(good.map((o) => [o.environment, o.result])).toEqual([
      ['sit', 'succeeded'],
      ['uat', 'succeeded'],
    ])
    for (const environment of DELIVERY) {
      expect(await story.gitops.tag(python.name, environment)).toBe('v2.0.0')
      expect(primaryImage(story.sandboxes[environment]!, python.namespace, python.name)).toBe(
        `${python.image}:v2.0.0`,
      )
    }

    const bad = await release('v3.0.0-bad')
    expect(bad.map((o) => [o.environment, o.result])).toEqual([
      ['sit', 'failed'],
      ['uat', 'skipped'],
    ])
    expect(bad[0]!.error).toMatch(/Rolling back python-demo\.demo-python failed checks threshold reached/)
    expect(bad[0]!.previousTag).toBe('v2.0.0')
    expect(bad[0]!.revertCommit).toMatch(/^[0-9a-f]{40}$/)
    for (const environment of DELIVERY) {
      expect(await story.gitops.tag(python.name, environment)).toBe('v2.0.0')
      expect(primaryImage(story.sandboxes[environment]!, python.namespace, python.name)).toBe(
        `${python.image}:v2.0.0`,
      )
    }
    expect(canaryOf(story.sandboxes.sit!, python.namespace, python.name)?.status?.phase).toBe('Failed')
    expect(canaryOf(story.sandboxes.uat!, python.namespace, python.name)?.status?.phase).toBe('Succeeded')
    const log = await story.gitops.log()
    expect(log[0]).toMatch(/revert python-demo in sit to v2\.0\.0: the canary of v3\.0\.0-bad failed/)
    expect(log.filter((line) => line.includes('v3.0.0-bad') && line.includes(' uat'))).toEqual([])
  })

  it('leaves the infrastructure as the code says: no drift', async () => {
    expect(await infra.check()).toBe('no-changes')
  })
})
