import { getOctokit } from '@actions/github'
import { GITHUB_RETRY, githubWaitMs, isTransientGitHubError, retry } from '@canary-delivery/action-kit'

export type StatusState = 'pending' | 'success' | 'failure' | 'error'

export interface CommitStatusOptions {
  token: string
  /** GITHUB_API_URL (https://api.github.com, or a GHES /api/v3 address). */
  apiUrl: string
  /** owner/name */
  repository: string
  sha: string
  /** The status's name on the pull request, e.g. `canary/sit`. */
  context: string
  /** Where "Details" leads, usually the workflow run. */
  targetUrl?: string
  /** At most one intermediate update per this many milliseconds (default 10s); final states are never held back. */
  minIntervalMs?: number
  /** Attempts per request on 5xx, 429 and secondary rate limits (default 5). */
  attempts?: number
  baseDelayMs?: number
  /** Warnings (a status that could not be written does not fail the rollout). */
  warn?: (message: string) => void
  debug?: (message: string) => void
}

/** GitHub rejects descriptions over 140 characters. */
export function fitDescription(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length <= 140 ? oneLine : `${oneLine.slice(0, 139)}…`
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' ? status : undefined
}

/** The longest wait GitHub may ask for before a status update is given up (the rollout goes on). */
const MAX_WAIT_MS = 30_000

export type CheckConclusion = 'success' | 'failure' | 'timed_out' | 'neutral' | 'cancelled'

export interface Report {
  state: StatusState
  description: string
  /** Markdown shown with the final state where the API has room for it (check runs). */
  details?: string
  /** A check run's conclusion when the state alone does not say it (a cancelled run is `error`). */
  conclusion?: CheckConclusion
}

/**
 * Something on the commit that follows a long-running operation: `update` coalesces changes and
 * sends at most one per interval (the latest wins), `finish` sends the final state at once.
 */
export abstract class ThrottledReporter {
  /** Updates GitHub accepted. */
  sent = 0
  protected readonly octokit: ReturnType<typeof getOctokit>
  protected readonly owner: string
  protected readonly repo: string
  private readonly minIntervalMs: number
  private lastSentAt = 0
  private lastSent: Report | undefined
  private pending: Report | undefined
  private timer: NodeJS.Timeout | undefined
  private inFlight: Promise<void> = Promise.resolve()
  private disabled = false

  constructor(protected readonly options: CommitStatusOptions) {
    const [owner, repo, extra] = options.repository.split('/')
    if (!owner || !repo || extra !== undefined)
      throw new Error(`repository must be owner/name, got '${options.repository}'`)
    this.owner = owner
    this.repo = repo
    this.minIntervalMs = options.minIntervalMs ?? 10_000
    this.octokit = getOctokit(options.token, { baseUrl: options.apiUrl.replace(/\/+$/, '') })
  }

  /** What the permission is called, for the warning when the token lacks it. */
  protected abstract readonly permission: string
  protected abstract readonly what: string
  /** One request (or two) that puts `report` on the commit. */
  protected abstract deliver(report: Report, final: boolean): Promise<void>

