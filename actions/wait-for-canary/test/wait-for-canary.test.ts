import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveNode } from '@canary-delivery/action-runner'
import { describe, expect } from 'vitest'
import { startRecordingProxy } from '../../../test/support/recording-proxy'
import { execPluginKubeconfig, helmRelease, it, NS, waitFor } from './world'

// Each test has a cluster and a run of its own, and waits mostly for the action's real-time waits:
// the tests of a describe run side by side.
const events = (outputs: Record<string, string>) =>
  (JSON.parse(outputs.events ?? '[]') as { message: string }[]).map((e) => e.message)

describe.concurrent('wait-for-canary against the sandbox', () => {
  it('follows a rollout Flux applies after the wait started, ignoring the earlier Succeeded (Node 24)', async ({
    started,
  }) => {
    const world = await started.world()
    await world.rollOut('1.0.1')
    const run = started.action(world, { tag: '1.1.0' }, { node: resolveNode('24') })
    await run.line(/Succeeded is from an earlier run; waiting for Flux to apply tag 1\.1\.0/)
    // Flux applies the tag while Flagger has not looked yet: the earlier Succeeded is still there.
    world.suspendCanary(true)
    world.setTag('1.1.0')
    await run.line(/\] Succeeded .*podinfo now runs tag 1\.1\.0/)
    await new Promise((r) => setTimeout(r, 500))
    expect(run.lines.join('\n')).not.toMatch(/succeeded:/)
    world.suspendCanary(false)
    const result = await run.result
    expect(result.exitCode, result.log).toBe(0)
    expect(result.outputs).toMatchObject({
      result: 'succeeded',
      phase: 'Succeeded',
      'canary-weight': '50',
      'failed-checks': '0',
    })
    const messages = events(result.outputs)
    expect(messages[0]).toBe('New revision detected! Scaling up podinfo.demo')
    for (const weight of [10, 20, 30, 40, 50])
      expect(messages).toContain(`Advance podinfo.demo canary weight ${weight}`)
    expect(messages).toContain('Promotion completed! Scaling down podinfo.demo')
    // One readable line per change, with elapsed time, phase, weight and failed checks.
    expect(result.log).toMatch(/\[\d\d:\d\d\] Progressing\s+30% \(3\/5\)\s+0 failed checks/)
    expect(result.log).toMatch(/succeeded: podinfo\.demo promoted tag 1\.1\.0/)
    expect(result.summary).toContain('## ✅ Canary podinfo.demo: succeeded')
    expect(result.summary).toContain('xychart-beta')
    expect(result.summary).toMatch(/\| elapsed \| phase \| weight \| failed checks \| what happened \|/)
    // The kubeconfig written from the input is gone, main and post steps both ran.
    expect(run.leftovers()).toEqual([])
    expect(result.steps.map((s) => s.step)).toEqual(['main', 'post'])
  })

  it('reports a rollback with Flagger’s reasons and fails the step', async ({ started }) => {
    const world = await started.world({ scenario: { images: { '*:1.1.0-bad': { successRate: 42 } } } })
    const run = started.action(world, { tag: '1.1.0-bad' })
    await run.line(/waiting for Flux to apply/)
    world.setTag('1.1.0-bad')
    const result = await run.result
    expect(result.exitCode).not.toBe(0)
    expect(result.outputs).toMatchObject({ result: 'failed', phase: 'Failed', 'failed-checks': '2' })
    const error = result.annotations.find((a) => a.level === 'error')
    expect(error?.message).toContain(
      'Flagger rolled back tag 1.1.0-bad on podinfo.demo: Rolling back podinfo.demo failed checks threshold reached 2',
    )
    expect(events(result.outputs)).toContain('Halt podinfo.demo advancement success rate 42.00% < 99%')
    expect(result.summary).toContain("**Flagger's reasons**")
    expect(result.summary).toContain('- Halt podinfo.demo advancement success rate 42.00% < 99%')
  })

  it('treats the first install as initialized', async ({ started }) => {
    const world = await started.world({ initialTag: false })
    const run = started.action(world, { tag: '1.0.0' })
    await run.line(/does not exist yet/)
    world.createApp('1.0.0')
    const result = await run.result
    expect(result.exitCode, result.log).toBe(0)
    expect(result.outputs.result).toBe('initialized')
    expect(result.annotations.find((a) => a.level === 'notice')?.message).toMatch(
      /First deployment of podinfo\.demo/,
    )
    expect(events(result.outputs)).toContain('Initialization done! podinfo.demo')
  })

  it('says no-rollout at once for a tag that already is the promoted version', async ({ started }) => {
    const world = await started.world()
    await world.rollOut('1.1.0')
    const run = started.action(world, { tag: '1.1.0', timeout: '10m' })
    const result = await run.result
    expect(result.exitCode, result.log).toBe(0)
    expect(result.outputs.result).toBe('no-rollout')
    expect(Number(result.outputs['duration-seconds'])).toBeLessThan(30)
  })

  it('finds the cluster in ~/.kube/config when neither the input nor KUBECONFIG names one, as kubectl does', async ({
    started,
  }) => {
    const world = await started.world()
    await world.rollOut('1.1.0')
    const home = mkdtempSync(join(tmpdir(), 'wait-for-canary-home-'))
    try {
      mkdirSync(join(home, '.kube'))
      writeFileSync(join(home, '.kube', 'config'), world.sandbox.kubeconfig, { mode: 0o600 })
      const run = started.action(
        world,
        { tag: '1.1.0' },
        { kubeconfig: '', env: { HOME: home, KUBECONFIG: '' } },
      )
      const result = await run.result
      expect(result.exitCode, result.log).toBe(0)
      expect(result.outputs.result).toBe('no-rollout')
      // The user's own file is read in place, never copied or removed.
      expect(readdirSync(join(home, '.kube'))).toEqual(['config'])
      expect(run.leftovers()).toEqual([])
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })

  it('follows a run that was already under way when the wait started', async ({ started }) => {
    const world = await started.world({ timeScale: 0.05 })
    world.setTag('1.2.0')
    await waitFor('a new run', () => world.phase() === 'Progressing')
    const run = started.action(world, { tag: '1.2.0' })
    const result = await run.result
    expect(result.exitCode, result.log).toBe(0)
    expect(result.outputs.result).toBe('succeeded')
  })

  const gate = {
    analysis: {
      webhooks: [{ name: 'approve', type: 'confirm-promotion', url: 'http://loadtester/gate/check' }],
    },
  }
  it.for(['fail', 'succeed', 'wait'] as const)(
    'applies on-waiting-promotion %s to a closed confirm-promotion gate',
    async (policy, { started }) => {
      const world = await started.world({ ...gate, scenario: { webhooks: { approve: false } } })
      const run = started.action(world, { tag: '2.0.0', 'on-waiting-promotion': policy })
      await run.line(/waiting for Flux to apply/)
      world.setTag('2.0.0')
      if (policy === 'wait') {
        await run.line(/waiting for approval \(approve\)/)
        world.sandbox.setScenario({ webhooks: { approve: true } })
      }
      const result = await run.result
      const expected = { fail: ['failed', 1], succeed: ['succeeded', 0], wait: ['succeeded', 0] }[policy]
      expect(result.outputs.result, result.log).toBe(expected[0])
      expect(result.exitCode === 0 ? 0 : 1).toBe(expected[1])
      expect(result.log).toMatch(
        /waiting for approval \(approve\): Halt podinfo\.demo advancement waiting for approval approve/,
      )
      if (policy === 'wait') expect(result.outputs.phase).toBe('Succeeded')
      else expect(result.outputs.phase).toBe('WaitingPromotion')
    },
  )

  it('times out with what it was waiting for', async ({ started }) => {
    const world = await started.world()
    const run = started.action(world, { tag: '9.9.9', timeout: '3s' })
    const result = await run.result
    expect(result.exitCode).not.toBe(0)
    expect(result.outputs.result).toBe('timed-out')
    expect(result.annotations.find((a) => a.level === 'error')?.message).toBe(
      'Timed out after 00:03 waiting for Flux to apply tag 9.9.9 to podinfo',
    )
    expect(run.leftovers()).toEqual([])
  })

  it('takes namespace, canary name and image from the delivery file', async ({ started }) => {
    const world = await started.world()
    const workspace = mkdtempSync(join(tmpdir(), 'workspace-'))
    try {
      writeFileSync(
        join(workspace, 'delivery.yaml'),
        [
          'app: podinfo',
          'image: ghcr.io/acme/podinfo',
          'environments:',
          '  - name: sit',
          `    namespace: ${NS}`,
          '',
        ].join('\n'),
      )
      const run = started.action(
        world,
        { config: 'delivery.yaml', environment: 'sit', tag: '6.0.0', namespace: '', name: '' },
        { workspace },
      )
      await run.line(/waiting for Flux to apply ghcr\.io\/acme\/podinfo:6\.0\.0/)
      world.setTag('6.0.0')
      const result = await run.result
      expect(result.exitCode, result.log).toBe(0)
      expect(result.outputs.result).toBe('succeeded')
      // The delivery file names a HelmRelease (the app) that this cluster does not have.
      expect(result.log).toContain('HelmRelease podinfo not found; following the target alone')
    } finally {
      rmSync(workspace, { recursive: true, force: true })
    }
  })

  it('removes the kubeconfig in the post step when the main step is killed', async ({ started }) => {
    const world = await started.world()
    const run = started.action(world, { tag: '9.9.9', timeout: '10m' }, { timeoutMs: 8_000 })
    await run.line(/waiting for Flux to apply/)
    expect(run.leftovers()).toHaveLength(1)
    const result = await run.result
    expect(result.steps.map((s) => [s.step, s.exitCode === 0])).toEqual([
      ['main', false],
      ['post', true],
    ])
    expect(result.log).toContain('Removed the kubeconfig written by the main step')
    expect(run.leftovers()).toEqual([])
  })

  it('rejects bad input in one line and leaves no kubeconfig behind', async ({ started }) => {
    const world = await started.world({ initialTag: false })
    const run = started.action(world, {})
    const result = await run.result
    expect(result.exitCode).not.toBe(0)
    expect(result.annotations.map((a) => a.message)).toEqual([
      "Input 'tag' or 'image' is required: what the new revision must run",
    ])
    expect(run.leftovers()).toEqual([])
  })
})

