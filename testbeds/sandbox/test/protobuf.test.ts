import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index'
import { type Kubectl, kubectlFor } from './helpers'

// kubectl's typed `create` commands send protobuf bodies (client-go 1.32+): each one must arrive with the
// fields the user gave, in their JSON form (int-or-string, quantities, maps, nested lists).
describe('protobuf bodies from kubectl create', () => {
  let sandbox: Sandbox
  let kubectl: Kubectl
  const ns = ['-n', 'pb']
  const get = (what: string, jsonpath: string) => kubectl(...ns, 'get', what, '-o', `jsonpath=${jsonpath}`)

  beforeAll(async () => {
    sandbox = await startSandbox({ timeScale: 0.01, bare: true })
    kubectl = kubectlFor(sandbox)
    await kubectl('create', 'namespace', 'pb')
  })
  afterAll(async () => {
    kubectl?.cleanup()
    await sandbox?.stop()
  })

  it('decodes workloads: deployment, job and cronjob with their pod templates', async () => {
    await kubectl(...ns, 'create', 'deployment', 'api', '--image=nginx:1.27', '--port=8080', '--replicas=0')
    expect(
      await get(
        'deployment/api',
        '{.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}',
      ),
    ).toBe('0 8080')
    await kubectl(...ns, 'create', 'job', 'once', '--image=busybox:1.36', '--', 'echo', 'hi')
    expect(
      await get(
        'job/once',
        '{.spec.template.spec.restartPolicy} {.spec.template.spec.containers[0].command}',
      ),
    ).toBe('Never ["echo","hi"]')
    await kubectl(...ns, 'create', 'cronjob', 'nightly', '--image=busybox:1.36', '--schedule=0 3 * * *')
    expect(await get('cronjob/nightly', '{.spec.schedule} {.spec.concurrencyPolicy}')).toBe('0 3 * * * Allow')
  })

  it('decodes services, secrets, config maps, a disruption budget and an ingress', async () => {
    await kubectl(...ns, 'create', 'service', 'clusterip', 'web', '--tcp=80:http')
    expect(
      await get('service/web', '{.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.clusterIP}'),
    ).toMatch(/^80 http 10\.43\.\d+\.\d+$/)
    await kubectl(...ns, 'create', 'secret', 'generic', 'creds', '--from-literal=user=admin')
    expect(Buffer.from(await get('secret/creds', '{.data.user}'), 'base64').toString()).toBe('admin')
    expect(await get('secret/creds', '{.type}')).toBe('Opaque')
    await kubectl(...ns, 'create', 'configmap', 'settings', '--from-literal=level=debug')
    expect(await get('configmap/settings', '{.data.level}')).toBe('debug')
    await kubectl(...ns, 'create', 'poddisruptionbudget', 'web', '--selector=app=web', '--min-available=50%')
    expect(await get('pdb/web', '{.spec.minAvailable} {.spec.selector.matchLabels.app}')).toBe('50% web')
    await kubectl(...ns, 'create', 'ingress', 'web', '--class=apisix', '--rule=shop.example.com/*=web:80')
    expect(
      await get(
        'ingress/web',
        '{.spec.ingressClassName} {.spec.rules[0].host} {.spec.rules[0].http.paths[0].backend.service.port.number}',
      ),
    ).toBe('apisix shop.example.com 80')
  })

  it('decodes RBAC: a service account, roles and their bindings', async () => {
    await kubectl(...ns, 'create', 'serviceaccount', 'bot')
    await kubectl(...ns, 'create', 'role', 'reader', '--verb=get,list', '--resource=pods')
    expect(await get('role/reader', '{.rules[0].verbs} {.rules[0].resources}')).toBe(
      '["get","list"] ["pods"]',
    )
    await kubectl(...ns, 'create', 'rolebinding', 'bot-reads', '--role=reader', '--serviceaccount=pb:bot')
    expect(
      await get('rolebinding/bot-reads', '{.roleRef.name} {.subjects[0].kind} {.subjects[0].name}'),
    ).toBe('reader ServiceAccount bot')
    await kubectl('create', 'clusterrole', 'node-reader', '--verb=get', '--resource=nodes')
    await kubectl(
      'create',
      'clusterrolebinding',
      'ops-read-nodes',
      '--clusterrole=node-reader',
      '--group=ops',
    )
    expect(
      await kubectl(
        'get',
        'clusterrolebinding',
        'ops-read-nodes',
        '-o',
        'jsonpath={.roleRef.kind} {.subjects[0].name}',
      ),
    ).toBe('ClusterRole ops')
  })
})
