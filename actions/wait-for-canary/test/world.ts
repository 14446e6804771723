import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type RunOptions, type RunResult, repoRoot, runBundledAction } from '@canary-delivery/action-runner'
import { type GitHubStandin, type StandinOptions, startGitHubStandin } from '@canary-delivery/github-standin'
import {
  type ChartRepository,
  type Sandbox,
  type Scenario,
  serveCharts,
  startSandbox,
} from '@canary-delivery/sandbox'
import { test as base } from 'vitest'

export const ACTION_DIR = resolve(import.meta.dirname, '..')
export const IMAGE = 'ghcr.io/acme/podinfo'
export const NS = 'demo'

// biome-ignore lint/suspicious/noExplicitAny: sandbox objects are untyped JSON, as on the wire
type Obj = Record<string, any>

export interface WorldOptions {
  /** Real time per simulated time; 0.02 runs Flagger's 10s interval every 200 ms. */
  timeScale?: number
  scenario?: Scenario
  /** Extra fields for the Canary's analysis. */
  analysis?: Obj
  /** Start with the Canary already initialized with this tag (default 1.0.0); false: create nothing. */
  initialTag?: string | false
}

/**
 * One sandbox cluster with a podinfo Deployment and its Canary, and the moves Flux would make
 * (set the image on the target, edit a HelmRelease). The test drives Flux; Flagger is the sandbox's.
 */
export class World {
  private charts: ChartRepository | undefined

  private constructor(
    readonly sandbox: Sandbox,
    private readonly options: WorldOptions,
  ) {}

  static async start(options: WorldOptions = {}): Promise<World> {
    const sandbox = await startSandbox({ timeScale: options.timeScale ?? 0.02, scenario: options.scenario })
    const world = new World(sandbox, options)
    world.create('v1', 'Namespace', { metadata: { name: NS } })
    if (options.initialTag !== false) {
      world.createApp(options.initialTag ?? '1.0.0')
      await world.waitForPhase('Initialized')
    }
    return world
  }

  type(apiVersion: string, kind: string) {
    const rt = this.sandbox.store.registry.byKind(apiVersion, kind)
    if (!rt) throw new Error(`no ${kind}`)
    return rt
  }

  create(apiVersion: string, kind: string, object: Obj): Obj {
    return this.sandbox.store.create(this.type(apiVersion, kind), object)
  }

  get(apiVersion: string, kind: string, name: string): Obj | undefined {
    return this.sandbox.store.get(this.type(apiVersion, kind), NS, name)
  }

  createApp(tag: string): void {
    this.create('apps/v1', 'Deployment', {
      metadata: { name: 'podinfo', namespace: NS, labels: { app: 'podinfo' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'podinfo' } },
        template: {
          metadata: { labels: { app: 'podinfo' } },
          spec: { containers: [{ name: 'podinfod', image: `${IMAGE}:${tag}` }] },
        },
      },
    })
    this.create('flagger.app/v1beta1', 'Canary', {
      metadata: { name: 'podinfo', namespace: NS },
      spec: {
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
        progressDeadlineSeconds: 60,
        service: { port: 9898 },
        analysis: {
          interval: '10s',
          threshold: 2,
          maxWeight: 50,
          stepWeight: 10,
          metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' }],
          ...this.options.analysis,
        },
      },
    })
  }

  /** What Flux does when it applies the new tag: the target's pod template changes. */
  setTag(tag: string): void {
    const rt = this.type('apps/v1', 'Deployment')
    const target = this.sandbox.store.get(rt, NS, 'podinfo')!
    target.spec.template.spec.containers[0].image = `${IMAGE}:${tag}`
    this.sandbox.store.update(rt, target)
  }

  /** Pauses or resumes Flagger's analysis of the canary (spec.suspend). */
  suspendCanary(suspend: boolean): void {
    const rt = this.type('flagger.app/v1beta1', 'Canary')
    const canary = this.sandbox.store.get(rt, NS, 'podinfo')!
    canary.spec.suspend = suspend
    this.sandbox.store.update(rt, canary)
  }

  phase(): string | undefined {
    return this.get('flagger.app/v1beta1', 'Canary', 'podinfo')?.status?.phase
  }

  async waitForPhase(phase: string, timeoutMs = 30_000): Promise<void> {
    await waitFor(`canary phase ${phase}`, () => this.phase() === phase, timeoutMs)
  }

  /** A complete rollout of `tag`, without the action, to leave a Succeeded behind. */
  async rollOut(tag: string): Promise<void> {
    this.setTag(tag)
    await waitFor('a new run', () => this.phase() === 'Progressing')
    await this.waitForPhase('Succeeded')
  }

  /** Serves the reference app chart on 127.0.0.1 as the HelmRepository `podinfo` that helmRelease() names. */
  async serveAppChart(): Promise<void> {
    this.charts = await serveCharts([join(repoRoot, 'workflows-examples/charts/app')])
    this.create('source.toolkit.fluxcd.io/v1', 'HelmRepository', {
      metadata: { name: 'podinfo', namespace: NS },
      spec: { interval: '1h', url: this.charts.url },
    })
  }

  async stop(): Promise<void> {
    await this.sandbox.stop()
    await this.charts?.stop()
  }
}

