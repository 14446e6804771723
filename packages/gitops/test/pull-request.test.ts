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
