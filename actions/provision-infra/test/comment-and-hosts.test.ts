import { type GitHubStandin, startGitHubStandin } from '@canary-delivery/github-standin'
import { COMMENT_LIMIT, parseMarker } from '@canary-delivery/infra'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errors, provision, pullRequestEvent, scratch } from './helpers'

const TOKEN = 'ghs_commentTestToken'
let tmp: ReturnType<typeof scratch>
let github: GitHubStandin

beforeAll(async () => {
  tmp = scratch('provision-comment-')
  github = await startGitHubStandin({ repositories: ['acme/infra'], token: TOKEN })
  for (const number of [11, 12])
    github.state.openPullRequest(github.state.repository('acme', 'infra')!, {
      number,
      head: `pr-${number}`,
      headSha: String(number % 10).repeat(40),
    })
})
afterAll(async () => {
  await github.stop()
  tmp.cleanup()
})

const comments = (number: number) =>
  github.state.repository('acme', 'infra')!.comments.filter((c) => c.issueNumber === number)
const onPullRequest = (number: number, inputs: Record<string, string>, ws = tmp.workspace('big', 'hosts')) =>
  provision(tmp.env, ws, inputs, {
    github: { apiUrl: github.url, token: TOKEN, ...pullRequestEvent(number, String(number % 10).repeat(40)) },
  })

describe('the plan comment against the GitHub stand-in', () => {
  it('cuts a plan longer than GitHub allows, points at the job summary, and the summary holds all of it', async () => {
    const result = await onPullRequest(11, { 'working-directory': 'big', environment: 'prod' })
    expect(errors(result)).toEqual([])
    expect(result.outputs).toMatchObject({ result: 'planned', 'to-add': '400' })
    const [comment, ...more] = comments(11)
    expect(more).toEqual([])
    // GitHub (the stand-in) took it: it is within the limit, and most of the room is used.
    expect(github.violations).toEqual([])
    expect(github.requests.filter((r) => r.status === 422)).toEqual([])
    expect([...comment!.body].length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(comment!.body.length).toBeGreaterThan(COMMENT_LIMIT - 1_000)
    expect(comment!.body).toMatch(
      /The plan is cut here: \d+ of \d+ lines shown\.\*\* The whole plan is in the job summary of \[the run\]\(https:\/\/github\.com\/acme\/infra\/actions\/runs\/77\)\./,
    )
    expect(parseMarker(comment!.body)?.fingerprint).toBe(result.outputs['plan-fingerprint'])
    expect(comment!.body).toContain('# terraform_data.rule[10] will be created')
    expect(comment!.body).not.toContain('# terraform_data.rule[399] will be created')
    expect(result.summary).toContain('terraform_data.rule[399]')
    expect(result.log).toContain('(the plan is cut to fit)')
  })

  it('two plans of one environment at once leave one comment; another environment gets its own', async () => {
    // Two jobs (a re-run beside the first run, say) run on two runners: two workspaces. In one
    // workspace the two `terraform init` would race on the same .terraform folder.
    const ws = tmp.workspace('hosts')
    const [a, b] = await Promise.all([
      onPullRequest(12, { 'working-directory': 'hosts', environment: 'sit' }, ws),
      onPullRequest(
        12,
        { 'working-directory': 'hosts', environment: 'sit', variables: 'domain=example.org' },
        tmp.workspace('hosts'),
      ),
    ])
    expect(errors(a)).toEqual([])
    expect(errors(b)).toEqual([])
    expect(comments(12)).toHaveLength(1)
    const fingerprint = parseMarker(comments(12)[0]!.body)?.fingerprint
    expect([a.outputs['plan-fingerprint'], b.outputs['plan-fingerprint']]).toContain(fingerprint)

    const prod = await onPullRequest(
      12,
      {
        'working-directory': 'hosts',
        environment: 'prod',
        variables: 'environment=prod\nhosts={ prod = { ip = "203.0.113.20", user = "admin" } }',
      },
      ws,
    )
    expect(errors(prod)).toEqual([])
    expect(
      comments(12)
        .map((c) => parseMarker(c.body)?.environment)
        .sort(),
    ).toEqual(['prod', 'sit'])
    expect(github.violations).toEqual([])
  })

  it('comment: false keeps the plan off the pull request', async () => {
    const before = github.requests.length
    const result = await onPullRequest(11, {
      'working-directory': 'hosts',
      environment: 'sit',
      comment: 'false',
    })
    expect(result.outputs.result).toBe('planned')
    expect(github.requests.length).toBe(before)
  })

  it('a token that may not comment: one line saying what it needs', async () => {
    const result = await provision(
      tmp.env,
      tmp.workspace('hosts'),
      { 'working-directory': 'hosts', environment: 'sit' },
      {
        github: {
          apiUrl: github.url,
          token: 'ghs_readOnlyForkToken',
          ...pullRequestEvent(12, '2'.repeat(40)),
        },
      },
    )
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual([
      'Could not post the plan comment on pull request #12 (HTTP 401): the token needs pull-requests: write on acme/infra; a pull request from a fork gets a read-only token (comment: false there)',
    ])
    // The stand-in recorded the refused token, as it should.
    expect(github.violations.map((v) => v.message)).toEqual(['wrong token'])
    github.violations.length = 0
  })
})

describe('the hosts handed to the next job', () => {
  it("reads the seed's layout: one output per environment holding its address", async () => {
    const ws = tmp.workspace('seed-layout')
    const inputs = { 'working-directory': 'seed-layout', environment: 'devops' }
    const plan = await provision(tmp.env, ws, inputs)
    const apply = await provision(tmp.env, ws, {
      ...inputs,
      command: 'apply',
      'plan-fingerprint': plan.outputs['plan-fingerprint']!,
    })
    expect(errors(apply)).toEqual([])
    expect(JSON.parse(apply.outputs.hosts!)).toEqual({
      devops: { address: '198.51.100.1', ip: '198.51.100.1' },
      monitor: { address: '198.51.100.2', ip: '198.51.100.2' },
      sit: { address: '198.51.100.3', ip: '198.51.100.3' },
      uat: { address: '198.51.100.4', ip: '198.51.100.4' },
      prod: { address: '198.51.100.5', ip: '198.51.100.5' },
    })
    expect(JSON.parse(apply.outputs.outputs!)).toMatchObject({ nat_ip: '198.51.100.99', sit: '198.51.100.3' })
    expect(apply.summary).toContain('### Hosts (from outputs named after environments)')
  })
})
