import { type GitHubStandin, startGitHubStandin } from '@canary-delivery/github-standin'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  listIssueComments,
  pullRequestsOfCommit,
  type RepositoryTarget,
  upsertIssueComment,
} from '../src/index'

const TOKEN = 'ghs_comment_test_token'
let github: GitHubStandin
let target: RepositoryTarget
let number: number

beforeEach(async () => {
  github = await startGitHubStandin({ repositories: ['acme/infra'], token: TOKEN })
  target = { token: TOKEN, apiUrl: github.url, repository: 'acme/infra', baseDelayMs: 10 }
  const repo = github.state.repository('acme', 'infra')!
  repo.refs.set('heads/main', 'a'.repeat(40))
  repo.refs.set('heads/change', 'b'.repeat(40))
  github.state.openPullRequest(repo, { number: 7, head: 'change', headSha: 'b'.repeat(40) })
  number = 7
})
afterEach(async () => {
  await github.stop()
})

const comments = () => github.state.repository('acme', 'infra')!.comments
const isOurs = (c: { body: string }) => c.body.startsWith('<!-- ours -->')

describe('upsertIssueComment against the GitHub stand-in', () => {
  it('creates one comment, then updates it in place through a flaky API', async () => {
    const first = await upsertIssueComment(target, number, isOurs, '<!-- ours -->\none')
    expect(first?.created).toBe(true)
    github.faults.failNext(1, 502)
    const second = await upsertIssueComment(target, number, isOurs, '<!-- ours -->\ntwo')
    expect(second).toMatchObject({ created: false, id: first?.id })
    expect(comments().map((c) => c.body)).toEqual(['<!-- ours -->\ntwo'])
    expect(github.violations).toEqual([])
  })

  it('with create: false, updates an existing comment but makes none', async () => {
    expect(
      await upsertIssueComment(target, number, isOurs, '<!-- ours -->\nquiet', { create: false }),
    ).toBeUndefined()
    expect(comments()).toEqual([])
    await upsertIssueComment(target, number, isOurs, '<!-- ours -->\nloud')
    const updated = await upsertIssueComment(target, number, isOurs, '<!-- ours -->\nquiet', {
      create: false,
    })
    expect(updated?.created).toBe(false)
    expect(comments().map((c) => c.body)).toEqual(['<!-- ours -->\nquiet'])
  })

  it('ignores a look-alike from someone without write access and leaves other comments alone', async () => {
    comments().push({
      id: github.state.id(),
      issueNumber: number,
      body: '<!-- ours -->\nspoofed',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      author: { login: 'mallory', type: 'User' },
      authorAssociation: 'CONTRIBUTOR',
    })
    await upsertIssueComment(target, number, isOurs, '<!-- ours -->\nreal')
    expect(comments().map((c) => c.body)).toEqual(['<!-- ours -->\nspoofed', '<!-- ours -->\nreal'])
  })

  it('two runs at once end with one comment', async () => {
    const results = await Promise.all(
      ['a', 'b', 'c'].map((name) => upsertIssueComment(target, number, isOurs, `<!-- ours -->\n${name}`)),
    )
    const left = await listIssueComments(target, number)
    expect(left).toHaveLength(1)
    expect(results.every((r) => r?.id === left[0]!.id)).toBe(true)
    expect(github.violations).toEqual([])
  })

  it('lists the merged pull request a merge commit came from', async () => {
    Object.assign(github.state.repository('acme', 'infra')!.pulls[0]!, {
      state: 'closed',
      mergedAt: '2026-01-02T00:00:00Z',
      mergeCommitSha: 'c'.repeat(40),
    })
    expect(await pullRequestsOfCommit(target, 'c'.repeat(40))).toEqual([
      expect.objectContaining({
        number: 7,
        mergedAt: '2026-01-02T00:00:00Z',
        mergeCommitSha: 'c'.repeat(40),
      }),
    ])
  })
})
