import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getOctokit } from '@actions/github'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type GitHubStandin, startGitHubStandin } from '../src/index'

const TOKEN = 'ghs_standinTestToken123'
let standin: GitHubStandin

beforeAll(async () => {
  standin = await startGitHubStandin({
    repositories: ['octo/gitops', { fullName: 'octo/app', defaultBranch: 'trunk' }],
    token: TOKEN,
  })
})
afterAll(() => standin.stop())
beforeEach(() => {
  standin.violations.length = 0
})
afterEach(() => {
  standin.faults.clear()
})

const client = (token = TOKEN, retries?: { retries: number }) =>
  getOctokit(token, { baseUrl: standin.url, request: retries ? { retries: retries.retries } : undefined })

describe('pull requests', () => {
  it('opens a pull request, finds it by head, refuses a second one for the same head, updates it in place', async () => {
    const gh = client()
    standin.state.repository('octo', 'gitops')!.refs.set('heads/main', 'a'.repeat(40))
    standin.state.repository('octo', 'gitops')!.refs.set('heads/bump/podinfo-sit', 'b'.repeat(40))
    const created = await gh.rest.pulls.create({
      owner: 'octo',
      repo: 'gitops',
      title: 'podinfo sit: 1.0 → 1.1',
      head: 'bump/podinfo-sit',
      base: 'main',
      body: 'first',
    })
    expect(created.status).toBe(201)
    expect(created.data.head).toMatchObject({ ref: 'bump/podinfo-sit', sha: 'b'.repeat(40) })
    expect(created.data.html_url).toBe(`${standin.url}/octo/gitops/pull/${created.data.number}`)

    const again = await gh.rest.pulls
      .create({ owner: 'octo', repo: 'gitops', title: 'again', head: 'bump/podinfo-sit', base: 'main' })
      .catch((error: { status: number; response: { data: { errors: { message: string }[] } } }) => error)
    expect('status' in again && again.status).toBe(422)
    expect(JSON.stringify((again as { response: { data: unknown } }).response.data)).toContain(
      'A pull request already exists for octo:bump/podinfo-sit',
    )

    const listed = await gh.rest.pulls.list({
      owner: 'octo',
      repo: 'gitops',
      head: 'octo:bump/podinfo-sit',
      state: 'open',
    })
    expect(listed.data.map((pr) => pr.number)).toEqual([created.data.number])
    const updated = await gh.rest.pulls.update({
      owner: 'octo',
      repo: 'gitops',
      pull_number: created.data.number,
      body: 'second',
    })
    expect(updated.data.body).toBe('second')
    expect(
      (await gh.rest.pulls.get({ owner: 'octo', repo: 'gitops', pull_number: created.data.number })).data
        .body,
    ).toBe('second')
    expect(standin.violations).toEqual([])
  })

  it('checks head and base against a real git repository when given one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-git-'))
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim()
      git('init', '-q', '-b', 'main')
      git('-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-q', '--allow-empty', '-m', 'one')
      git('branch', 'same')
      const local = await startGitHubStandin({
        repositories: [{ fullName: 'octo/real', gitDir: join(dir, '.git') }],
      })
      try {
        const gh = getOctokit('x-token', { baseUrl: local.url })
        const missing = await gh.rest.pulls
          .create({ owner: 'octo', repo: 'real', title: 't', head: 'nope', base: 'main' })
          .catch((e: { status: number }) => e)
        expect(missing.status).toBe(422)
        const empty = await gh.rest.pulls
          .create({ owner: 'octo', repo: 'real', title: 't', head: 'same', base: 'main' })
          .catch((e: { status: number; message: string }) => e)
        expect((empty as { message: string }).message).toContain('No commits between main and same')
        const ref = await gh.rest.git.getRef({ owner: 'octo', repo: 'real', ref: 'heads/main' })
        expect(ref.data.object.sha).toBe(git('rev-parse', 'HEAD'))
        expect(local.violations).toEqual([])
      } finally {
        await local.stop()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('statuses, checks and comments', () => {
  it('combines commit statuses per context and tracks check runs', async () => {
    const gh = client()
    const sha = 'c'.repeat(40)
    await gh.rest.repos.createCommitStatus({
      owner: 'octo',
      repo: 'app',
      sha,
      state: 'pending',
      context: 'canary/sit',
    })
    await gh.rest.repos.createCommitStatus({
      owner: 'octo',
      repo: 'app',
      sha,
      state: 'success',
      context: 'canary/sit',
      description: 'promoted',
    })
    await gh.rest.repos.createCommitStatus({
      owner: 'octo',
      repo: 'app',
      sha,
      state: 'pending',
      context: 'canary/uat',
    })
    const combined = await gh.rest.repos.getCombinedStatusForRef({ owner: 'octo', repo: 'app', ref: sha })
    expect(combined.data.state).toBe('pending')
    expect(combined.data.statuses.map((s) => [s.context, s.state])).toEqual([
      ['canary/uat', 'pending'],
      ['canary/sit', 'success'],
    ])
    expect(
      (await gh.rest.repos.listCommitStatusesForRef({ owner: 'octo', repo: 'app', ref: sha })).data,
    ).toHaveLength(3)

    const run = await gh.rest.checks.create({
      owner: 'octo',
      repo: 'app',
      name: 'canary sit',
      head_sha: sha,
      status: 'in_progress',
    })
    await gh.rest.checks.update({
      owner: 'octo',
      repo: 'app',
      check_run_id: run.data.id,
      conclusion: 'success',
      output: { title: 'done', summary: 'promoted' },
    })
    const runs = await gh.rest.checks.listForRef({
      owner: 'octo',
      repo: 'app',
      ref: sha,
      check_name: 'canary sit',
    })
    expect(runs.data.check_runs[0]).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'done' },
    })
    expect(standin.violations).toEqual([])
  })

  it('pages comments with a Link header octokit follows', async () => {
    const gh = client()
    standin.state.repository('octo', 'app')!.refs.set('heads/trunk', 'd'.repeat(40))
    standin.state.repository('octo', 'app')!.refs.set('heads/feature', 'e'.repeat(40))
    const pr = await gh.rest.pulls.create({
      owner: 'octo',
      repo: 'app',
      title: 'x',
      head: 'feature',
      base: 'trunk',
    })
    for (let i = 0; i < 5; i++)
      await gh.rest.issues.createComment({
        owner: 'octo',
        repo: 'app',
        issue_number: pr.data.number,
        body: `c${i}`,
      })
    const all = await gh.paginate(gh.rest.issues.listComments, {
      owner: 'octo',
      repo: 'app',
      issue_number: pr.data.number,
      per_page: 2,
    })
    expect(all.map((c) => c.body)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4'])
    const edited = await gh.rest.issues.updateComment({
      owner: 'octo',
      repo: 'app',
      comment_id: all[0]!.id,
      body: 'edited',
    })
    expect(edited.data.body).toBe('edited')
    expect(standin.violations).toEqual([])
  })

  it("refuses a comment over GitHub's 65,536 characters, deletes comments, shows their authors", async () => {
    const gh = client()
    const repo = standin.state.repository('octo', 'app')!
    repo.refs.set('heads/long', 'f'.repeat(40))
    const pr = await gh.rest.pulls.create({
      owner: 'octo',
      repo: 'app',
      title: 'y',
      head: 'long',
      base: 'trunk',
    })
    const target = { owner: 'octo', repo: 'app', issue_number: pr.data.number }
    // Characters, not UTF-16 units: 65,536 emoji fit, one more does not.
    const fits = await gh.rest.issues.createComment({ ...target, body: '🙂'.repeat(65_536) })
    const refused = await gh.rest.issues
      .createComment({ ...target, body: 'x'.repeat(65_537) })
      .catch((e: { status: number; response: { data: unknown } }) => e)
    expect(refused).toMatchObject({
      status: 422,
      response: { data: { errors: [{ message: 'Body is too long (maximum is 65536 characters)' }] } },
    })
    const edit = await gh.rest.issues
      .updateComment({ owner: 'octo', repo: 'app', comment_id: fits.data.id, body: 'y'.repeat(70_000) })
      .catch((e: { status: number }) => e)
    expect(edit).toMatchObject({ status: 422 })

    repo.comments.push({
      id: standin.state.id(),
      issueNumber: pr.data.number,
      body: 'from a bot',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      author: { login: 'github-actions[bot]', type: 'Bot' },
      authorAssociation: 'NONE',
    })
    const listed = await gh.rest.issues.listComments(target)
    expect(listed.data.map((c) => [c.user?.login, c.user?.type, c.author_association])).toEqual([
      ['octocat', 'User', 'COLLABORATOR'],
      ['github-actions[bot]', 'Bot', 'NONE'],
    ])
    const deleted = await gh.rest.issues.deleteComment({
      owner: 'octo',
      repo: 'app',
      comment_id: fits.data.id,
    })
    expect(deleted.status).toBe(204)
    expect((await gh.rest.issues.listComments(target)).data.map((c) => c.body)).toEqual(['from a bot'])
    expect(standin.violations).toEqual([])
  })
})

