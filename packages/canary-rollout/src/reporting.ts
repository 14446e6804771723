import type {
  CheckConclusion,
  CommitStatusOptions,
  StatusState,
  ThrottledReporter,
} from '@canary-delivery/github-report'
import { failedChecksText, type Snapshot } from './timeline'
import type { RolloutResult, Verdict } from './verdict'

/** Where the rollout is reported on GitHub; the log callbacks come from WaitIo. */
export interface StatusReportSettings extends Omit<CommitStatusOptions, 'warn' | 'debug'> {
  /** A commit status (default) or a check run, which also carries the job summary. */
  kind?: 'status' | 'check-run'
  /** A check run created earlier (by the main step, for the post step), to update instead of a new one. */
  checkRunId?: number
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
    case 'cancelled':
      return 'error'
    default:
      return 'success'
  }
}

export function isSuccess(verdict: Verdict): boolean {
  return statusState(verdict.result) === 'success'
}

export interface ReporterIo {
  warn?: (line: string) => void
  debug?: (line: string) => void
  /** Told the id of a check run it creates, so that a post step can finish it. */
  onCheckRunCreated?: (id: number) => void
}

/** The reporter for `settings`; the GitHub client is loaded only when there is something to report. */
export async function startReporter(
  settings: StatusReportSettings,
  io: ReporterIo,
): Promise<ThrottledReporter> {
  const { CheckRunReporter, CommitStatusReporter } = await import('@canary-delivery/github-report')
  const options = { ...settings, warn: io.warn, debug: io.debug }
  return settings.kind === 'check-run'
    ? new CheckRunReporter({ ...options, id: settings.checkRunId, onCreated: io.onCheckRunCreated })
    : new CommitStatusReporter(options)
}

/**
 * The final state of a wait that did not end by itself (the job was cancelled, or its process was
 * killed): an `error` status (a `cancelled` check run) saying where the rollout stood.
 */
export async function reportCancelled(
  settings: StatusReportSettings,
  standing: string,
  io: ReporterIo,
): Promise<void> {
  const reporter = await startReporter(settings, io)
  const conclusion: CheckConclusion = 'cancelled'
  await reporter.finish('error', `Cancelled while ${standing}`, undefined, conclusion)
}
