import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Obj } from '../src/util'
import { APP_CHART, type FluxWorld, removeChart, startFluxWorld, writeChart } from './flux-world'
import { waitFor } from './helpers'

const HR = 'helm.toolkit.fluxcd.io/v2'

const widgetCrd = (fields: string[]) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
${fields.map((f) => `                ${f}: { type: string }`).join('\n')}
`
const widget =
  'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  size: "1"\n'

// helm-controller's release logic on the reference app chart and two small charts with CRDs,
// served over HTTP from 127.0.0.1, at a hundredth of real time.
describe('helm-controller', () => {
  let world: FluxWorld
  const charts: string[] = []

  const release = (namespace: string, name: string, spec: Obj) => {
    world.create(HR, 'HelmRelease', {
      metadata: { name, namespace },
      spec: {
        interval: '10m',
        chart: {
          spec: { chart: 'app', version: '0.2.x', sourceRef: { kind: 'HelmRepository', name: 'charts' } },
        },
        ...spec,
      },
    })
  }
  const app = (repository: string, tag: string, extra: Obj = {}) => ({
    image: { repository, tag },
    ingress: { hosts: [`${repository.split('/').pop()}.example.com`] },
    ...extra,
  })
  const setup = (namespace: string) => {
    world.namespace(namespace)
    world.create('source.toolkit.fluxcd.io/v1', 'HelmRepository', {
      metadata: { name: 'charts', namespace },
      spec: { interval: '1h', url: world.repo.url },
    })
  }
  const history = (namespace: string, name: string) =>
    world.helmRelease(namespace, name).status.history.map((h: Obj) => `${h.version} ${h.status}`)
  const deployment = (namespace: string, name: string) => world.get('apps/v1', 'Deployment', namespace, name)
  const annotate = (namespace: string, name: string, annotations: Record<string, string>) =>
    world.patch(HR, 'HelmRelease', namespace, name, (o) => {
      o.metadata.annotations = { ...o.metadata.annotations, ...annotations }
    })
  // iterations together with stepWeight: the Canary CRD's oneOf rejects it, so the release fails.
  const broken = { enabled: true, analysis: { interval: '1m', threshold: 2, iterations: 3, stepWeight: 10 } }

  beforeAll(async () => {
    charts.push(
      writeChart('widgets', '1.0.0', {
        'crds/widgets.yaml': widgetCrd(['size']),
        'templates/widget.yaml': widget,
      }),
      writeChart('widgets', '1.1.0', {
        'crds/widgets.yaml': widgetCrd(['size', 'color']),
        'templates/widget.yaml': widget,
      }),
    )
    world = await startFluxWorld([APP_CHART, ...charts], {
      scenario: { images: { 'example.com/stuck:*': { ready: false } } },
    })
  })
  afterAll(async () => {
    await world?.stop()
    for (const chart of charts) removeChart(chart)
  })

  it('installs a chart fetched over HTTP through its HelmChart, and uninstalls it when the HelmRelease goes', async () => {
    setup('shop')
    release('shop', 'web', { values: app('example.com/web', '1.0.0') })
    const hr = await world.until('shop', 'web', 'Ready', 'True', 'InstallSucceeded')
    expect(hr.status).toMatchObject({
      helmChart: 'shop/shop-web',
      lastAttemptedRevision: '0.2.0',
      lastAttemptedReleaseAction: 'install',
      observedGeneration: 1,
      storageNamespace: 'shop',
    })
    expect(history('shop', 'web')).toEqual(['1 deployed'])
    const chart = world.get('source.toolkit.fluxcd.io/v1', 'HelmChart', 'shop', 'shop-web')!
    expect(chart.spec).toMatchObject({
      chart: 'app',
      version: '0.2.x',
      sourceRef: { kind: 'HelmRepository', name: 'charts' },
    })
    expect(world.condition(chart, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'ChartPullSucceeded',
      message: "pulled 'app' chart with version '0.2.0'",
    })
    expect(deployment('shop', 'web')!.spec.template.spec.containers[0].image).toBe('example.com/web:1.0.0')
    expect(world.events('shop', 'web')).toContain(
      'InstallSucceeded: Helm install succeeded for release shop/web.v1 with chart app@0.2.0',
    )
    world.sandbox.store.delete(world.sandbox.store.registry.byKind(HR, 'HelmRelease')!, 'shop', 'web')
    await waitFor('the release uninstalled', () => !deployment('shop', 'web'))
    await waitFor(
      'its HelmChart deleted',
      () => !world.get('source.toolkit.fluxcd.io/v1', 'HelmChart', 'shop', 'shop-web'),
    )
  })

  it('rolls back a failed upgrade, retries, stalls when retries run out, and tries again only on a reset or force', async () => {
    setup('roll')
    release('roll', 'api', {
      upgrade: { remediation: { retries: 1 } },
      values: app('example.com/api', '1.0.0'),
    })
    await world.until('roll', 'api', 'Ready', 'True', 'InstallSucceeded')
    world.patch(HR, 'HelmRelease', 'roll', 'api', (o) => {
      o.spec.values = app('example.com/api', '2.0.0', { canary: broken })
    })
    const stalled = await world.until('roll', 'api', 'Stalled', 'True', 'RetriesExceeded')
    expect(world.condition(stalled, 'Stalled')!.message).toBe('Failed to upgrade after 2 attempt(s)')
    expect(world.condition(stalled, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'RollbackSucceeded',
      message: 'Helm rollback to previous release roll/api.v3 with chart app@0.2.0 succeeded',
    })
    expect(stalled.status).toMatchObject({
      upgradeFailures: 2,
      failures: 2,
      lastAttemptedReleaseAction: 'upgrade',
    })
    expect(history('roll', 'api')).toEqual([
      '5 deployed',
      '4 superseded',
      '3 superseded',
      '2 superseded',
      '1 superseded',
    ])
    // Back on 1.0.0 with its plain Service; the Canary the API refused never came.
    expect(deployment('roll', 'api')!.spec.template.spec.containers[0].image).toBe('example.com/api:1.0.0')
    expect(world.get('v1', 'Service', 'roll', 'api')).toBeDefined()
    expect(world.get('flagger.app/v1beta1', 'Canary', 'roll', 'api')).toBeUndefined()
    const events = world.events('roll', 'api')
    expect(events).toContain(
      'RollbackSucceeded: Helm rollback to previous release roll/api.v1 with chart app@0.2.0 succeeded',
    )
    expect(events.find((e) => e.startsWith('UpgradeFailed:'))).toMatch(
      /^UpgradeFailed: Helm upgrade failed for release roll\/api with chart app@0\.2\.0: .*spec\.analysis: Invalid value/,
    )

    // A plain reconcile request changes nothing: the retries are spent.
    annotate('roll', 'api', { 'reconcile.fluxcd.io/requestedAt': 'poke' })
    await waitFor(
      'the request handled',
      () => world.helmRelease('roll', 'api').status.lastHandledReconcileAt === 'poke',
    )
    expect(history('roll', 'api')[0]).toBe('5 deployed')

    // `flux reconcile hr api --reset`: resetAt equal to requestedAt counts the failures from zero.
    annotate('roll', 'api', { 'reconcile.fluxcd.io/resetAt': 'r1', 'reconcile.fluxcd.io/requestedAt': 'r1' })
    await waitFor('two more attempts', () => history('roll', 'api')[0] === '9 deployed')
    const again = await world.until('roll', 'api', 'Stalled', 'True', 'RetriesExceeded')
    expect(again.status).toMatchObject({ lastHandledResetAt: 'r1', upgradeFailures: 2 })

    // `flux reconcile hr api --force`: one more upgrade, retries spent or not.
    annotate('roll', 'api', { 'reconcile.fluxcd.io/forceAt': 'f1', 'reconcile.fluxcd.io/requestedAt': 'f1' })
    await waitFor('one forced attempt', () => history('roll', 'api')[0] === '11 deployed')
    const forced = await world.until('roll', 'api', 'Stalled', 'True', 'RetriesExceeded')
    expect(forced.status).toMatchObject({ lastHandledForceAt: 'f1', upgradeFailures: 3 })
    expect(world.condition(forced, 'Stalled')!.message).toBe('Failed to upgrade after 3 attempt(s)')

    // A fixed spec is a new attempt: the upgrade goes through and the stall is gone.
    world.patch(HR, 'HelmRelease', 'roll', 'api', (o) => {
      o.spec.values = app('example.com/api', '2.0.0')
    })
    const fixed = await world.until('roll', 'api', 'Ready', 'True', 'UpgradeSucceeded')
    expect(world.condition(fixed, 'Stalled')).toBeUndefined()
    expect(fixed.status.upgradeFailures).toBeUndefined()
    expect(deployment('roll', 'api')!.spec.template.spec.containers[0].image).toBe('example.com/api:2.0.0')
  })

  it('uninstalls a failed install, retries it, and stalls after the install retries', async () => {
    setup('fresh')
    release('fresh', 'svc', {
      install: { remediation: { retries: 1 } },
      values: app('example.com/svc', '1.0.0', { canary: broken }),
    })
    const stalled = await world.until('fresh', 'svc', 'Stalled', 'True', 'RetriesExceeded')
    expect(world.condition(stalled, 'Stalled')!.message).toBe('Failed to install after 2 attempt(s)')
    expect(world.condition(stalled, 'Ready')).toMatchObject({ status: 'False', reason: 'InstallFailed' })
    expect(history('fresh', 'svc')).toEqual(['1 failed'])
    const events = world.events('fresh', 'svc')
    expect(events.filter((e) => e.startsWith('UninstallSucceeded:'))).toEqual([
      'UninstallSucceeded: Helm uninstall remediation for release fresh/svc.v1 with chart app@0.2.0 succeeded',
    ])
  })

  it('waits for dependsOn, composes valuesFrom, and names a missing ConfigMap', async () => {
    setup('deps')
    release('deps', 'backend', { values: app('example.com/backend', '1.0.0') })
    release('deps', 'frontend', {
      dependsOn: [{ name: 'backend' }],
      valuesFrom: [
        { kind: 'ConfigMap', name: 'frontend-values' },
        { kind: 'Secret', name: 'frontend-tag', valuesKey: 'tag', targetPath: 'image.tag' },
      ],
      values: app('example.com/frontend', 'from-values'),
    })
    await waitFor('a dependency wait', () =>
      world.events('deps', 'frontend').includes("DependencyNotReady: dependency 'deps/backend' is not ready"),
    )
    const missing = await world.until('deps', 'frontend', 'Ready', 'False', 'ValuesError')
    expect(world.condition(missing, 'Ready')!.message).toBe("could not find ConfigMap 'deps/frontend-values'")
    world.create('v1', 'ConfigMap', {
      metadata: { name: 'frontend-values', namespace: 'deps' },
      data: { 'values.yaml': 'replicaCount: 3\n' },
    })
    world.create('v1', 'Secret', {
      metadata: { name: 'frontend-tag', namespace: 'deps' },
      data: { tag: Buffer.from('1.2.3').toString('base64') },
    })
    await world.until('deps', 'frontend', 'Ready', 'True', 'InstallSucceeded')
    const frontend = deployment('deps', 'frontend')!
    expect(frontend.spec.replicas).toBe(3)
    // spec.values is applied last, over valuesFrom, as Flux composes them.
    expect(frontend.spec.template.spec.containers[0].image).toBe('example.com/frontend:from-values')
  })

  it('applies the CRDs of a chart by the install and upgrade crds policies', async () => {
    setup('crds')
    const widgets = (name: string, version: string, extra: Obj = {}) =>
      release('crds', name, {
        chart: { spec: { chart: 'widgets', version, sourceRef: { kind: 'HelmRepository', name: 'charts' } } },
        ...extra,
      })
    widgets('skipped', '1.0.0', { install: { crds: 'Skip' } })
    const failed = await world.until('crds', 'skipped', 'Released', 'False', 'InstallFailed')
    expect(world.condition(failed, 'Released')!.message).toContain(
      'Widget/crds/skipped: no matches for kind "Widget" in version "example.com/v1"',
    )
    widgets('created', '1.0.0')
    await world.until('crds', 'created', 'Ready', 'True', 'InstallSucceeded')
    const crd = () =>
      world.get(
        'apiextensions.k8s.io/v1',
        'CustomResourceDefinition',
        undefined as unknown as string,
        'widgets.example.com',
      )!
    const fields = () => Object.keys(crd().spec.versions[0].schema.openAPIV3Schema.properties.spec.properties)
    expect(fields()).toEqual(['size'])
    expect(world.get('example.com/v1', 'Widget', 'crds', 'created')).toBeDefined()
    // An upgrade leaves CRDs alone by default (Skip) ...
    world.patch(HR, 'HelmRelease', 'crds', 'created', (o) => {
      o.spec.chart.spec.version = '1.1.0'
    })
    await world.until('crds', 'created', 'Ready', 'True', 'UpgradeSucceeded')
    expect(fields()).toEqual(['size'])
    // ... and replaces them with CreateReplace.
    world.patch(HR, 'HelmRelease', 'crds', 'created', (o) => {
      o.spec.upgrade = { crds: 'CreateReplace' }
      o.spec.values = { touched: true }
    })
    await waitFor('the CRD replaced', () => fields().includes('color'))
  })

  it("fails a release whose workloads never become ready within Helm's wait", async () => {
    setup('wait')
    release('wait', 'stuck', { timeout: '30s', values: app('example.com/stuck', '1.0.0') })
    const hr = await world.until('wait', 'stuck', 'Stalled', 'True', 'RetriesExceeded')
    const released = world.condition(hr, 'Released')!
    expect(released.reason).toBe('InstallFailed')
    expect(released.message).toBe(
      'Helm install failed for release wait/stuck with chart app@0.2.0: resource Deployment/wait/stuck not ready. status: InProgress, message: Available: 0/1\ncontext deadline exceeded',
    )
    expect(world.condition(hr, 'Stalled')!.message).toBe('Failed to install after 1 attempt(s)')
  })
})
