import { getOctokit } from '@actions/github'
import { ConfigurationError, GITHUB_RETRY, retry } from '@canary-delivery/action-kit'

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
  response?: unknown
}

const ATTEMPTS = 5

/** Opens the pull request, or updates the open one for the same branch in place. */
export async function upsertPullRequest(input: PullRequestInput): Promise<PullRequestResult> {
  if (!input.token) throw new ConfigurationError("Input 'token' is required in pull-request mode")
  const github = getOctokit(input.token, { baseUrl: input.apiUrl.replace(/\/+$/, '') })
  // GitHub's 5xx and rate limits are worth another try, never sooner than GitHub says.
  const call = <T>(what: string, operation: () => Promise<T>): Promise<T> =>
    retry(operation, {
      ...GITHUB_RETRY,
      attempts: ATTEMPTS,
      baseDelayMs: 500,
      maxDelayMs: 10_000,
      maxWaitMs: 60_000,
      onRetry: (error, attempt, delay) =>
        input.log?.(
          `${what}: GitHub answered ${(error as HttpError).status}; retrying in ${delay} ms (attempt ${attempt + 1} of ${ATTEMPTS})`,
        ),
    })
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
      /already exists/i.test(JSON.stringify((error as HttpError).response ?? ''))
    ) {
      const raced = await findOpen()
      if (raced) return update(raced.number)
    }
    throw error
  }
}