describe.concurrent('wait-for-canary when the API misbehaves', () => {
  it('misses no transition when streams drop and the server answers 410 Gone mid-run', async ({
    started,
  }) => {
    const world = await started.world({ timeScale: 0.05 })
    const run = started.action(
      world,
      { tag: '3.0.0' },
      { env: { WAIT_FOR_CANARY_WATCH_TIMEOUT_SECONDS: '2' } },
    )
    await run.line(/waiting for Flux to apply/)
    world.setTag('3.0.0')
    await run.line(/canary weight 10/)
    world.sandbox.faults.closeWatches()
    await run.line(/canary weight 20/)
    world.sandbox.faults.expireWatches()
    await run.line(/canary weight 30/)
    world.sandbox.faults.closeWatches()
    world.sandbox.faults.expireWatches()
    const result = await run.result
    expect(result.exitCode, result.log).toBe(0)
    expect(result.outputs.result).toBe('succeeded')
    const messages = events(result.outputs)
    // Every event exactly once, in Flagger's order, although streams were re-opened and re-listed.
    expect(messages).toEqual([
      'New revision detected! Scaling up podinfo.demo',
      'Starting canary analysis for podinfo.demo',
      ...[10, 20, 30, 40, 50].map((w) => `Advance podinfo.demo canary weight ${w}`),
      'Copying podinfo.demo template spec to podinfo-primary.demo',
      'Routing all traffic to primary',
      'Promotion completed! Scaling down podinfo.demo',
    ])
    const phases = result.log
      .match(/\] (Progressing|Promoting|Finalising|Succeeded) /g)
      ?.map((m) => m.slice(2).trim())
    expect([...new Set(phases)]).toEqual(['Progressing', 'Promoting', 'Finalising', 'Succeeded'])
    expect(result.summary).toMatch(/Kubernetes API requests \| \d+ \(\d+ watch streams, [1-9]\d* re-lists\)/)
  })

  it('rides out a burst of 503s from the API server', async ({ started }) => {
    const world = await started.world({ timeScale: 0.05 })
    const run = started.action(world, { tag: '3.1.0' }, { debug: true })
    await run.line(/waiting for Flux to apply/)
    world.setTag('3.1.0')
    await run.line(/canary weight 20/)
    world.sandbox.faults.set({ errorRate: 1, errorStatus: 503 })
    world.sandbox.faults.closeWatches()
    await new Promise((r) => setTimeout(r, 1_500))
    world.sandbox.faults.set({})
    const result = await run.result
    expect(result.exitCode, result.log).toBe(0)
    expect(result.outputs.result).toBe('succeeded')
    expect(result.log).toMatch(/watch of \/\S+: Service Unavailable; retrying in \d+ms/)
    const messages = events(result.outputs)
    for (const w of [10, 20, 30, 40, 50]) {
      expect(messages.filter((m) => m === `Advance podinfo.demo canary weight ${w}`)).toHaveLength(1)
    }
  })
})

