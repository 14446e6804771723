import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveNode } from '@canary-delivery/action-runner'
import { describe, expect } from 'vitest'
import { startForwardProxy } from '../../../test/support/recording-proxy'
import { type ActionRun, execPluginKubeconfig, helmRelease, it, NS, type Started, type World } from './world'

// Each test has a cluster and a run of its own, and waits mostly for the action's real-time waits:
// the tests of a describe run side by side.

const TOKEN = 'ghs_standin_token_0123456789'
const SHA = 'feed'.padEnd(40, '0')

/** A Flagger-like Event about the podinfo Canary, with whatever message a hostile cluster writes. */
function canaryEvent(target: World, name: string, message: string, type = 'Normal') {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  target.create('v1', 'Event', {
    metadata: { name, namespace: NS },
    involvedObject: { kind: 'Canary', name: 'podinfo', namespace: NS, apiVersion: 'flagger.app/v1beta1' },
    reason: 'Synced',
    type,
    message,
    count: 1,
    firstTimestamp: now,
    lastTimestamp: now,
    source: { component: 'flagger' },
  })
}

const events = (outputs: Record<string, string>) =>
  (JSON.parse(outputs.events ?? '[]') as { message: string }[]).map((e) => e.message)

/** Lines of the log that the runner took as workflow commands it should not have. */
function injected(result: { annotations: { message: string }[]; masks: string[] }) {
  return {
    annotations: result.annotations.filter((a) => /^injected/.test(a.message)).map((a) => a.message),
    masks: result.masks.filter((m) => /Progressing|injected|podinfo/.test(m)),
  }
}

describe.concurrent('wait-for-canary keeps cluster text inert', () => {
  it('prints a Flagger event holding a line break and workflow commands as text', async ({ started }) => {
    const world = await started.world()
    const run = started.action(world, { tag: '7.0.0', timeout: '4s' })
    await run.line(/waiting for Flux to apply/)
    canaryEvent(
      world,
      'podinfo.hostile1',
      'Advance podinfo.demo canary weight 10\n::error title=x::injected error\n::add-mask::Progressing',
    )
    canaryEvent(world, 'podinfo.hostile2', '::warning::injected warning ##[error]injected legacy')
    const result = await run.result
    expect(result.outputs.result).toBe('timed-out')
    expect(injected(result)).toEqual({ annotations: [], masks: [] })
    // The text is still there for a person to read, on one line.
    expect(result.log).toContain(
      'Advance podinfo.demo canary weight 10 ⏎ ::error title=x::injected error ⏎ ::add-mask::Progressing',
    )
    expect(result.log).toContain('::warning::injected warning #\u2060#[error]injected legacy')
  })

  it('prints a HelmRelease condition message as text', async ({ started }) => {
    const world = await started.world()
    const release = helmRelease('7.1.0', true)
    release.metadata.name = 'hostile'
    const created = world.create('helm.toolkit.fluxcd.io/v2', 'HelmRelease', release)
    world.sandbox.store.update(
      world.type('helm.toolkit.fluxcd.io/v2', 'HelmRelease'),
      {
        ...created,
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'UpgradeFailed',
              message: 'upgrade failed\n::error::injected by a release\n::add-mask::podinfo',
              lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
            },
          ],
        },
      },
      { status: true },
    )
    const run = started.action(world, { tag: '7.1.0', timeout: '3s', 'helm-release': 'hostile' })
    const result = await run.result
    expect(result.outputs.result).toBe('timed-out')
    expect(injected(result)).toEqual({ annotations: [], masks: [] })
    expect(result.log).toContain(
      'HelmRelease hostile: Ready=False (UpgradeFailed) upgrade failed ⏎ ::error::injected by a release',
    )
  })

  it('prints an image reference that supersedes the expected one as text', async ({ started }) => {
    const world = await started.world()
    const run = started.action(world, { tag: '7.1.0', timeout: '20s' })
    await run.line(/waiting for Flux to apply/)
    world.setTag('7.1.0')
    await run.line(/now runs tag 7\.1\.0/)
    // The API only asks an image to have no surrounding white space: a line break inside is allowed.
    world.setTag('7.1.1\n::error::injected by an image\n::add-mask::podinfo')
    const result = await run.result
    expect(result.outputs.result).toBe('failed')
    expect(injected(result)).toEqual({ annotations: [], masks: [] })
    expect(result.log).toMatch(/no longer runs tag 7\.1\.0/)
  })
})

