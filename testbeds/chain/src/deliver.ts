import { join } from 'node:path'
import { type RunResult, repoRoot, runBundledAction } from '@canary-delivery/action-runner'

/** One environment's cluster, as the chain sees it: a kubeconfig. */
export interface ChainCluster {
  environment: string
  kubeconfig: string
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
    const { environment } = cluster
    if (stopped) {
      outcomes.push({ environment, result: 'skipped', durationMs: 0 })
      continue
    }
    const envStarted = Date.now()
    const step = (name: Step, inputs: Record<string, string>): Promise<RunResult> =>
      runBundledAction({
        actionDir: action(name === 'revert' ? 'bump-gitops-tag' : name),
        inputs,
        node: options.node,
        workspace: options.workspace,
        env: options.env,
        onLogLine: (line) => options.onEvent?.({ at: Date.now() - started, environment, step: name, line }),
      })
    const common = { config: options.config, environment }
    const fail = (result: RunResult, outcome: Partial<EnvironmentOutcome> = {}) => {
      const error = result.annotations.find((a) => a.level === 'error')?.message
      return { environment, result: 'failed', durationMs: Date.now() - envStarted, error, ...outcome }
    }

    const values = await step('render-canary-values', common)
    if (values.exitCode !== 0) {
      outcomes.push(fail(values))
      stopped = true
      continue
    }
    const bump = await step('bump-gitops-tag', {
      ...common,
      tag: options.tag,
      values: values.outputs.values ?? '',
      token: '',
    })
    if (bump.exitCode !== 0) {
      outcomes.push(fail(bump))
      stopped = true
      continue
    }
    const wait = await step('wait-for-canary', {
      ...common,
      kubeconfig: cluster.kubeconfig,
      tag: options.tag,
      token: '',
      ...(options.waitTimeout ? { timeout: options.waitTimeout } : {}),
    })
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
    if (wait.exitCode !== 0 || !OK_RESULTS.includes(outcome.result)) {
      outcome.error = wait.annotations.find((a) => a.level === 'error')?.message
      if (bump.outputs.changed === 'true' && outcome.previousTag) {
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
      stopped = true
    }
    outcome.durationMs = Date.now() - envStarted
    outcomes.push(outcome)
  }
  return outcomes
}
