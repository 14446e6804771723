import {
  CheckRunReporter,
  type CommitStatusOptions,
  CommitStatusReporter,
  type StatusState,
} from '@canary-delivery/github-report'
import {
  KubeClient,
  type PreparedKubeconfig,
  prepareKubeconfig,
  removeKubeconfig,
} from '@canary-delivery/kube'
import { followRollout } from './follow'
import { describeExpected, type ExpectedImage } from './images'
import type { WaitOutcome } from './outcome'
import { renderSummary } from './summary'
import { failedChecksText, type Snapshot } from './timeline'
import type { OnWaitingPromotion, RolloutResult, Verdict } from './verdict'

/** Where the rollout is reported on GitHub; the log callbacks come from WaitIo. */
export interface StatusReportSettings extends Omit<CommitStatusOptions, 'warn' | 'debug'> {
  /** A commit status (default) or a check run, which also carries the job summary. */
  kind?: 'status' | 'check-run'
}

export interface WaitInputs {
  /** The `kubeconfig` input (raw or base64); empty means the runner's KUBECONFIG. */
  kubeconfig?: string
  kubeconfigEnv?: string
  /** RUNNER_TEMP: where a kubeconfig given as content is written. */
  runnerTemp?: string
  context?: string
  /** Default: the context's namespace, then `default`. */
  namespace?: string
  name: string
  expected: ExpectedImage
  helmRelease?: string
  timeoutMs?: number
  onWaitingPromotion: OnWaitingPromotion
  report?: StatusReportSettings
  /** Internal tuning for tests and the benchmark. */
  staleGraceMs?: number
  watchTimeoutSeconds?: number
}

export interface WaitIo {
  log: (line: string) => void
  debug?: (line: string) => void
  warn?: (line: string) => void
  registerSecret?: (value: string) => void
  /** Told where a kubeconfig was written, so that a post step can remove it if this process dies. */
  onKubeconfigWritten?: (path: string) => void
}

/** What a commit status says about a snapshot: `Progressing: 30% (3/5), 0 failed checks`. */
export function statusDescription(snapshot: Snapshot): string {
  if (snapshot.phase === 'NotFound') return 'Waiting for the canary to be created'
  return `${snapshot.phase}: ${snapshot.progress || `${snapshot.weight}%`}, ${failedChecksText(snapshot.failedChecks)}`
}

export function statusState(result: RolloutResult | undefined): StatusState {
  switch (result) {
    case undefined:
      return 'pending'
    case 'failed':
      return 'failure'
    case 'timed-out':
      return 'error'
    default:
      return 'success'
  }
}

export function isSuccess(verdict: Verdict): boolean {
  return statusState(verdict.result) === 'success'
}

/**
 * The whole wait-for-canary step: make the kubeconfig usable (and remove it at the end), follow
 * the rollout, and keep the commit status on the pull request up to date.
 */
export async function waitForCanary(inputs: WaitInputs, io: WaitIo): Promise<WaitOutcome> {
  let kubeconfig: PreparedKubeconfig | undefined
  try {
    kubeconfig = prepareKubeconfig({
      content: inputs.kubeconfig,
      kubeconfigEnv: inputs.kubeconfigEnv,
      directory: inputs.runnerTemp,
      context: inputs.context,
      registerSecret: io.registerSecret,
    })
    if (kubeconfig.written) io.onKubeconfigWritten?.(kubeconfig.path)
    const client = new KubeClient({
      path: kubeconfig.path,
      context: kubeconfig.context,
      onRetry: (message) => io.debug?.(`Kubernetes API: ${message}`),
    })
    const namespace = inputs.namespace ?? kubeconfig.namespace ?? 'default'
    const expected = describeExpected(inputs.expected)
    io.log(
      `Following canary ${inputs.name}.${namespace} on ${kubeconfig.server} (context ${kubeconfig.context}) until it has analysed ${expected}`,
    )

    const settings = inputs.report ? { ...inputs.report, warn: io.warn, debug: io.debug } : undefined
    const reporter = settings
      ? settings.kind === 'check-run'
        ? new CheckRunReporter(settings)
        : new CommitStatusReporter(settings)
      : undefined
    reporter?.update('pending', `Waiting for ${expected}`)
    const result = await followRollout({
      client,
      namespace,
      name: inputs.name,
      expected: inputs.expected,
      helmRelease: inputs.helmRelease,
      timeoutMs: inputs.timeoutMs,
      onWaitingPromotion: inputs.onWaitingPromotion,
      staleGraceMs: inputs.staleGraceMs,
      watchTimeoutSeconds: inputs.watchTimeoutSeconds,
      log: io.log,
      debug: io.debug,
      onProgress: (snapshot, verdict) => {
        if (!reporter) return
        if (verdict) return
        reporter.update('pending', statusDescription(snapshot))
      },
    })
    const outcome: WaitOutcome = {
      ...result,
      name: inputs.name,
      namespace,
      expected,
      context: kubeconfig.context,
      statusesSent: 0,
    }
    await reporter?.finish(statusState(result.verdict.result), result.verdict.message, renderSummary(outcome))
    outcome.statusesSent = reporter?.sent ?? 0
    return outcome
  } finally {
    removeKubeconfig(kubeconfig)
  }
}
