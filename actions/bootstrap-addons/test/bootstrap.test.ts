import type { RunResult } from '@canary-delivery/action-runner'
import { node24Binary } from '@canary-delivery/action-runner'
import type { Obj } from '@canary-delivery/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BootstrapEnvironment, errors, runAction, startEnvironment } from './helpers'

// One bare sandbox taken from empty to ready by the bundle, then changed through Git and the inputs
// as a team would, each run building on the cluster the one before left: the cases run in order.
let env: BootstrapEnvironment
const TOKEN = 'ghp_bootstrapAddonsTestToken0123456789'

beforeAll(async () => {
  // Flux's waits (retries, a Kustomization's health-check timeout) go by simulated time, and its git
  // and helm take none: 200 times faster than real time, its 10 minutes take 3 s.
  env = await startEnvironment({ timeScale: 0.005 })
})
afterAll(async () => {
  await env?.stop()
})

const run = (inputs: Record<string, string> = {}, node?: string) =>
  runAction({ ...env.inputs, 'gitops-token': TOKEN, ...inputs }, node ? { node } : {})

const addons = (result: RunResult) =>
  JSON.parse(result.outputs.addons ?? '[]') as {
    name: string
    namespace: string
    pinned: string
    running: string
    ready: boolean
    message: string
  }[]

const SYNC = [
  ['v1', 'Secret', 'gitops-auth'],
  ['source.toolkit.fluxcd.io/v1', 'GitRepository', 'gitops'],
  ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'cluster'],
] as const

/** What a rerun must not move: the sync objects, Flux's Deployments and its Helm release records. */
function resourceVersions(): Record<string, string> {
  const versions: Record<string, string> = {}
  for (const [apiVersion, kind, name] of SYNC) {
    const object = env.get(apiVersion, kind, 'flux-system', name)
    versions[`${kind}/${name}`] = `${object?.metadata.resourceVersion} gen ${object?.metadata.generation}`
  }
  for (const d of env.list('apps/v1', 'Deployment', 'flux-system'))
    versions[`Deployment/${d.metadata.name}`] = d.metadata.resourceVersion
  for (const s of env.list('v1', 'Secret', 'flux-system').filter((s: Obj) => s.type === 'helm.sh/release.v1'))
    versions[`Secret/${s.metadata.name}`] = s.metadata.resourceVersion
  return versions
}

/** Polls the cluster (the sandbox's store) until `check` holds. */
async function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the cluster did not get there in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function scaleHelmController(replicas: number): void {
  const deployments = env.sandbox.store.registry.byKind('apps/v1', 'Deployment')!
  const deployment = env.sandbox.store.get(deployments, 'flux-system', 'helm-controller')!
  env.sandbox.store.update(deployments, { ...deployment, spec: { ...deployment.spec, replicas } })
}

const fluxRelease = () =>
  env
    .list('v1', 'Secret', 'flux-system')
    .filter((s: Obj) => s.type === 'helm.sh/release.v1')
    .map((s: Obj) => s.metadata.name as string)
    .sort()

