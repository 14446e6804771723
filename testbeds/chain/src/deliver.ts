import { join } from 'node:path'
import { type RunResult, repoRoot, runBundledAction } from '@canary-delivery/action-runner'
import { resolveFromInputs } from '@canary-delivery/delivery-config'

/** One environment's cluster, as the chain sees it: a kubeconfig. */
export interface ChainCluster {
  environment: string
  kubeconfig: string
  /**
   * A sandbox cluster's: stops its simulated time until wait-for-canary has read how the rollout in
   * `namespace` stands, and returns the release (for steps that end before that). See README.md.
   */
  holdClock?: (namespace: string) => () => void
}

export type Step = 'render-canary-values' | 'bump-gitops-tag' | 'wait-for-canary' | 'revert'

export interface ChainEvent {
  at: number
  environment: string
  step: Step
  line: string
}

export interface EnvironmentOutcome {
  environment: string
  /** succeeded, failed, skipped (an earlier environment failed) or what wait-for-canary said. */
  result: string
  previousTag?: string
  commit?: string
  analysisSeconds?: string
  canaryWeight?: string
  failedChecks?: string
  durationMs: number
  /** The commit that put the previous tag back, after a failure. */
  revertCommit?: string
  error?: string
}

export interface ReleaseOptions {
  /** The delivery file (its environments, in order, are the chain). */
  config: string
  tag: string
  clusters: ChainCluster[]
  /** Where the actions run (GITHUB_WORKSPACE); relative paths start here. */
  workspace: string
  /** The Node binary for the bundles (default this process's). */
  node?: string
  /** wait-for-canary's `timeout` input (default: derived from the canary's analysis). */
  waitTimeout?: string
  /** Extra environment for the action processes (test-only knobs such as the status interval). */
  env?: Record<string, string>
  onEvent?: (event: ChainEvent) => void
  /** Cancels the running step as GitHub cancels a job; the environments not started are skipped. */
  signal?: AbortSignal
}

const OK_RESULTS = ['succeeded', 'initialized', 'no-rollout']
const action = (name: string) => join(repoRoot, 'actions', name)

/**
 * One release through the environments in order, exactly as the reusable deliver workflow does:
 * render-canary-values → bump-gitops-tag → wait-for-canary per environment; on a failed canary the
 * previous tag goes back into Git and the environments after it are skipped.
 */
export async function deliverRelease(options: ReleaseOptions): Promise<EnvironmentOutcome[]> {
  const started = Date.now()
  const outcomes: EnvironmentOutcome[] = []
  let stopped = false
  for (const cluster of options.clusters) {
    if (stopped || options.signal?.aborted) {
      outcomes.push({ environment: cluster.environment, result: 'skipped', durationMs: 0 })
      continue
    }
    const { outcome, carryOn } = await deliverTo(cluster, options, started)
    outcomes.push(outcome)
    stopped = !carryOn
  }
  return outcomes
}

/** The release in one environment; `carryOn` is false when the environments after it are skipped. */
async function deliverTo(
  cluster: ChainCluster,
  options: ReleaseOptions,
  started: number,
): Promise<{ outcome: EnvironmentOutcome; carryOn: boolean }> {
  const { environment } = cluster
  const envStarted = Date.now()
  const step = (name: Step, inputs: Record<string, string>): Promise<RunResult> =>
    runBundledAction({
      actionDir: action(name === 'revert' ? 'bump-gitops-tag' : name),
      inputs,
      node: options.node,
      workspace: options.workspace,
      env: options.env,
      cancel: options.signal,
      onLogLine: (line) => options.onEvent?.({ at: Date.now() - started, environment, step: name, line }),
    })
  const common = { config: options.config, environment }
  const failed = (result: RunResult) => {
    const error = result.annotations.find((a) => a.level === 'error')?.message
    const outcome = { environment, result: 'failed', durationMs: Date.now() - envStarted, error }
    return { outcome, carryOn: false }
  }

  // Starting a step takes no time next to Flux's intervals: the cluster's time stands still from
  // here until the wait has read the cluster, however long this machine takes to start the steps.
  const releaseClock = holdClock(cluster, options)
  let values: RunResult
  let bump: RunResult
  let wait: RunResult
  try {
    values = await step('render-canary-values', common)
    if (values.exitCode !== 0) return failed(values)
    bump = await step('bump-gitops-tag', {
      ...common,
      tag: options.tag,
      values: values.outputs.values ?? '',
      token: '',
    })
    if (bump.exitCode !== 0) return failed(bump)
    wait = await step('wait-for-canary', {
      ...common,
      kubeconfig: cluster.kubeconfig,
      tag: options.tag,
      token: '',
      ...(options.waitTimeout ? { timeout: options.waitTimeout } : {}),
    })
  } finally {
    releaseClock()
  }
  const outcome: EnvironmentOutcome = {
    environment,
    result: wait.outputs.result ?? 'failed',
    previousTag: bump.outputs['previous-tag'],
    commit: bump.outputs['commit-sha'],
    analysisSeconds: values.outputs['analysis-seconds'],
    canaryWeight: wait.outputs['canary-weight'],
    failedChecks: wait.outputs['failed-checks'],
    durationMs: 0,
  }
  const carryOn = wait.exitCode === 0 && OK_RESULTS.includes(outcome.result)
  if (!carryOn) {
    outcome.error = wait.annotations.find((a) => a.level === 'error')?.message
    // Cancelled, the job stops here on GitHub too: the revert is a step of its own that does not run.
    if (bump.outputs.changed === 'true' && outcome.previousTag && !options.signal?.aborted) {
      const revert = await step('revert', {
        ...common,
        tag: outcome.previousTag,
        'if-current-tag': options.tag,
        token: '',
        'commit-message': `revert {app} in {environment} to {tag}: the canary of ${options.tag} failed`,
      })
      // A newer release may have replaced ours meanwhile; then the revert leaves Git alone.
      outcome.revertCommit = revert.outputs.changed === 'true' ? revert.outputs['commit-sha'] : undefined
    }
  }
  outcome.durationMs = Date.now() - envStarted
  return { outcome, carryOn }
}

/** Holds the cluster's clock for the app of this release, when the cluster has a clock. */
function holdClock(cluster: ChainCluster, options: ReleaseOptions): () => void {
  if (!cluster.holdClock) return () => {}
  let namespace: string | undefined
  try {
    const { config, workspace } = options
    namespace = resolveFromInputs({ config, environment: cluster.environment, workspace })?.namespace
  } catch {
    // A delivery file the actions cannot read either: the first step says what is wrong with it.
    return () => {}
  }
  // wait-for-canary's own default when neither the file nor the kubeconfig names a namespace.
  return cluster.holdClock(namespace ?? 'default')
}
