import { execFileSync } from 'node:child_process'
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { type RunOptions, type RunResult, runBundledAction } from '@canary-delivery/action-runner'
import {
  type ChartRepository,
  type LoopbackLayout,
  loopbackLayout,
  type Obj,
  type Sandbox,
  serveChartRepository,
  startSandbox,
} from '@canary-delivery/sandbox'
import { ensureHelm, sharedChartsDir } from '@canary-delivery/tools'

export const actionDir = resolve(import.meta.dirname, '..')

/** The real add-on charts, read from ../shared/fixtures/charts (third-party code: never copied into the project). */
export function realChartsDir(): string {
  const dir = sharedChartsDir()
  if (!dir)
    throw new Error(
      `the real add-on charts are missing: expected ${resolve(actionDir, '../../../shared/fixtures/charts')} (../shared/fixtures/charts beside the repository)`,
    )
  return dir
}

/** The bundle as a runner runs it, with the project's helm first on PATH. */
export async function runAction(
  inputs: Record<string, string>,
  options: Partial<RunOptions> = {},
): Promise<RunResult> {
  const helmDir = dirname(ensureHelm())
  const result = await runBundledAction({
    actionDir,
    inputs,
    // Under the tests' own 180 s, so that a run that hangs is stopped and reported by its test,
    // instead of running on into the cases after it on the same cluster.
    timeoutMs: 170_000,
    ...options,
    env: { PATH: [helmDir, process.env.PATH ?? ''].join(delimiter), ...options.env },
  })
  // ACTION_LOG=file appends every run's log, to see what a failing test's runs did.
  const logFile = process.env.ACTION_LOG
  if (logFile) appendFileSync(logFile, `\n===== ${inputs.command ?? 'apply'}\n${result.log}\n`)
  return result
}

export const errors = (result: RunResult) =>
  result.annotations.filter((a) => a.level === 'error').map((a) => a.message)

/**
 * A bare sandbox, a chart repository on 127.0.0.1 serving the real charts (a private folder of links
 * to them, so that a test can add a repackaged chart), and the reference layout's sit cluster in a
 * local bare repository pointed at both.
 */
export interface BootstrapEnvironment {
  sandbox: Sandbox
  charts: ChartRepository
  layout: LoopbackLayout
  /** The inputs every run of the action against this cluster needs. */
  inputs: Record<string, string>
  /** The real flux2 chart repackaged at another version (what a chart release looks like to helm). */
  publishFluxChart(version: string): string
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Obj | undefined
  list(apiVersion: string, kind: string, namespace?: string): Obj[]
  stop(): Promise<void>
}

export async function startEnvironment(options: { timeScale: number }): Promise<BootstrapEnvironment> {
  const real = realChartsDir()
  const folder = mkdtempSync(join(tmpdir(), 'bootstrap-charts-'))
  for (const file of readdirSync(real).filter((f) => f.endsWith('.tgz')))
    symlinkSync(join(real, file), join(folder, file))
  const charts = await serveChartRepository(folder)
  const layout = loopbackLayout({ chartsUrl: charts.url, cluster: 'sit' })
  // Flux's git and helm take no simulated time: on a busy machine their real seconds would otherwise
  // pass for minutes of Helm waits and health checks, and fail releases a cluster would not.
  const sandbox = await startSandbox({ bare: true, timeScale: options.timeScale, instantFluxWork: true })
  const store = sandbox.store
  const rt = (apiVersion: string, kind: string) => store.registry.byKind(apiVersion, kind)
  return {
    sandbox,
    charts,
    layout,
    inputs: {
      environment: 'sit',
      kubeconfig: sandbox.kubeconfig,
      'gitops-repository': layout.url,
      'gitops-path': 'clusters/{environment}-loopback',
      'flux-chart-repository': charts.url,
      timeout: '2m',
    },
    publishFluxChart(version) {
      const work = mkdtempSync(join(tmpdir(), 'flux2-repackaged-'))
      try {
        execFileSync('tar', ['-xzf', join(real, 'flux2-2.18.3.tgz'), '-C', work])
        execFileSync(ensureHelm(), [
          'package',
          join(work, 'flux2'),
          '--version',
          version,
          '--destination',
          folder,
        ])
      } finally {
        rmSync(work, { recursive: true, force: true })
      }
      return version
    },
    get: (apiVersion, kind, namespace, name) => {
      const type = rt(apiVersion, kind)
      return type ? store.get(type, namespace, name) : undefined
    },
    list: (apiVersion, kind, namespace) => {
      const type = rt(apiVersion, kind)
      return type ? store.list(type, namespace) : []
    },
    async stop() {
      await sandbox.stop()
      await charts.stop()
      layout.remove()
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

/** A local bare repository holding `clusters/sit/` (one Kustomization file), for runs that stop early. */
export function smallGitops(): { url: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'small-gitops-'))
  const work = join(dir, 'work')
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', work, '-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args])
  execFileSync('git', ['init', '-q', '--initial-branch=main', work])
  mkdirSync(join(work, 'clusters/sit'), { recursive: true })
  writeFileSync(join(work, 'clusters/sit/kustomization.yaml'), 'resources: []\n')
  git('add', '--all')
  git('commit', '-qm', 'a cluster')
  execFileSync('git', ['clone', '-q', '--bare', work, join(dir, 'gitops.git')])
  return {
    url: `file://${join(dir, 'gitops.git')}`,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** The folders the action made in RUNNER_TEMP that are still there. */
export const leftovers = (runnerTemp: string) =>
  readdirSync(runnerTemp).filter((f) => f.startsWith('bootstrap-addons-'))
