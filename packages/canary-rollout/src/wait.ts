import { inert } from '@canary-delivery/action-kit'
import type { ThrottledReporter } from '@canary-delivery/github-report'
import {
  KubeClient,
  type PreparedKubeconfig,
  prepareKubeconfig,
  removeKubeconfig,
} from '@canary-delivery/kube'
import { followRollout, WaitCancelled } from './follow'
import { describeExpected, type ExpectedImage } from './images'
import type { WaitOutcome } from './outcome'
import {
  type ReporterIo,
  type StatusReportSettings,
  startReporter,
  statusDescription,
  statusState,
} from './reporting'
import { renderSummary } from './summary'
import type { OnWaitingPromotion } from './verdict'

export interface WaitInputs {
  /** The `kubeconfig` input (raw or base64); empty means the runner's KUBECONFIG. */
  kubeconfig?: string
  kubeconfigEnv?: string
  /** RUNNER_TEMP: where a kubeconfig given as content is written. */
  runnerTemp?: string
  /** GITHUB_WORKSPACE: where relative file names in a kubeconfig given as content are read. */
  workspace?: string
  context?: string
  /** Default: the context's namespace, then `default`. */
  namespace?: string
  name: string
  expected: ExpectedImage
  helmRelease?: string
  timeoutMs?: number
  onWaitingPromotion: OnWaitingPromotion
  report?: StatusReportSettings
  /** Aborting it cancels the wait: it ends at once with `cancelled` and reports so. */
  cancel?: AbortSignal
  /** Internal tuning for tests and the benchmark. */
  staleGraceMs?: number
  watchTimeoutSeconds?: number
  heartbeatMs?: number
}

export interface WaitIo extends ReporterIo {
  log: (line: string) => void
  registerSecret?: (value: string) => void
  /** Told where a kubeconfig was written, so that a post step can remove it if this process dies. */
  onKubeconfigWritten?: (path: string) => void
  /**
   * Told where the rollout stands whenever that changes, and when the final state is on GitHub, so
   * that a post step can finish the report if this process is killed before it could.
   */
  onStanding?: (standing: string) => void
  onReported?: () => void
}

/** The last report of a cancelled run must reach GitHub before the runner's SIGKILL (10 s after SIGINT). */
const CANCELLED_REPORT_BUDGET_MS = 5_000

/**
 * The whole wait-for-canary step: make the kubeconfig usable (and remove it at the end), follow
 * the rollout, and keep the commit status on the pull request up to date. Everything the cluster
 * says is printed inert; the timeout covers every request; a cancellation ends the wait at once.
 */
export async function waitForCanary(inputs: WaitInputs, io: WaitIo): Promise<WaitOutcome> {
  const log = (line: string) => io.log(inert(line))
  let kubeconfig: PreparedKubeconfig | undefined
  let reporter: ThrottledReporter | undefined
  const stop = new AbortController()
  const cancel = () => stop.abort(new WaitCancelled())
  if (inputs.cancel?.aborted) cancel()
  inputs.cancel?.addEventListener('abort', cancel, { once: true })
  let client: KubeClient | undefined
  try {
    kubeconfig = prepareKubeconfig({
      content: inputs.kubeconfig,
      kubeconfigEnv: inputs.kubeconfigEnv,
      directory: inputs.runnerTemp,
      workspace: inputs.workspace,
      context: inputs.context,
      registerSecret: io.registerSecret,
    })
    if (kubeconfig.written) io.onKubeconfigWritten?.(kubeconfig.path)
    client = new KubeClient({
      access: kubeconfig.access,
      signal: stop.signal,
      // Transient failures are retried until the deadline, which bounds every request.
      attempts: Number.POSITIVE_INFINITY,
      registerSecret: io.registerSecret,
      onRetry: (message) => io.debug?.(inert(`Kubernetes API: ${message}`)),
    })
    const namespace = inputs.namespace ?? kubeconfig.namespace ?? 'default'
    const expected = describeExpected(inputs.expected)
    log(
      `Following canary ${inputs.name}.${namespace} on ${kubeconfig.server} (context ${kubeconfig.context}, ${kubeconfig.authentication}) until it has analysed ${expected}`,
    )
    if (inputs.report) {
      reporter = await startReporter(inputs.report, io)
      reporter.update('pending', `Waiting for ${expected}`)
    }
    const result = await followRollout({
      client,
      stop,
      namespace,
      name: inputs.name,
      expected: inputs.expected,
      helmRelease: inputs.helmRelease,
      timeoutMs: inputs.timeoutMs,
      onWaitingPromotion: inputs.onWaitingPromotion,
      staleGraceMs: inputs.staleGraceMs,
      watchTimeoutSeconds: inputs.watchTimeoutSeconds,
      heartbeatMs: inputs.heartbeatMs,
      log,
      debug: io.debug,
      onStanding: io.onStanding,
      onProgress: (snapshot, verdict) => {
        if (!reporter || verdict) return
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
    const cancelled = result.verdict.result === 'cancelled'
    const finished = reporter?.finish(
      statusState(result.verdict.result),
      result.verdict.message,
      renderSummary(outcome),
      cancelled ? 'cancelled' : undefined,
    )
    await (cancelled ? withinBudget(finished) : finished)
    io.onReported?.()
    outcome.statusesSent = reporter?.sent ?? 0
    return outcome
  } catch (error) {
    // The step fails with this error; the commit status says so too, instead of staying pending.
    if (reporter) {
      await withinBudget(reporter.finish('error', `Error: ${(error as Error).message}`))
      io.onReported?.()
    }
    throw error
  } finally {
    inputs.cancel?.removeEventListener('abort', cancel)
    client?.close()
    removeKubeconfig(kubeconfig)
  }
}

function withinBudget(work: Promise<void> | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const budget = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CANCELLED_REPORT_BUDGET_MS)
  })
  return Promise.race([work ?? Promise.resolve(), budget]).finally(() => clearTimeout(timer))
}