  /** Records the latest state; it is sent now or when the interval allows. */
  update(state: StatusState, description: string): void {
    if (this.disabled) return
    this.pending = { state, description: fitDescription(description) }
    if (this.timer) return
    const wait = Math.max(0, this.lastSentAt + this.minIntervalMs - Date.now())
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.sendPending(false)
    }, wait)
  }

  /** Sends the final state without waiting for the interval, after anything in flight. */
  async finish(
    state: StatusState,
    description: string,
    details?: string,
    conclusion?: CheckConclusion,
  ): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    this.pending = { state, description: fitDescription(description), details, conclusion }
    this.sendPending(true)
    await this.inFlight
  }

  private sendPending(final: boolean): void {
    const next = this.pending
    this.pending = undefined
    if (!next || this.disabled) return
    if (!final && this.lastSent?.state === next.state && this.lastSent.description === next.description)
      return
    // The interval counts from when an update goes out, so a slow answer does not let the next one through at once.
    this.lastSentAt = Date.now()
    this.inFlight = this.inFlight.then(() => this.send(next, final))
  }

  private async send(report: Report, final: boolean): Promise<void> {
    const attempts = this.options.attempts ?? 5
    let tried = 0
    try {
      await retry(
        () => {
          tried++
          return this.deliver(report, final)
        },
        {
          ...GITHUB_RETRY,
          attempts,
          baseDelayMs: this.options.baseDelayMs ?? 500,
          maxDelayMs: 8_000,
          maxWaitMs: MAX_WAIT_MS,
          onRetry: (error, attempt, delayMs) =>
            this.options.debug?.(
              `${this.what}: ${httpStatus(error) ?? (error as Error).message}; attempt ${attempt + 1}/${attempts} in ${delayMs}ms`,
            ),
        },
      )
      this.sent++
      this.lastSent = report
      this.lastSentAt = Date.now()
      this.options.debug?.(`${this.what} ${this.options.context}: ${report.state} ${report.description}`)
    } catch (error) {
      const code = httpStatus(error)
      const wait = isTransientGitHubError(error) ? githubWaitMs(error) : undefined
      if (wait !== undefined && wait > MAX_WAIT_MS) {
        // Asking again before GitHub's time only prolongs the limit: stop for this run.
        this.disabled = true
        this.options.warn?.(
          `Could not set the ${this.what} '${this.options.context}': GitHub's rate limit asks to wait ${Math.ceil(wait / 1000)}s (HTTP ${code}). Further updates are skipped.`,
        )
        return
      }
      if ((code === 403 && wait === undefined) || code === 404 || code === 401) {
        // Permanent: say so once and stop trying, rather than a warning per change.
        this.disabled = true
        this.options.warn?.(
          `Could not set the ${this.what} '${this.options.context}' on ${this.options.sha.slice(0, 12)} (HTTP ${code}); ` +
            `the token needs '${this.permission}' on ${this.owner}/${this.repo}. Further updates are skipped.`,
        )
        return
      }
      this.options.warn?.(
        `Could not set the ${this.what} '${this.options.context}': ${(error as Error).message} (after ${tried} attempts)`,
      )
    }
  }
}

/** A commit status (the line under a pull request's checks), named by `context`. */
export class CommitStatusReporter extends ThrottledReporter {
  protected readonly permission = 'statuses: write'
  protected readonly what = 'commit status'

  protected async deliver(report: Report): Promise<void> {
    await this.octokit.rest.repos.createCommitStatus({
      owner: this.owner,
      repo: this.repo,
      sha: this.options.sha,
      state: report.state,
      context: this.options.context,
      description: report.description,
      ...(this.options.targetUrl ? { target_url: this.options.targetUrl } : {}),
    })
  }
}

const CONCLUSION: Record<StatusState, CheckConclusion> = {
  success: 'success',
  failure: 'failure',
  error: 'timed_out',
  pending: 'neutral',
}

/** GitHub's limit for a check run's output summary. */
const SUMMARY_LIMIT = 65_535

export interface CheckRunOptions extends CommitStatusOptions {
  /** A check run created earlier (by another step) to update instead of creating one. */
  id?: number
  /** Told the new check run's id, so that a later step can finish it. */
  onCreated?: (id: number) => void
}

/**
 * A check run named by `context`: created in progress at the first update, updated in place, and
 * completed with a conclusion and the final Markdown (the job summary) as its output.
 */
export class CheckRunReporter extends ThrottledReporter {
  protected readonly permission = 'checks: write'
  protected readonly what = 'check run'
  private id: number | undefined

  constructor(private readonly checkRun: CheckRunOptions) {
    super(checkRun)
    this.id = checkRun.id
  }

  protected async deliver(report: Report, final: boolean): Promise<void> {
    const summary = (report.details ?? report.description).slice(0, SUMMARY_LIMIT)
    const output = { title: report.description, summary }
    const done = final && report.state !== 'pending'
    const completion = done
      ? {
          status: 'completed' as const,
          conclusion: report.conclusion ?? CONCLUSION[report.state],
          completed_at: new Date().toISOString(),
        }
      : { status: 'in_progress' as const }
    if (this.id === undefined) {
      const created = await this.octokit.rest.checks.create({
        owner: this.owner,
        repo: this.repo,
        name: this.options.context,
        head_sha: this.options.sha,
        started_at: new Date().toISOString(),
        ...(this.options.targetUrl ? { details_url: this.options.targetUrl } : {}),
        ...completion,
        output,
      })
      this.id = created.data.id
      this.checkRun.onCreated?.(this.id)
      return
    }
    await this.octokit.rest.checks.update({
      owner: this.owner,
      repo: this.repo,
      check_run_id: this.id,
      ...completion,
      output,
    })
  }
}
