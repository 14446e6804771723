import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index'
import { type Kubectl, kubectlFor } from './helpers'

const metricTemplate = (query: string) => `apiVersion: flagger.app/v1beta1
kind: MetricTemplate
metadata:
  name: errors
  namespace: verbs
spec:
  provider:
    type: prometheus
    address: http://flagger-prometheus.apisix:9090
  query: ${query}
`

// kubectl verbs beyond the rollout itself: server-side apply, patch types, validation, delete, tables.
describe('kubectl verbs against the sandbox', () => {
  let sandbox: Sandbox
  let kubectl: Kubectl
  let dir: string
  const file = (name: string, text: string) => {
    const p = join(dir, name)
    writeFileSync(p, text)
    return p
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ timeScale: 0.01 })
    kubectl = kubectlFor(sandbox)
    dir = mkdtempSync(join(tmpdir(), 'verbs-'))
    await kubectl('create', 'namespace', 'verbs')
  })
  afterAll(async () => {
    kubectl?.cleanup()
    await sandbox?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('applies server-side, creating and then updating', async () => {
    expect(
      await kubectl('apply', '--server-side', '-f', file('mt.yaml', metricTemplate('sum(up)'))),
    ).toContain('metrictemplate.flagger.app/errors serverside-applied')
    await kubectl('apply', '--server-side', '-f', file('mt.yaml', metricTemplate('sum(down)')))
    expect(
      await kubectl(
        '-n',
        'verbs',
        'get',
        'metrictemplate',
        'errors',
        '-o',
        'jsonpath={.spec.query} {.metadata.generation}',
      ),
    ).toBe('sum(down) 2')
  })

  it('re-applies client-side as unchanged, then patches with merge and json patches', async () => {
    await kubectl(
      'apply',
      '-f',
      file(
        'cm.yaml',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: verbs\ndata:\n  a: "1"\n',
      ),
    )
    expect(await kubectl('apply', '-f', join(dir, 'cm.yaml'))).toContain('configmap/c unchanged')
    await kubectl('-n', 'verbs', 'patch', 'configmap', 'c', '--type', 'merge', '-p', '{"data":{"b":"2"}}')
    await kubectl(
      '-n',
      'verbs',
      'patch',
      'configmap',
      'c',
      '--type',
      'json',
      '-p',
      '[{"op":"remove","path":"/data/a"}]',
    )
    expect(await kubectl('-n', 'verbs', 'get', 'configmap', 'c', '-o', 'jsonpath={.data}')).toBe('{"b":"2"}')
  })

  it('refuses a strategic merge patch on a custom resource, as a real server does', async () => {
    const { code, stderr } = await kubectl.result(
      '-n',
      'verbs',
      'patch',
      'metrictemplate',
      'errors',
      '-p',
      '{"spec":{"query":"x"}}',
    )
    expect(code).toBe(1)
    expect(stderr).toContain(
      'application/strategic-merge-patch+json is not supported by flagger.app/v1beta1, Kind=MetricTemplate',
    )
  })

  it('rejects what the CRD schema rejects', async () => {
    const bad = file(
      'bad.yaml',
      'apiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata:\n  name: bad\n  namespace: verbs\nspec:\n  analysis:\n    interval: 1m\n    threshold: many\n',
    )
    const { code, stderr } = await kubectl.result('apply', '-f', bad)
    expect(code).toBe(1)
    expect(stderr).toContain('The Canary "bad" is invalid')
    expect(stderr).toContain('* spec.targetRef: Required value')
    expect(stderr).toContain(
      '* spec.analysis.threshold: Invalid value: "string": spec.analysis.threshold in body must be of type number: "many"',
    )
  })

  it('prints tables with the CRD printer columns and deletes with wait', async () => {
    const table = await kubectl('get', 'crd')
    expect(table).toMatch(/^NAME\s+CREATED AT$/m)
    expect(table).toContain('canaries.flagger.app')
    expect(await kubectl('-n', 'verbs', 'get', 'metrictemplates')).toMatch(
      /^NAME\s+PROVIDER\s+AGE\nerrors\s+prometheus\s+\d+s$/m,
    )
    expect(await kubectl('-n', 'verbs', 'delete', 'configmap', 'c')).toContain('configmap "c" deleted')
    const { code, stderr } = await kubectl.result('-n', 'verbs', 'get', 'configmap', 'c')
    expect(code).toBe(1)
    expect(stderr).toContain('Error from server (NotFound): configmaps "c" not found')
  })

  it('survives injected 429s: kubectl honours Retry-After and retries', async () => {
    sandbox.faults.set({ failNext: 2, errorStatus: 429 })
    try {
      expect(await kubectl('-n', 'verbs', 'get', 'metrictemplate', 'errors', '-o', 'name')).toBe(
        'metrictemplate.flagger.app/errors\n',
      )
      expect(sandbox.faults.settings.failNext).toBe(0)
    } finally {
      sandbox.faults.set({})
    }
  })
})
