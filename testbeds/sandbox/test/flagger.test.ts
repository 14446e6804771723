import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index'
import type { Obj } from '../src/util'
import { waitFor } from './helpers'

// Flagger 1.44 behaviour beyond the happy path, driven through the store at a hundredth of real time.
describe('Flagger model', () => {
  let sandbox: Sandbox
  const rt = (apiVersion: string, kind: string) => sandbox.store.registry.byKind(apiVersion, kind)!
  const deployments = () => rt('apps/v1', 'Deployment')
  const canaries = () => rt('flagger.app/v1beta1', 'Canary')
  const canary = (ns: string) => sandbox.store.get(canaries(), ns, 'app')!
  const events = (ns: string) =>
    sandbox.store
      .list(rt('v1', 'Event'), ns)
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => e.message as string)
  const phase = (ns: string, want: string) =>
    waitFor(`phase ${want} in ${ns}`, () => canary(ns)?.status?.phase === want)
  const setImage = (ns: string, image: string) => {
    const d = sandbox.store.get(deployments(), ns, 'app')!
    d.spec.template.spec.containers[0].image = image
    sandbox.store.update(deployments(), d)
  }
  const patchCanary = (ns: string, change: (c: Obj) => void) => {
    const c = canary(ns)
    change(c)
    sandbox.store.update(canaries(), c)
  }

  async function setup(ns: string, analysis: Obj, image = 'example.com/app:1'): Promise<void> {
    sandbox.store.create(rt('v1', 'Namespace'), { metadata: { name: ns } })
    sandbox.store.create(deployments(), {
      metadata: { name: 'app', namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'app' } },
        template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'app', image }] } },
      },
    })
    sandbox.store.create(canaries(), {
      metadata: { name: 'app', namespace: ns },
      spec: {
        provider: 'kubernetes',
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' },
        service: { port: 80 },
        progressDeadlineSeconds: 60,
        analysis: {
          interval: '10s',
          threshold: 2,
          metrics: [
            { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
            { name: 'request-duration', thresholdRange: { max: 500 }, interval: '30s' },
          ],
          ...analysis,
        },
      },
    })
    await phase(ns, 'Initialized')
  }

  beforeAll(async () => {
    sandbox = await startSandbox({
      timeScale: 0.01,
      scenario: {
        images: {
          'example.com/slow:*': { latencyMs: 900 },
          'example.com/stuck:*': { ready: false },
          'example.com/gated:*': { webhooks: { 'confirm-promotion': false } },
        },
      },
    })
  })
  afterAll(async () => {
    await sandbox?.stop()
  })

  it('steps through stepWeights, then promotes', async () => {
    await setup('steps', { stepWeights: [5, 25, 50] })
    expect(canary('steps').status.conditions[0]).toMatchObject({
      type: 'Promoted',
      status: 'True',
      reason: 'Initialized',
    })
    setImage('steps', 'example.com/app:2')
    await phase('steps', 'Succeeded')
    expect(events('steps').filter((m) => m.startsWith('Advance'))).toEqual([
      'Advance app.steps canary weight 5',
      'Advance app.steps canary weight 25',
      'Advance app.steps canary weight 50',
    ])
    expect(
      sandbox.store.get(deployments(), 'steps', 'app-primary')!.spec.template.spec.containers[0].image,
    ).toBe('example.com/app:2')
  })

  it('counts iterations for blue/green', async () => {
    await setup('bg', { iterations: 3 })
    setImage('bg', 'example.com/app:2')
    await phase('bg', 'Succeeded')
    expect(events('bg').filter((m) => m.startsWith('Advance'))).toEqual([
      'Advance app.bg canary iteration 1/3',
      'Advance app.bg canary iteration 2/3',
      'Advance app.bg canary iteration 3/3',
    ])
  })

  it('waits for promotion while the confirm-promotion gate is closed', async () => {
    await setup('gate', {
      maxWeight: 20,
      stepWeight: 10,
      webhooks: [
        { name: 'approve', type: 'confirm-promotion', url: 'http://flagger-loadtester.test/gate/check' },
      ],
    })
    setImage('gate', 'example.com/gated:2')
    await phase('gate', 'WaitingPromotion')
    expect(events('gate')).toContain('Halt app.gate advancement waiting for approval approve')
    expect(canary('gate').status.conditions[0]).toMatchObject({
      status: 'Unknown',
      reason: 'WaitingPromotion',
    })
    expect(
      sandbox.store.get(deployments(), 'gate', 'app-primary')!.spec.template.spec.containers[0].image,
    ).toBe('example.com/app:1')
    const scenario = sandbox.scenario
    sandbox.setScenario({}) // the load tester's gate opens
    await phase('gate', 'Succeeded')
    sandbox.setScenario(scenario)
  })

  it('holds a run in Waiting behind confirm-rollout, and a rollback hook fails it', async () => {
    await setup('hooks', {
      maxWeight: 50,
      stepWeight: 5,
      webhooks: [
        { name: 'start', type: 'confirm-rollout', url: 'http://flagger-loadtester.test/gate/check' },
        { name: 'abort', type: 'rollback', url: 'http://flagger-loadtester.test/rollback/check' },
      ],
    })
    const original = sandbox.scenario
    sandbox.setScenario({ ...original, webhooks: { start: false } })
    setImage('hooks', 'example.com/app:2')
    await phase('hooks', 'Waiting')
    expect(events('hooks')).toContain('Halt app.hooks advancement waiting for approval start')
    sandbox.setScenario(original)
    await phase('hooks', 'Progressing')
    sandbox.setScenario({ ...original, webhooks: { abort: true } })
    await phase('hooks', 'Failed')
    expect(events('hooks')).toContain('Rolling back app.hooks manual webhook invoked')
    sandbox.setScenario(original)
  })

  it('fails on request duration at the threshold with the primary untouched', async () => {
    await setup('slow', { maxWeight: 50, stepWeight: 10 })
    setImage('slow', 'example.com/slow:2')
    await phase('slow', 'Failed')
    const msgs = events('slow')
    expect(msgs).toContain('Halt app.slow advancement request duration 900ms > 500ms')
    expect(msgs).toContain('Rolling back app.slow failed checks threshold reached 2')
    expect(msgs.indexOf('Canary failed! Scaling down app.slow')).toBeGreaterThan(
      msgs.indexOf('Rolling back app.slow failed checks threshold reached 2'),
    )
    expect(
      sandbox.store.get(deployments(), 'slow', 'app-primary')!.spec.template.spec.containers[0].image,
    ).toBe('example.com/app:1')
    expect(sandbox.store.get(deployments(), 'slow', 'app')!.spec.replicas).toBe(0)
    // A new image after a failure starts a new run.
    setImage('slow', 'example.com/app:3')
    await phase('slow', 'Succeeded')
  })

  it('rolls back when the canary never becomes ready within the progress deadline', async () => {
    await setup('stuck', { maxWeight: 50, stepWeight: 10 })
    setImage('stuck', 'example.com/stuck:2')
    await phase('stuck', 'Failed')
    expect(events('stuck')).toContain(
      'Rolling back app.stuck progress deadline exceeded canary deployment app.stuck not ready',
    )
  })

  it('keeps the old Succeeded until its next tick, and restarts the analysis on a change while progressing', async () => {
    await setup('stale', { maxWeight: 50, stepWeight: 2 })
    // A long interval (30m is 18 s here) makes the window between a change and the next tick wide.
    patchCanary('stale', (c) => {
      c.spec.analysis.interval = '30m'
    })
    // Flagger restarts the job at once when the interval changes; let that tick pass first.
    await new Promise((r) => setTimeout(r, 100))
    const before = canary('stale').status
    setImage('stale', 'example.com/app:2')
    await new Promise((r) => setTimeout(r, 200))
    expect(canary('stale').status).toMatchObject({
      phase: 'Initialized',
      lastAppliedSpec: before.lastAppliedSpec,
    })
    patchCanary('stale', (c) => {
      c.spec.analysis.interval = '10s'
    })
    await waitFor('the analysis under way', () => canary('stale').status.canaryWeight >= 4)
    setImage('stale', 'example.com/app:3')
    await waitFor('a restart', () =>
      events('stale').includes('New revision detected! Restarting analysis for app.stale'),
    )
    await phase('stale', 'Succeeded')
    expect(
      sandbox.store.get(deployments(), 'stale', 'app-primary')!.spec.template.spec.containers[0].image,
    ).toBe('example.com/app:3')
    const s = canary('stale').status
    expect(s.lastPromotedSpec).toBe(s.lastAppliedSpec)
    expect(s.lastPromotedSpec).not.toBe(before.lastPromotedSpec)
  })
})