export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = check()
    if (value !== undefined && value !== false) return value
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`timed out waiting for ${what}`)
}

export interface ActionRun {
  result: Promise<RunResult>
  /** Resolves when the action prints a line matching `pattern`. */
  line(pattern: RegExp): Promise<string>
  lines: string[]
  runnerTemp: string
  /** Files left in RUNNER_TEMP other than the runner's own. */
  leftovers(): string[]
  cleanup(): void
}

/** Runs the bundled action through the local runner, as a workflow step would. */
export function startAction(
  world: World | undefined,
  inputs: Record<string, string>,
  options: Partial<
    Pick<
      RunOptions,
      'node' | 'env' | 'github' | 'debug' | 'workspace' | 'timeoutMs' | 'cancel' | 'cancelSignal'
    >
  > & {
    kubeconfig?: string
  } = {},
): ActionRun {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'wait-for-canary-temp-'))
  const lines: string[] = []
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = []
  const result = runBundledAction({
    actionDir: ACTION_DIR,
    inputs: {
      ...(world ? { kubeconfig: options.kubeconfig ?? world.sandbox.kubeconfig } : {}),
      namespace: NS,
      name: 'podinfo',
      timeout: '60s',
      ...inputs,
    },
    node: options.node,
    env: { WAIT_FOR_CANARY_STATUS_INTERVAL_MS: '200', ...options.env },
    github: options.github,
    debug: options.debug,
    workspace: options.workspace,
    runnerTemp,
    timeoutMs: options.timeoutMs ?? 120_000,
    cancel: options.cancel,
    cancelSignal: options.cancelSignal,
    onLogLine: (line) => {
      lines.push(line)
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve(line)
        }
      }
    },
  })
  return {
    result,
    lines,
    runnerTemp,
    line: (pattern) => {
      const seen = lines.find((l) => pattern.test(l))
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve })
        result.then(
          () => reject(new Error(`the action ended without printing ${pattern}:\n${lines.join('\n')}`)),
          reject,
        )
      })
    },
    leftovers: () => readdirSync(runnerTemp).filter((f) => !f.startsWith('_')),
    cleanup: () => rmSync(runnerTemp, { recursive: true, force: true }),
  }
}

/** A HelmRelease of the reference app chart (served by serveAppChart): the podinfo Deployment and its Canary. */
export function helmRelease(tag: string, suspend = false): Obj {
  return {
    metadata: { name: 'podinfo', namespace: NS },
    spec: {
      interval: '10m',
      suspend,
      chart: {
        spec: { chart: 'app', version: '0.2.0', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } },
      },
      values: {
        replicaCount: 2,
        image: { repository: IMAGE, tag },
        ingress: { hosts: ['podinfo.demo.example.com'] },
        canary: {
          enabled: true,
          progressDeadlineSeconds: 60,
          analysis: { interval: '10s', threshold: 2, maxWeight: 50, stepWeight: 10 },
        },
      },
    },
  }
}

/** A kubeconfig whose user gets its credential from an exec plugin: a Node script run by this Node. */
export function execPluginKubeconfig(
  server: string,
  plugin: string,
  options: { apiVersion?: string; env?: Record<string, string> } = {},
): string {
  const env = Object.entries(options.env ?? {}).map(([name, value]) => ({ name, value }))
  return [
    'apiVersion: v1',
    'kind: Config',
    `clusters: [{ name: sandbox, cluster: { server: "${server}", insecure-skip-tls-verify: true } }]`,
    'users:',
    '- name: plugin-user',
    '  user:',
    '    exec:',
    `      apiVersion: ${options.apiVersion ?? 'client.authentication.k8s.io/v1'}`,
    `      command: ${JSON.stringify(process.execPath)}`,
    `      args: [${JSON.stringify(plugin)}]`,
    '      interactiveMode: Never',
    `      env: ${JSON.stringify(env)}`,
    'contexts: [{ name: plugin, context: { cluster: sandbox, user: plugin-user } }]',
    'current-context: plugin',
    '',
  ].join('\n')
}

/** What a test starts through `started` is stopped when it ends, however it ends. */
export interface Started {
  world(options?: WorldOptions): Promise<World>
  action(...args: Parameters<typeof startAction>): ActionRun
  github(options?: StandinOptions): Promise<GitHubStandin>
  /** Anything else to undo when the test ends. */
  onEnd(undo: () => Promise<void> | void): void
}

/**
 * `it` with `started`, for tests that run side by side (each with a cluster and a run of its own):
 * the file's tests spend most of their time waiting for the action's real-time waits.
 */
export const it = base.extend<{ started: Started }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
  started: async ({}, use) => {
    const undo: (() => Promise<void> | void)[] = []
    const keep = <T>(value: T, stop: (value: T) => Promise<void> | void): T => {
      undo.push(() => stop(value))
      return value
    }
    await use({
      world: async (options) => keep(await World.start(options), (world) => world.stop()),
      action: (...args) => keep(startAction(...args), (run) => run.cleanup()),
      github: async (options) => keep(await startGitHubStandin(options), (github) => github.stop()),
      onEnd: (stop) => {
        undo.push(stop)
      },
    })
    for (const stop of undo.reverse()) await stop()
  },
})