describe.concurrent('wait-for-canary keeps its deadline', () => {
  it('ends at its timeout with timed-out when the API server accepts connections and never answers', async ({
    started,
  }) => {
    const silent = await startSilentServer(started)
    const kubeconfig = [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{ name: silent, cluster: { server: "${silent.url}", insecure-skip-tls-verify: true } }]`,
      'users: [{ name: u, user: { token: silent-token-value } }]',
      'contexts: [{ name: silent, context: { cluster: silent, user: u, namespace: demo } }]',
      'current-context: silent',
      '',
    ].join('\n')
    const startedAt = Date.now()
    const run = started.action(undefined, { tag: '1.0.0', timeout: '5s', kubeconfig }, { timeoutMs: 90_000 })
    const result = await run.result
    const elapsed = Date.now() - startedAt
    expect(result.outputs.result, result.log).toBe('timed-out')
    expect(result.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /^Timed out after 00:05 waiting for the Kubernetes API/,
    )
    // Loosely (a busy machine adds seconds): the timeout plus start-up and the post step, far from
    // the 37 s to minutes it took before.
    expect(elapsed).toBeLessThan(30_000)
    expect(run.leftovers()).toEqual([])
  })

  it('ends at its timeout when the API server turns slow in the middle of the wait', async ({ started }) => {
    const world = await started.world()
    const startedAt = Date.now()
    const run = started.action(world, { tag: '7.2.0', timeout: '6s' }, { timeoutMs: 90_000 })
    await run.line(/waiting for Flux to apply/)
    world.sandbox.faults.set({ latencyMs: 120_000 })
    world.sandbox.faults.closeWatches()
    const result = await run.result
    expect(result.outputs.result, result.log).toBe('timed-out')
    // Loosely, as above: before, a slow API server kept it waiting 37 s and more.
    expect(Date.now() - startedAt).toBeLessThan(30_000)
  })
})

describe.concurrent('wait-for-canary after an outage', () => {
  const failing = { timeScale: 0.05, scenario: { images: { '*:8.0.0-bad': { successRate: 30 } } } }

  /** Once Flagger failed the run, the API comes back with its watch history compacted: resuming needs a re-list. */
  async function backAfterTheFailure(cluster: World, action: ActionRun) {
    await cluster.waitForPhase('Failed', 60_000)
    cluster.sandbox.faults.expireWatches()
    cluster.sandbox.faults.set({})
    const result = await action.result
    expect(result.outputs.result, result.log).toBe('failed')
    // Flagger's reason, not "already rolled back before this wait started" (an old failure).
    expect(result.annotations.find((a) => a.level === 'error')?.message, result.log).toMatch(
      /^Flagger rolled back tag 8\.0\.0-bad on podinfo\.demo: Rolling back podinfo\.demo failed checks threshold reached 2/,
    )
    return result
  }

  it('rebuilds a failure mid-run from the re-listed Canary and events, with Flagger’s reasons', async ({
    started,
  }) => {
    const world = await started.world(failing)
    const run = started.action(world, { tag: '8.0.0-bad', timeout: '90s' })
    await run.line(/waiting for Flux to apply/)
    world.setTag('8.0.0-bad')
    await run.line(/New revision detected/)
    // The API goes away mid-analysis; Flagger fails the run meanwhile.
    world.sandbox.faults.set({ errorRate: 1, errorStatus: 503 })
    world.sandbox.faults.closeWatches()
    const result = await backAfterTheFailure(world, run)
    expect(result.summary).toContain("**Flagger's reasons**")
  })

  it('tells a failure of this revision that happened while the API was down from an old one', async ({
    started,
  }) => {
    const world = await started.world(failing)
    // Down from the start: the first answer comes after Flux applied the tag and Flagger failed it.
    world.sandbox.faults.set({ errorRate: 1, errorStatus: 503 })
    const run = started.action(world, { tag: '8.0.0-bad', timeout: '90s' })
    await run.line(/Following canary/)
    // Event timestamps have whole seconds: what happens 3 s after the start is surely after it.
    await new Promise((r) => setTimeout(r, 3_000))
    world.setTag('8.0.0-bad')
    const result = await backAfterTheFailure(world, run)
    expect(events(result.outputs)).toContain('New revision detected! Scaling up podinfo.demo')
    expect(events(result.outputs)).toContain('Canary failed! Scaling down podinfo.demo')
  })
})

describe.concurrent('wait-for-canary says what is missing', () => {
  it('reports a Canary deleted mid-wait at once and every minute, and sets the result', async ({
    started,
  }) => {
    const world = await started.world()
    // A reminder a second, and room for several: on a busy machine a reminder can come seconds late.
    const run = started.action(
      world,
      { tag: '9.0.0', timeout: '10s' },
      { env: { WAIT_FOR_CANARY_HEARTBEAT_MS: '1000' } },
    )
    await run.line(/waiting for Flux to apply/)
    world.sandbox.store.delete(world.type('flagger.app/v1beta1', 'Canary'), NS, 'podinfo')
    await run.line(/Canary podinfo\.demo was deleted/)
    const result = await run.result
    expect(result.outputs.result).toBe('timed-out')
    const reminders = result.log
      .split('\n')
      .filter((l) =>
        /still waiting for Canary podinfo\.demo, deleted at \d\d:\d\d, to be created again/.test(l),
      )
    expect(reminders.length, result.log).toBeGreaterThanOrEqual(2)
    expect(result.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /waiting for Canary podinfo\.demo, deleted at \d\d:\d\d, to be created again/,
    )
  })

  it('says at once that the namespace does not exist, and keeps saying it', async ({ started }) => {
    const world = await started.world({ initialTag: false })
    const run = started.action(
      world,
      { tag: '9.1.0', timeout: '10s', namespace: 'nowhere' },
      { env: { WAIT_FOR_CANARY_HEARTBEAT_MS: '1000' } },
    )
    const result = await run.result
    expect(result.outputs.result).toBe('timed-out')
    const mentions = result.log.split('\n').filter((l) => /namespace nowhere does not exist/.test(l))
    expect(mentions.length, result.log).toBeGreaterThanOrEqual(2)
  })

  it('sets the result output when the wait ends in an error', async ({ started }) => {
    const world = await started.world()
    const run = started.action(world, { tag: '9.2.0', context: 'no-such-context' })
    const result = await run.result
    expect(result.exitCode).not.toBe(0)
    expect(result.outputs.result).toBe('error')
  })
})

describe.concurrent('wait-for-canary when the job is cancelled', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`leaves a final commit status saying where the rollout stood (${signal})`, async ({ started }) => {
      const github = await started.github({ repositories: ['acme/app'], token: TOKEN })
      const world = await started.world({ timeScale: 0.1 })
      const cancel = new AbortController()
      const run = started.action(
        world,
        { tag: '10.0.0', environment: 'sit' },
        {
          github: { token: TOKEN, apiUrl: github.url, repository: 'acme/app', sha: SHA },
          cancel: cancel.signal,
          cancelSignal: signal,
        },
      )
      await run.line(/waiting for Flux to apply/)
      world.setTag('10.0.0')
      await run.line(/canary weight 20/)
      // Flagger holds still, so the status can say exactly where the rollout stood.
      world.suspendCanary(true)
      cancel.abort()
      const result = await run.result
      expect(result.exitCode).not.toBe(0)
      const statuses = github.state.repository('acme', 'app')!.statuses
      expect(github.violations).toEqual([])
      expect(statuses.at(-1), result.log).toMatchObject({
        state: 'error',
        description: expect.stringMatching(
          /^Cancelled while Progressing at [23]0% \([23]\/5\), 0 failed checks$/,
        ),
      })
      expect(result.outputs.result).toBe('cancelled')
      expect(run.leftovers()).toEqual([])
    })
  }

  it('has the post step set the final status when the main step was killed outright', async ({ started }) => {
    const github = await started.github({ repositories: ['acme/app'], token: TOKEN })
    const world = await started.world()
    const run = started.action(
      world,
      { tag: '10.1.0', environment: 'uat', timeout: '10m' },
      {
        github: { token: TOKEN, apiUrl: github.url, repository: 'acme/app', sha: SHA },
        timeoutMs: 6_000,
      },
    )
    const result = await run.result
    expect(result.steps.map((s) => [s.step, s.exitCode === 0])).toEqual([
      ['main', false],
      ['post', true],
    ])
    const statuses = github.state.repository('acme', 'app')!.statuses
    expect(statuses.at(-1), result.log).toMatchObject({
      state: 'error',
      context: 'canary/uat',
      description: expect.stringMatching(/^Cancelled while waiting for Flux to apply tag 10\.1\.0/),
    })
  })

  it('has the post step complete the check run as cancelled when the main step was killed', async ({
    started,
  }) => {
    const github = await started.github({ repositories: ['acme/app'], token: TOKEN })
    const world = await started.world()
    const run = started.action(
      world,
      { tag: '10.2.0', 'report-as': 'check-run', 'status-context': 'canary/prod', timeout: '10m' },
      {
        github: { token: TOKEN, apiUrl: github.url, repository: 'acme/app', sha: SHA },
        timeoutMs: 8_000,
      },
    )
    const result = await run.result
    expect(result.steps.map((s) => [s.step, s.exitCode === 0])).toEqual([
      ['main', false],
      ['post', true],
    ])
    expect(github.violations).toEqual([])
    const [check, ...others] = github.state.repository('acme', 'app')!.checkRuns
    expect(others, result.log).toEqual([])
    expect(check).toMatchObject({ name: 'canary/prod', status: 'completed', conclusion: 'cancelled' })
    expect(check?.output.title).toBe('Cancelled while waiting for Flux to apply tag 10.2.0 to podinfo')
  })
})

describe.concurrent('wait-for-canary refuses what would leak credentials', () => {
  it('refuses a server URL that carries a password, without printing it', async ({ started }) => {
    const world = await started.world({ initialTag: false })
    const url = new URL(world.sandbox.url)
    const kubeconfig = world.sandbox.kubeconfig.replace(
      world.sandbox.url,
      `http://admin:url-password-31337@${url.host}`,
    )
    const run = started.action(world, { tag: '1.0.0' }, { kubeconfig })
    const result = await run.result
    expect(result.exitCode).not.toBe(0)
    expect(result.outputs.result).toBe('error')
    const errors = result.annotations.filter((a) => a.level === 'error').map((a) => a.message)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/server URL .*user name or password/)
    expect(result.log).not.toContain('url-password-31337')
    expect(run.leftovers()).toEqual([])
  })

  it('masks and neutralises what a failing exec credential plugin prints', async ({ started }) => {
    const world = await started.world({ initialTag: false })
    const dir = mkdtempSync(join(tmpdir(), 'exec-plugin-'))
    started.onEnd(() => rmSync(dir, { recursive: true, force: true }))
    const plugin = join(dir, 'failing-plugin.mjs')
    writeFileSync(
      plugin,
      `process.stderr.write('login failed for ' + process.env.PLUGIN_SECRET + '\\n::error::injected by a plugin\\n::add-mask::podinfo\\n'); process.exit(3)\n`,
    )
    const kubeconfig = execPluginKubeconfig(world.sandbox.url, plugin, {
      env: { PLUGIN_SECRET: 'plugin-secret-in-stderr' },
    })
    const run = started.action(world, { tag: '1.0.0' }, { kubeconfig })
    const result = await run.result
    expect(result.exitCode).not.toBe(0)
    expect(result.outputs.result).toBe('error')
    expect(result.log).not.toContain('plugin-secret-in-stderr')
    expect(injected(result)).toEqual({ annotations: [], masks: [] })
    const error = result.annotations.find((a) => a.level === 'error')?.message ?? ''
    expect(error).toMatch(/exec credential plugin .* exited with code 3/)
    expect(error).toContain('login failed for ***')
  })
})