describe('bootstrap-addons on a bare cluster, the reference layout and the real charts', () => {
  it('plans an empty cluster: Flux to install and the sync to create, and changes nothing', async () => {
    const result = await run({ command: 'plan' })
    expect(errors(result)).toEqual([])
    expect(result.outputs).toMatchObject({ result: 'planned', changed: 'false', 'flux-version': '2.8.5' })
    expect(result.log).toContain('Flux: install flux2 2.18.3 (Flux 2.8.5) as release flux-system/flux')
    expect(result.log).toContain('GitRepository flux-system/gitops: created')
    expect(env.get('v1', 'Namespace', undefined, 'flux-system')).toBeUndefined()
    expect(fluxRelease()).toEqual([])
  }, 180_000)

  it('takes the empty cluster to ready: Flux from its chart, the add-ons through Flux, the delivery path verified', async () => {
    const result = await run({}, node24Binary())
    expect(errors(result)).toEqual([])
    expect(result.outputs).toMatchObject({ result: 'ready', changed: 'true', 'flux-version': '2.8.5' })
    expect(addons(result).map((a) => [`${a.namespace}/${a.name}`, a.pinned, a.running, a.ready])).toEqual(
      expect.arrayContaining([
        ['apisix/apisix', '2.10.0', '2.10.0', true],
        ['flagger-system/flagger', '1.44.0', '1.44.0', true],
        ['flagger-system/flagger-loadtester', '0.38.0', '0.38.0', true],
      ]),
    )
    // Progress: a line per object as Flux moves it, then the checks, each a row of the summary.
    expect(result.log).toMatch(/\[\d\d:\d\d\] HelmRelease flagger-system\/flagger: ready — /)
    expect(result.log).toMatch(
      /\[\d\d:\d\d\] Kustomization flux-system\/addons: ready — Applied revision: main@sha1:[0-9a-f]{40}/,
    )
    for (const check of [
      'Flagger for APISIX',
      'Flagger’s Prometheus',
      'Load tester',
      'APISIX gateway',
      'APISIX ingress controller',
      'APISIX CRDs',
    ])
      expect(result.summary).toMatch(new RegExp(`\\| ${check} \\| ✅ \\|`))
    expect(result.summary).toContain('| flagger-system/flagger | flagger | 1.44.0 | 1.44.0 | ✅ |')
    // The token lives only in the Secret Flux reads the repository with.
    expect(result.log).not.toContain(TOKEN)
    expect(result.summary).not.toContain(TOKEN)
    const secret = env.get('v1', 'Secret', 'flux-system', 'gitops-auth')!
    expect(Buffer.from(secret.data.password, 'base64').toString()).toBe(TOKEN)
    expect(
      env.get('source.toolkit.fluxcd.io/v1', 'GitRepository', 'flux-system', 'gitops')!.spec.secretRef,
    ).toEqual({
      name: 'gitops-auth',
    })
  }, 240_000)

  it('changes nothing on a second run: no helm upgrade, no resourceVersion moves', async () => {
    const before = resourceVersions()
    const result = await run()
    expect(errors(result)).toEqual([])
    expect(result.outputs).toMatchObject({ result: 'ready', changed: 'false' })
    expect(result.log).toContain('is installed with these values: no helm upgrade')
    expect(result.log).not.toContain('$ helm upgrade')
    expect(result.log).not.toContain('Asked Flux to reconcile')
    expect(resourceVersions()).toEqual(before)
    expect(fluxRelease()).toEqual(['sh.helm.release.v1.flux.v1'])
  }, 180_000)

  it('plans, then applies, a new Flux chart version: helm upgrades Flux', async () => {
    env.publishFluxChart('2.18.4')
    const planned = await run({ command: 'plan', 'flux-chart-version': '2.18.4' })
    expect(planned.outputs).toMatchObject({ result: 'planned', changed: 'false' })
    expect(planned.log).toContain('Flux: chart flux2 2.18.3 → 2.18.4 (Flux 2.8.5 → 2.8.5)')
    expect(fluxRelease()).toEqual(['sh.helm.release.v1.flux.v1'])
    const applied = await run({ 'flux-chart-version': '2.18.4' })
    expect(errors(applied)).toEqual([])
    expect(applied.outputs).toMatchObject({ result: 'ready', changed: 'true' })
    expect(fluxRelease()).toEqual(['sh.helm.release.v1.flux.v1', 'sh.helm.release.v1.flux.v2'])
  }, 240_000)

  it('checks drift: none while the cluster is what Git says, then a release that runs another version than Git pins', async () => {
    const clean = await run({ command: 'check', 'flux-chart-version': '2.18.4' })
    expect(errors(clean)).toEqual([])
    expect(clean.outputs.result).toBe('ready')
    // A pin no chart repository has: Flux applies the new spec, the release keeps running the old chart.
    env.layout.patchAddons([
      {
        target: { kind: 'HelmRelease', name: 'flagger-loadtester' },
        patch: '- { op: replace, path: /spec/chart/spec/version, value: 0.99.0 }\n',
      },
    ])
    env.layout.commit('the load tester at a version that does not exist')
    await until(
      () =>
        env.get('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'flagger-system', 'flagger-loadtester')?.spec
          .chart.spec.version === '0.99.0',
    )
    const drift = await run({ command: 'check', 'flux-chart-version': '2.18.4' })
    expect(drift.exitCode).toBe(1)
    expect(drift.outputs.result).toBe('drift')
    expect(drift.summary).toContain(
      '- HelmRelease flagger-system/flagger-loadtester runs loadtester 0.38.0, Git pins 0.99.0',
    )
    expect(errors(drift)).toEqual([expect.stringMatching(/^Drift in sit: .*\(and more: see the summary\)$/)])
    env.layout.patchAddons([])
    env.layout.commit('the load tester back at 0.38.0')
  }, 180_000)

  it('fails naming the HelmRelease and Flux’s message when Git gives an add-on values its chart rejects', async () => {
    env.layout.patchAddons([
      {
        target: { kind: 'HelmRelease', name: 'apisix' },
        patch:
          '- { op: add, path: /spec/values/customPlugins, value: { enabled: "yes", luaPath: /x/?.lua, plugins: [] } }\n',
      },
    ])
    env.layout.commit('apisix custom plugins enabled with a string')
    const result = await run({ 'flux-chart-version': '2.18.4' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.result).toBe('failed')
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^HelmRelease apisix\/apisix failed: Helm upgrade failed for release apisix\/apisix with chart apisix@2\.10\.0: values don't meet the specifications of the schema\(s\) in the following chart\(s\): ⏎ apisix: ⏎ - at '\/customPlugins\/enabled': got string, want boolean \(\d+ failed attempts, the same spec\)$/,
      ),
    ])
    expect(result.summary).toContain('| HelmRelease apisix/apisix |')
  }, 180_000)

  it('fails naming a release Flux stalled on, without resetting it while its spec is unchanged', async () => {
    // The load tester's new pods never become ready: Helm's wait fails, and with no retries left Flux stalls.
    env.sandbox.setScenario({ images: { '*:stuck': { ready: false } } })
    env.layout.patchAddons([
      {
        target: { kind: 'HelmRelease', name: 'apisix' },
        patch:
          '- { op: add, path: /spec/values/customPlugins, value: { enabled: false, luaPath: /x/?.lua, plugins: [] } }\n',
      },
      {
        target: { kind: 'HelmRelease', name: 'flagger-loadtester' },
        patch: '- { op: add, path: /spec/values/image, value: { tag: stuck } }\n',
      },
    ])
    env.layout.commit('apisix fixed; the load tester at an image that never becomes ready')
    const result = await run({ 'flux-chart-version': '2.18.4' })
    expect(result.outputs.result).toBe('failed')
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^HelmRelease flagger-system\/flagger-loadtester failed: Failed to upgrade after 1 attempt\(s\)/,
      ),
    ])
    expect(result.log).not.toContain('reconcile.fluxcd.io/resetAt')
  }, 180_000)

  it('asks Flux once to reset the stalled release whose spec Git changed, and says so', async () => {
    // helm-controller is away (scaled to 0, as when its pod restarts), so the stalled release still
    // shows the old attempt when the new spec arrives; the request waits for it like any annotation.
    scaleHelmController(0)
    await until(
      () => !env.get('apps/v1', 'Deployment', 'flux-system', 'helm-controller')?.status?.availableReplicas,
    )
    env.layout.patchAddons([
      {
        target: { kind: 'HelmRelease', name: 'flagger-loadtester' },
        patch: '- { op: add, path: /spec/values/image, value: { tag: 0.38.0 } }\n',
      },
    ])
    env.layout.commit('the load tester back at its own image')
    const result = await runAction(
      { ...env.inputs, 'gitops-token': TOKEN, 'flux-chart-version': '2.18.4' },
      { onLogLine: (line) => line.includes('is stalled after exhausted retries') && scaleHelmController(1) },
    )
    expect(errors(result)).toEqual([])
    expect(result.outputs.result).toBe('ready')
    expect(result.log).toContain(
      'HelmRelease flagger-system/flagger-loadtester is stalled after exhausted retries, and its spec changed since (generation ',
    )
    const release = env.get(
      'helm.toolkit.fluxcd.io/v2',
      'HelmRelease',
      'flagger-system',
      'flagger-loadtester',
    )!
    const token = release.metadata.annotations['reconcile.fluxcd.io/resetAt']
    expect(token).toBe(release.metadata.annotations['reconcile.fluxcd.io/requestedAt'])
    expect(release.status.lastHandledResetAt).toBe(token)
  }, 180_000)

  it('fails verification with the fix when Git runs Flagger for nginx', async () => {
    env.layout.patchAddons([
      {
        target: { kind: 'HelmRelease', name: 'flagger' },
        patch: '- { op: replace, path: /spec/values/meshProvider, value: nginx }\n',
      },
    ])
    env.layout.commit('flagger for nginx, as the seed had it')
    const result = await run({ 'flux-chart-version': '2.18.4' })
    expect(result.outputs.result).toBe('failed')
    expect(errors(result)).toEqual([
      "Flagger runs with -mesh-provider=nginx: set meshProvider: apisix in HelmRelease flagger-system/flagger's values (infrastructure/addons/flagger.yaml in the reference layout)",
    ])
    expect(result.summary).toMatch(
      /\| Flagger for APISIX \| ❌ \| Deployment flagger-system\/flagger runs with -mesh-provider=nginx \|/,
    )
  }, 180_000)

  it('fails verification with the fix when Flagger has no reachable Prometheus', async () => {
    env.layout.patchAddons([
      {
        target: { kind: 'HelmRelease', name: 'flagger' },
        patch:
          '- { op: replace, path: /spec/values/meshProvider, value: apisix }\n- { op: replace, path: /spec/values/prometheus/install, value: false }\n',
      },
    ])
    env.layout.commit('flagger without its Prometheus')
    const result = await run({ 'flux-chart-version': '2.18.4' })
    expect(result.outputs.result).toBe('failed')
    expect(errors(result)).toEqual([
      "Flagger's metrics server http://prometheus:9090 does not resolve to a Service with ready pods: set prometheus.install: true in HelmRelease flagger-system/flagger's values (infrastructure/addons/flagger.yaml in the reference layout) (or metricsServer to your Prometheus's Service)",
    ])
    expect(result.summary).toContain(
      '| Flagger’s Prometheus | ❌ | -metrics-server=http://prometheus:9090: no Service flagger-system/prometheus |',
    )
  }, 180_000)

  it('checks only the gateway with verify: gateway (a cluster that runs no canaries), nothing with none', async () => {
    // Flagger still has no Prometheus (the case before): only the canary checks would fail.
    const gateway = await run({ 'flux-chart-version': '2.18.4', verify: 'gateway' })
    expect(errors(gateway)).toEqual([])
    expect(gateway.outputs.result).toBe('ready')
    for (const check of ['APISIX gateway', 'APISIX ingress controller', 'APISIX CRDs'])
      expect(gateway.summary).toMatch(new RegExp(`\\| ${check} \\| ✅ \\|`))
    expect(gateway.summary).not.toContain('Flagger’s Prometheus')
    expect(gateway.summary).not.toContain('Load tester')
    const none = await run({ command: 'check', 'flux-chart-version': '2.18.4', verify: 'none' })
    expect(errors(none)).toEqual([])
    expect(none.outputs.result).toBe('ready')
    expect(none.summary).not.toContain('APISIX gateway')
  }, 180_000)
})
