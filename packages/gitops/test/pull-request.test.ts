import { type GitHubStandin, startGitHubStandin } from '@canary-delivery/github-standin'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type PullRequestInput, upsertPullRequest } from '../src/pull-request'

describe('upsertPullRequest against the GitHub stand-in', () => {
  let github: GitHubStandin
  beforeEach(async () => {
    github = await startGitHubStandin({ repositories: ['acme/gitops'], token: 'ghs_pr' })
    const repo = github.state.repository('acme', 'gitops')!
    repo.refs.set('heads/main', 'a'.repeat(40))
    repo.refs.set('heads/bump/app/prod', 'b'.repeat(40))
  })
  afterEach(async () => {
    await github.stop()
  })

  const input = (title: string, log?: (line: string) => void): PullRequestInput => ({
    apiUrl: github.url,
    token: 'ghs_pr',
    owner: 'acme',
    repo: 'gitops',
    head: 'bump/app/prod',
    base: 'main',
    title,
    body: title,
    log,
  })

  it('treats "A pull request already exists" from a race as success and updates that pull request', async () => {
    // Both list before either creates: the second create meets GitHub's 422.
    const [first, second] = await Promise.all([
      upsertPullRequest(input('one')),
      upsertPullRequest(input('two')),
    ])
    expect(first.number).toBe(second.number)
    expect([first.created, second.created].sort()).toEqual([false, true])
    expect(github.requests.filter((r) => r.operationId === 'pulls/create').map((r) => r.status)).toEqual([
      201, 422,
    ])
    expect(github.state.repository('acme', 'gitops')!.pulls).toHaveLength(1)
    expect(github.violations).toEqual([])
  })

  it("waits GitHub's Retry-After, not less, then goes on; gives up at once on a rate limit that lasts", async () => {
    const log: string[] = []
    github.faults.failNext(1, 429, 1)
    const opened = await upsertPullRequest(input('app prod: 1.1.0', (line) => log.push(line)))
    expect(opened.created).toBe(true)
    // The backoff's first step is at most 500 ms; GitHub asked for a second.
    expect(log[0]).toBe('list pull requests: GitHub answered 429; retrying in 1000 ms (attempt 2 of 5)')
    expect(github.requests.map((r) => `${r.operationId} ${r.status}`)).toEqual([
      'pulls/list 429',
      'pulls/list 200',
      'pulls/create 201',
    ])

    github.requests.length = 0
    github.faults.rateLimitNext(1, 'primary', 3600)
    const error = await upsertPullRequest(input('app prod: 1.2.0')).catch((e: { status?: number }) => e)
    expect(error).toMatchObject({ status: 403 })
    expect(github.requests).toHaveLength(1)
    expect(github.violations).toEqual([])
  })

  it('needs a token', async () => {
    await expect(
      upsertPullRequest({
        apiUrl: 'http://127.0.0.1:9',
        owner: 'a',
        repo: 'b',
        head: 'h',
        base: 'main',
        title: 't',
        body: '',
      }),
    ).rejects.toThrow("Input 'token' is required in pull-request mode")
  })
})
