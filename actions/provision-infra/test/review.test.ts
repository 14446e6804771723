import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { resolveNode } from '@canary-delivery/action-runner'
import { type GitHubStandin, startGitHubStandin } from '@canary-delivery/github-standin'
import { parseMarker } from '@canary-delivery/infra'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errors, provision, pullRequestEvent, resourcesOf, scratch, type Workspace } from './helpers'

// The review-to-apply path of one environment, as a pull request and its merge run it:
// plan on the pull request (one comment, updated in place), apply after the merge of exactly that plan.

const TOKEN = 'ghs_reviewFlowToken'
const HEAD = '1'.repeat(40)
const MERGE = '2'.repeat(40)
let tmp: ReturnType<typeof scratch>
let github: GitHubStandin
let ws: Workspace

beforeAll(async () => {
  tmp = scratch()
  ws = tmp.workspace('hosts')
  github = await startGitHubStandin({ repositories: ['acme/infra'], token: TOKEN })
})
afterAll(async () => {
  await github.stop()
  tmp.cleanup()
})

const repo = () => github.state.repository('acme', 'infra')!
const openPullRequest = (number: number, head: string) =>
  github.state.openPullRequest(repo(), { number, head: `change-${number}`, headSha: head })
function merge(number: number, mergeSha: string) {
  Object.assign(repo().pulls.find((p) => p.number === number)!, {
    state: 'closed',
    mergedAt: '2026-01-02T00:00:00Z',
    mergeCommitSha: mergeSha,
  })
}
const planComments = (number: number) => repo().comments.filter((c) => c.issueNumber === number)

const api = { apiUrl: '', token: TOKEN }
const onPullRequest = (number: number, head: string, inputs: Record<string, string> = {}) =>
  provision(
    tmp.env,
    ws,
    { 'working-directory': 'hosts', environment: 'sit', ...inputs },
    { github: { ...api, apiUrl: github.url, ...pullRequestEvent(number, head) }, node: resolveNode('24') },
  )
const afterMerge = (sha: string, inputs: Record<string, string> = {}) =>
  provision(
    tmp.env,
    ws,
    { 'working-directory': 'hosts', environment: 'sit', command: 'apply', ...inputs },
    { github: { ...api, apiUrl: github.url, eventName: 'push', ref: 'refs/heads/main', sha } },
  )

