import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as wait } from 'node:timers/promises'
import {
  ConfigurationError,
  expandTemplate,
  formatDuration,
  registerSecret,
  retry,
} from '@canary-delivery/action-kit'
import {
  type CancelledPush,
  confirm,
  gaveUp,
  pushDeadline,
  Retry,
  TRANSIENT_FLOOR_MS,
  transient,
} from './bump-faults'
import { checkFilePath, checkImage, checkName, checkTag, parseAuthor } from './bump-inputs'
import {
  type ChangeSource,
  commitMessage,
  DEFAULT_COMMIT_MESSAGE,
  pullRequestBranch,
  pullRequestText,
} from './change-text'
import { editImageTag } from './edit-image-tag'
import { BlobTooLarge } from './fast-import'
import { Git } from './git'
import { GitFailure } from './git-process'
import type { PullRequestInput, PullRequestResult } from './pull-request'
import { checkCredentialTransport, type Remote, resolveRemote } from './remote'
import { unifiedDiff } from './unified-diff'
import { parseValuesInput, type ValuesInput } from './values-input'
import type { FieldChange } from './yaml-documents'

export type BumpMode = 'push' | 'pull-request'

export interface BumpOptions {
  /** `owner/name` on GitHub, an http(s) URL, a local path or a file:// URL. */
  repository: string
  /** GITHUB_SERVER_URL: where `owner/name` lives (default https://github.com). */
  serverUrl?: string
  /** GITHUB_API_URL, for pull-request mode (default https://api.github.com). */
  apiUrl?: string
  /** Where relative local paths start (GITHUB_WORKSPACE). */
  workspace?: string
  branch: string
  /** Path of the file inside the repository; `{app}`, `{environment}` and `{namespace}` are replaced. */
  file: string
  app: string
  environment: string
  /** For `{namespace}` in `file`. */
  namespace?: string
  tag: string
  image?: string
  field?: string
  /** YAML text or an object merged under spec.values. */
  values?: ValuesInput
  mode?: BumpMode
  token?: string
  /** Template with {app}, {environment}, {tag}, {previous-tag}, {file}, {image}. */
  commitMessage?: string
  /** `Name <email>`. */
  author?: string
  maxAttempts?: number
  dryRun?: boolean
  /**
   * Write only while the file still holds this tag (checked again on every attempt), so that a
   * revert after a failed canary never undoes a newer release that landed meanwhile.
   */
  ifCurrentTag?: string
  /** Where the change comes from, for the commit trailers and the pull request. */
  source?: ChangeSource
  /** Where the temporary clone goes (RUNNER_TEMP). */
  tempDir?: string
  /** Lines for people; they may hold text from the file and the remote (print them inert). */
  log?: (line: string) => void
  /** One line per git command. */
  debug?: (line: string) => void
  random?: () => number
  /**
   * Cancels the bump (SIGTERM, SIGINT): nothing new starts and work in flight stops, except a
   * push, which gets PUSH_GRACE_MS (bump-faults) to finish so that its outcome is known.
   */
  signal?: AbortSignal
  /** Stops a push in flight at once (the runner's second signal). */
  abandonPush?: AbortSignal
}

/**
 * `pushed`; `up-to-date` (the file already held the tag); `left-alone` (it did not hold
 * `ifCurrentTag`); `dry-run`; `cancelled` (see `push`).
 */
export type BumpOutcome = 'pushed' | 'up-to-date' | 'left-alone' | 'dry-run' | 'cancelled'

export interface BumpResult {
  outcome: BumpOutcome
  /** True when the file changed (or would on a dry run), and when a cut-short push may have changed it. */
  changed: boolean
  previousTag?: string
  /** The pushed commit, set only when the remote is known to hold it. */
  commitSha?: string
  file: string
  field: string
  changes: FieldChange[]
  /** Unified diff of the file. */
  diff: string
  attempts: number
  branch: string
  /** The repository as shown to people (never with a credential). */
  repository: string
  commitUrl?: string
  pullRequest?: PullRequestResult
  dryRun: boolean
  /** The `ifCurrentTag` asked for (a `left-alone` outcome did not find it). */
  ifCurrentTag?: string
  /** Set when the outcome is `cancelled`. */
  push?: CancelledPush
}