describe('issues and labels', () => {
  it('creates an issue, finds it by label among issues and pull requests, updates, closes and reopens it', async () => {
    const gh = client()
    const repo = { owner: 'octo', repo: 'app' }
    const created = await gh.rest.issues.create({
      ...repo,
      title: 'Drift in sit',
      body: 'one',
      labels: ['infra-drift'],
    })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({ state: 'open', title: 'Drift in sit', body: 'one' })
    expect(created.data.html_url).toBe(`${standin.url}/octo/app/issues/${created.data.number}`)
    // A label the repository lacked is created with the issue.
    expect(created.data.labels).toEqual([expect.objectContaining({ name: 'infra-drift', color: 'ededed' })])
    await gh.rest.issues.create({ ...repo, title: 'unlabelled' })
    const pull = standin.state.openPullRequest(standin.state.repository('octo', 'app')!, {
      head: 'change',
      headSha: 'c'.repeat(40),
    })
    pull.labels.push('infra-drift')

    const labelled = await gh.rest.issues.listForRepo({ ...repo, labels: 'infra-drift', state: 'open' })
    expect(labelled.data.map((i) => [i.number, Boolean(i.pull_request)])).toEqual([
      [pull.number, true],
      [created.data.number, false],
    ])
    const number = created.data.number
    const updated = await gh.rest.issues.update({ ...repo, issue_number: number, body: 'two' })
    expect(updated.data.body).toBe('two')
    const closed = await gh.rest.issues.update({ ...repo, issue_number: number, state: 'closed' })
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(closed.data.closed_at).not.toBeNull()
    const open = await gh.rest.issues.listForRepo({ ...repo, labels: 'infra-drift' })
    expect(open.data.map((i) => i.number)).toEqual([pull.number])
    const all = await gh.rest.issues.listForRepo({ ...repo, state: 'all', direction: 'asc' })
    // Oldest first, the closed one among them (earlier tests' pull requests come before).
    expect(all.data.map((i) => i.number).filter((n) => n >= number)).toEqual([
      number,
      number + 1,
      pull.number,
    ])
    const reopened = await gh.rest.issues.update({ ...repo, issue_number: number, state: 'open' })
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null })

    // Comments belong to issues as to pull requests.
    await gh.rest.issues.createComment({ ...repo, issue_number: number, body: 'still drifting' })
    const comments = await gh.rest.issues.listComments({ ...repo, issue_number: number })
    expect(comments.data.map((c) => c.body)).toEqual(['still drifting'])
    expect(standin.violations).toEqual([])
  })

  it('creates a label once: a second one of the same name is 422 already_exists', async () => {
    const gh = client()
    const repo = { owner: 'octo', repo: 'gitops' }
    const label = await gh.rest.issues.createLabel({
      ...repo,
      name: 'drift',
      color: 'd93f0b',
      description: 'x',
    })
    expect(label.status).toBe(201)
    expect(label.data).toMatchObject({ name: 'drift', color: 'd93f0b', description: 'x' })
    const again = await gh.rest.issues
      .createLabel({ ...repo, name: 'Drift' })
      .catch((error: { status: number; response: { data: unknown } }) => error)
    expect('status' in again && again.status).toBe(422)
    expect(JSON.stringify((again as { response: { data: unknown } }).response.data)).toContain(
      'already_exists',
    )
    expect(standin.violations).toEqual([])
  })

  it('answers 404 for an issue that does not exist, and checks bodies against the description', async () => {
    const gh = client()
    const missing = await gh.rest.issues
      .update({ owner: 'octo', repo: 'app', issue_number: 9999, body: 'x' })
      .catch((error: { status: number }) => error)
    expect('status' in missing && missing.status).toBe(404)
    const untitled = await gh
      // biome-ignore lint/suspicious/noExplicitAny: a body GitHub's description refuses, on purpose
      .request('POST /repos/{owner}/{repo}/issues', { owner: 'octo', repo: 'app', body: 'no title' } as any)
      .catch((error: { status: number }) => error)
    expect('status' in untitled && untitled.status).toBe(422)
  })
})

