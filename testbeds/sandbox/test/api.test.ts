import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index'
import { waitFor } from './helpers'

// The wire semantics kubectl and client-node rely on, checked request by request.
// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read freely in assertions
type Json = any

describe('API server semantics', () => {
  let sandbox: Sandbox
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; json: Json; headers: Headers }> => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'Content-Type': contentType, Accept: 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    return { status: res.status, json: await res.json(), headers: res.headers }
  }
  const deployments = '/apis/apps/v1/namespaces/api/deployments'
  const canaries = '/apis/flagger.app/v1beta1/namespaces/api/canaries'
  const canary = (name: string) => ({
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${name}-absent` },
      service: { port: 80 },
      analysis: { interval: '1m', threshold: 5, maxWeight: 50, stepWeight: 10 },
    },
    status: { phase: 'Succeeded' },
  })
  const deployment = (name: string, labels: Record<string, string> = { app: name }) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }] },
            { name: 'sidecar', image: 'busybox' },
          ],
        },
      },
    },
  })

  beforeAll(async () => {
    sandbox = await startSandbox({ timeScale: 0.01 })
    await call('POST', '/api/v1/namespaces', { metadata: { name: 'api' } })
  })
  afterAll(async () => {
    await sandbox?.stop()
  })

  it('answers discovery and OpenAPI v3 with a PATCH operation per kind', async () => {
    expect((await call('GET', '/api')).json.versions).toEqual(['v1'])
    const groups = (await call('GET', '/apis')).json.groups.map((g: { name: string }) => g.name)
    expect(groups).toEqual(
      expect.arrayContaining(['apps', 'flagger.app', 'helm.toolkit.fluxcd.io', 'apisix.apache.org']),
    )
    const gv = (await call('GET', '/apis/flagger.app/v1beta1')).json
    expect(gv.resources.map((r: { name: string }) => r.name)).toContain('canaries/status')
    const doc = (await call('GET', '/openapi/v3/apis/flagger.app/v1beta1')).json
    const op = doc.paths['/apis/flagger.app/v1beta1/namespaces/{namespace}/canaries/{name}'].patch
    expect(op['x-kubernetes-group-version-kind']).toEqual({
      group: 'flagger.app',
      version: 'v1beta1',
      kind: 'Canary',
    })
    expect(Object.keys(op.requestBody.content)).not.toContain('application/strategic-merge-patch+json')
  })

  it('keeps uid, creationTimestamp, resourceVersion and generation as the real server does', async () => {
    const created = (await call('POST', deployments, deployment('gen'))).json
    expect(created.metadata.generation).toBe(1)
    expect(created.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const labelsOnly = (
      await call(
        'PATCH',
        `${deployments}/gen`,
        { metadata: { labels: { role: 'x' } } },
        'application/merge-patch+json',
      )
    ).json
    expect(labelsOnly.metadata.generation).toBe(1)
    expect(Number(labelsOnly.metadata.resourceVersion)).toBeGreaterThan(
      Number(created.metadata.resourceVersion),
    )
    const annotated = (
      await call(
        'PATCH',
        `${deployments}/gen`,
        { metadata: { annotations: { a: 'b' } } },
        'application/merge-patch+json',
      )
    ).json
    expect(annotated.metadata.generation).toBe(2)
    const status = (
      await call(
        'PATCH',
        `${deployments}/gen/status`,
        { status: { replicas: 7 }, spec: { replicas: 9 } },
        'application/merge-patch+json',
      )
    ).json
    expect(status.metadata.generation).toBe(2)
    expect(status.status.replicas).toBe(7)
    expect(status.spec.replicas).toBe(0)
    expect(status.metadata.uid).toBe(created.metadata.uid)

    const cr = (await call('POST', canaries, canary('gen'))).json
    expect(cr.status).toBeUndefined() // create drops status when the kind has the subresource
    const bumped = (
      await call(
        'PATCH',
        `${canaries}/gen`,
        { spec: { analysis: { threshold: 7 } } },
        'application/merge-patch+json',
      )
    ).json
    expect(bumped.metadata.generation).toBe(2)
    const st = (await call('PUT', `${canaries}/gen/status`, { ...bumped, status: { phase: 'Progressing' } }))
      .json
    expect(st.metadata.generation).toBe(2)
    expect(st.status.phase).toBe('Progressing')
  })

  it('returns Status errors: 404, 409 AlreadyExists and Conflict, 422, 415', async () => {
    const missing = await call('GET', `${deployments}/nope`)
    expect(missing.status).toBe(404)
    expect(missing.json).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      message: 'deployments.apps "nope" not found',
      details: { kind: 'deployments', group: 'apps' },
    })
    expect(
      (await call('POST', '/api/v1/namespaces/ghost/configmaps', { metadata: { name: 'x' } })).json.message,
    ).toBe('namespaces "ghost" not found')
    await call('POST', deployments, deployment('err'))
    expect((await call('POST', deployments, deployment('err'))).json).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
    })
    const current = (await call('GET', `${deployments}/err`)).json
    await call('PATCH', `${deployments}/err`, { spec: { replicas: 1 } }, 'application/merge-patch+json')
    const stale = await call('PUT', `${deployments}/err`, current)
    expect(stale.status).toBe(409)
    expect(stale.json.message).toBe(
      'Operation cannot be fulfilled on deployments.apps "err": the object has been modified; please apply your changes to the latest version and try again',
    )
    const cr = (await call('POST', canaries, canary('err'))).json
    delete cr.metadata.resourceVersion
    const unconditional = await call('PUT', `${canaries}/err`, cr)
    expect(unconditional.status).toBe(422)
    expect(unconditional.json.message).toContain(
      'metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
    )
    const smp = await call('PATCH', `${canaries}/err`, { spec: {} }, 'application/strategic-merge-patch+json')
    expect(smp.status).toBe(415)
    expect(smp.json.message).toContain(
      'application/strategic-merge-patch+json is not supported by flagger.app/v1beta1, Kind=Canary',
    )
  })

  it('validates custom resources against the CRD schema', async () => {
    const bad: Json = canary('bad')
    bad.spec.analysis.threshold = 'ten'
    const res = await call('POST', canaries, bad)
    expect(res.status).toBe(422)
    expect(res.json.reason).toBe('Invalid')
    expect(res.json.message).toContain('Canary.flagger.app "bad" is invalid: spec.analysis.threshold')
    const noTarget = canary('bad2') as { spec: Record<string, unknown> }
    delete noTarget.spec.targetRef
    expect((await call('POST', canaries, noTarget)).status).toBe(422)
  })

  it('applies server-side: creates when missing, needs a fieldManager, drops what the applier stops applying', async () => {
    const path = `${canaries}/ssa`
    const noManager = await call('PATCH', path, canary('ssa'), 'application/apply-patch+yaml')
    expect(noManager.status).toBe(422)
    const created = await call(
      'PATCH',
      `${path}?fieldManager=kubectl&force=false`,
      canary('ssa'),
      'application/apply-patch+yaml',
    )
    expect(created.status).toBe(201)
    expect(created.json.metadata.managedFields).toMatchObject([{ manager: 'kubectl', operation: 'Apply' }])
    const next: Json = canary('ssa')
    next.spec.analysis = { interval: '1m', threshold: 9, iterations: 5 }
    const applied = await call('PATCH', `${path}?fieldManager=kubectl`, next, 'application/apply-patch+yaml')
    expect(applied.status, JSON.stringify(applied.json)).toBe(200)
    expect(applied.json.spec.analysis).toEqual({ interval: '1m', threshold: 9, iterations: 5 })
    expect(applied.json.metadata.generation).toBe(2)
    // Applying only part of the object takes the rest away, so the CRD's required fields go missing.
    const partial =
      'apiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata:\n  name: ssa\nspec:\n  analysis:\n    threshold: 9\n'
    const refused = await call(
      'PATCH',
      `${path}?fieldManager=kubectl`,
      partial,
      'application/apply-patch+yaml',
    )
    expect(refused.status).toBe(422)
    expect(refused.json.message, refused.json.message).toContain('spec.targetRef: Required value')
  })

  it('applies strategic merge patches as kubectl set image and apply send them', async () => {
    await call('POST', deployments, deployment('smp'))
    const patched = (
      await call(
        'PATCH',
        `${deployments}/smp`,
        {
          spec: {
            template: {
              spec: {
                $setElementOrder$containers: undefined,
                '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }],
                containers: [{ name: 'app', image: 'nginx:1.28' }],
              },
            },
          },
        },
        'application/strategic-merge-patch+json',
      )
    ).json
    const containers = patched.spec.template.spec.containers
    expect(containers.map((c: { name: string }) => c.name)).toEqual(['sidecar', 'app'])
    expect(containers[1]).toMatchObject({ image: 'nginx:1.28', ports: [{ containerPort: 80 }] })
    const removed = (
      await call(
        'PATCH',
        `${deployments}/smp`,
        {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'app', ports: null },
                  { $patch: 'delete', name: 'sidecar' },
                ],
              },
            },
          },
        },
        'application/strategic-merge-patch+json',
      )
    ).json
    expect(removed.spec.template.spec.containers).toHaveLength(1)
    expect(removed.spec.template.spec.containers[0]).toMatchObject({ name: 'app', image: 'nginx:1.28' })
    expect(removed.spec.template.spec.containers[0].ports).toBeUndefined()
    const json = await call(
      'PATCH',
      `${deployments}/smp`,
      [{ op: 'test', path: '/spec/replicas', value: 5 }],
      'application/json-patch+json',
    )
    expect(json.status).toBe(422)
  })

  it('lists with label and field selectors', async () => {
    await call('POST', deployments, deployment('sel-a', { app: 'sel-a', tier: 'web' }))
    await call('POST', deployments, deployment('sel-b', { app: 'sel-b', tier: 'db' }))
    const names = async (q: string) =>
      (await call('GET', `${deployments}?${q}`)).json.items.map(
        (i: { metadata: { name: string } }) => i.metadata.name,
      )
    expect(await names('labelSelector=tier%3Dweb')).toEqual(['sel-a'])
    expect(await names('labelSelector=tier%20in%20(web,db),app!%3Dsel-a')).toEqual(['sel-b'])
    expect(await names('fieldSelector=metadata.name%3Dsel-b')).toEqual(['sel-b'])
    const list = (await call('GET', `${deployments}?labelSelector=tier`)).json
    expect(list).toMatchObject({ kind: 'DeploymentList', apiVersion: 'apps/v1' })
    expect(list.metadata.resourceVersion).toMatch(/^\d+$/)
  })

  it('watches as a chunked JSON stream: synthetic ADDED, changes after a version, BOOKMARK, timeout, 410', async () => {
    const read = async (query: string, until: (lines: string[]) => boolean) => {
      const res = await fetch(`${sandbox.url}${deployments}?watch=true&${query}`)
      expect(res.headers.get('content-type')).toBe('application/json')
      expect(res.headers.get('transfer-encoding')).toBe('chunked')
      const reader = res.body!.getReader()
      const decoder = new TextDecoder()
      let text = ''
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        text += decoder.decode(value)
        if (until(text.split('\n').filter(Boolean))) {
          await reader.cancel()
          break
        }
      }
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    }
    const rv = (await call('GET', deployments)).json.metadata.resourceVersion
    const initial = await read('resourceVersion=0&fieldSelector=metadata.name%3Dsel-a', (l) => l.length >= 1)
    expect(initial[0]).toMatchObject({
      type: 'ADDED',
      object: { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'sel-a' } },
    })

    const pending = read(
      `resourceVersion=${rv}&timeoutSeconds=1&allowWatchBookmarks=true&fieldSelector=metadata.name%3Dsel-b`,
      () => false,
    )
    await call('DELETE', `${deployments}/sel-b`)
    const events = await pending // ends by itself after timeoutSeconds
    // A minute of simulated time is 600 ms here: the 1 s watch carries at least one bookmark.
    expect(events[0]).toMatchObject({ type: 'DELETED', object: { metadata: { name: 'sel-b' } } })
    expect(events.slice(1).map((e) => e.type)).toContain('BOOKMARK')
    const bookmark = events.find((e) => e.type === 'BOOKMARK')
    expect(bookmark.object).toEqual({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
    })

    sandbox.faults.expireWatches()
    const gone = await read(`resourceVersion=${rv}`, () => false)
    expect(gone).toEqual([
      { type: 'ERROR', object: expect.objectContaining({ kind: 'Status', code: 410, reason: 'Expired' }) },
    ])
  })

  it('turns a change of labels into ADDED or DELETED for a label-selector watch', async () => {
    await call('POST', deployments, deployment('flip', { app: 'flip', track: 'stable' }))
    await waitFor(
      'the controller to observe flip',
      async () => (await call('GET', `${deployments}/flip`)).json.status?.observedGeneration === 1,
    )
    const rv = (await call('GET', deployments)).json.metadata.resourceVersion
    const res = await fetch(
      `${sandbox.url}${deployments}?watch=true&labelSelector=track%3Dstable&resourceVersion=${rv}&timeoutSeconds=1`,
    )
    const body = res.text()
    await call(
      'PATCH',
      `${deployments}/flip`,
      { metadata: { labels: { track: 'canary' } } },
      'application/merge-patch+json',
    )
    await call(
      'PATCH',
      `${deployments}/flip`,
      { metadata: { labels: { track: 'stable' } } },
      'application/merge-patch+json',
    )
    const events = (await body)
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
    expect(events.filter((e) => e.object.metadata.name === 'flip').map((e) => e.type)).toEqual([
      'DELETED',
      'ADDED',
    ])
  })

  it('sends one-row Tables on a watch when kubectl get -w asks for them', async () => {
    const res = await fetch(
      `${sandbox.url}${deployments}?watch=true&fieldSelector=metadata.name%3Dsel-a&timeoutSeconds=1`,
      {
        headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
      },
    )
    const [first] = (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
    expect(first.type).toBe('ADDED')
    expect(first.object).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' })
    // The columns of kube-apiserver's Deployment printer; the wide ones have priority 1.
    const columns = first.object.columnDefinitions.map(
      (c: { name: string; priority: number }) => `${c.name}:${c.priority}`,
    )
    expect(columns).toEqual([
      'Name:0',
      'Ready:0',
      'Up-to-date:0',
      'Available:0',
      'Age:0',
      'Containers:1',
      'Images:1',
      'Selector:1',
    ])
    expect(first.object.rows[0].cells[0]).toBe('sel-a')
  })

  it('injects faults on resource requests and spares discovery', async () => {
    sandbox.faults.set({ errorRate: 1, errorStatus: 500 })
    try {
      const failed = await call('GET', '/api/v1/namespaces')
      expect(failed.status).toBe(500)
      expect(failed.json).toMatchObject({ kind: 'Status', reason: 'InternalError', code: 500 })
      expect((await call('GET', '/api/v1')).status).toBe(200)
      expect((await call('GET', '/apis/apps/v1')).status).toBe(200)
    } finally {
      sandbox.faults.set({})
    }
  })

  it('deletes a namespace with its contents', async () => {
    await call('POST', '/api/v1/namespaces', { metadata: { name: 'doomed' } })
    await call('POST', '/api/v1/namespaces/doomed/configmaps', { metadata: { name: 'c' }, data: { a: '1' } })
    const deleted = await call('DELETE', '/api/v1/namespaces/doomed')
    expect(deleted.status).toBe(200)
    expect((await call('GET', '/api/v1/namespaces/doomed/configmaps/c')).status).toBe(404)
    await waitFor(
      'namespace gone',
      async () => (await call('GET', '/api/v1/namespaces/doomed')).status === 404,
    )
  })
})