describe.concurrent('wait-for-canary on Node 24', () => {
  it('reaches the cluster through the kubeconfig’s proxy-url', async ({ started }) => {
    const world = await started.world()
    await world.rollOut('11.1.0')
    const proxy = await startForwardProxy()
    started.onEnd(() => proxy.stop())
    const kubeconfig = world.sandbox.kubeconfig.replace(
      'insecure-skip-tls-verify: true',
      `insecure-skip-tls-verify: true\n    proxy-url: ${proxy.url}`,
    )
    const run = started.action(world, { tag: '11.1.0' }, { kubeconfig, node: resolveNode('24') })
    const result = await run.result
    expect(result.outputs.result, result.log).toBe('no-rollout')
    expect(proxy.requests.some((r) => r.url.startsWith(`${world.sandbox.url}/apis/flagger.app/`))).toBe(true)
    for (const step of result.steps) expect(step.stderr).toBe('')
  })

  it('prints no deprecation warning into the log, in the main or the post step', async ({ started }) => {
    const world = await started.world()
    await world.rollOut('11.0.0')
    const run = started.action(world, { tag: '11.0.0' }, { node: resolveNode('24') })
    const result = await run.result
    expect(result.outputs.result, result.log).toBe('no-rollout')
    expect(result.steps.map((s) => s.step)).toEqual(['main', 'post'])
    for (const step of result.steps) expect(step.stderr).toBe('')
  })
})

/** A TCP server that accepts connections and never answers, as an API server behind a dead proxy. */
async function startSilentServer(started: Started): Promise<{ url: string }> {
  const sockets = new Set<import('node:net').Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  started.onEnd(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  )
  const { port } = server.address() as import('node:net').AddressInfo
  return { url: `http://127.0.0.1:${port}` }
}