describe('plan in the pull request, apply of the reviewed plan after the merge', () => {
  let reviewed: string

  it('first plan: outputs, one comment with the fingerprint in its marker, nothing applied', async () => {
    openPullRequest(1, HEAD)
    const result = await onPullRequest(1, HEAD)
    expect(errors(result)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      result: 'planned',
      changes: 'true',
      'to-add': '4',
      'to-change': '0',
      'to-destroy': '0',
      outputs: '{}',
      hosts: '{}',
    })
    reviewed = result.outputs['plan-fingerprint']!
    expect(reviewed).toMatch(/^sha256:[0-9a-f]{64}$/)
    const [comment, ...more] = planComments(1)
    expect(more).toEqual([])
    expect(parseMarker(comment!.body)).toMatchObject({
      workingDirectory: 'hosts',
      environment: 'sit',
      fingerprint: reviewed,
      commit: HEAD,
    })
    expect(comment!.body).toContain(
      '### Terraform plan for `sit` in `hosts`: 4 to add, 0 to change, 0 to destroy',
    )
    expect(comment!.body).toContain('hostname = "sit.example.com"')
    expect(result.summary).toContain(reviewed)
    expect(resourcesOf(ws.state('sit'))).toBeUndefined()
    expect(github.violations).toEqual([])
  })

  it('plans again on a new push: the same fingerprint, the one comment updated in place', async () => {
    const before = planComments(1)[0]!
    const result = await onPullRequest(1, HEAD.replace(/1$/, '3'))
    expect(result.outputs['plan-fingerprint']).toBe(reviewed)
    expect(planComments(1)).toHaveLength(1)
    expect(planComments(1)[0]!.id).toBe(before.id)
    expect(parseMarker(planComments(1)[0]!.body)?.commit).toBe(HEAD.replace(/1$/, '3'))
    expect(github.requests.filter((r) => r.operationId === 'issues/create-comment')).toHaveLength(1)
    expect(github.requests.filter((r) => r.operationId === 'issues/update-comment')).toHaveLength(1)
  })

  it('after the merge, applies the plan whose fingerprint the comment holds, and hands on outputs and hosts', async () => {
    merge(1, MERGE)
    const result = await afterMerge(MERGE)
    expect(errors(result)).toEqual([])
    expect(result.outputs).toMatchObject({ result: 'applied', 'plan-fingerprint': reviewed })
    expect(JSON.parse(result.outputs.hosts!)).toEqual({
      sit: { address: '203.0.113.10', ip: '203.0.113.10', hostname: 'sit.example.com', user: 'ubuntu' },
      uat: { address: '203.0.113.11', ip: '203.0.113.11', hostname: 'uat.example.com', user: 'ubuntu' },
    })
    expect(JSON.parse(result.outputs.outputs!)).toMatchObject({ network: '10.20.0.0/16' })
    expect(result.summary).toContain('the plan comment of pull request #1')
    expect(resourcesOf(ws.state('sit'))).toEqual([
      'terraform_data.database',
      'terraform_data.host["sit"]',
      'terraform_data.host["uat"]',
      'terraform_data.network',
    ])
  })

  it('no change: plan says so; apply needs no review, changes nothing and still hands on the hosts', async () => {
    const state = readFileSync(ws.state('sit'), 'utf8')
    const plan = await onPullRequest(1, HEAD)
    expect(plan.outputs).toMatchObject({ result: 'no-changes', changes: 'false', 'to-add': '0' })
    // The pull request that had a plan comment gets it updated; one that never had one gets none.
    expect(planComments(1)[0]!.body).toContain('in `hosts`: no changes')
    openPullRequest(3, '8'.repeat(40))
    const quiet = await onPullRequest(3, '8'.repeat(40))
    expect(quiet.outputs.result).toBe('no-changes')
    expect(quiet.log).toContain('No changes: no plan comment')
    expect(planComments(3)).toEqual([])
    const apply = await afterMerge('9'.repeat(40))
    expect(errors(apply)).toEqual([])
    expect(apply.outputs.result).toBe('no-changes')
    expect(Object.keys(JSON.parse(apply.outputs.hosts!))).toEqual(['sit', 'uat'])
    expect(readFileSync(ws.state('sit'), 'utf8')).toBe(state)
  })

  it('a change of code between review and apply: plan-changed, nothing applied, the summary names what differs', async () => {
    openPullRequest(2, '4'.repeat(40))
    const plan = await onPullRequest(2, '4'.repeat(40), { variables: 'domain=example.org' })
    expect(plan.outputs.result).toBe('planned')
    merge(2, '5'.repeat(40))
    // What reaches main is not what was reviewed: the module changed after the plan.
    const main = join(ws.path, 'hosts/main.tf')
    writeFileSync(
      main,
      readFileSync(main, 'utf8').replace('cidr        = "10.20.0.0/16"', 'cidr        = "10.30.0.0/16"'),
    )
    const state = readFileSync(ws.state('sit'), 'utf8')
    const apply = await afterMerge('5'.repeat(40), { variables: 'domain=example.org' })
    expect(apply.exitCode).toBe(1)
    expect(apply.outputs.result).toBe('plan-changed')
    expect(apply.outputs['plan-fingerprint']).not.toBe(plan.outputs['plan-fingerprint'])
    expect(errors(apply)).toEqual([
      expect.stringMatching(
        /^Nothing applied: the plan of sit \(hosts\) is not the reviewed one \(reviewed sha256:/,
      ),
    ])
    expect(apply.summary).toContain('What differs from the reviewed plan')
    expect(apply.summary).toContain('| new since the review | `output.network`, `terraform_data.network` |')
    expect(apply.summary).toContain(
      '| planned differently | `terraform_data.host["sit"]`, `terraform_data.host["uat"]` |',
    )
    expect(readFileSync(ws.state('sit'), 'utf8')).toBe(state)

    // The same, with the fingerprint given as an input: nothing applied either.
    const given = await afterMerge('5'.repeat(40), {
      variables: 'domain=example.org',
      'plan-fingerprint': plan.outputs['plan-fingerprint']!,
    })
    expect(given.outputs.result).toBe('plan-changed')
    expect(readFileSync(ws.state('sit'), 'utf8')).toBe(state)
    writeFileSync(main, readFileSync(main, 'utf8').replace('10.30.0.0/16', '10.20.0.0/16'))
  })

  it('a plan that destroys or replaces is refused without allow-destroy, applied with it', async () => {
    const variables = 'domain=example.org\nhosts={ sit = { ip = "203.0.113.10", user = "ubuntu" } }'
    const plan = await onPullRequest(2, '4'.repeat(40), { variables })
    expect(plan.outputs).toMatchObject({ result: 'planned', 'to-destroy': '1', 'to-change': '1' })
    expect(planComments(2)[0]!.body).toContain('destroys `terraform_data.host["uat"]`')
    const fingerprint = plan.outputs['plan-fingerprint']!
    const state = readFileSync(ws.state('sit'), 'utf8')
    const refused = await afterMerge('6'.repeat(40), { variables, 'plan-fingerprint': fingerprint })
    expect(refused.exitCode).toBe(1)
    expect(refused.outputs.result).toBe('refused')
    expect(errors(refused)).toEqual([
      'Nothing applied: the plan of sit (hosts) destroys or replaces 1 resource(s); set allow-destroy: true to apply it',
    ])
    expect(readFileSync(ws.state('sit'), 'utf8')).toBe(state)
    const allowed = await afterMerge('6'.repeat(40), {
      variables,
      'plan-fingerprint': fingerprint,
      'allow-destroy': 'true',
    })
    expect(errors(allowed)).toEqual([])
    expect(allowed.outputs.result).toBe('applied')
    expect(Object.keys(JSON.parse(allowed.outputs.hosts!))).toEqual(['sit'])
  })

  it('with no reviewed plan to compare with, applies nothing and says why in one line', async () => {
    const variables = 'domain=example.net'
    const state = readFileSync(ws.state('sit'), 'utf8')
    const apply = await afterMerge('7'.repeat(40), { variables })
    expect(apply.exitCode).toBe(1)
    expect(errors(apply)).toEqual([
      "Nothing applied: there is no reviewed plan to compare with (commit 777777777777 came from no merged pull request); give 'plan-fingerprint' (the plan-fingerprint output of the reviewed plan), or merge through a pull request whose plan comment holds it",
    ])
    expect(readFileSync(ws.state('sit'), 'utf8')).toBe(state)
    expect(github.violations).toEqual([])
  })

  it('check reports drift with a non-zero exit, lists the drifted resources, and hands on the hosts the state has', async () => {
    const clean = await provision(tmp.env, ws, {
      'working-directory': 'hosts',
      environment: 'sit',
      command: 'check',
      variables: 'domain=example.org\nhosts={ sit = { ip = "203.0.113.10", user = "ubuntu" } }',
    })
    expect(errors(clean)).toEqual([])
    expect(clean.outputs.result).toBe('no-changes')
    const lastApplied = {
      sit: { address: '203.0.113.10', ip: '203.0.113.10', hostname: 'sit.example.org', user: 'ubuntu' },
    }
    expect(JSON.parse(clean.outputs.hosts!)).toEqual(lastApplied)
    // Someone changed the host outside Terraform.
    const state = JSON.parse(readFileSync(ws.state('sit'), 'utf8'))
    const host = state.resources.find((r: { name: string }) => r.name === 'host')
    host.instances[0].attributes.input.value.ip = '192.0.2.66'
    state.serial += 1
    writeFileSync(ws.state('sit'), JSON.stringify(state))
    const drift = await provision(tmp.env, ws, {
      'working-directory': 'hosts',
      environment: 'sit',
      command: 'check',
      variables: 'domain=example.org\nhosts={ sit = { ip = "203.0.113.10", user = "ubuntu" } }',
    })
    expect(drift.exitCode).toBe(1)
    expect(drift.outputs.result).toBe('drift')
    expect(errors(drift)).toEqual([
      expect.stringMatching(
        /^Drift in sit \(hosts\): the infrastructure differs from the code in \d+ place\(s\)/,
      ),
    ])
    expect(drift.summary).toContain('| `terraform_data.host["sit"]` | differs from the code | update |')
    // Where the add-ons' check connects: the hosts of the last apply, drift or not.
    expect(JSON.parse(drift.outputs.hosts!)).toEqual(lastApplied)
  })
})