/** Files larger than this are refused before they are read: no GitOps file comes near it. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024
/**
 * Writes the tag into the GitOps repository as one commit: shallow blob-less fetch, format-preserving
 * edit, fast-forward-only push. When another writer got there first, or the network failed, fetch
 * again and re-apply on the new head, with jittered backoff, up to maxAttempts. Never forces.
 */
export async function bumpGitopsTag(options: BumpOptions): Promise<BumpResult> {
  const log = options.log ?? (() => {})
  const { signal } = options
  const app = checkName(options.app, 'app')
  const branch = checkName(options.branch, 'branch')
  const environment = checkName(options.environment, 'environment')
  const tag = checkTag(options.tag)
  const ifCurrentTag =
    options.ifCurrentTag === undefined ? undefined : checkTag(options.ifCurrentTag, 'if-current-tag')
  const image = checkImage(options.image)
  const file = checkFilePath(
    expandTemplate(options.file, { app, environment, namespace: options.namespace }, "Input 'file'"),
  )
  // Checked now, before any network work; the text goes to the edit, which keeps its comments.
  parseValuesInput(options.values)
  const author = parseAuthor(options.author)
  const mode = options.mode ?? 'push'
  const maxAttempts = options.maxAttempts ?? 15
  const remote = resolveRemote(options.repository, options.serverUrl, options.workspace)
  checkCredentialTransport(remote, options.token)
  registerSecret(options.token)
  if (mode === 'pull-request' && !remote.github) {
    throw new ConfigurationError(
      "Input 'repository': pull-request mode needs a GitHub repository (owner/name or its URL)",
    )
  }
  const template = options.commitMessage || DEFAULT_COMMIT_MESSAGE
  // Check the template before any network work, so a typo fails fast.
  commitMessage(template, { app, environment, tag, file })

  const prBranch = mode === 'pull-request' ? pullRequestBranch(app, environment) : undefined
  const target = prBranch ?? branch
  const noBranch = () => new ConfigurationError(`Input 'branch': ${remote.display} has no branch '${branch}'`)
  const prInput = (previousTag: string | undefined) =>
    pullRequestInput(options, remote, prBranch!, { app, environment, tag, previousTag, file })
  // What the latest attempt learnt, for the result of a cancelled run.
  let base: BumpResult = {
    outcome: 'cancelled',
    changed: false,
    file,
    field: '',
    changes: [],
    diff: '',
    attempts: 0,
    branch: target,
    repository: remote.display,
    dryRun: !!options.dryRun,
    ifCurrentTag,
  }
  // A push that failed in transit may have landed: the next fetch tells.
  let unconfirmed: string | undefined

  const work = await mkdtemp(join(options.tempDir ?? tmpdir(), 'bump-gitops-'))
  const git = new Git({
    cwd: work,
    remoteUrl: remote.url,
    token: options.token,
    author,
    debug: options.debug,
  })
  const landed = (commit: string): BumpResult => ({
    ...base,
    outcome: 'pushed',
    changed: true,
    commitSha: commit,
    commitUrl: remote.webUrl ? `${remote.webUrl}/commit/${commit}` : undefined,
  })

  const attempt = async (n: number): Promise<BumpResult> => {
    base = { ...base, attempts: n }
    // Push mode fetches the branch straight away; pull-request mode first asks which branches exist.
    const heads = prBranch
      ? await transient('ls-remote', git.remoteHeads([branch, prBranch], signal))
      : undefined
    if (heads && !heads.has(branch)) throw noBranch()
    // In pull-request mode the edit goes on top of the pull request's branch when there is one, so
    // that it moves forward (never forced).
    const parentBranch = prBranch && heads?.has(prBranch) ? prBranch : branch
    const parent = await transient(
      'fetch',
      git.fetch(parentBranch, signal).catch((error: unknown) => {
        throw /couldn't find remote ref/i.test(String((error as Error).message)) ? noBranch() : error
      }),
    )
    if (unconfirmed && parent === unconfirmed) {
      log(`the push of ${unconfirmed.slice(0, 12)} had landed after all`)
      return landed(unconfirmed)
    }

    const session = git.session(signal)
    let commit: string
    try {
      const entry = await transient('reading the file', session.entry(parent, file))
      if (entry?.type !== 'blob' || entry.mode === '120000') {
        throw new ConfigurationError(
          `Input 'file': ${file} is not a file on branch '${parentBranch}' of ${remote.display}`,
        )
      }
      const before = decode(await transient('reading the file', readBlob(session, entry.sha, file)), file)
      const edit = editImageTag({
        content: before,
        fileName: file,
        tag,
        app,
        image,
        field: options.field,
        values: options.values,
      })
      base = { ...base, previousTag: edit.previousTag, field: edit.field, changes: edit.changes }
      if (ifCurrentTag !== undefined && edit.previousTag !== ifCurrentTag) {
        log(
          `${file}: ${edit.field} holds ${edit.previousTag ?? 'nothing'}, not ${ifCurrentTag}, on ${parentBranch}; left alone`,
        )
        return { ...base, outcome: 'left-alone', changes: [] }
      }
      if (!edit.changed) {
        if (unconfirmed) {
          log(
            `${file} holds ${tag} now: the earlier push of ${unconfirmed.slice(0, 12)} landed, and more since`,
          )
          return { ...base, outcome: 'pushed', changed: true }
        }
        log(`${file}: ${edit.field} is already ${tag} on ${parentBranch}; nothing to commit`)
        const result: BumpResult = { ...base, outcome: 'up-to-date' }
        if (prBranch && heads?.has(prBranch) && !options.dryRun) {
          result.pullRequest = await upsertPullRequest(prInput(edit.previousTag))
        }
        return result
      }
      base = { ...base, changed: true, diff: unifiedDiff(before, edit.content, file) }
      if (options.dryRun) {
        log(`dry run: would push a commit to ${target} of ${remote.display}`)
        return { ...base, outcome: 'dry-run' }
      }
      const message = commitMessage(
        template,
        { app, environment, tag, previousTag: edit.previousTag, file, image },
        options.source,
      )
      const content = Buffer.from(edit.content)
      commit = await session.commit({ parent, message, author, path: file, mode: entry.mode, content })
      await session.finish()
    } finally {
      await session.abort()
    }

    // Cancelled before the push: abandon it, nothing has left this machine.
    if (signal?.aborted) return { ...base, changed: false, push: 'not-sent' }
    unconfirmed = commit
    const pushed = await git
      .push(commit, target, pushDeadline(signal, options.abandonPush))
      .catch(async (error: unknown) => {
        if (!(error instanceof GitFailure)) throw error
        if (signal?.aborted) return { ok: 'cut-short' as const }
        if (error.transient) {
          throw new Retry(`push failed (${error.reason})`, (attempts) => gaveUp(error, attempts), true)
        }
        throw error
      })
    if (pushed.ok === 'cut-short') {
      const state = await confirm(git, target, commit)
      log(
        state === 'landed'
          ? `cancelled during the push, which landed: ${commit.slice(0, 12)} is on ${target}`
          : `cancelled: stopped the push of ${commit.slice(0, 12)}; ${remote.display} does not show it yet, and it may still land`,
      )
      return state === 'landed'
        ? { ...landed(commit), outcome: 'cancelled', push: state }
        : { ...base, push: state }
    }
    if (pushed.ok) {
      unconfirmed = undefined
      log(`pushed ${commit.slice(0, 12)} to ${target} of ${remote.display} (attempt ${n})`)
      if (signal?.aborted) return { ...landed(commit), outcome: 'cancelled', push: 'landed' }
      const result = landed(commit)
      if (prBranch) result.pullRequest = await upsertPullRequest(prInput(base.previousTag))
      return result
    }
    unconfirmed = undefined
    if (signal?.aborted) return { ...base, changed: false, push: 'not-sent' }
    throw new Retry(
      `push rejected (${pushed.reason}); fetching again`,
      (attempts) =>
        new Error(
          `${target} of ${remote.display} kept moving: gave up after ${attempts} attempts (${pushed.reason})`,
        ),
      false,
    )
  }

  try {
    await git.init(signal)
    return await retry(attempt, {
      attempts: maxAttempts,
      baseDelayMs: 100,
      maxDelayMs: 2_000,
      random: options.random,
      shouldRetry: (error) => error instanceof Retry && !signal?.aborted,
      delayFloor: (error) => ((error as Retry).transient ? TRANSIENT_FLOOR_MS : undefined),
      onRetry: (error, n, delay) =>
        log(`${(error as Error).message}: attempt ${n + 1} of ${maxAttempts} after ${formatDuration(delay)}`),
      sleep: (ms) => wait(ms, undefined, { signal }),
    })
  } catch (error) {
    if (signal?.aborted) {
      // Stopped while fetching, editing or waiting to retry.
      const push = unconfirmed ? await confirm(git, target, unconfirmed) : 'not-sent'
      const earlier = `the earlier push of ${unconfirmed?.slice(0, 12)}`
      log(
        push === 'not-sent'
          ? 'cancelled: nothing was pushed'
          : push === 'landed'
            ? `cancelled: ${earlier} had landed`
            : `cancelled: ${earlier} is not on ${target}, and it may still land`,
      )
      return push === 'landed'
        ? { ...landed(unconfirmed!), outcome: 'cancelled', push }
        : { ...base, changed: push === 'unconfirmed', push }
    }
    if (!(error instanceof Retry)) throw error
    // Out of attempts: the last push may have landed although its answer never came.
    if (unconfirmed && (await confirm(git, target, unconfirmed)) === 'landed') {
      log(`the push of ${unconfirmed.slice(0, 12)} had landed after all`)
      return landed(unconfirmed)
    }
    throw error.giveUp(base.attempts)
  } finally {
    await rm(work, { recursive: true, force: true, maxRetries: 3 })
  }
}

