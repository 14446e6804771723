import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  makeInformer,
  type V1Deployment,
  Watch,
} from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index'
import { waitFor } from './helpers'

const deployment = (name: string, image = 'ghcr.io/stefanprodan/podinfo:6.0.0'): V1Deployment => ({
  metadata: { name, labels: { app: name } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
  },
})

describe('@kubernetes/client-node through the sandbox', () => {
  let sandbox: Sandbox
  let kc: KubeConfig
  let core: CoreV1Api
  let apps: AppsV1Api

  beforeAll(async () => {
    sandbox = await startSandbox({ timeScale: 0.01 })
    kc = new KubeConfig()
    kc.loadFromFile(sandbox.kubeconfigPath)
    core = kc.makeApiClient(CoreV1Api)
    apps = kc.makeApiClient(AppsV1Api)
    await core.createNamespace({ body: { metadata: { name: 'cn' } } })
  })
  afterAll(async () => {
    await sandbox?.stop()
  })

  it('creates, reads and lists, and reports errors as ApiException with a Status body', async () => {
    const created = await apps.createNamespacedDeployment({ namespace: 'cn', body: deployment('one') })
    expect(created.metadata).toMatchObject({ name: 'one', namespace: 'cn', generation: 1 })
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/)
    const ready = await waitFor('deployment one ready', async () => {
      const d = await apps.readNamespacedDeployment({ name: 'one', namespace: 'cn' })
      return d.status?.availableReplicas === 2 && d
    })
    expect(ready.status).toMatchObject({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
    })
    const list = await apps.listNamespacedDeployment({ namespace: 'cn', labelSelector: 'app=one' })
    expect(list.items.map((d) => d.metadata?.name)).toEqual(['one'])
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThan(0)

    const missing = await core.readNamespace({ name: 'nope' }).catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(ApiException)
    expect((missing as ApiException<string>).code).toBe(404)
    expect(JSON.parse((missing as ApiException<string>).body)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      message: 'namespaces "nope" not found',
    })
    const dup = await apps
      .createNamespacedDeployment({ namespace: 'cn', body: deployment('one') })
      .catch((e: unknown) => e)
    expect((dup as ApiException<string>).code).toBe(409)
  })

  it('reads custom resources with CustomObjectsApi', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi)
    await custom.createNamespacedCustomObject({
      group: 'flagger.app',
      version: 'v1beta1',
      namespace: 'cn',
      plural: 'metrictemplates',
      body: {
        apiVersion: 'flagger.app/v1beta1',
        kind: 'MetricTemplate',
        metadata: { name: 'errors' },
        spec: { provider: { type: 'prometheus', address: 'http://prometheus:9090' }, query: 'sum(up)' },
      },
    })
    const list = await custom.listNamespacedCustomObject({
      group: 'flagger.app',
      version: 'v1beta1',
      namespace: 'cn',
      plural: 'metrictemplates',
    })
    expect(list.kind).toBe('MetricTemplateList')
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['errors'])
  })

  it('keeps an informer in sync across a dropped stream (resume) and a 410 (re-list)', async () => {
    let lists = 0
    const informer = makeInformer(kc, '/apis/apps/v1/namespaces/cn/deployments', () => {
      lists++
      return apps.listNamespacedDeployment({ namespace: 'cn' })
    })
    const seen: string[] = []
    const errors: unknown[] = []
    informer.on('add', (d) => seen.push(`add ${d.metadata?.name}`))
    informer.on('delete', (d) => seen.push(`delete ${d.metadata?.name}`))
    informer.on('error', (err) => errors.push(err))
    await informer.start()
    try {
      await waitFor('the initial list', () => seen.includes('add one'))
      await waitFor('the informer to watch', () => sandbox.faults.openWatches() > 0)
      expect(lists).toBe(1)

      // The server ends every watch; the informer re-watches from its last resourceVersion, no re-list.
      sandbox.faults.closeWatches()
      await apps.createNamespacedDeployment({ namespace: 'cn', body: deployment('two') })
      await waitFor('add two after the dropped stream', () => seen.includes('add two'))
      expect(lists).toBe(1)

      // 410 Gone: the history is compacted, the informer must re-list to carry on.
      await waitFor('the informer to watch again', () => sandbox.faults.openWatches() > 0)
      sandbox.faults.expireWatches()
      await apps.createNamespacedDeployment({ namespace: 'cn', body: deployment('three') })
      await waitFor('add three after the 410', () => seen.includes('add three'))
      await waitFor('a re-list after 410', () => lists >= 2)

      await apps.deleteNamespacedDeployment({ name: 'two', namespace: 'cn' })
      await waitFor('delete two', () => seen.includes('delete two'))
      expect(
        informer
          .list('cn')
          .map((d) => d.metadata?.name)
          .sort(),
      ).toEqual(['one', 'three'])
      expect(errors).toEqual([])
    } finally {
      await informer.stop().catch(() => undefined)
    }
  })

  it('streams watch events line by line, with ERROR 410 for an expired resourceVersion', async () => {
    const watch = new Watch(kc)
    const events: string[] = []
    let done: unknown = 'open'
    const start = (await apps.listNamespacedDeployment({ namespace: 'cn' })).metadata!.resourceVersion!
    const controller = await watch.watch(
      '/apis/apps/v1/namespaces/cn/deployments',
      { resourceVersion: start, allowWatchBookmarks: true },
      (type, obj) => events.push(`${type} ${obj.kind} ${obj.metadata?.name ?? ''}`),
      (err) => {
        done = err
      },
    )
    await apps.patchNamespacedDeployment({
      name: 'one',
      namespace: 'cn',
      body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
    })
    await waitFor('MODIFIED one', () => events.includes('MODIFIED Deployment one'))
    sandbox.faults.expireWatches()
    await waitFor('the stream to end', () => done !== 'open')
    expect(done).toBeNull()
    expect(events).toContain('ERROR Status ')
    controller.abort()

    // Watching again from the old version now gets 410 at once.
    const again: string[] = []
    let ended: unknown = 'open'
    await watch.watch(
      '/apis/apps/v1/namespaces/cn/deployments',
      { resourceVersion: start },
      (type, obj) => again.push(`${type} ${obj.code}`),
      (err) => {
        ended = err
      },
    )
    await waitFor('the expired watch to end', () => ended !== 'open')
    expect(again).toEqual(['ERROR 410'])
  })

  it('answers injected 503s and latency, then recovers', async () => {
    sandbox.faults.set({ errorRate: 1, errorStatus: 503 })
    const err = await apps.listNamespacedDeployment({ namespace: 'cn' }).catch((e: unknown) => e)
    expect((err as ApiException<string>).code).toBe(503)
    expect(JSON.parse((err as ApiException<string>).body).reason).toBe('ServiceUnavailable')
    sandbox.faults.set({ latencyMs: 150 })
    const t0 = Date.now()
    await apps.listNamespacedDeployment({ namespace: 'cn' })
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
    sandbox.faults.set({})
    expect((await apps.listNamespacedDeployment({ namespace: 'cn' })).items.length).toBe(2)
  })
})
