import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Helm, type Kubectl, sharedChart, startWithTools } from './helpers'

// The real add-on charts, packaged and unmodified in ../shared/fixtures/charts, installed with the real
// helm 4 and --wait into a bare sandbox, as into a fresh k3s cluster. The installs are independent (one
// namespace each), so they run side by side.
describe.concurrent('the real add-on charts install with --wait into a bare sandbox', () => {
  let helm: Helm
  let kubectl: Kubectl
  let stop: () => Promise<void>

  beforeAll(async () => {
    ;({ helm, kubectl, stop } = await startWithTools({ timeScale: 0.01, bare: true }))
  })
  afterAll(() => stop?.())

  const install = (release: string, chart: string, namespace: string, ...values: string[]) =>
    helm(
      'install',
      release,
      sharedChart(chart),
      '-n',
      namespace,
      '--create-namespace',
      '--wait',
      '--timeout',
      '120s',
      ...values,
    )
  /** `name ready/desired` for every Deployment and StatefulSet of a namespace, as `kubectl get` shows them. */
  const workloads = async (namespace: string) =>
    (
      await kubectl(
        '-n',
        namespace,
        'get',
        'deployments,statefulsets',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name} {.status.readyReplicas}/{.spec.replicas}{"\\n"}{end}',
      )
    )
      .trim()
      .split('\n')
      .sort()

  it('flux2 with its defaults: CRDs, controllers and the pre-install check Job', async () => {
    await install('flux', 'flux2-2.18.3.tgz', 'flux-system')
    expect(await workloads('flux-system')).toEqual([
      'helm-controller 1/1',
      'image-automation-controller 1/1',
      'image-reflector-controller 1/1',
      'kustomize-controller 1/1',
      'notification-controller 1/1',
      'source-controller 1/1',
    ])
    expect(
      await kubectl('get', 'crd', 'helmreleases.helm.toolkit.fluxcd.io', '-o', 'jsonpath={.spec.group}'),
    ).toBe('helm.toolkit.fluxcd.io')
    // The hook Job ran to completion and went, as its hook-succeeded delete policy asks.
    expect(await kubectl('-n', 'flux-system', 'get', 'jobs', '-o', 'name')).toBe('')
    expect(await helm('status', 'flux', '-n', 'flux-system')).toMatch(/STATUS: deployed/)
  })

  it('Flagger with meshProvider=apisix and its Prometheus', async () => {
    await install(
      'flagger',
      'flagger-1.44.0.tgz',
      'flagger-system',
      '--set',
      'meshProvider=apisix',
      '--set',
      'prometheus.install=true',
    )
    expect(await workloads('flagger-system')).toContain('flagger 1/1')
    expect(await workloads('flagger-system')).toContain('flagger-prometheus 1/1')
    const command = await kubectl(
      '-n',
      'flagger-system',
      'get',
      'deployment',
      'flagger',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].command}',
    )
    expect(command).toContain('-mesh-provider=apisix')
    expect(await kubectl('get', 'crd', 'canaries.flagger.app', '-o', 'jsonpath={.spec.names.kind}')).toBe(
      'Canary',
    )
  })

  it("APISIX with its ingress controller and the prometheus plugin, and etcd's StatefulSet", async () => {
    await install(
      'apisix',
      'apisix-2.10.0.tgz',
      'apisix',
      '--set',
      'service.type=NodePort',
      '--set',
      'apisix.prometheus.enabled=true',
      '--set',
      'ingress-controller.enabled=true',
      '--set',
      'ingress-controller.config.apisix.serviceNamespace=apisix',
    )
    expect(await workloads('apisix')).toEqual([
      'apisix 1/1',
      'apisix-etcd 3/3',
      'apisix-ingress-controller 1/1',
    ])
    expect(
      await kubectl('-n', 'apisix', 'get', 'pods', '-l', 'app.kubernetes.io/name=etcd', '-o', 'name'),
    ).toBe('pod/apisix-etcd-0\npod/apisix-etcd-1\npod/apisix-etcd-2\n')
    const servicePort = (name: string, field: string) =>
      kubectl('-n', 'apisix', 'get', 'service', name, '-o', `jsonpath={.spec.ports[0].${field}}`)
    expect(await servicePort('apisix-gateway', 'nodePort')).toMatch(/^3\d{4}$/)
    expect(await kubectl('get', 'ingressclass', 'apisix', '-o', 'jsonpath={.spec.controller}')).toBe(
      'apisix.apache.org/apisix-ingress',
    )
    expect(await servicePort('apisix-prometheus-metrics', 'port')).toBe('9091')
  })

  it("Flagger's load tester and Grafana", async () => {
    await install('flagger-loadtester', 'loadtester-0.38.0.tgz', 'loadtest')
    await install('flagger-grafana', 'grafana-1.7.0.tgz', 'loadtest')
    expect(await workloads('loadtest')).toEqual(['flagger-grafana 1/1', 'flagger-loadtester 1/1'])
  })
})