describe.concurrent('wait-for-canary with Flux', () => {
  it('waits for a HelmRelease that has not reconciled the new values yet', async ({ started }) => {
    const world = await started.world({ initialTag: false, timeScale: 0.05 })
    await world.serveAppChart()
    world.create('helm.toolkit.fluxcd.io/v2', 'HelmRelease', helmRelease('1.0.0'))
    await world.waitForPhase('Initialized')
    // The GitOps change has landed, but the release is suspended: Flux has not applied it.
    const hrType = world.type('helm.toolkit.fluxcd.io/v2', 'HelmRelease')
    const hr = world.sandbox.store.get(hrType, NS, 'podinfo')!
    world.sandbox.store.update(hrType, { ...hr, spec: helmRelease('1.1.0', true).spec })
    const run = started.action(world, { tag: '1.1.0', 'helm-release': 'podinfo' })
    await run.line(/waiting for HelmRelease podinfo and Flux to apply tag 1\.1\.0/)
    await new Promise((r) => setTimeout(r, 1_000))
    expect(run.lines.join('\n')).not.toMatch(/revision applied|now runs tag 1\.1\.0/)
    const current = world.sandbox.store.get(hrType, NS, 'podinfo')!
    world.sandbox.store.update(hrType, { ...current, spec: helmRelease('1.1.0', false).spec })
    const result = await run.result
    expect(result.exitCode, result.log).toBe(0)
    expect(result.outputs.result).toBe('succeeded')
    const log = result.log
    const progressing = log.indexOf(
      "HelmRelease podinfo: Ready=Unknown (Progressing) Running 'upgrade' action",
    )
    const applied = log.search(/HelmRelease podinfo: Ready=True \(UpgradeSucceeded\), revision applied/)
    const runs = log.indexOf('podinfo now runs tag 1.1.0')
    expect(progressing).toBeGreaterThan(0)
    expect(runs).toBeGreaterThan(progressing)
    expect(applied).toBeGreaterThan(progressing)
  })
})

