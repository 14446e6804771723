import { getOctokit } from '@actions/github'
import { GITHUB_RETRY, retry } from '@canary-delivery/action-kit'

export interface RepositoryTarget {
  token: string
  /** GITHUB_API_URL (https://api.github.com, or a GHES /api/v3 address). */
  apiUrl: string
  /** owner/name */
  repository: string
  /** Retries and what was done, for the log. */
  log?: (line: string) => void
  /** Attempts per request on 5xx, 429 and secondary rate limits (default 5). */
  attempts?: number
  baseDelayMs?: number
}

export interface IssueComment {
  id: number
  body: string
  url: string
  author: { login: string; type: string }
  /** OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE … */
  association: string
}

/**
 * Whether a comment can be taken as written by a workflow of the repository: a GitHub App (the
 * workflow token is the github-actions app; only an admin can install an app) or someone with
 * write access. Anybody who can open a pull request can comment on it, so a marker in a comment
 * from anyone else is not trusted.
 */
export function isTrustedComment(comment: IssueComment): boolean {
  return comment.author.type === 'Bot' || ['OWNER', 'MEMBER', 'COLLABORATOR'].includes(comment.association)
}

type Octokit = ReturnType<typeof getOctokit>

export function client(target: RepositoryTarget): { octokit: Octokit; owner: string; repo: string } {
  const [owner, repo, extra] = target.repository.split('/')
  if (!owner || !repo || extra !== undefined)
    throw new Error(`repository must be owner/name, got '${target.repository}'`)
  return { octokit: getOctokit(target.token, { baseUrl: target.apiUrl.replace(/\/+$/, '') }), owner, repo }
}

/** One API call with retries on 5xx, 429 and rate limits, waiting at least what GitHub asks (GITHUB_RETRY). */
export async function withRetries<T>(
  target: RepositoryTarget,
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  const attempts = target.attempts ?? 5
  return retry(call, {
    ...GITHUB_RETRY,
    attempts,
    baseDelayMs: target.baseDelayMs ?? 500,
    maxDelayMs: 8_000,
    maxWaitMs: 30_000,
    onRetry: (error, attempt, delayMs) =>
      target.log?.(
        `${what}: GitHub answered ${(error as { status?: number }).status ?? (error as Error).message}; attempt ${attempt + 1} of ${attempts} in ${delayMs} ms`,
      ),
  })
}

function toComment(data: {
  id: number
  body?: string | null
  html_url: string
  user: { login: string; type: string } | null
  author_association: string
}): IssueComment {
  return {
    id: data.id,
    body: data.body ?? '',
    url: data.html_url,
    author: { login: data.user?.login ?? '', type: data.user?.type ?? '' },
    association: data.author_association,
  }
}

/** Every comment of an issue or pull request, oldest first. */
export async function listIssueComments(
  target: RepositoryTarget,
  issueNumber: number,
): Promise<IssueComment[]> {
  const { octokit, owner, repo } = client(target)
  const comments: IssueComment[] = []
  for (let page = 1; ; page++) {
    const response = await withRetries(target, 'list comments', () =>
      octokit.rest.issues.listComments({ owner, repo, issue_number: issueNumber, per_page: 100, page }),
    )
    comments.push(...response.data.map(toComment))
    if (response.data.length < 100) return comments
  }
}

export interface UpsertResult {
  id: number
  url: string
  /** False when an existing comment was updated in place. */
  created: boolean
}

/**
 * Keeps exactly one comment that `isOurs` recognises (among trusted ones) on the issue, holding
 * `body`: the oldest is updated in place, or one is created (unless `create` is false: then
 * nothing is done and undefined returned). Two runs racing may both create one;
 * each then looks again, and every copy but the oldest is removed, so one stays.
 */
export async function upsertIssueComment(
  target: RepositoryTarget,
  issueNumber: number,
  isOurs: (comment: IssueComment) => boolean,
  body: string,
  { create = true }: { create?: boolean } = {},
): Promise<UpsertResult | undefined> {
  const { octokit, owner, repo } = client(target)
  const ours = async () =>
    (await listIssueComments(target, issueNumber)).filter((c) => isTrustedComment(c) && isOurs(c))
  const update = async (comment: IssueComment) => {
    const response = await withRetries(target, 'update comment', () =>
      octokit.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body }),
    )
    return { id: response.data.id, url: response.data.html_url }
  }
  const removeExtras = async (extras: IssueComment[]) => {
    for (const extra of extras) {
      await withRetries(target, 'delete comment', () =>
        octokit.rest.issues.deleteComment({ owner, repo, comment_id: extra.id }),
      ).catch((error: { status?: number }) => {
        // Another run removed it first.
        if (error.status !== 404) throw error
      })
      target.log?.(`removed a second copy of the comment (${extra.url})`)
    }
  }

  const existing = await ours()
  if (existing.length > 0) {
    const kept = await update(existing[0]!)
    await removeExtras(existing.slice(1))
    return { ...kept, created: false }
  }
  if (!create) return undefined
  const created = await withRetries(target, 'create comment', () =>
    octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }),
  )
  const after = await ours()
  const oldest = after[0]
  if (!oldest || oldest.id === created.data.id) {
    await removeExtras(after.slice(1))
    return { id: created.data.id, url: created.data.html_url, created: true }
  }
  // Another run created one first: ours goes, theirs takes our body (the later plan).
  const kept = await update(oldest)
  await removeExtras(after.slice(1))
  return { ...kept, created: false }
}

export interface CommitPullRequest {
  number: number
  url: string
  state: string
  mergedAt: string | null
  mergeCommitSha: string | null
  headSha: string
}

/** The pull requests GitHub associates with a commit: open ones it heads, merged ones it came from. */
export async function pullRequestsOfCommit(
  target: RepositoryTarget,
  sha: string,
): Promise<CommitPullRequest[]> {
  const { octokit, owner, repo } = client(target)
  const response = await withRetries(target, 'pull requests of the commit', () =>
    octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha, per_page: 100 }),
  )
  return response.data.map((pr) => ({
    number: pr.number,
    url: pr.html_url,
    state: pr.state,
    mergedAt: pr.merged_at,
    mergeCommitSha: pr.merge_commit_sha,
    headSha: pr.head.sha,
  }))
}
