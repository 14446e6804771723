import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { inert, isConfigurationError } from '@canary-delivery/action-kit'
import {
  kubeconfigSecrets,
  type PreparedKubeconfig,
  prepareKubeconfig,
  removeKubeconfig,
} from '@canary-delivery/kube'
import { driftOf, readFluxState } from './check'
import type { Cluster } from './cluster'
import {
  applyFlux,
  currentFluxRelease,
  type FluxChartSettings,
  type FluxPlan,
  type HelmRun,
  planFlux,
  showFluxChart,
} from './flux-chart'
import { addonRow, type Ref, refLabel } from './flux-state'
import { readGitopsHead } from './gitops-preflight'
import { helmEnvironment, resolveHelm } from './helm'
import { openCluster } from './kube-cluster'
import type { BootstrapReport, Phase } from './report'
import type { Command, GitopsSource, VerifyScope } from './settings'
import {
  certificateAuthorityOf,
  checkApiServerCertificate,
  fetchK3sKubeconfig,
  type SshTarget,
} from './ssh-kubeconfig'
import {
  applySync,
  planSync,
  requestReconcile,
  SYNC_NAMES,
  type SyncSettings,
  syncDivergence,
  syncObjects,
} from './sync'
import { followTree } from './tree'
import { verifyDeliveryPath } from './verify'

export interface BootstrapSettings {
  environment: string
  command: Command
  cluster:
    | {
        kind: 'kubeconfig'
        content?: string
        kubeconfigEnv?: string
        homeDirectory?: string
        context?: string
      }
    | { kind: 'ssh'; target: SshTarget }
  gitops: {
    source: GitopsSource
    branch: string
    path: string
    token?: string
    deployKey?: { key: string; knownHosts: string }
  }
  flux: FluxChartSettings
  helm: { version: string; given?: string; toolCache?: string }
  timeoutMs: number
  resetStalled: boolean
  /** Which verify checks run once the tree is ready (and at `check`). */
  verify: VerifyScope
  /** RUNNER_TEMP: the private folder for credentials is made here, 0700, and removed. */
  tempDir: string
  /** Aborts on the runner's cancellation. */
  signal?: AbortSignal
  log: (line: string) => void
  registerSecret: (value: string) => void
  /** Told the private folder as soon as it exists (a post step removes it if this process is killed). */
  onWorkDir?: (dir: string) => void
}

class Phases {
  readonly list: Phase[] = []
  constructor(private readonly log: (line: string) => void) {}
  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now()
    this.log(`— ${name}`)
    try {
      return await work()
    } finally {
      this.list.push({ name, ms: Date.now() - started })
    }
  }
}

/** Why a cancelled or timed-out signal stopped the work, as one line. */
function stopped(signal: AbortSignal, timeoutMs: number): string {
  return signal.reason instanceof Error && signal.reason.name === 'TimeoutError'
    ? `Timed out after ${Math.round(timeoutMs / 1000)}s`
    : `Stopped: ${inert(String((signal.reason as Error)?.message ?? signal.reason))}`
}

/** The kubeconfig, from the input (or KUBECONFIG) or read over SSH from the k3s node. */
async function connect(settings: BootstrapSettings, workDir: string): Promise<PreparedKubeconfig> {
  const source = settings.cluster
  if (source.kind === 'kubeconfig')
    return prepareKubeconfig({
      content: source.content,
      kubeconfigEnv: source.kubeconfigEnv,
      homeDirectory: source.homeDirectory,
      context: source.context,
      directory: workDir,
      registerSecret: settings.registerSecret,
    })
  const text = await fetchK3sKubeconfig(source.target, {
    workDir,
    timeoutSeconds: Math.round(settings.timeoutMs / 1000),
    log: settings.log,
  })
  for (const secret of kubeconfigSecrets(text)) settings.registerSecret(secret)
  const prepared = prepareKubeconfig({
    content: text,
    directory: workDir,
    registerSecret: settings.registerSecret,
    inputName: 'ssh-host',
  })
  await checkApiServerCertificate(
    prepared.server,
    certificateAuthorityOf(text),
    Math.min(settings.timeoutMs, 15_000),
  )
  return prepared
}

