import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bump, errors, git, makeRemote, scratch, show, subjects } from './helpers'

const RUNS = 12
const release = (app: string, tag: string) =>
  [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    `  name: ${app}`,
    'spec:',
    '  values:',
    '    image:',
    `      repository: ghcr.io/acme/${app}`,
    `      tag: "${tag}"`,
    '',
  ].join('\n')

let tmp: ReturnType<typeof scratch>
beforeAll(() => {
  tmp = scratch()
})
afterAll(() => tmp.cleanup())

// A dozen pipelines writing to one GitOps repository at the same moment: every update must land.
describe(`${RUNS} runs of the bundle at once against one bare repository`, () => {
  it(`for ${RUNS} different apps: every file carries its new tag and history holds ${RUNS} commits`, async () => {
    const bare = join(tmp.dir, 'apps.git')
    const apps = Array.from({ length: RUNS }, (_, i) => `app${String(i).padStart(2, '0')}`)
    makeRemote(
      bare,
      Object.fromEntries(apps.map((app) => [`apps/${app}/release.yaml`, release(app, '1.0.0')])),
    )
    const results = await Promise.all(
      apps.map((app) =>
        bump({
          repository: bare,
          file: 'apps/{app}/release.yaml',
          app,
          environment: 'prod',
          tag: `2.0.0-${app}`,
          'max-attempts': '40',
        }),
      ),
    )
    for (const result of results) {
      expect(errors(result)).toEqual([])
      expect(result.outputs.changed).toBe('true')
    }
    for (const app of apps) expect(show(bare, `apps/${app}/release.yaml`)).toBe(release(app, `2.0.0-${app}`))
    const log = subjects(bare)
    expect(log).toHaveLength(RUNS + 1)
    for (const app of apps) expect(log).toContain(`${app} prod: 1.0.0 → 2.0.0-${app}`)
    // Fast-forward only: one straight line of history, no merges.
    expect(git(bare, 'rev-list', '--merges', 'main').trim()).toBe('')
  }, 240_000)

  it('for one app: each run’s tag is in the history, the file ends at one of them', async () => {
    const bare = join(tmp.dir, 'one.git')
    makeRemote(bare, { 'apps/podinfo/release.yaml': release('podinfo', '1.0.0') })
    const tags = Array.from({ length: RUNS }, (_, i) => `1.0.${i + 1}`)
    const results = await Promise.all(
      tags.map((tag) =>
        bump({
          repository: bare,
          file: 'apps/podinfo/release.yaml',
          app: 'podinfo',
          environment: 'prod',
          tag,
          'max-attempts': '40',
        }),
      ),
    )
    for (const result of results) expect(errors(result)).toEqual([])
    const log = subjects(bare)
    expect(log).toHaveLength(RUNS + 1)
    for (const tag of tags) expect(log.some((subject) => subject.endsWith(`→ ${tag}`))).toBe(true)
    // Each commit starts from the tag its predecessor wrote: no update was computed on a stale file.
    const chain = log
      .slice(0, -1)
      .reverse()
      .map((s) => /: (\S+) → (\S+)$/.exec(s)!.slice(1, 3))
    chain.forEach(([from], i) => {
      expect(from).toBe(i === 0 ? '1.0.0' : chain[i - 1]![1])
    })
    expect(show(bare, 'apps/podinfo/release.yaml')).toBe(release('podinfo', chain[chain.length - 1]![1]!))
    const retried = results.filter((r) => r.summary.includes('attempts'))
    expect(retried.length).toBeGreaterThan(0)
  }, 240_000)
})
