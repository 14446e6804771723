import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { backoffDelay, ConfigurationError, registerSecret, sleep } from '@canary-delivery/action-kit'
import { checkFilePath, checkImage, checkTag, parseAuthor } from './bump-inputs'
import {
  type ChangeSource,
  commitMessage,
  DEFAULT_COMMIT_MESSAGE,
  pullRequestBranch,
  pullRequestText,
} from './change-text'
import { editImageTag } from './edit-image-tag'
import { Git } from './git'
import { type PullRequestInput, type PullRequestResult, upsertPullRequest } from './pull-request'
import { type Remote, resolveRemote } from './remote'
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
  /** Path of the file inside the repository. */
  file: string
  app: string
  environment: string
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
  log?: (line: string) => void
  random?: () => number
}

export interface BumpResult {
  changed: boolean
  previousTag?: string
  /** The pushed commit (empty on a dry run or when nothing changed). */
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
}

/**
 * Writes the tag into the GitOps repository as one commit: shallow blob-less fetch, format-preserving
 * edit, fast-forward-only push. When another writer got there first, fetch again and re-apply on the
 * new head, with jittered backoff, up to maxAttempts. Never forces.
 */
export async function bumpGitopsTag(options: BumpOptions): Promise<BumpResult> {
  const log = options.log ?? (() => {})
  const tag = checkTag(options.tag)
  const image = checkImage(options.image)
  const file = checkFilePath(options.file)
  // Checked now, before any network work; the text goes to the edit, which keeps its comments.
  parseValuesInput(options.values)
  const author = parseAuthor(options.author)
  const mode = options.mode ?? 'push'
  const maxAttempts = options.maxAttempts ?? 15
  const remote = resolveRemote(options.repository, options.serverUrl, options.workspace)
  registerSecret(options.token)
  if (mode === 'pull-request' && !remote.github) {
    throw new ConfigurationError(
      "Input 'repository': pull-request mode needs a GitHub repository (owner/name or its URL)",
    )
  }
  const template = options.commitMessage || DEFAULT_COMMIT_MESSAGE
  // Check the template before any network work, so a typo fails fast.
  commitMessage(template, { app: options.app, environment: options.environment, tag, file })

  const work = await mkdtemp(join(options.tempDir ?? tmpdir(), 'bump-gitops-'))
  try {
    const git = new Git({ cwd: work, remoteUrl: remote.url, token: options.token, author })
    await git.init()
    const prBranch = mode === 'pull-request' ? pullRequestBranch(options.app, options.environment) : undefined
    const target = prBranch ?? options.branch
    const noBranch = () =>
      new ConfigurationError(`Input 'branch': ${remote.display} has no branch '${options.branch}'`)

    for (let attempt = 1; ; attempt++) {
      // Push mode fetches the branch straight away; pull-request mode first asks which branches exist.
      const heads = prBranch
        ? await git.remoteHeads([options.branch, prBranch])
        : new Map([[options.branch, '']])
      if (!heads.has(options.branch)) throw noBranch()
      try {
        await git.fetch([...heads.keys()])
      } catch (error) {
        if (/couldn't find remote ref/i.test(String((error as Error).message))) throw noBranch()
        throw error
      }
      // In pull-request mode the edit goes on top of the pull request's branch when there is one, so
      // that it moves forward (never forced).
      const parentBranch = prBranch && heads.has(prBranch) ? prBranch : options.branch
      const parent = await git.revParse(`refs/remotes/origin/${parentBranch}`)
      const entry = await git.entry(parent, file)
      if (entry?.type !== 'blob' || entry.mode === '120000') {
        throw new ConfigurationError(
          `Input 'file': ${file} is not a file on branch '${parentBranch}' of ${remote.display}`,
        )
      }
      const before = await git.readBlob(entry.sha)
      const edit = editImageTag({
        content: before,
        fileName: file,
        tag,
        app: options.app,
        image,
        field: options.field,
        values: options.values,
      })
      const base: BumpResult = {
        changed: edit.changed,
        previousTag: edit.previousTag,
        file,
        field: edit.field,
        changes: edit.changes,
        diff: '',
        attempts: attempt,
        branch: target,
        repository: remote.display,
        dryRun: !!options.dryRun,
      }
      if (options.ifCurrentTag !== undefined && edit.previousTag !== options.ifCurrentTag) {
        log(
          `${file}: ${edit.field} holds ${edit.previousTag ?? 'nothing'}, not ${options.ifCurrentTag}, on ${parentBranch}; left alone`,
        )
        return { ...base, changed: false, changes: [] }
      }
      if (!edit.changed) {
        log(`${file}: ${edit.field} is already ${tag} on ${parentBranch}; nothing to commit`)
        if (prBranch && heads.has(prBranch) && !options.dryRun) {
          base.pullRequest = await upsertPullRequest(
            pullRequestInput(options, remote, prBranch, edit.previousTag, file),
          )
        }
        return base
      }
      const blob = await git.writeBlob(edit.content)
      base.diff = await git.diff(entry.sha, blob, file)
      const tree = await git.replaceFile(parent, file, blob, entry.mode)
      const message = commitMessage(
        template,
        {
          app: options.app,
          environment: options.environment,
          tag,
          previousTag: edit.previousTag,
          file,
          image,
        },
        options.source,
      )
      const commit = await git.commitTree(tree, parent, message)
      if (options.dryRun) {
        log(`dry run: would push ${commit.slice(0, 12)} to ${target} of ${remote.display}`)
        return base
      }
      const pushed = await git.push(commit, target)
      if (pushed.ok) {
        log(`pushed ${commit.slice(0, 12)} to ${target} of ${remote.display} (attempt ${attempt})`)
        const result: BumpResult = {
          ...base,
          commitSha: commit,
          commitUrl: remote.webUrl ? `${remote.webUrl}/commit/${commit}` : undefined,
        }
        if (prBranch)
          result.pullRequest = await upsertPullRequest(
            pullRequestInput(options, remote, prBranch, edit.previousTag, file),
          )
        return result
      }
      if (attempt >= maxAttempts) {
        throw new Error(
          `${target} of ${remote.display} kept moving: gave up after ${attempt} attempts (${pushed.reason})`,
        )
      }
      const delay = backoffDelay(attempt, { baseDelayMs: 100, maxDelayMs: 2_000, random: options.random })
      log(
        `push rejected (${pushed.reason}); fetching again and retrying in ${delay} ms (attempt ${attempt + 1} of ${maxAttempts})`,
      )
      await sleep(delay)
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

function pullRequestInput(
  options: BumpOptions,
  remote: Remote,
  head: string,
  previousTag: string | undefined,
  file: string,
): PullRequestInput {
  const { owner, repo } = remote.github!
  const { app, environment, tag } = options
  return {
    apiUrl: options.apiUrl ?? 'https://api.github.com',
    token: options.token,
    owner,
    repo,
    head,
    base: options.branch,
    ...pullRequestText({ app, environment, tag, previousTag, file }, options.source),
    log: options.log,
  }
}
