import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Obj } from '@canary-delivery/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { checkGitopsLayout } from '../../scripts/gitops-layout'

// The kind e2e (which only runs on GitHub) gets its cluster from bootstrap-addons and a throw-away
// branch of the reference layout. Here its step that makes the branch runs for real with bash and git,
// against a local bare repository standing for GitHub, and the branch is checked as Flux on the kind
// cluster would reconcile it.

const root = join(import.meta.dirname, '../..')
const e2e = parse(readFileSync(join(root, '.github/workflows/e2e-kind.yml'), 'utf8'))
const steps = e2e.jobs.e2e.steps as {
  name?: string
  id?: string
  uses?: string
  run?: string
  with?: Record<string, string>
}[]
const pushStep = steps.find((s) => s.name?.startsWith('Push the reference layout'))!
const BRANCH = 'e2e/gitops-77-1'

let dir: string
let work: string
let branch: string
let sha: string
let objects: Obj[]
let problems: string[]
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim()

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'e2e-kind-'))
  // The repository at the commit under test, as actions/checkout leaves it (the paths the step reads).
  work = join(dir, 'work')
  for (const path of [
    'workflows-examples/gitops',
    'workflows-examples/charts/app',
    'test/e2e-kind',
    'README.md',
  ])
    cpSync(join(root, path), join(work, path), { recursive: true })
  git(work, 'init', '-q', '-b', 'main')
  git(work, 'add', '-A')
  git(work, 'commit', '-qm', 'the commit under test')
  sha = git(work, 'rev-parse', 'HEAD')
  const origin = join(dir, 'origin.git')
  git(dir, 'init', '-q', '--bare', origin)
  git(work, 'remote', 'add', 'origin', origin)
  git(work, 'push', '-q', 'origin', 'main')
  git(work, 'checkout', '-q', '--detach', sha)

  execFileSync('bash', ['-e', '-c', pushStep.run!], {
    cwd: work,
    env: {
      ...process.env,
      GH_TOKEN: 'ghs_e2eTestToken',
      GITOPS_BRANCH: BRANCH,
      GITHUB_SHA: sha,
      GITHUB_REPOSITORY: 'acme/canary-delivery-actions',
      GITHUB_SERVER_URL: 'https://github.com',
    },
    stdio: 'pipe',
  })
  branch = join(dir, 'branch')
  mkdirSync(branch)
  git(dir, 'clone', '-q', '--branch', BRANCH, origin, branch)
  ;({ objects, problems } = checkGitopsLayout(branch, 'e2e'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)

describe('the kind e2e: its throw-away GitOps branch', () => {
  it('is what Flux on the kind cluster reconciles in full: valid objects, no dangling reference', () => {
    expect(problems).toEqual([])
  })

  it('syncs the branch bootstrap-addons is given, at the path it applies, with the credentials it stores', () => {
    const addons = steps.find((s) => s.uses === './actions/bootstrap-addons')!
    expect(addons.with).toMatchObject({
      environment: 'e2e',
      'gitops-repository': '${{ github.repository }}',
      'gitops-branch': '${{ env.GITOPS_BRANCH }}',
    })
    // As bootstrap-addons writes them, so that Flux and the action do not undo each other.
    for (const source of ['gitops', 'app-chart'])
      expect(find('GitRepository', source)?.spec).toMatchObject({
        url: 'https://github.com/acme/canary-delivery-actions',
        ref: { branch: BRANCH },
        secretRef: { name: 'gitops-auth' },
      })
    expect(find('Kustomization', 'cluster')?.spec.path).toBe('./clusters/e2e')
  })

  it("installs the layout's pinned add-ons, the gateway as a NodePort (kind has no load balancer), and podinfo alone", () => {
    const releases = objects
      .filter((o) => o.kind === 'HelmRelease')
      .map(
        (o) =>
          `${o.metadata.namespace}/${o.metadata.name} ${o.spec.chart.spec.chart}@${o.spec.chart.spec.version ?? 'Git'}`,
      )
      .sort()
    expect(releases).toEqual([
      'apisix/apisix apisix@2.10.0',
      'flagger-system/flagger flagger@1.44.0',
      'flagger-system/flagger-loadtester loadtester@0.38.0',
      'test/podinfo ./workflows-examples/charts/app@Git',
    ])
    expect(find('HelmRelease', 'apisix')?.spec.values.service.type).toBe('NodePort')
    expect(find('HelmRelease', 'flagger')?.spec.values).toMatchObject({
      meshProvider: 'apisix',
      prometheus: { install: true },
    })
    expect(find('HelmRelease', 'podinfo')?.spec.values.image).toEqual({
      repository: 'ghcr.io/stefanprodan/podinfo',
      tag: '6.7.0',
    })
  })

  it('holds the release file the e2e delivery file names, and leaves the checkout as it found it', () => {
    expect(readFileSync(join(branch, 'apps/podinfo/sit/release.yaml'), 'utf8')).toContain('tag: "6.7.0"')
    expect(git(branch, 'ls-files', 'workflows-examples')).toMatch(/^workflows-examples\/charts\/app\//)
    expect(git(work, 'rev-parse', 'HEAD')).toBe(sha)
    expect(git(work, 'status', '--porcelain')).toBe('')
  })
})