/** One environment's cluster from empty (or as it is) to ready for canaries, planned, or checked for drift. */
export async function bootstrapAddons(settings: BootstrapSettings): Promise<BootstrapReport> {
  const { log } = settings
  const started = Date.now()
  const deadline = AbortSignal.timeout(settings.timeoutMs)
  const signal = settings.signal ? AbortSignal.any([deadline, settings.signal]) : deadline
  const phases = new Phases(log)
  const report: BootstrapReport = {
    environment: settings.environment,
    command: settings.command,
    result: settings.command === 'plan' ? 'planned' : 'failed',
    changed: false,
    server: '',
    flux: { chartVersion: settings.flux.version, appVersion: '', action: 'none', changes: [] },
    sync: [],
    requests: [],
    addons: [],
    checks: [],
    phases: phases.list,
    drift: [],
    warnings: [],
    waiting: [],
  }
  const workDir = mkdtempSync(join(settings.tempDir, 'bootstrap-addons-'))
  settings.onWorkDir?.(workDir)
  let prepared: PreparedKubeconfig | undefined
  let cluster: Cluster | undefined
  try {
    const head = await phases.run('gitops', async () => {
      const head = await readGitopsHead({ ...settings.gitops, workDir })
      log(`GitOps: ${settings.gitops.source.display} ${head.revision}, path ${settings.gitops.path}`)
      return head
    })
    const { helm, kube } = await phases.run('connect', async () => {
      prepared = await connect(settings, workDir)
      report.server = prepared.server
      log(`Cluster: ${prepared.server} (context ${prepared.context})`)
      const helm = await resolveHelm({ ...settings.helm, log, signal })
      log(`helm ${helm.version} (${helm.origin})`)
      const kube = openCluster(prepared, {
        signal,
        registerSecret: settings.registerSecret,
        onRetry: (m) => log(inert(m)),
      })
      cluster = kube
      try {
        await kube.find('/version')
      } catch (error) {
        if (signal.aborted)
          throw new Error(
            `The API server at ${prepared.server} did not answer: ${stopped(signal, settings.timeoutMs)}`,
          )
        throw new Error(
          `The API server at ${prepared.server} did not answer: ${inert((error as Error).message)}`,
        )
      }
      return { helm, kube }
    })
    const run: HelmRun = {
      helm,
      env: helmEnvironment(join(workDir, 'helm'), prepared!.path),
      workDir,
      log,
      ...(settings.cluster.kind === 'kubeconfig' && settings.cluster.context
        ? { context: settings.cluster.context }
        : {}),
    }
    const fluxPlan: FluxPlan = await phases.run('flux', async () => {
      const { appVersion } = await showFluxChart(run, settings.flux)
      const plan = planFlux(await currentFluxRelease(run, settings.flux.namespace), settings.flux, appVersion)
      report.flux = {
        chartVersion: settings.flux.version,
        appVersion,
        action: plan.action,
        changes: plan.changes,
      }
      for (const change of plan.changes) log(`Flux: ${change}`)
      if (plan.action === 'none')
        log(
          `Flux ${appVersion} (chart ${settings.flux.version}) is installed with these values: no helm upgrade`,
        )
      if (settings.command === 'apply' && plan.action !== 'none') {
        await applyFlux(run, settings.flux, settings.timeoutMs - (Date.now() - started))
        report.changed = true
      }
      return plan
    })
    const sync: SyncSettings = {
      namespace: settings.flux.namespace,
      url: settings.gitops.source.url,
      branch: settings.gitops.branch,
      path: settings.gitops.path,
      ...(settings.gitops.token
        ? { auth: { kind: 'token' as const, token: settings.gitops.token } }
        : settings.gitops.deployKey
          ? { auth: { kind: 'deploy-key' as const, ...settings.gitops.deployKey } }
          : {}),
    }
    const root: Ref = {
      kind: 'Kustomization',
      namespace: settings.flux.namespace,
      name: SYNC_NAMES.kustomization,
    }
    if (settings.command !== 'check')
      await phases.run('sync', async () => {
        const objects = syncObjects(sync)
        report.sync =
          settings.command === 'apply' ? await applySync(kube, objects) : await planSync(kube, objects)
        for (const change of report.sync)
          log(
            `${change.object}: ${change.change}${change.fields.length ? ` (${change.fields.join(', ')})` : ''}`,
          )
        const changed = report.sync.some((s) => s.change !== 'unchanged')
        report.changed ||= changed && settings.command === 'apply'
        if (settings.command === 'apply') {
          const asked = await requestReconcile(kube, sync, head.revision, changed)
          for (const what of asked) report.requests.push(`reconcile ${what}`)
          if (asked.length) log(`Asked Flux to reconcile ${asked.join(' and ')} now`)
        }
      })
    if (settings.command === 'plan') {
      report.result = 'planned'
      return report
    }
    if (settings.command === 'check') {
      await phases.run('drift', async () => {
        const drift = driftOf(await readFluxState(kube), root, fluxPlan, head.revision)
        report.addons = drift.addons
        report.drift = drift.drift
        for (const line of drift.drift) log(`drift: ${line}`)
      })
      report.checks = await phases.run('verify', () => verifyDeliveryPath(kube, settings.verify))
      report.result = report.drift.length || report.checks.some((c) => !c.ok) ? 'drift' : 'ready'
      if (report.result === 'drift')
        report.failure = `Drift in ${settings.environment}: ${[...report.drift, ...report.checks.filter((c) => !c.ok).map((c) => c.fix ?? c.detail)][0]}${report.drift.length + report.checks.filter((c) => !c.ok).length > 1 ? ' (and more: see the summary)' : ''}`
      return report
    }
    const tree = await phases.run('wait', () =>
      followTree({
        cluster: kube,
        root,
        revision: head.revision,
        resetStalled: settings.resetStalled,
        signal,
        log,
      }),
    )
    report.requests.push(...tree.requests)
    report.addons = tree.reached.filter((r) => r.kind === 'HelmRelease').map((r) => addonRow(tree.state, r))
    if (tree.result === 'failed' && tree.failure) {
      report.result = 'failed'
      report.failedObject = {
        label: refLabel(tree.failure.ref),
        message: tree.failure.message,
        events: tree.failure.events,
      }
      report.failure = `${refLabel(tree.failure.ref)} failed: ${inert(tree.failure.message)}`
      return report
    }
    if (tree.result === 'timed-out') {
      report.result = 'timed-out'
      report.waiting = tree.waiting.map((w) => ({ label: refLabel(w.ref), message: inert(w.message) }))
      const first = tree.waiting[0]
      report.failure = `${stopped(signal, settings.timeoutMs)} waiting for ${tree.waiting.length} object(s)${first ? `, first ${refLabel(first.ref)}: ${inert(first.message)}` : ''}`
      return report
    }
    report.warnings.push(...(await syncDivergence(kube, sync)))
    report.checks = await phases.run('verify', () => verifyDeliveryPath(kube, settings.verify))
    const failedCheck = report.checks.find((c) => !c.ok)
    report.result = failedCheck ? 'failed' : 'ready'
    if (failedCheck) report.failure = failedCheck.fix ?? `${failedCheck.name}: ${failedCheck.detail}`
    return report
  } catch (error) {
    if (isConfigurationError(error)) throw error
    report.result = signal.aborted && deadline.aborted ? 'timed-out' : 'failed'
    report.failure = signal.aborted
      ? `${stopped(signal, settings.timeoutMs)}: ${inert((error as Error).message)}`
      : inert((error as Error).message)
    return report
  } finally {
    ;(cluster as Cluster | undefined)?.close()
    removeKubeconfig(prepared)
    rmSync(workDir, { recursive: true, force: true })
  }
}