async function readBlob(session: ReturnType<Git['session']>, sha: string, file: string): Promise<Buffer> {
  try {
    return await session.blob(sha, MAX_FILE_BYTES)
  } catch (error) {
    if (!(error instanceof BlobTooLarge)) throw error
    throw new ConfigurationError(
      `Input 'file': ${file} is ${error.size} bytes; files over ${MAX_FILE_BYTES} bytes are refused`,
    )
  }
}

/** The file's text; YAML is UTF-8, and anything else would not be written back byte for byte. */
function decode(bytes: Buffer, file: string): string {
  const text = bytes.toString('utf8')
  if (!Buffer.from(text, 'utf8').equals(bytes)) {
    throw new ConfigurationError(`Input 'file': ${file} is not UTF-8 text`)
  }
  return text
}

/**
 * The GitHub client is evaluated only in pull-request mode, so a push never pays for it. "eager"
 * keeps it in the bundle's one file (a chunk of its own would fall out of ncc's licenses file).
 */
async function upsertPullRequest(input: PullRequestInput): Promise<PullRequestResult> {
  const { upsertPullRequest: upsert } = await import(/* webpackMode: "eager" */ './pull-request')
  return upsert(input)
}

function pullRequestInput(
  options: BumpOptions,
  remote: Remote,
  head: string,
  fields: { app: string; environment: string; tag: string; previousTag?: string; file: string },
): PullRequestInput {
  const { owner, repo } = remote.github!
  return {
    apiUrl: options.apiUrl ?? 'https://api.github.com',
    token: options.token,
    owner,
    repo,
    head,
    base: options.branch,
    ...pullRequestText(fields, options.source),
    log: options.log,
  }
}
