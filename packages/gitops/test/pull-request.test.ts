import { startGitHubStandin } from '@canary-delivery/github-standin'
import { describe, expect, it } from 'vitest'
import { upsertPullRequest } from '../src/pull-request'

describe('upsertPullRequest against the GitHub stand-in', () => {
  it('treats "A pull request already exists" from a race as success and updates that pull request', async () => {
    const github = await startGitHubStandin({ repositories: ['acme/gitops'], token: 'ghs_pr' })
    try {
      const repo = github.state.repository('acme', 'gitops')!
      repo.refs.set('heads/main', 'a'.repeat(40))
      repo.refs.set('heads/bump/app/prod', 'b'.repeat(40))
      const input = (title: string) => ({
        apiUrl: github.url,
        token: 'ghs_pr',
        owner: 'acme',
        repo: 'gitops',
        head: 'bump/app/prod',
        base: 'main',
        title,
        body: title,
      })
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
      expect(repo.pulls).toHaveLength(1)
      expect(github.violations).toEqual([])
    } finally {
      await github.stop()
    }
  })

  it("waits GitHub's Retry-After, not less, then goes on; gives up at once on a rate limit that lasts", async () => {
    const github = await startGitHubStandin({ repositories: ['acme/gitops'], token: 'ghs_pr' })
    try {
      const repo = github.state.repository('acme', 'gitops')!
      repo.refs.set('heads/main', 'a'.repeat(40))
      repo.refs.set('heads/bump/app/prod', 'b'.repeat(40))
      const log: string[] = []
      const input = {
        apiUrl: github.url,
        token: 'ghs_pr',
        owner: 'acme',
        repo: 'gitops',
        head: 'bump/app/prod',
        base: 'main',
        title: 'app prod: 1.1.0',
        body: 'b',
        log: (line: string) => log.push(line),
      }
      github.faults.failNext(1, 429, 1)
      const opened = await upsertPullRequest(input)
      expect(opened.created).toBe(true)
      expect(log[0]).toBe('list pull requests: GitHub answered 429; retrying in 1000 ms (attempt 2 of 5)')
      expect(github.requests.map((r) => `${r.operationId} ${r.status}`)).toEqual([
        'pulls/list 429',
        'pulls/list 200',
        'pulls/create 201',
      ])

      github.requests.length = 0
      github.faults.rateLimitNext(1, 'primary', 3600)
      const error = await upsertPullRequest(input).catch((e: { status?: number }) => e)
      expect(error).toMatchObject({ status: 403 })
      expect(github.requests).toHaveLength(1)
      expect(github.violations).toEqual([])
    } finally {
      await github.stop()
    }
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