describe.concurrent('wait-for-canary reporting and credentials', () => {
  const TOKEN = 'ghs_standin_token_0123456789'
  const SHA = 'c0ffee'.padEnd(40, '0')

  it('keeps a rate-limited commit status on the commit, as GitHub’s API describes it', async ({
    started,
  }) => {
    const github = await started.github({ repositories: ['acme/app'], token: TOKEN })
    const world = await started.world({ timeScale: 0.05 })
    const run = started.action(
      world,
      { tag: '4.0.0', environment: 'sit' },
      {
        github: { token: TOKEN, apiUrl: github.url, repository: 'acme/app', sha: SHA },
        env: { WAIT_FOR_CANARY_STATUS_INTERVAL_MS: '1000' },
      },
    )
    await run.line(/waiting for Flux to apply/)
    world.setTag('4.0.0')
    const result = await run.result
    expect(result.exitCode, result.log).toBe(0)
    const statuses = github.state.repository('acme', 'app')!.statuses
    expect(github.violations).toEqual([])
    expect(statuses.every((s) => s.context === 'canary/sit' && s.sha === SHA)).toBe(true)
    expect(statuses[0]).toMatchObject({ state: 'pending' })
    expect(
      statuses.some((s) => /^Progressing: \d+% \(\d\/5\), 0 failed checks$/.test(s.description ?? '')),
    ).toBe(true)
    expect(statuses.at(-1)).toMatchObject({
      state: 'success',
      description: 'podinfo.demo promoted tag 4.0.0',
    })
    // Rate-limited: fewer statuses than changes the log shows.
    const changes = result.log.split('\n').filter((l) => /^\[\d\d:\d\d\]/.test(l)).length
    expect(statuses.length).toBeLessThan(changes)
    expect(statuses[0]?.targetUrl).toMatch(/\/acme\/app\/actions\/runs\/\d+$/)
    expect(result.log).not.toContain(TOKEN)
  })

  it('can report as a check run that ends with the job summary', async ({ started }) => {
    const github = await started.github({ repositories: ['acme/app'], token: TOKEN })
    const world = await started.world({ scenario: { images: { '*:4.1.0': { successRate: 80 } } } })
    const run = started.action(
      world,
      { tag: '4.1.0', 'report-as': 'check-run', 'status-context': 'canary/uat' },
      { github: { token: TOKEN, apiUrl: github.url, repository: 'acme/app', sha: SHA } },
    )
    await run.line(/waiting for Flux to apply/)
    world.setTag('4.1.0')
    const result = await run.result
    expect(result.outputs.result, result.log).toBe('failed')
    expect(github.violations).toEqual([])
    const [check, ...others] = github.state.repository('acme', 'app')!.checkRuns
    expect(others).toEqual([])
    expect(check).toMatchObject({
      name: 'canary/uat',
      headSha: SHA,
      status: 'completed',
      conclusion: 'failure',
    })
    expect(check?.output.title).toMatch(/^Flagger rolled back tag 4\.1\.0 on podinfo\.demo/)
    expect(check?.output.summary).toContain('## ❌ Canary podinfo.demo: failed')
    expect(check?.output.summary).toContain('- Halt podinfo.demo advancement success rate 80.00% < 99%')
  })

  it('authenticates through an exec credential plugin given in a base64 kubeconfig, and masks it', async ({
    started,
  }) => {
    const world = await started.world()
    await world.rollOut('5.0.0')
    const proxy = await startRecordingProxy(world.sandbox.url)
    started.onEnd(() => proxy.stop())
    const dir = mkdtempSync(join(tmpdir(), 'exec-plugin-'))
    try {
      const plugin = join(dir, 'auth-plugin.mjs')
      writeFileSync(
        plugin,
        `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: 'exec-issued-token-42' } }))\n`,
      )
      const kubeconfig = execPluginKubeconfig(proxy.url, plugin, {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        env: { PLUGIN_SECRET: 'plugin-env-secret-value' },
      })
      const encoded = Buffer.from(kubeconfig).toString('base64')
      const run = started.action(world, { tag: '5.0.0' }, { kubeconfig: encoded, debug: true })
      const result = await run.result
      expect(result.exitCode, result.log).toBe(0)
      expect(result.outputs.result).toBe('no-rollout')
      expect(proxy.requests.length).toBeGreaterThan(0)
      expect(proxy.requests.every((r) => r.authorization === 'Bearer exec-issued-token-42')).toBe(true)
      expect(result.masks).toEqual(expect.arrayContaining([encoded, 'plugin-env-secret-value']))
      expect(result.log).not.toContain(encoded.slice(0, 60))
      expect(run.leftovers()).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
