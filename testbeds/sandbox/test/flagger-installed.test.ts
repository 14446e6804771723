import { beforeAll, describe, expect, it } from 'vitest'
import type { Obj } from '../src/util'
import { useBareCluster } from './bare-cluster'
import { sharedChart, waitFor } from './helpers'

// Flagger in a bare sandbox comes from its real chart, installed with the real helm: the model runs
// while Flagger's Deployment is available, configured from its command line; its metrics server and
// the load tester are reached through the cluster's Services.
describe('Flagger from its chart in a bare sandbox', () => {
  const cluster = useBareCluster(0.01)
  /** Store changes in order: `Deployment flagger-system/flagger available` and `Canary apps/app status`. */
  const timeline: string[] = []

  const rt = (apiVersion: string, kind: string) => cluster.sandbox.store.registry.byKind(apiVersion, kind)!
  const canary = (ns: string, name = 'app') =>
    cluster.sandbox.store.get(rt('flagger.app/v1beta1', 'Canary'), ns, name)
  const events = (ns: string) =>
    cluster.sandbox.store
      .list(rt('v1', 'Event'), ns)
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => e.message as string)
  const phase = (ns: string, want: string) =>
    waitFor(`canary ${ns}/app ${want}`, () => canary(ns)?.status?.phase === want && canary(ns))
  const flagger = (...values: string[]) => [
    sharedChart('flagger-1.44.0.tgz'),
    '-n',
    'flagger-system',
    '--wait',
    '--timeout',
    '120s',
    ...values.flatMap((v) => ['--set', v]),
  ]
  const app = (ns: string, analysis: Obj, image = 'example.com/app:1') => {
    cluster.sandbox.store.create(rt('v1', 'Namespace'), { metadata: { name: ns } })
    cluster.sandbox.store.create(rt('apps/v1', 'Deployment'), {
      metadata: { name: 'app', namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'app' } },
        template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'app', image }] } },
      },
    })
    cluster.sandbox.store.create(rt('flagger.app/v1beta1', 'Canary'), {
      metadata: { name: 'app', namespace: ns },
      spec: {
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' },
        service: { port: 80 },
        analysis: {
          interval: '10s',
          threshold: 2,
          maxWeight: 20,
          stepWeight: 10,
          metrics: [
            { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
            { name: 'request-duration', thresholdRange: { max: 500 }, interval: '1m' },
          ],
          ...analysis,
        },
      },
    })
  }
  const setImage = (ns: string, image: string) => {
    const d = cluster.sandbox.store.get(rt('apps/v1', 'Deployment'), ns, 'app')!
    d.spec.template.spec.containers[0].image = image
    cluster.sandbox.store.update(rt('apps/v1', 'Deployment'), d)
  }

  beforeAll(() => {
    cluster.sandbox.store.subscribe((e) => {
      const o = e.object
      if (
        e.rt.kind === 'Deployment' &&
        o.metadata.name === 'flagger' &&
        (o.status?.availableReplicas ?? 0) > 0
      )
        timeline.push(`Deployment ${o.metadata.namespace}/flagger available`)
      if (e.rt.kind === 'Canary' && o.status)
        timeline.push(`Canary ${o.metadata.namespace}/${o.metadata.name} status`)
    })
  })

  it('stays idle until its Deployment is available, then watches only the namespace its arguments name', async () => {
    // The chart's CRDs, and a Flagger with no pods yet.
    await cluster.helm(
      'install',
      'flagger',
      ...flagger('meshProvider=kubernetes', 'namespace=apps', 'leaderElection.replicaCount=0'),
      '--create-namespace',
    )
    app('apps', {})
    app('elsewhere', {})
    expect(canary('apps')!.status).toBeUndefined()
    await cluster.helm('upgrade', 'flagger', ...flagger('leaderElection.replicaCount=1'), '--reuse-values')
    await phase('apps', 'Initialized')
    const started = timeline.indexOf('Deployment flagger-system/flagger available')
    expect(started).toBeGreaterThanOrEqual(0)
    expect(timeline.indexOf('Canary apps/app status')).toBeGreaterThan(started)
    // -namespace=apps: the Canary next door is not Flagger's business.
    expect(canary('elsewhere')!.status).toBeUndefined()
    expect(cluster.lines).toContain('flagger: running as Deployment flagger-system/flagger')
  })

  it('fails a canary whose metrics server it cannot reach, with Flagger’s messages', async () => {
    // The chart's default metrics server, http://prometheus:9090, is no Service in this cluster.
    expect(cluster.lines).toContain(
      'flagger: Metrics server http://prometheus:9090 unreachable running query failed: request failed: Get "http://prometheus:9090/api/v1/query?query=vector%281%29": dial tcp: lookup prometheus on 10.43.0.10:53: no such host',
    )
    expect(events('apps')).toContain(
      'Error checking metric providers: prometheus not avaiable: running query failed: request failed: Get "http://prometheus:9090/api/v1/query?query=vector%281%29": dial tcp: lookup prometheus on 10.43.0.10:53: no such host',
    )
    setImage('apps', 'example.com/app:2')
    await phase('apps', 'Failed')
    const query =
      '+sum%28+rate%28+http_request_duration_seconds_count%7B+kubernetes_namespace%3D%22apps%22%2C+kubernetes_pod_name%3D~%22app-%5B0-9a-zA-Z%5D%2B%28-%5B0-9a-zA-Z%5D%2B%29%22%2C+status%21~%225.%2A%22+%7D%5B1m%5D+%29+%29+%2F+sum%28+rate%28+http_request_duration_seconds_count%7B+kubernetes_namespace%3D%22apps%22%2C+kubernetes_pod_name%3D~%22app-%5B0-9a-zA-Z%5D%2B%28-%5B0-9a-zA-Z%5D%2B%29%22+%7D%5B1m%5D+%29+%29+%2A+100'
    const messages = events('apps')
    expect(messages).toContain(
      `Prometheus query failed: request failed: Get "http://prometheus:9090/api/v1/query?query=${query}": dial tcp: lookup prometheus on 10.43.0.10:53: no such host`,
    )
    expect(messages).toContain('Rolling back app.apps failed checks threshold reached 2')
  })

  it('restarts with new arguments: its own Prometheus, reachable, lets the next canary through', async () => {
    await cluster.helm('upgrade', 'flagger', ...flagger('prometheus.install=true'), '--reuse-values')
    // helm waited for the new Flagger and its Prometheus; the model restarted with the new command line.
    await waitFor(
      'Flagger restarted',
      () =>
        cluster.lines.filter((l) => l === 'flagger: running as Deployment flagger-system/flagger').length ===
        2,
    )
    const deployment = cluster.sandbox.store.get(rt('apps/v1', 'Deployment'), 'flagger-system', 'flagger')!
    expect(deployment.spec.template.spec.containers[0].command).toContain(
      '-metrics-server=http://flagger-prometheus:9090',
    )
    setImage('apps', 'example.com/app:3')
    await phase('apps', 'Succeeded')
  })

  it('calls the load tester once its Deployment runs; before that its Service URL does not answer', async () => {
    const cd = canary('apps')!
    cd.spec.analysis.webhooks = [
      { name: 'acceptance', type: 'pre-rollout', url: 'http://flagger-loadtester.apps/', timeout: '30s' },
    ]
    cluster.sandbox.store.update(rt('flagger.app/v1beta1', 'Canary'), cd)
    setImage('apps', 'example.com/app:4')
    await phase('apps', 'Failed')
    expect(events('apps')).toContain(
      'Halt app.apps advancement pre-rollout check acceptance failed POST http://flagger-loadtester.apps/ giving up after 1 attempt(s): Post "http://flagger-loadtester.apps/": dial tcp: lookup flagger-loadtester.apps on 10.43.0.10:53: no such host',
    )
    await cluster.helm(
      'install',
      'flagger-loadtester',
      sharedChart('loadtester-0.38.0.tgz'),
      '-n',
      'apps',
      '--wait',
      '--timeout',
      '120s',
    )
    setImage('apps', 'example.com/app:5')
    await phase('apps', 'Succeeded')
    expect(events('apps')).toContain('Pre-rollout check acceptance passed')
  })
})
