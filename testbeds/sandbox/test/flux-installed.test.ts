import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useBareCluster } from './bare-cluster'
import { sharedChart, waitFor } from './helpers'

// Flux in a bare sandbox comes from the real flux2 chart, installed with the real helm: each
// controller's model runs while its Deployment does, on the CRDs the chart installed.
describe('Flux from the flux2 chart in a bare sandbox', () => {
  let repo: string
  const flux2 = (...values: string[]) => [
    sharedChart('flux2-2.18.3.tgz'),
    '-n',
    'flux-system',
    '--wait',
    '--timeout',
    '120s',
    ...values.flatMap((v) => ['--set', v]),
  ]
  const get = async (what: string) =>
    JSON.parse(await cluster.kubectl('-n', 'flux-system', 'get', what, '-o', 'json'))
  const condition = (o: { status?: { conditions?: { type: string }[] } }, type: string) =>
    o.status?.conditions?.find((c) => c.type === type)

  const cluster = useBareCluster(0.01, {
    before() {
      repo = mkdtempSync(join(tmpdir(), 'flux-installed-'))
      writeFileSync(
        join(repo, 'settings.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: flux-system\ndata:\n  greeting: hello\n',
      )
      const git = (...args: string[]) =>
        execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args])
      execFileSync('git', ['init', '--quiet', '--initial-branch=main', repo])
      git('add', '.')
      git('commit', '--quiet', '-m', 'settings')
    },
    after: () => rmSync(repo, { recursive: true, force: true }),
  })

  it('has no Flux kinds before the chart is installed', async () => {
    const r = await cluster.kubectl.result('get', 'gitrepositories', '-A')
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain(`the server doesn't have a resource type "gitrepositories"`)
  })

  it('reconciles sources only while source-controller has available pods, on the CRDs the chart installed', async () => {
    await cluster.helm('install', 'flux', ...flux2(), '--create-namespace')
    for (const controller of ['source-controller', 'kustomize-controller', 'helm-controller'])
      expect(cluster.lines).toContain(`${controller}: running as Deployment flux-system/${controller}`)
    await cluster.kubectl('-n', 'flux-system', 'scale', 'deployment/source-controller', '--replicas=0')
    await waitFor('source-controller stopped', () =>
      cluster.lines.includes(
        'source-controller: stopped, Deployment flux-system/source-controller has no available pods',
      ),
    )
    const sync = (kind: string, spec: string) =>
      `apiVersion: ${kind === 'GitRepository' ? 'source.toolkit.fluxcd.io/v1' : 'kustomize.toolkit.fluxcd.io/v1'}\nkind: ${kind}\nmetadata:\n  name: settings\n  namespace: flux-system\nspec:\n${spec}`
    const manifest = `${repo}-sync.yaml`
    writeFileSync(
      manifest,
      `${sync('GitRepository', `  interval: 1m\n  url: file://${repo}\n  ref:\n    branch: main\n`)}---\n${sync('Kustomization', '  interval: 10m\n  path: ./\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: settings\n')}`,
    )
    try {
      await cluster.kubectl('apply', '-f', manifest)
    } finally {
      rmSync(manifest, { force: true })
    }
    // kustomize-controller runs and finds no artifact; the GitRepository has no status at all.
    await waitFor('kustomize-controller waiting for the source', async () => {
      const ks = await get('kustomization/settings')
      return (condition(ks, 'Ready') as { reason?: string } | undefined)?.reason === 'ArtifactFailed'
    })
    expect((await get('gitrepository/settings')).status ?? {}).toEqual({})

    await cluster.kubectl('-n', 'flux-system', 'scale', 'deployment/source-controller', '--replicas=1')
    await cluster.kubectl(
      '-n',
      'flux-system',
      'wait',
      'kustomization/settings',
      '--for=condition=Ready',
      '--timeout=60s',
    )
    const source = await get('gitrepository/settings')
    expect(condition(source, 'Ready')).toMatchObject({ status: 'True', reason: 'Succeeded' })
    expect(
      JSON.parse(await cluster.kubectl('-n', 'flux-system', 'get', 'configmap/settings', '-o', 'json')).data,
    ).toEqual({
      greeting: 'hello',
    })
  })
})
