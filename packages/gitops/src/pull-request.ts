import { getOctokit } from '@actions/github'
import { backoffDelay, ConfigurationError, sleep } from '@canary-delivery/action-kit'

export interface PullRequestInput {
  apiUrl: string
  token?: string
  owner: string
  repo: string
  /** The branch with the change, in the same repository. */
  head: string
  base: string
  title: string
  body: string
  log?: (line: string) => void
}

export interface PullRequestResult {
  number: number
  url: string
  /** False when an open pull request for the branch already existed and was updated. */
  created: boolean
}

interface HttpError {
  status?: number
  message?: string
  response?: { headers?: Record<string, string | undefined> }
}

/** GitHub's 5xx and rate limits are worth another try; the Retry-After header says when. */
function transient(error: unknown): boolean {
  const status = (error as HttpError).status ?? 0
  return (
    status >= 500 ||
    status === 429 ||
    (status === 403 && /rate limit/i.test((error as HttpError).message ?? ''))
  )
}

/** Opens the pull request, or updates the open one for the same branch in place. */
export async function upsertPullRequest(input: PullRequestInput): Promise<PullRequestResult> {
  if (!input.token) throw new ConfigurationError("Input 'token' is required in pull-request mode")
  const github = getOctokit(input.token, { baseUrl: input.apiUrl.replace(/\/+$/, '') })
  const call = async <T>(what: string, operation: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await operation()
      } catch (error) {
        if (attempt >= 5 || !transient(error)) throw error
        // GitHub's Retry-After wins over our own backoff.
        const after = Number((error as HttpError).response?.headers?.['retry-after'])
        const delay = Number.isFinite(after)
          ? Math.min(after * 1000, 60_000)
          : backoffDelay(attempt, { baseDelayMs: 500, maxDelayMs: 10_000 })
        input.log?.(
          `${what}: GitHub answered ${(error as HttpError).status}; retrying in ${delay} ms (attempt ${attempt + 1} of 5)`,
        )
        await sleep(delay)
      }
    }
  }
  const { owner, repo, head, base, title, body } = input

  const findOpen = async () => {
    const open = await call('list pull requests', () =>
      github.rest.pulls.list({ owner, repo, head: `${owner}:${head}`, base, state: 'open', per_page: 10 }),
    )
    return open.data[0]
  }
  const update = async (number: number) => {
    const updated = await call('update pull request', () =>
      github.rest.pulls.update({ owner, repo, pull_number: number, title, body }),
    )
    input.log?.(`updated pull request #${number}`)
    return { number, url: updated.data.html_url, created: false }
  }

  const existing = await findOpen()
  if (existing) return update(existing.number)
  try {
    const created = await call('create pull request', () =>
      github.rest.pulls.create({ owner, repo, head, base, title, body }),
    )
    input.log?.(`opened pull request #${created.data.number}`)
    return { number: created.data.number, url: created.data.html_url, created: true }
  } catch (error) {
    // Another run opened it between our list and create: that is success, update it.
    if (
      (error as HttpError).status === 422 &&
      /already exists/i.test(JSON.stringify((error as { response?: unknown }).response ?? ''))
    ) {
      const raced = await findOpen()
      if (raced) return update(raced.number)
    }
    throw error
  }
}