describe('the pull requests of a commit', () => {
  it('finds a pull request by its head commit, and by its merge commit once merged', async () => {
    const gh = client()
    const repo = standin.state.repository('octo', 'app')!
    repo.refs.set('heads/merge-me', '1'.repeat(40))
    const pr = await gh.rest.pulls.create({
      owner: 'octo',
      repo: 'app',
      title: 'z',
      head: 'merge-me',
      base: 'trunk',
    })
    const byHead = await gh.rest.repos.listPullRequestsAssociatedWithCommit({
      owner: 'octo',
      repo: 'app',
      commit_sha: '1'.repeat(40),
    })
    expect(byHead.data.map((p) => [p.number, p.merged_at])).toEqual([[pr.data.number, null]])
    Object.assign(repo.pulls.find((p) => p.number === pr.data.number)!, {
      state: 'closed',
      mergedAt: '2026-02-02T00:00:00Z',
      mergeCommitSha: '2'.repeat(40),
    })
    const byMerge = await gh.rest.repos.listPullRequestsAssociatedWithCommit({
      owner: 'octo',
      repo: 'app',
      commit_sha: '2'.repeat(40),
    })
    expect(byMerge.data.map((p) => [p.number, p.merged_at, p.merge_commit_sha])).toEqual([
      [pr.data.number, '2026-02-02T00:00:00Z', '2'.repeat(40)],
    ])
    expect(
      (
        await gh.rest.repos.listPullRequestsAssociatedWithCommit({
          owner: 'octo',
          repo: 'app',
          commit_sha: '3'.repeat(40),
        })
      ).data,
    ).toEqual([])
    expect(standin.violations).toEqual([])
  })
})

