import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index'
import { type Kubectl, kubectlFor, scratch, waitFor } from './helpers'

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: cluster
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`

// The kubectl commands a user runs against a cluster, against a bare sandbox (the real kubectl on PATH).
describe('kubectl against the cluster the sandbox serves', () => {
  let sandbox: Sandbox
  let kubectl: Kubectl
  const files = scratch('kubectl-cluster-')
  const { file, dir } = files

  beforeAll(async () => {
    sandbox = await startSandbox({
      timeScale: 0.01,
      bare: true,
      scenario: { images: { 'nginx:broken': { ready: false } } },
    })
    kubectl = kubectlFor(sandbox)
    await kubectl('create', 'namespace', 'cluster')
  })
  afterAll(async () => {
    kubectl?.cleanup()
    await sandbox?.stop()
    files.cleanup()
  })

  it('creates a deployment (a protobuf body), rolls it out, scales it and shows its pods', async () => {
    expect(
      await kubectl('-n', 'cluster', 'create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2'),
    ).toContain('deployment.apps/web created')
    expect(await kubectl('-n', 'cluster', 'rollout', 'status', 'deployment/web', '--timeout=60s')).toContain(
      'deployment "web" successfully rolled out',
    )
    const pods = await kubectl('-n', 'cluster', 'get', 'pods', '-l', 'app=web')
    expect(pods).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m)
    expect(pods.match(/^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\d+s$/gm)).toHaveLength(2)

    expect(await kubectl('-n', 'cluster', 'scale', 'deployment/web', '--replicas=3')).toContain(
      'deployment.apps/web scaled',
    )
    await kubectl('-n', 'cluster', 'rollout', 'status', 'deployment/web', '--timeout=60s')
    expect(await kubectl('-n', 'cluster', 'get', 'deployment', 'web')).toMatch(/^web\s+3\/3\s+3\s+3\s+/m)
    // kubectl scale names no field manager: the server takes it from the User-Agent, on the scale subresource.
    expect(
      await kubectl(
        '-n',
        'cluster',
        'get',
        'deployment',
        'web',
        '-o',
        'jsonpath={range .metadata.managedFields[*]}{.manager}/{.subresource} {end}',
      ),
    ).toBe('kubectl-create/ kubectl/scale ')

    // The deployment controller's events, as `kubectl events` lists them.
    expect(await kubectl('-n', 'cluster', 'events', '--for', 'deployment/web')).toMatch(
      /Normal\s+ScalingReplicaSet\s+Deployment\/web\s+Scaled up replica set web-[a-z0-9]+ from 2 to 3/,
    )

    // A rollout to an image that never becomes ready stays at its first surge pod, as on a cluster.
    await kubectl('-n', 'cluster', 'set', 'image', 'deployment/web', 'nginx=nginx:broken')
    const stuck = await kubectl.result('-n', 'cluster', 'rollout', 'status', 'deployment/web', '--timeout=2s')
    expect(stuck.code).toBe(1)
    expect(stuck.stdout).toContain(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    )
    expect(await kubectl('-n', 'cluster', 'get', 'pods', '-l', 'app=web')).toMatch(/\s0\/1\s+Running\s+0\s+/)
  })

  it('rolls out a StatefulSet pod by pod with its claims, and a DaemonSet on the node', async () => {
    await kubectl('apply', '-f', file('sets.yaml', sets))
    expect(await kubectl('-n', 'cluster', 'rollout', 'status', 'statefulset/db', '--timeout=60s')).toContain(
      'partitioned roll out complete: 2 new pods have been updated...',
    )
    expect(await kubectl('-n', 'cluster', 'get', 'pods', '-l', 'app=db', '-o', 'name')).toBe(
      'pod/db-0\npod/db-1\n',
    )
    expect(
      await kubectl(
        '-n',
        'cluster',
        'get',
        'pvc',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name}={.status.phase} {end}',
      ),
    ).toBe('data-db-0=Bound data-db-1=Bound ')
    expect(await kubectl('-n', 'cluster', 'rollout', 'status', 'daemonset/agent', '--timeout=60s')).toContain(
      'daemon set "agent" successfully rolled out',
    )
    expect(
      await kubectl(
        '-n',
        'cluster',
        'get',
        'pods',
        '-l',
        'app=agent',
        '-o',
        'jsonpath={.items[*].spec.nodeName}',
      ),
    ).toBe('sandbox')
  })

  it('explains built-in kinds and custom resources from the OpenAPI v3 schemas', async () => {
    const replicas = await kubectl('explain', 'deployment.spec.replicas')
    expect(replicas).toContain('GROUP:      apps')
    expect(replicas).toContain('FIELD: replicas <integer>')
    const ports = await kubectl('explain', 'pod.spec.containers.ports')
    expect(ports).toMatch(/containerPort\s+<integer>/)
    expect(ports).toMatch(/protocol\s+<string>/)
    await kubectl('apply', '-f', file('crd.yaml', crd))
    await waitFor(
      'the CRD to be served',
      async () => (await kubectl.result('explain', 'gizmo.spec')).code === 0,
    )
    expect(await kubectl('explain', 'gizmo.spec.size')).toContain('How big the gizmo is')
  })

  it('answers auth can-i and auth whoami as for the cluster admin', async () => {
    expect((await kubectl('auth', 'can-i', 'delete', 'deployments', '-n', 'cluster')).trim()).toBe('yes')
    const whoami = await kubectl('auth', 'whoami')
    expect(whoami).toMatch(/^Username\s+system:admin$/m)
    expect(whoami).toMatch(/^Groups\s+\[system:masters system:authenticated\]$/m)
  })

  it('reports a server-side apply conflict with the other manager, and takes the field over with --force-conflicts', async () => {
    await kubectl(
      'apply',
      '--server-side',
      '--field-manager=alice',
      '-f',
      file('alice.yaml', deployment('owned', 2)),
    )
    const conflict = await kubectl.result(
      'apply',
      '--server-side',
      '--field-manager=bob',
      '-f',
      file('bob.yaml', deployment('owned', 4)),
    )
    expect(conflict.code).toBe(1)
    expect(conflict.stderr).toContain('Apply failed with 1 conflict: conflict with "alice": .spec.replicas')
    // The same value is no conflict: both managers then own it.
    await kubectl(
      'apply',
      '--server-side',
      '--field-manager=carol',
      '-f',
      file('carol.yaml', deployment('owned', 2)),
    )
    await kubectl(
      'apply',
      '--server-side',
      '--field-manager=bob',
      '--force-conflicts',
      '-f',
      join(dir, 'bob.yaml'),
    )
    expect(
      await kubectl('-n', 'cluster', 'get', 'deployment', 'owned', '-o', 'jsonpath={.spec.replicas}'),
    ).toBe('4')
    const owners = JSON.parse(
      await kubectl(
        '-n',
        'cluster',
        'get',
        'deployment',
        'owned',
        '-o',
        'jsonpath={.metadata.managedFields}',
      ),
    ) as {
      manager: string
      fieldsV1: { 'f:spec'?: Record<string, unknown> }
    }[]
    const ownsReplicas = owners.filter((e) => e.fieldsV1['f:spec']?.['f:replicas']).map((e) => e.manager)
    expect(ownsReplicas).toEqual(['bob'])
    // A change by kubectl scale (an update) takes the field from the appliers without a conflict.
    await kubectl('-n', 'cluster', 'scale', 'deployment/owned', '--replicas=1')
    const again = await kubectl.result(
      'apply',
      '--server-side',
      '--field-manager=bob',
      '-f',
      join(dir, 'bob.yaml'),
    )
    expect(again.stderr).toContain(
      'conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    )
  })

  it('deletes dependents with their owner: background, foreground, and orphan', async () => {
    for (const name of ['bg', 'fg', 'orphan'])
      await kubectl('apply', '-f', file(`${name}.yaml`, deployment(name, 1)))
    for (const name of ['bg', 'fg', 'orphan'])
      await kubectl('-n', 'cluster', 'rollout', 'status', `deployment/${name}`, '--timeout=60s')
    const left = (app: string) =>
      kubectl('-n', 'cluster', 'get', 'replicasets,pods', '-l', `app=${app}`, '-o', 'name')

    await kubectl('-n', 'cluster', 'delete', 'deployment', 'bg')
    await waitFor('the background deletion of the ReplicaSet and pods', async () => (await left('bg')) === '')

    // Foreground: kubectl waits until the owner is gone, which it is only after its dependents.
    await kubectl('-n', 'cluster', 'delete', 'deployment', 'fg', '--cascade=foreground')
    expect(await left('fg')).toBe('')

    await kubectl('-n', 'cluster', 'delete', 'deployment', 'orphan', '--cascade=orphan')
    const orphans = await left('orphan')
    expect(orphans).toMatch(/^replicaset\.apps\/orphan-[a-z0-9]+\npod\/orphan-[a-z0-9]+-[a-z0-9]{5}\n$/)
    const rs = orphans.split('\n')[0]!
    expect(await kubectl('-n', 'cluster', 'get', rs, '-o', 'jsonpath={.metadata.ownerReferences}')).toBe('')
  })

  it('answers what it cannot serve with the Status a real server gives, naming what is missing', async () => {
    // 404: a subresource the sandbox does not serve.
    const logs = await kubectl.result(
      '-n',
      'cluster',
      'get',
      '--raw',
      '/api/v1/namespaces/cluster/pods/none/log',
    )
    expect(logs.code).toBe(1)
    expect(logs.stderr).toContain(
      'Error from server (NotFound): the server could not find the requested resource',
    )
    expect(logs.stderr).toContain('pods/log is not served')
    expect((await kubectl.result('get', 'gadgets')).stderr).toContain(
      `the server doesn't have a resource type "gadgets"`,
    )
    const unknownKind = await kubectl.result(
      'apply',
      '-f',
      file('gadget.yaml', 'apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n'),
    )
    expect(unknownKind.stderr).toContain('no matches for kind "Gadget" in version "example.com/v1"')

    // 422: what the apiserver's validation of a Job refuses (its template defaults to restartPolicy Always).
    const job =
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  namespace: cluster\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: busybox}]\n'
    const invalid = await kubectl.result('apply', '-f', file('job.yaml', job))
    expect(invalid.code).toBe(1)
    expect(invalid.stderr).toContain(
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    )

    // A selector cannot change, the error behind many a failed helm upgrade.
    await kubectl('apply', '-f', file('selector.yaml', deployment('fixed', 1)))
    const moved = await kubectl.result(
      'apply',
      '-f',
      file(
        'moved.yaml',
        deployment('fixed', 1)
          .replace('matchLabels: {app: fixed}', 'matchLabels: {app: fixed, tier: web}')
          .replace('labels: {app: fixed}', 'labels: {app: fixed, tier: web}'),
      ),
    )
    expect(moved.code).toBe(1)
    expect(moved.stderr).toContain('The Deployment "fixed" is invalid: spec.selector: Invalid value:')
    expect(moved.stderr).toContain('field is immutable')

    // 415 and 422 for what no kubectl sends: a body in a media type the server does not take, a
    // protobuf body for a custom resource (they have no protobuf schema), a watch-list without its options.
    const call = (method: string, path: string, type: string, body?: string | Buffer) =>
      fetch(`${sandbox.url}${path}`, {
        method,
        headers: { 'Content-Type': type },
        ...(body ? { body } : {}),
      }).then(async (r) => ({
        status: r.status,
        json: (await r.json()) as { reason: string; message: string },
      }))
    const text = await call('POST', '/api/v1/namespaces/cluster/configmaps', 'text/plain', 'data')
    expect(text.status).toBe(415)
    expect(text.json.message).toContain(
      'accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    )
    await kubectl('apply', '-f', file('crd.yaml', crd))
    // The protobuf envelope typed clients send: "k8s\0", then runtime.Unknown{typeMeta{apiVersion, kind}}.
    const field = (n: number, bytes: Buffer) =>
      Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes])
    const typeMeta = Buffer.concat([
      field(1, Buffer.from('sandbox.example.com/v1')),
      field(2, Buffer.from('Gizmo')),
    ])
    const envelope = Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, typeMeta)])
    const gizmo = await call(
      'POST',
      '/apis/sandbox.example.com/v1/namespaces/cluster/gizmos',
      'application/vnd.kubernetes.protobuf',
      envelope,
    )
    expect(gizmo.status).toBe(415)
    expect(gizmo.json.message).toContain('no protobuf schema for Gizmo in sandbox.example.com/v1')
    const watchList = await call(
      'GET',
      '/api/v1/namespaces/cluster/pods?watch=true&sendInitialEvents=true',
      'application/json',
    )
    expect(watchList.status).toBe(422)
    expect(watchList.json.message).toContain(
      'resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    )
  })
})

const sets = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: cluster}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:17}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: cluster}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: busybox:1.36}]
`

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gizmos.sandbox.example.com
spec:
  group: sandbox.example.com
  scope: Namespaced
  names: {kind: Gizmo, plural: gizmos, singular: gizmo}
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
                size:
                  type: integer
                  description: How big the gizmo is
`
