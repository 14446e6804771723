import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join, posix, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { backoffDelay, ConfigurationError, registerSecret, sleep } from '@canary-delivery/action-kit'
import { parseImageRef, TAG_PATTERN } from '@canary-delivery/image-ref'
import { parse as parseYaml } from 'yaml'
import { editImageTag } from './edit-image-tag'
import { Git } from './git'
import { type PullRequestResult, upsertPullRequest } from './pull-request'
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
  values?: string | Record<string, unknown>
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
  source?: { repository?: string; sha?: string; runUrl?: string }
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

export const DEFAULT_COMMIT_MESSAGE = '{app} {environment}: {previous-tag} → {tag}'
const DEFAULT_AUTHOR = 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>'

interface Remote {
  url: string
  display: string
  /** owner/name when the repository is on GitHub. */
  github?: { owner: string; repo: string }
  webUrl?: string
}

/** Where the repository is: GitHub `owner/name`, a URL, or a local path. */
export function resolveRemote(
  repository: string,
  serverUrl = 'https://github.com',
  workspace = process.cwd(),
): Remote {
  const value = repository.trim()
  if (/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(value) && !value.endsWith('.git')) {
    const [owner, repo] = value.split('/') as [string, string]
    const base = serverUrl.replace(/\/+$/, '')
    return {
      url: `${base}/${owner}/${repo}.git`,
      display: value,
      github: { owner, repo },
      webUrl: `${base}/${owner}/${repo}`,
    }
  }
  if (/^https?:\/\//.test(value)) {
    const url = new URL(value)
    if (url.username || url.password) {
      throw new ConfigurationError(
        "Input 'repository': put the credential in 'token', not in the URL",
        'repository',
      )
    }
    const match = /^\/([^/]+)\/([^/]+?)(\.git)?\/?$/.exec(url.pathname)
    const github =
      match && url.origin === new URL(serverUrl).origin ? { owner: match[1]!, repo: match[2]! } : undefined
    return {
      url: value,
      display: value,
      github,
      webUrl: github ? `${url.origin}/${github.owner}/${github.repo}` : undefined,
    }
  }
  if (value.startsWith('file://')) return { url: value, display: value }
  if (isAbsolute(value) || value.startsWith('./') || value.startsWith('../')) {
    const path = resolve(workspace, value)
    return { url: pathToFileURL(path).href, display: value }
  }
  throw new ConfigurationError(
    `Input 'repository': expected owner/name, an https URL, a local path or a file:// URL, got '${repository}'`,
    'repository',
  )
}

