import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { type RunResult, repoRoot, runBundledAction } from '@canary-delivery/action-runner'
import type { AddonRow } from '@canary-delivery/addons'
import { ensureHelm, ensureKubectl } from '@canary-delivery/tools'

const exec = promisify(execFile)

/** What bootstrap-addons said about one environment. */
export interface EnvironmentReady {
  environment: string
  /** `ready`, or what else the action ended with. */
  result: string
  /** The Flux version the chart runs (its `flux-version` output). */
  fluxVersion: string
  /** Its `addons` output: every HelmRelease the cluster's path reaches, pinned and running. */
  addons: Omit<AddonRow, 'since'>[]
  /** The action's error annotations, when it failed. */
  errors: string[]
  durationMs: number
}

export interface BootstrapOptions {
  environment: string
  kubeconfig: string
  /** The GitOps repository (file:// URL) holding `clusters/<environment>-loopback`. */
  gitopsUrl: string
  /** The chart repository on 127.0.0.1 the flux2 chart comes from. */
  chartsUrl: string
  /** Where the action runs (GITHUB_WORKSPACE). */
  workspace: string
  /** bootstrap-addons' `verify`: `canary` where releases run, `gateway` on devops and monitor. */
  verify: 'canary' | 'gateway'
  onLine?: (line: string) => void
  /** Cancels the run as GitHub cancels a job. */
  signal?: AbortSignal
}

/**
 * bootstrap-addons (the bundle, through the runner) on one environment: Flux from its chart with the
 * real helm, then the cluster's path of the GitOps repository through Flux, followed to Ready and
 * the delivery path verified. What a person does once beforehand comes first (see BEFOREHAND).
 */
export async function bootstrapEnvironment(options: BootstrapOptions): Promise<EnvironmentReady> {
  const started = Date.now()
  await BEFOREHAND[options.environment]?.(options.kubeconfig, options.signal)
  const result: RunResult = await runBundledAction({
    actionDir: join(repoRoot, 'actions/bootstrap-addons'),
    workspace: options.workspace,
    inputs: {
      environment: options.environment,
      kubeconfig: options.kubeconfig,
      'gitops-repository': options.gitopsUrl,
      'gitops-path': 'clusters/{environment}-loopback',
      'flux-chart-repository': options.chartsUrl,
      verify: options.verify,
      timeout: '5m',
    },
    env: { PATH: [dirname(ensureHelm()), process.env.PATH ?? ''].join(delimiter) },
    timeoutMs: 360_000,
    onLogLine: (line) => options.onLine?.(line),
    cancel: options.signal,
  })
  return {
    environment: options.environment,
    result: result.outputs.result ?? 'failed',
    fluxVersion: result.outputs['flux-version'] ?? '',
    addons: JSON.parse(result.outputs.addons || '[]'),
    errors: result.annotations.filter((a) => a.level === 'error').map((a) => a.message),
    durationMs: Date.now() - started,
  }
}

/**
 * What the layout asks a person to do on a cluster before its first bootstrap. Monitor's Grafanas
 * read their admin password from a Secret that is not in Git (infrastructure/addons/grafana), and
 * Flux installs none of them until it exists.
 */
const BEFOREHAND: Record<string, (kubeconfig: string, signal?: AbortSignal) => Promise<void>> = {
  monitor: (kubeconfig, signal) =>
    withKubectl(kubeconfig, signal, async (kubectl, dir) => {
      const password = join(dir, 'password')
      writeFileSync(password, randomBytes(18).toString('base64url'), { mode: 0o600 })
      await kubectl('create', 'namespace', 'monitoring')
      await kubectl(
        '-n',
        'monitoring',
        'create',
        'secret',
        'generic',
        'grafana-admin',
        `--from-file=password=${password}`,
      )
    }),
}

/** The real kubectl on a cluster, with a private kubeconfig (0600) and discovery cache, both removed after. */
async function withKubectl(
  kubeconfig: string,
  signal: AbortSignal | undefined,
  work: (kubectl: (...args: string[]) => Promise<void>, dir: string) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chain-kubectl-'))
  try {
    const file = join(dir, 'kubeconfig')
    writeFileSync(file, kubeconfig, { mode: 0o600 })
    const env = { ...process.env, KUBECONFIG: file, KUBECACHEDIR: join(dir, 'cache') }
    const kubectl = async (...args: string[]) => {
      await exec(ensureKubectl(), args, { env, signal })
    }
    await work(kubectl, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
