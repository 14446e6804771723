import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index'
import { fixture, type Kubectl, kubectlFor, waitFor } from './helpers'

// Flagger's own APISIX example (podinfo Deployment + ApisixRoute + Canary: interval 10s, maxWeight 50,
// stepWeight 10, threshold 10) driven by the real kubectl, at a hundredth of real time.
describe('kubectl drives the Flagger APISIX podinfo example', () => {
  let sandbox: Sandbox
  let kubectl: Kubectl
  const image = (name: string) =>
    kubectl('-n', 'test', 'get', 'deploy', name, '-o', 'jsonpath={.spec.template.spec.containers[0].image}')
  const phase = () => kubectl('-n', 'test', 'get', 'canary', 'podinfo', '-o', 'jsonpath={.status.phase}')
  const messages = async () =>
    JSON.parse(await kubectl('-n', 'test', 'get', 'events', '-o', 'json')).items.map(
      (e: { type: string; reason: string; message: string }) => `${e.type} ${e.reason} ${e.message}`,
    ) as string[]

  beforeAll(async () => {
    sandbox = await startSandbox({
      timeScale: 0.01,
      scenario: { images: { 'ghcr.io/stefanprodan/podinfo:6.0.2': { successRate: 42, latencyMs: 900 } } },
    })
    kubectl = kubectlFor(sandbox)
  })
  afterAll(async () => {
    kubectl?.cleanup()
    await sandbox?.stop()
  })

  it('serves discovery kubectl can use', async () => {
    const out = await kubectl('api-resources')
    for (const line of [
      /^canaries\s+flagger\.app\/v1beta1\s+true\s+Canary$/m,
      /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m,
    ]) {
      expect(out).toMatch(line)
    }
    expect(await kubectl('version', '-o', 'json')).toContain('"minor": "32"')
  })

  it('applies the example and initializes the canary', async () => {
    // kubectl's typed create sends protobuf (client-go 1.32), which the sandbox decodes.
    expect(await kubectl('create', 'namespace', 'test')).toContain('namespace/test created')
    const out = await kubectl(
      '-n',
      'test',
      'apply',
      '-f',
      fixture('podinfo-deployment.yaml'),
      '-f',
      fixture('podinfo-apisixroute.yaml'),
      '-f',
      fixture('podinfo-canary.yaml'),
    )
    expect(out).toContain('canary.flagger.app/podinfo created')
    await kubectl('-n', 'test', 'wait', 'canary/podinfo', '--for=condition=Promoted', '--timeout=60s')
    expect(await phase()).toBe('Initialized')
    await kubectl('-n', 'test', 'rollout', 'status', 'deployment/podinfo-primary', '--timeout=60s')
    expect(await image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.0')
    expect(await messages()).toContain('Normal Synced Initialization done! podinfo.test')
    const routes = await kubectl('-n', 'test', 'get', 'apisixroutes', '-o', 'name')
    expect(routes.split('\n')).toContain('apisixroute.apisix.apache.org/podinfo-podinfo-canary')
  })

  it('promotes a healthy image after stepping the weight to maxWeight', async () => {
    await kubectl(
      '-n',
      'test',
      'set',
      'image',
      'deployment/podinfo',
      'podinfod=ghcr.io/stefanprodan/podinfo:6.0.1',
    )
    await kubectl(
      '-n',
      'test',
      'wait',
      'canary/podinfo',
      '--for=jsonpath={.status.phase}=Succeeded',
      '--timeout=60s',
    )
    const events = await messages()
    expect(events).toEqual(
      expect.arrayContaining([
        'Normal Synced New revision detected! Scaling up podinfo.test',
        'Normal Synced Starting canary analysis for podinfo.test',
        ...[10, 20, 30, 40, 50].map((w) => `Normal Synced Advance podinfo.test canary weight ${w}`),
        'Normal Synced Copying podinfo.test template spec to podinfo-primary.test',
        'Normal Synced Routing all traffic to primary',
        'Normal Synced Promotion completed! Scaling down podinfo.test',
      ]),
    )
    expect(events).not.toContain('Normal Synced Advance podinfo.test canary weight 60')
    expect(await image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1')
    const status = JSON.parse(await kubectl('-n', 'test', 'get', 'canary', 'podinfo', '-o', 'json')).status
    expect(status.lastPromotedSpec).toBe(status.lastAppliedSpec)
    expect(status.conditions[0]).toMatchObject({ type: 'Promoted', status: 'True', reason: 'Succeeded' })
    await waitFor(
      'the canary deployment scaled to zero',
      async () =>
        (await kubectl('-n', 'test', 'get', 'deploy', 'podinfo', '-o', 'jsonpath={.spec.replicas}')) === '0',
    )
  })

  it('rolls back an unhealthy image at the threshold and keeps the primary', async () => {
    await kubectl(
      '-n',
      'test',
      'set',
      'image',
      'deployment/podinfo',
      'podinfod=ghcr.io/stefanprodan/podinfo:6.0.2',
    )
    await kubectl(
      '-n',
      'test',
      'wait',
      'canary/podinfo',
      '--for=jsonpath={.status.phase}=Failed',
      '--timeout=60s',
    )
    const events = await messages()
    expect(events).toContain('Warning Synced Halt podinfo.test advancement success rate 42.00% < 99%')
    expect(events).toContain('Warning Synced Rolling back podinfo.test failed checks threshold reached 10')
    expect(events).toContain('Warning Synced Canary failed! Scaling down podinfo.test')
    expect(await image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1')
    const status = JSON.parse(await kubectl('-n', 'test', 'get', 'canary', 'podinfo', '-o', 'json')).status
    expect(status.failedChecks).toBe(10)
    expect(status.conditions[0]).toMatchObject({ type: 'Promoted', status: 'False', reason: 'Failed' })
    expect(status.lastPromotedSpec).not.toBe(status.lastAppliedSpec)
    const { code, stderr } = await kubectl.result(
      '-n',
      'test',
      'wait',
      'canary/podinfo',
      '--for=condition=Promoted',
      '--timeout=1s',
    )
    expect(code).toBe(1)
    expect(stderr).toContain('timed out waiting for the condition on canaries/podinfo')
  })

  it('starts no run when the target goes back to the promoted template', async () => {
    const canary = async () =>
      JSON.parse(await kubectl('-n', 'test', 'get', 'canary', 'podinfo', '-o', 'json'))
    const revisions = async () => (await messages()).filter((m) => m.includes('New revision detected')).length
    const before = (await canary()).status
    const runs = await revisions()
    await kubectl(
      '-n',
      'test',
      'set',
      'image',
      'deployment/podinfo',
      'podinfod=ghcr.io/stefanprodan/podinfo:6.0.1',
    )
    // While Failed, Flagger refreshes lastAppliedSpec each interval: it catches up with the reverted target.
    const after = await waitFor('lastAppliedSpec to follow the reverted target', async () => {
      const s = (await canary()).status
      return s.lastAppliedSpec === before.lastPromotedSpec && s
    })
    expect(after.phase).toBe('Failed')
    expect(after.lastPromotedSpec).toBe(before.lastPromotedSpec)
    expect(await revisions()).toBe(runs)
  })
})