/** A path inside the repository: relative, normalised, not leaving it. */
export function checkFilePath(file: string): string {
  const trimmed = file.trim().replace(/^\.\//, '')
  if (!trimmed) throw new ConfigurationError("Input 'file' is empty", 'file')
  if (trimmed.includes('\\') || trimmed.includes('\0'))
    throw new ConfigurationError(`Input 'file': '${file}' must use / and no special characters`, 'file')
  if (posix.isAbsolute(trimmed))
    throw new ConfigurationError(`Input 'file': '${file}' must be relative to the repository root`, 'file')
  const normal = posix.normalize(trimmed)
  if (normal === '..' || normal.startsWith('../') || normal.split('/').includes('.git')) {
    throw new ConfigurationError(`Input 'file': '${file}' leaves the repository`, 'file')
  }
  return normal
}

export function checkTag(tag: string): string {
  if (!TAG_PATTERN.test(tag)) {
    throw new ConfigurationError(
      `Input 'tag': expected an image tag matching [A-Za-z0-9_][A-Za-z0-9._-]{0,127}, got '${tag}'`,
      'tag',
    )
  }
  return tag
}

/** The image repository; a tag or digest given with it is ignored (the tag comes from `tag`). */
export function checkImage(image: string | undefined): string | undefined {
  if (!image?.trim()) return undefined
  const ref = parseImageRef(image)
  if (!ref)
    throw new ConfigurationError(
      `Input 'image': expected an image repository like ghcr.io/acme/app, got '${image}'`,
      'image',
    )
  return ref.repository
}

export function parseAuthor(author = DEFAULT_AUTHOR): { name: string; email: string } {
  const match = /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(author)
  if (!match)
    throw new ConfigurationError(`Input 'author': expected 'Name <email>', got '${author}'`, 'author')
  return { name: match[1]!, email: match[2]! }
}

export function parseValues(values: BumpOptions['values']): Record<string, unknown> | undefined {
  if (values === undefined) return undefined
  if (typeof values !== 'string') return values
  if (!values.trim()) return undefined
  let parsed: unknown
  try {
    parsed = parseYaml(values)
  } catch (error) {
    throw new ConfigurationError(
      `Input 'values' is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      'values',
    )
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigurationError(
      "Input 'values': expected a YAML mapping (e.g. render-canary-values' output)",
      'values',
    )
  }
  // render-canary-values may emit a whole values file or a HelmRelease patch: take spec.values from the latter.
  const record = parsed as Record<string, unknown>
  const spec = record.spec as Record<string, unknown> | undefined
  if (record.kind === 'HelmRelease' && spec && typeof spec.values === 'object')
    return spec.values as Record<string, unknown>
  return record
}

function expand(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z-]+)\}/g, (whole, name: string) => {
    if (!(name in values)) {
      throw new ConfigurationError(
        `Input 'commit-message': unknown placeholder ${whole} (known: ${Object.keys(values)
          .map((k) => `{${k}}`)
          .join(', ')})`,
        'commit-message',
      )
    }
    return values[name]!
  })
}

export function commitMessage(
  template: string,
  fields: {
    app: string
    environment: string
    tag: string
    previousTag?: string
    file: string
    image?: string
  },
  source: BumpOptions['source'] = {},
): string {
  const subject = expand(template, {
    app: fields.app,
    environment: fields.environment,
    tag: fields.tag,
    'previous-tag': fields.previousTag ?? '(none)',
    file: fields.file,
    image: fields.image ?? '',
  })
  const trailers = [
    source.repository && `Source-Repository: ${source.repository}`,
    source.sha && `Source-Commit: ${source.sha}`,
    source.runUrl && `Run-URL: ${source.runUrl}`,
  ].filter(Boolean)
  return `${subject.trim()}\n${trailers.length ? `\n${trailers.join('\n')}\n` : ''}`
}

/** One branch per app and environment, so a newer tag updates the same pull request. */
export function pullRequestBranch(app: string, environment: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'x'
  return `bump/${clean(app)}/${clean(environment)}`
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
  parseValues(options.values)
  const author = parseAuthor(options.author)
  const mode = options.mode ?? 'push'
  const maxAttempts = options.maxAttempts ?? 15
  const remote = resolveRemote(options.repository, options.serverUrl, options.workspace)
  registerSecret(options.token)
  if (mode === 'pull-request' && !remote.github) {
    throw new ConfigurationError(
      "Input 'repository': pull-request mode needs a GitHub repository (owner/name or its URL)",
      'repository',
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
      new ConfigurationError(`Input 'branch': ${remote.display} has no branch '${options.branch}'`, 'branch')

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
          'file',
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
) {
  const { owner, repo } = remote.github!
  const source = options.source ?? {}
  const body = [
    `Sets **${options.app}** in **${options.environment}** to \`${options.tag}\` (was \`${previousTag ?? 'unset'}\`) in \`${file}\`.`,
    '',
    source.repository ? `Source: ${source.repository}${source.sha ? `@${source.sha}` : ''}` : '',
    source.runUrl ? `Run: ${source.runUrl}` : '',
    '',
    '<!-- bump-gitops-tag -->',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n')
  return {
    apiUrl: options.apiUrl ?? 'https://api.github.com',
    token: options.token,
    owner,
    repo,
    head,
    base: options.branch,
    title: `${options.app} ${options.environment}: ${options.tag}`,
    body,
    log: options.log,
  }
}
