import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index'
import type { Obj } from '../src/util'
import { waitFor } from './helpers'

const KS = 'kustomize.toolkit.fluxcd.io/v1'

// kustomize-controller's ordering and health: dependsOn, wait, and spec.patches on a local repository.
describe('Kustomization dependsOn, wait and patches', () => {
  let repo: string
  let sandbox: Sandbox
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args])
  const rt = (apiVersion: string, kind: string) => sandbox.store.registry.byKind(apiVersion, kind)!
  const ks = (name: string) => sandbox.store.get(rt(KS, 'Kustomization'), 'flux-system', name)
  const condition = (o: Obj | undefined, type: string) =>
    o?.status?.conditions?.find((c: Obj) => c.type === type)
  const until = (name: string, type: string, status: string, reason: string) =>
    waitFor(`${name} ${type}=${status} (${reason})`, () => {
      const c = condition(ks(name), type)
      return c?.status === status && c.reason === reason && c
    })
  const deployment = (image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: demo\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - { name: web, image: "${image}" }\n`

  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'ks-order-'))
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', repo])
    for (const dir of ['infra', 'apps']) mkdirSync(join(repo, dir))
    writeFileSync(
      join(repo, 'infra', 'namespace.yaml'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n',
    )
    writeFileSync(join(repo, 'infra', 'web.yaml'), deployment('example.com/stuck:1'))
    writeFileSync(
      join(repo, 'apps', 'settings.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: demo\ndata:\n  colour: blue\n',
    )
    git('add', '.')
    git('commit', '--quiet', '-m', 'first')
    sandbox = await startSandbox({
      timeScale: 0.01,
      gitops: { dir: repo, path: 'nothing-here' },
      scenario: { images: { 'example.com/stuck:*': { ready: false } } },
    })
    const create = (name: string, spec: Obj) =>
      sandbox.store.create(rt(KS, 'Kustomization'), {
        metadata: { name, namespace: 'flux-system' },
        spec: {
          interval: '10m',
          prune: true,
          sourceRef: { kind: 'GitRepository', name: 'flux-system' },
          ...spec,
        },
      })
    create('infra', { path: './infra', wait: true, timeout: '30s' })
    create('apps', {
      path: './apps',
      dependsOn: [{ name: 'infra' }],
      patches: [
        {
          target: { kind: 'ConfigMap', name: 'settings' },
          patch: '- { op: replace, path: /data/colour, value: green }',
        },
      ],
    })
  })
  afterAll(async () => {
    await sandbox?.stop()
    rmSync(repo, { recursive: true, force: true })
  })

  it('fails the health check of what never becomes ready, and holds back what depends on it', async () => {
    const failed = await until('infra', 'Ready', 'False', 'HealthCheckFailed')
    expect(failed.message).toBe("timeout waiting for: [Deployment/demo/web status: 'InProgress']")
    expect(condition(ks('infra'), 'Healthy')).toMatchObject({ status: 'False', reason: 'HealthCheckFailed' })
    expect(condition(ks('apps'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'DependencyNotReady',
      message: "dependency 'flux-system/infra' is not ready",
    })
    expect(sandbox.store.get(rt('v1', 'ConfigMap'), 'demo', 'settings')).toBeUndefined()
  })

  it('turns Ready once healthy, and then applies the dependent with its patches', async () => {
    writeFileSync(join(repo, 'infra', 'web.yaml'), deployment('example.com/web:1'))
    git('commit', '--quiet', '-am', 'a web that starts')
    const source = sandbox.store.get(
      rt('source.toolkit.fluxcd.io/v1', 'GitRepository'),
      'flux-system',
      'flux-system',
    )!
    source.metadata.annotations = { 'reconcile.fluxcd.io/requestedAt': 'now' }
    sandbox.store.update(rt('source.toolkit.fluxcd.io/v1', 'GitRepository'), source)
    await until('infra', 'Ready', 'True', 'ReconciliationSucceeded')
    expect(condition(ks('infra'), 'Healthy')?.message).toMatch(/^Health check passed in /)
    await until('apps', 'Ready', 'True', 'ReconciliationSucceeded')
    expect(sandbox.store.get(rt('v1', 'ConfigMap'), 'demo', 'settings')!.data).toEqual({ colour: 'green' })
  })
})