describe('checking requests against the description', () => {
  it('answers an unknown operation with 404 and records it', async () => {
    const response = await fetch(`${standin.url}/repos/octo/app/deployments/1/teleport`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}` },
    })
    expect(response.status).toBe(404)
    expect(standin.violations.pop()?.message).toContain(
      'no operation POST /repos/octo/app/deployments/1/teleport',
    )
  })

  it('rejects a missing Authorization header and a body off the schema', async () => {
    const anonymous = await fetch(`${standin.url}/repos/octo/app/pulls`)
    expect(anonymous.status).toBe(401)
    expect(standin.violations.pop()?.message).toBe('no Authorization header')

    const bad = await fetch(`${standin.url}/repos/octo/app/statuses/${'f'.repeat(40)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'great' }),
    })
    expect(bad.status).toBe(422)
    expect(standin.violations.pop()?.message).toMatch(
      /request body: \/state must be equal to one of the allowed values/,
    )

    const badQuery = await fetch(`${standin.url}/repos/octo/app/pulls?state=merged&colour=red`, {
      headers: { authorization: `token ${TOKEN}` },
    })
    expect(badQuery.status).toBe(422)
    const messages = standin.violations.splice(0).map((v) => v.message)
    expect(messages).toContain("unknown query parameter 'colour'")
    expect(messages.some((m) => m.startsWith('parameters: /state'))).toBe(true)
  })

  it('refuses a wrong token', async () => {
    const error = await client('ghs_wrong')
      .rest.repos.get({ owner: 'octo', repo: 'app' })
      .catch((e: { status: number }) => e)
    expect(error.status).toBe(401)
    expect(standin.violations.pop()?.message).toBe('wrong token')
  })

  it('serves the repository from the description example with the state filled in', async () => {
    const repo = await client().rest.repos.get({ owner: 'octo', repo: 'app' })
    expect(repo.data).toMatchObject({ full_name: 'octo/app', default_branch: 'trunk' })
    const unknown = await client()
      .rest.repos.get({ owner: 'octo', repo: 'other' })
      .catch((e: { status: number }) => e)
    expect(unknown.status).toBe(404)
    expect(standin.violations).toEqual([])
  })
})

