import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sandbox } from '../src/index'
import { fixture, type Helm, helmFor, type Kubectl, repoRoot, startWithTools } from './helpers'

const appChart = `${repoRoot}/workflows-examples/charts/app`
const hookedChart = fixture('charts/hooked')
const image = 'registry.example.com/team/app'
const app = (tag: string, ...more: string[]) => [
  appChart,
  '--set',
  `image.repository=${image}`,
  '--set',
  `image.tag=${tag}`,
  '--set',
  'ingress.enabled=false',
  ...more,
]

// The real helm 4 through its whole lifecycle against a bare sandbox, as against a fresh k3s cluster.
describe('helm lifecycle against the sandbox', () => {
  let sandbox: Sandbox
  let helm: Helm
  let kubectl: Kubectl
  let stop: () => Promise<void>

  beforeAll(async () => {
    ;({ sandbox, helm, kubectl, stop } = await startWithTools({
      timeScale: 0.01,
      bare: true,
      scenario: {
        images: { [`${image}:broken`]: { ready: false }, 'busybox:failing': { exitCode: 1 } },
      },
    }))
  })
  afterAll(() => stop?.())

  const image0 = (ns: string, name: string) =>
    kubectl('-n', ns, 'get', 'deployment', name, '-o', 'jsonpath={.spec.template.spec.containers[0].image}')
  const history = async (ns: string, name: string) =>
    (
      JSON.parse(await helm('history', name, '-n', ns, '-o', 'json')) as {
        revision: number
        status: string
        description: string
      }[]
    ).map((h) => `${h.revision} ${h.status} ${h.description}`)

  it('installs, upgrades, rolls back and uninstalls with --wait, keeping history in Secrets', async () => {
    await helm(
      'install',
      'web',
      ...app('1.0.0', '-n', 'life', '--create-namespace', '--wait', '--timeout', '60s'),
    )
    expect(await helm('status', 'web', '-n', 'life')).toMatch(/STATUS: deployed/)
    // The Deployment's pods are there and ready, as kubectl shows them on a cluster.
    expect(await kubectl('-n', 'life', 'get', 'pods')).toMatch(
      /^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+/m,
    )
    expect(await kubectl('-n', 'life', 'get', 'service', 'web', '-o', 'jsonpath={.spec.clusterIP}')).toMatch(
      /^10\.43\.\d+\.\d+$/,
    )

    await helm('upgrade', 'web', ...app('1.1.0', '-n', 'life', '--wait', '--timeout', '60s'))
    expect(await image0('life', 'web')).toBe(`${image}:1.1.0`)
    expect(await helm('get', 'manifest', 'web', '-n', 'life')).toContain(`image: "${image}:1.1.0"`)
    // The old ReplicaSet stays, scaled to zero, for a rollback.
    expect(
      await kubectl('-n', 'life', 'get', 'rs', '-o', 'jsonpath={range .items[*]}{.spec.replicas} {end}'),
    ).toMatch(/^(0 1|1 0) $/)

    await helm('rollback', 'web', '1', '-n', 'life', '--wait', '--timeout', '60s')
    expect(await image0('life', 'web')).toBe(`${image}:1.0.0`)
    expect(await history('life', 'web')).toEqual([
      '1 superseded Install complete',
      '2 superseded Upgrade complete',
      '3 deployed Rollback to 1',
    ])
    expect(await kubectl('-n', 'life', 'get', 'secrets', '-l', 'owner=helm,name=web', '-o', 'name')).toBe(
      ['sh.helm.release.v1.web.v1', 'sh.helm.release.v1.web.v2', 'sh.helm.release.v1.web.v3']
        .map((s) => `secret/${s}`)
        .join('\n')
        .concat('\n'),
    )

    expect(await helm('uninstall', 'web', '-n', 'life', '--wait', '--timeout', '60s')).toContain(
      'release "web" uninstalled',
    )
    expect(
      await kubectl('-n', 'life', 'get', 'deployments,replicasets,pods,services,secrets', '-o', 'name'),
    ).toBe('')
  })

  it('records each release as deployed without --wait, so the next upgrade can start at once', async () => {
    // helm writes the release's final state with a protobuf PUT of its Secret; a release left
    // pending-install would make this upgrade fail with "another operation is in progress".
    await helm('install', 'quick', ...app('1.0.0', '-n', 'nowait', '--create-namespace'))
    await helm('upgrade', 'quick', ...app('1.0.1', '-n', 'nowait'))
    expect(await helm('status', 'quick', '-n', 'nowait')).toMatch(/STATUS: deployed\nREVISION: 2\n/)
    expect(
      await kubectl(
        '-n',
        'nowait',
        'get',
        'secrets',
        '-l',
        'owner=helm',
        '-o',
        'jsonpath={.items[*].metadata.labels.status}',
      ),
    ).toBe('superseded deployed')
  })

  it('rolls a failing upgrade back with --rollback-on-failure, and uninstalls a failing install', async () => {
    await helm(
      'install',
      'shop',
      ...app('2.0.0', '-n', 'fail', '--create-namespace', '--wait', '--timeout', '60s'),
    )
    const upgrade = await helm.result(
      'upgrade',
      'shop',
      ...app('broken', '-n', 'fail', '--rollback-on-failure', '--wait', '--timeout', '2s'),
    )
    expect(upgrade.code).toBe(1)
    expect(upgrade.stderr).toContain('UPGRADE FAILED')
    expect(upgrade.stderr).toContain('has been rolled back due to rollback-on-failure being set')
    expect(await image0('fail', 'shop')).toBe(`${image}:2.0.0`)
    expect((await history('fail', 'shop')).map((h) => h.split(' ').slice(0, 2).join(' '))).toEqual([
      '1 superseded',
      '2 failed',
      '3 deployed',
    ])
    // The broken image's pods run but never become ready, as `kubectl get pods` would show them.
    const install = await helm.result(
      'install',
      'doomed',
      ...app('broken', '-n', 'fail', '--rollback-on-failure', '--wait', '--timeout', '2s'),
    )
    expect(install.code).toBe(1)
    expect(install.stderr).toContain('INSTALLATION FAILED')
    expect(install.stderr).toContain('uninstalled due to rollback-on-failure being set')
    expect((await helm('list', '-n', 'fail', '-q')).trim()).toBe('shop')
  })

  it('waits the legacy way too, and stores releases in ConfigMaps with HELM_DRIVER=configmap', async () => {
    const configmaps = helmFor(sandbox, { HELM_DRIVER: 'configmap' })
    try {
      await configmaps(
        'install',
        'cm',
        ...app('3.0.0', '-n', 'driver', '--create-namespace', '--wait=legacy'),
      )
      await configmaps('upgrade', 'cm', ...app('3.0.1', '-n', 'driver', '--wait=legacy'))
      expect(
        await kubectl(
          '-n',
          'driver',
          'get',
          'configmaps',
          '-l',
          'owner=helm',
          '-o',
          'jsonpath={.items[*].metadata.name}',
        ),
      ).toBe('sh.helm.release.v1.cm.v1 sh.helm.release.v1.cm.v2')
      expect(await configmaps('status', 'cm', '-n', 'driver')).toMatch(/REVISION: 2/)
    } finally {
      configmaps.cleanup()
    }
  })

  it('installs crds/ first and runs hook Jobs with their delete policies', async () => {
    await helm(
      'install',
      'hooks',
      hookedChart,
      '-n',
      'hooks',
      '--create-namespace',
      '--wait',
      '--timeout',
      '60s',
    )
    expect(
      await kubectl(
        'get',
        'crd',
        'widgets.sandbox.example.com',
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Established")].status}',
      ),
    ).toBe('True')
    expect(await kubectl('-n', 'hooks', 'get', 'widget', 'hooks', '-o', 'jsonpath={.spec.greeting}')).toBe(
      'hello',
    )
    // hook-succeeded deletes the pre-install Job; before-hook-creation leaves the post-install one, Complete.
    const jobs = async () =>
      (
        await kubectl(
          '-n',
          'hooks',
          'get',
          'jobs',
          '-o',
          'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Complete")].status} {end}',
        )
      ).trim()
    expect(await jobs()).toBe('hooks-post-install=True')
    await helm(
      'upgrade',
      'hooks',
      hookedChart,
      '-n',
      'hooks',
      '--set',
      'greeting=hi',
      '--wait',
      '--timeout',
      '60s',
    )
    expect(await jobs()).toBe('hooks-post-install=True hooks-post-upgrade=True')
    expect(await kubectl('-n', 'hooks', 'get', 'widget', 'hooks', '-o', 'jsonpath={.spec.greeting}')).toBe(
      'hi',
    )

    const failing = await helm.result(
      'upgrade',
      'hooks',
      hookedChart,
      '-n',
      'hooks',
      '--set',
      'hookImage=busybox:failing',
      '--wait',
      '--timeout',
      '60s',
    )
    expect(failing.code).toBe(1)
    expect(failing.stderr).toContain('pre-upgrade hooks failed')
    // helm 4's waiter words it from the Job's Failed condition.
    expect(failing.stderr).toContain('resource Job/hooks/hooks-pre-upgrade not ready. status: Failed')
  })

  it('fails on a kind nothing serves as it fails on a real cluster', async () => {
    const r = await helm.result(
      'install',
      'gadget',
      hookedChart,
      '-n',
      'gadget',
      '--create-namespace',
      '--set',
      'unserved=true',
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      'resource mapping not found for name: "gadget" namespace: "" from "": no matches for kind "Gadget" in version "nothing.example.com/v1"',
    )
  })
})
