import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '@canary-delivery/tools'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChartRepository, type Sandbox, serveCharts, startSandbox } from '../src/index'
import { type Kubectl, kubectlFor, waitFor } from './helpers'

const release = (tag: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: demo
spec:
  interval: 5m
  chart:
    spec:
      chart: app
      version: 0.2.x
      sourceRef:
        kind: HelmRepository
        name: charts
  values:
    replicaCount: 2
    image:
      repository: ghcr.io/stefanprodan/podinfo
      tag: ${tag}
    containerPort: 9898
    service:
      port: 9898
    ingress:
      hosts: [podinfo.demo.example.com]
    canary:
      enabled: true
      analysis: { interval: 10s, threshold: 3, maxWeight: 30, stepWeight: 10 }
`

describe('Flux: GitRepository → Kustomization → HelmRelease → Flagger', () => {
  let repo: string
  let sandbox: Sandbox
  let kubectl: Kubectl
  let charts: ChartRepository
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim()
  const get = async (what: string, ns = 'demo') =>
    JSON.parse(await kubectl('-n', ns, 'get', what, '-o', 'json'))

  beforeAll(async () => {
    charts = await serveCharts([join(repoRoot, 'workflows-examples/charts/app')])
    repo = mkdtempSync(join(tmpdir(), 'gitops-'))
    mkdirSync(join(repo, 'apps', 'demo'), { recursive: true })
    writeFileSync(
      join(repo, 'apps', 'demo', 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - namespace.yaml\n  - repository.yaml\n  - release.yaml\n',
    )
    writeFileSync(
      join(repo, 'apps', 'demo', 'namespace.yaml'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n',
    )
    writeFileSync(
      join(repo, 'apps', 'demo', 'repository.yaml'),
      `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: charts\n  namespace: demo\nspec:\n  interval: 1h\n  url: ${charts.url}\n`,
    )
    writeFileSync(join(repo, 'apps', 'demo', 'release.yaml'), release('6.5.0'))
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', repo])
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.')
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'podinfo 6.5.0')
    sandbox = await startSandbox({ timeScale: 0.01, gitops: { dir: repo, path: 'apps/demo' } })
    kubectl = kubectlFor(sandbox)
  })
  afterAll(async () => {
    kubectl?.cleanup()
    await sandbox?.stop()
    await charts?.stop()
    if (repo) rmSync(repo, { recursive: true, force: true })
  })

  it('fetches the repository, applies the path and installs the release with its canary', async () => {
    const sha = git('rev-parse', 'HEAD')
    await kubectl(
      '-n',
      'flux-system',
      'wait',
      'kustomization/flux-system',
      '--for=condition=Ready',
      '--timeout=60s',
    )
    const source = await get('gitrepository/flux-system', 'flux-system')
    expect(source.status.artifact.revision).toBe(`main@sha1:${sha}`)
    expect(source.status.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({
      status: 'True',
      reason: 'Succeeded',
      message: `stored artifact for revision 'main@sha1:${sha}'`,
    })
    const ks = await get('kustomization/flux-system', 'flux-system')
    expect(ks.status).toMatchObject({
      lastAppliedRevision: `main@sha1:${sha}`,
      lastAttemptedRevision: `main@sha1:${sha}`,
    })
    expect(ks.status.inventory.entries.map((e: { id: string }) => e.id)).toContain(
      'demo_podinfo_helm.toolkit.fluxcd.io_HelmRelease',
    )

    await kubectl('-n', 'demo', 'wait', 'helmrelease/podinfo', '--for=condition=Ready', '--timeout=60s')
    const hr = await get('helmrelease/podinfo')
    expect(hr.status).toMatchObject({
      lastAttemptedRevision: '0.2.0',
      lastAttemptedReleaseAction: 'install',
      observedGeneration: 1,
    })
    expect(hr.status.history[0]).toMatchObject({
      name: 'podinfo',
      namespace: 'demo',
      version: 1,
      status: 'deployed',
      chartName: 'app',
      chartVersion: '0.2.0',
    })
    expect(hr.status.conditions.find((c: { type: string }) => c.type === 'Released').message).toBe(
      'Helm install succeeded for release demo/podinfo.v1 with chart app@0.2.0',
    )

    await kubectl(
      '-n',
      'demo',
      'wait',
      'canary/podinfo',
      '--for=jsonpath={.status.phase}=Initialized',
      '--timeout=60s',
    )
    const primary = await get('deployment/podinfo-primary')
    expect(primary.spec.template.spec.containers[0].image).toBe('ghcr.io/stefanprodan/podinfo:6.5.0')
  })

  it('rolls a new tag from git through the release into a canary run', async () => {
    writeFileSync(join(repo, 'apps', 'demo', 'release.yaml'), release('6.5.1'))
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-am', 'podinfo 6.5.1')
    const sha = git('rev-parse', 'HEAD')
    // What `flux reconcile source git` does; the 1m interval (600 ms here) would get there too.
    await kubectl(
      '-n',
      'flux-system',
      'annotate',
      '--overwrite',
      'gitrepository/flux-system',
      `reconcile.fluxcd.io/requestedAt=${Date.now()}`,
    )
    await waitFor(
      'the new revision applied',
      async () =>
        (await get('kustomization/flux-system', 'flux-system')).status.lastAppliedRevision ===
        `main@sha1:${sha}`,
    )
    const hr = await waitFor('the upgrade', async () => {
      const h = await get('helmrelease/podinfo')
      return (
        h.status.history?.length === 2 &&
        h.status.conditions.some(
          (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
        ) &&
        h
      )
    })
    expect(hr.metadata.generation).toBe(2)
    expect(hr.status.lastAttemptedReleaseAction).toBe('upgrade')
    expect(
      hr.status.history.map((h: { version: number; status: string }) => `${h.version} ${h.status}`),
    ).toEqual(['2 deployed', '1 superseded'])
    await kubectl(
      '-n',
      'demo',
      'wait',
      'canary/podinfo',
      '--for=jsonpath={.status.phase}=Succeeded',
      '--timeout=60s',
    )
    const primary = await get('deployment/podinfo-primary')
    expect(primary.spec.template.spec.containers[0].image).toBe('ghcr.io/stefanprodan/podinfo:6.5.1')
    const events = (await get('events')).items.map((e: { message: string }) => e.message)
    expect(events).toContain('Advance podinfo.demo canary weight 30')
    expect(events).toContain('Helm upgrade succeeded for release demo/podinfo.v2 with chart app@0.2.0')
  })

  it('reports a bad path and an invalid release the way Flux does', async () => {
    sandbox.store.create(sandbox.store.registry.byKind('kustomize.toolkit.fluxcd.io/v1', 'Kustomization')!, {
      metadata: { name: 'missing', namespace: 'flux-system' },
      spec: {
        interval: '10m',
        path: './nowhere',
        prune: false,
        sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      },
    })
    const ks = await waitFor('a failed build', async () => {
      const k = await get('kustomization/missing', 'flux-system')
      return k.status?.conditions?.[0]?.status === 'False' && k
    })
    expect(ks.status.conditions[0]).toMatchObject({
      type: 'Ready',
      reason: 'BuildFailed',
      observedGeneration: 1,
    })
    expect(ks.status.conditions[0].message).toContain('kustomization path not found')

    // iterations together with stepWeight: the Canary CRD's oneOf rejects it, so the upgrade fails.
    await kubectl(
      '-n',
      'demo',
      'patch',
      'helmrelease/podinfo',
      '--type',
      'merge',
      '-p',
      JSON.stringify({
        spec: {
          values: { canary: { analysis: { interval: '10s', threshold: 2, iterations: 3, stepWeight: 10 } } },
        },
      }),
    )
    const hr = await waitFor('a failed upgrade', async () => {
      const h = await get('helmrelease/podinfo')
      return (
        h.status.conditions.find(
          (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'False',
        ) && h
      )
    })
    const ready = hr.status.conditions.find((c: { type: string }) => c.type === 'Ready')
    expect(ready).toMatchObject({ reason: 'UpgradeFailed', observedGeneration: 3 })
    expect(ready.message).toContain('Helm upgrade failed for release demo/podinfo with chart app@0.2.0')
    expect(ready.message).toContain('spec.analysis: Invalid value')
    // Helm stored the failed version; with no retries configured Flux stops there until something changes.
    expect(
      hr.status.history.map((h: { version: number; status: string }) => `${h.version} ${h.status}`),
    ).toEqual(['3 failed', '2 deployed', '1 superseded'])
    expect(hr.status.conditions.find((c: { type: string }) => c.type === 'Stalled')).toMatchObject({
      status: 'True',
      reason: 'RetriesExceeded',
      message: 'Failed to upgrade after 1 attempt(s)',
    })
  })
})