describe('fault injection', () => {
  it('fails the next requests with 429 and Retry-After, then serves again', async () => {
    standin.faults.failNext(2, 429, 0)
    const first = await fetch(`${standin.url}/repos/octo/app`, {
      headers: { authorization: `token ${TOKEN}` },
    })
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('0')
    const second = await fetch(`${standin.url}/repos/octo/app`, {
      headers: { authorization: `token ${TOKEN}` },
    })
    expect(second.status).toBe(429)
    const third = await fetch(`${standin.url}/repos/octo/app`, {
      headers: { authorization: `token ${TOKEN}` },
    })
    expect(third.status).toBe(200)
  })

  it('answers rate limits as GitHub does: primary with its reset time, secondary with its message', async () => {
    const get = () => fetch(`${standin.url}/repos/octo/app`, { headers: { authorization: `token ${TOKEN}` } })
    const before = Math.floor(Date.now() / 1000)
    standin.faults.rateLimitNext(1, 'primary', 60)
    standin.faults.rateLimitNext(1, 'secondary', 7)
    standin.faults.rateLimitNext(1, 'secondary')
    const primary = await get()
    expect(primary.status).toBe(403)
    expect(primary.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(primary.headers.get('x-ratelimit-reset')) - before).toBeGreaterThanOrEqual(60)
    expect(((await primary.json()) as { message: string }).message).toMatch(/^API rate limit exceeded/)
    const secondary = await get()
    expect(secondary.status).toBe(403)
    expect(secondary.headers.get('retry-after')).toBe('7')
    expect(((await secondary.json()) as { message: string }).message).toMatch(/secondary rate limit/)
    const bare = await get()
    expect(bare.status).toBe(403)
    expect(bare.headers.get('retry-after')).toBeNull()
    expect((await get()).status).toBe(200)
  })

  it('injects a share of server errors on chosen operations', async () => {
    let n = 0
    standin.faults.set({
      rate: 0.5,
      statuses: [502],
      operations: ['repos/get'],
      random: () => (n++ % 2 === 0 ? 0.1 : 0.9),
    })
    const before = standin.faults.injected
    const statuses: number[] = []
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await fetch(`${standin.url}/repos/octo/app`, { headers: { authorization: `token ${TOKEN}` } }))
          .status,
      )
    expect(statuses.filter((s) => s === 502).length).toBeGreaterThan(0)
    expect(standin.faults.injected - before).toBe(statuses.filter((s) => s === 502).length)
    const sha = 'a'.repeat(40)
    const untouched = await client().rest.repos.createCommitStatus({
      owner: 'octo',
      repo: 'app',
      sha,
      state: 'success',
    })
    expect(untouched.status).toBe(201)
  })
})
