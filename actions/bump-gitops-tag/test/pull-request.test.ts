import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { resolveNode } from '@canary-delivery/action-runner'
import { type GitHubStandin, startGitHubStandin } from '@canary-delivery/github-standin'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bump, errors, git, head, makeRemote, scratch, show } from './helpers'

const TOKEN = 'ghs_pullRequestModeToken'
const release = (tag: string) =>
  [
    'kind: HelmRelease',
    'metadata:',
    '  name: podinfo',
    'spec:',
    '  values:',
    '    image:',
    '      repository: ghcr.io/acme/podinfo',
    `      tag: ${tag} # the app`,
    '',
  ].join('\n')

let tmp: ReturnType<typeof scratch>
let standin: GitHubStandin
let bare: string
let serverUrl: string

beforeAll(async () => {
  tmp = scratch()
  // GITHUB_SERVER_URL points at a folder, so `owner/name` resolves the way it does on GitHub: <server>/owner/name.git.
  serverUrl = pathToFileURL(join(tmp.dir, 'server')).href
  bare = join(tmp.dir, 'server/octo/gitops.git')
  makeRemote(bare, { 'apps/podinfo/sit.yaml': release('1.0.0') })
  standin = await startGitHubStandin({
    repositories: [{ fullName: 'octo/gitops', gitDir: bare }],
    token: TOKEN,
    serverUrl: 'https://github.example',
  })
})
afterAll(async () => {
  await standin.stop()
  tmp.cleanup()
})

// Both environments' pull requests edit the same file here, each on its own branch.
const run = (tag: string, environment = 'sit') =>
  bump(
    {
      repository: 'octo/gitops',
      file: 'apps/{app}/sit.yaml',
      app: 'podinfo',
      environment,
      tag,
      mode: 'pull-request',
    },
    // Node 24, as GitHub runs it: octokit's HTTP client is undici there.
    { github: { serverUrl, apiUrl: standin.url, token: TOKEN }, node: resolveNode('24') },
  )

describe('pull-request mode against the GitHub stand-in', () => {
  it('opens a pull request from bump/<app>/<environment>, then updates it in place', async () => {
    const main = head(bare)
    const first = await run('1.1.0')
    expect(errors(first)).toEqual([])
    expect(first.outputs).toMatchObject({
      changed: 'true',
      'pull-request-number': '1',
      'pull-request-url': 'https://github.example/octo/gitops/pull/1',
    })
    expect(show(bare, 'apps/podinfo/sit.yaml', 'bump/podinfo/sit')).toBe(release('1.1.0'))
    expect(head(bare)).toBe(main)

    // The second run meets a flaky API once (503 with Retry-After) and still succeeds.
    standin.faults.failNext(1, 503, 0)
    const second = await run('1.2.0')
    expect(errors(second)).toEqual([])
    expect(second.outputs).toMatchObject({ changed: 'true', 'pull-request-number': '1' })
    expect(second.summary).toContain('updated')
    expect(show(bare, 'apps/podinfo/sit.yaml', 'bump/podinfo/sit')).toBe(release('1.2.0'))
    // The branch moved forward (no force): both commits are on it, on top of main.
    expect(git(bare, 'log', '--format=%s', 'bump/podinfo/sit').trim().split('\n')).toEqual([
      'podinfo sit: 1.1.0 → 1.2.0',
      'podinfo sit: 1.0.0 → 1.1.0',
      'seed',
    ])
    expect(head(bare)).toBe(main)

    const pulls = standin.state.repository('octo', 'gitops')!.pulls
    expect(pulls).toHaveLength(1)
    expect(pulls[0]).toMatchObject({
      title: 'podinfo sit: 1.2.0',
      state: 'open',
      head: { ref: 'bump/podinfo/sit' },
      base: { ref: 'main' },
    })
    expect(pulls[0]!.body).toContain('`1.2.0` (was `1.1.0`)')
    const lists = standin.requests.filter((r) => r.operationId === 'pulls/list')
    // Three lists: one per run, plus the one the stand-in failed on purpose and the action retried.
    expect(lists.filter((r) => r.fault)).toHaveLength(1)
    expect(lists.filter((r) => !r.fault).map((r) => r.params.head)).toEqual([
      'octo:bump/podinfo/sit',
      'octo:bump/podinfo/sit',
    ])
    expect(standin.requests.every((r) => r.auth === 'token')).toBe(true)
    expect(standin.faults.injected).toBe(1)
    expect(standin.violations).toEqual([])
  })

  it('an existing pull request already at the tag is success with changed=false', async () => {
    const again = await run('1.2.0')
    expect(errors(again)).toEqual([])
    expect(again.outputs).toMatchObject({ changed: 'false', 'pull-request-number': '1' })
    expect(standin.violations).toEqual([])
  })

  it('two runs at once for one app and environment end with one pull request holding both commits', async () => {
    const [a, b] = await Promise.all([run('3.0.0', 'uat'), run('3.0.1', 'uat')])
    expect(errors(a)).toEqual([])
    expect(errors(b)).toEqual([])
    expect(a.outputs['pull-request-number']).toBe(b.outputs['pull-request-number'])
    const pulls = standin.state
      .repository('octo', 'gitops')!
      .pulls.filter((pr) => pr.head.ref === 'bump/podinfo/uat')
    expect(pulls).toHaveLength(1)
    const log = git(bare, 'log', '--format=%s', 'bump/podinfo/uat').trim().split('\n')
    expect(log.slice(0, 2).sort()).toEqual(
      log[0]!.endsWith('3.0.1')
        ? ['podinfo uat: 1.0.0 → 3.0.0', 'podinfo uat: 3.0.0 → 3.0.1']
        : ['podinfo uat: 1.0.0 → 3.0.1', 'podinfo uat: 3.0.1 → 3.0.0'],
    )
    expect(standin.violations).toEqual([])
  })
})
