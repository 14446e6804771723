import { type Sandbox, startSandbox } from '@canary-delivery/sandbox'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Change, KubeApiError, KubeClient, type KubeObject, watchResource } from '../src/index'

let sandbox: Sandbox
beforeEach(async () => {
  sandbox = await startSandbox({ timeScale: 0.01 })
  sandbox.store.create(sandbox.store.registry.byKind('v1', 'Namespace')!, { metadata: { name: 'w' } })
})
afterEach(async () => {
  await sandbox.stop()
})

const configMaps = () => sandbox.store.registry.byKind('v1', 'ConfigMap')!
const put = (name: string, value: string) => {
  const existing = sandbox.store.get(configMaps(), 'w', name)
  if (existing) sandbox.store.update(configMaps(), { ...existing, data: { value } })
  else sandbox.store.create(configMaps(), { metadata: { name, namespace: 'w' }, data: { value } })
}

async function until(what: string, check: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

type ConfigMap = KubeObject & { data?: { value?: string } }

describe('watchResource against the sandbox', () => {
  it('delivers every change once across closed streams, 410 Gone and 503s', async () => {
    put('a', '0')
    const client = new KubeClient({ path: sandbox.kubeconfigPath, baseDelayMs: 20 })
    const seen: Change<ConfigMap>[] = []
    const notices: string[] = []
    const watch = watchResource<ConfigMap>({
      client,
      path: '/api/v1/namespaces/w/configmaps',
      onChange: (change) => seen.push(change),
      onNotice: (n) => notices.push(n),
    })
    try {
      await watch.synced
      expect(seen.map((c) => [c.type, c.object.metadata.name, c.object.data?.value])).toEqual([
        ['ADDED', 'a', '0'],
      ])
      put('a', '1')
      await until('a=1', () => watch.objects.get('a')?.data?.value === '1')
      sandbox.faults.closeWatches()
      put('a', '2')
      put('b', '0')
      await until('b', () => watch.objects.has('b'))
      // History forgotten: the stream gets ERROR 410 and must re-list to learn of a=3.
      sandbox.faults.expireWatches()
      put('a', '3')
      await until('a=3', () => watch.objects.get('a')?.data?.value === '3')
      sandbox.faults.set({ errorRate: 1, errorStatus: 503 })
      sandbox.faults.closeWatches()
      put('c', '0')
      await new Promise((r) => setTimeout(r, 300))
      sandbox.faults.set({})
      await until('c', () => watch.objects.has('c'))
      const values = seen.map((c) => `${c.object.metadata.name}=${c.object.data?.value}`)
      expect(values).toEqual(['a=0', 'a=1', 'a=2', 'b=0', 'a=3', 'c=0'])
      expect(seen.find((c) => c.object.data?.value === '3')?.fromRelist).toBe(true)
      expect(watch.stats.relists).toBeGreaterThanOrEqual(1)
      expect(watch.stats.resumes).toBeGreaterThanOrEqual(1)
      expect(notices.some((n) => /410 Gone/.test(n))).toBe(true)
      expect(notices.some((n) => /Service Unavailable; retrying/.test(n))).toBe(true)
    } finally {
      watch.stop()
    }
  })

  it('delivers nothing after stop(), even from the rest of a burst that stopped it', async () => {
    put('burst', '0')
    const client = new KubeClient({ path: sandbox.kubeconfigPath })
    let stopped = false
    const afterStop: string[] = []
    const watch = watchResource<ConfigMap>({
      client,
      path: '/api/v1/namespaces/w/configmaps',
      onChange: (change) => {
        if (stopped) afterStop.push(`${change.type} ${change.object.data?.value}`)
        // As a follower that has seen what it waited for: stop at the first change.
        else if (change.type === 'MODIFIED') {
          stopped = true
          watch.stop()
        }
      },
    })
    await watch.synced
    // Changes made at once reach the client together, several lines in one read.
    for (let i = 1; i <= 50; i++) put('burst', String(i))
    await until('the first change', () => stopped)
    await new Promise((r) => setTimeout(r, 200))
    expect(afterStop).toEqual([])
    client.close()
  })

  it('retries GETs on 5xx and reports other answers as KubeApiError', async () => {
    const retries: string[] = []
    // With half the answers failing, 14 attempts make a failed GET a one-in-16000 event.
    const client = new KubeClient({
      path: sandbox.kubeconfigPath,
      attempts: 14,
      baseDelayMs: 5,
      onRetry: (m) => retries.push(m),
    })
    sandbox.faults.set({ errorRate: 0.5, errorStatus: 503 })
    for (let i = 0; i < 20; i++) await client.get('/api/v1/namespaces/w')
    sandbox.faults.set({})
    expect(retries.length).toBeGreaterThan(0)
    expect(await client.find('/api/v1/namespaces/w/configmaps/missing')).toBeUndefined()
    const error = await client.get('/apis/flagger.app/v1beta1/namespaces/nope/canaries/x').catch((e) => e)
    expect(error).toBeInstanceOf(KubeApiError)
    expect(error).toMatchObject({ status: 404, reason: 'NotFound' })
  })
})
