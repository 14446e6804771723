import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { resolveNode, runBundledAction } from '@canary-delivery/action-runner'
import { validateObject } from '@canary-delivery/flagger'
import { helmTemplate, ofKind, withoutLabels } from '@canary-delivery/tools'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const actionDir = resolve(import.meta.dirname, '..')
const scratch = mkdtempSync(join(tmpdir(), 'render-canary-values-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const DELIVERY = `app: python-demo
image: registry.example.com/base/scaffolding-design/python
defaults:
  namespace: demo-python
  canary:
    loadTest: hey -z 1m -q 10 -c 2 -host python.example.com http://apisix-gateway.ingress/
environments:
  - name: sit
  - name: uat
  - name: prod
    canary: { profile: prod, threshold: 4 }
`

function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(scratch, 'ws-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

/** Renders the chart with the action's values and checks it against the action's own canary output. */
async function chartAgrees(outputs: Record<string, string>, release: string, namespace: string) {
  const objects = await helmTemplate(outputs.values!, { release, namespace })
  for (const object of objects.filter((o) => ['Canary', 'MetricTemplate', 'ApisixRoute'].includes(o.kind!))) {
    expect(validateObject(object), `${object.kind}`).toEqual({ valid: true, errors: [] })
  }
  const canaries = ofKind(objects, 'Canary')
  expect(canaries).toHaveLength(1)
  expect(withoutLabels(canaries[0]!)).toEqual(parse(outputs.canary!))
  return objects
}

describe('the render-canary-values bundle', () => {
  it('renders prod from the delivery file: values, file, Canary, plan and estimate', async () => {
    const ws = workspace({ '.github/delivery.yaml': DELIVERY })
    const result = await runBundledAction({
      actionDir,
      workspace: ws,
      inputs: {
        config: '.github/delivery.yaml',
        environment: 'prod',
        'output-file': 'out/canary-values.yaml',
      },
    })
    expect(result.exitCode, result.log).toBe(0)
    const { outputs } = result
    expect(outputs.strategy).toBe('canary')
    expect(outputs.profile).toBe('prod')
    // prod: six one-minute steps (5..50%), then three intervals to promote and finalise.
    expect(outputs['analysis-seconds']).toBe(String((6 + 3) * 60))
    expect(outputs['values-file']).toBe(join(ws, 'out/canary-values.yaml'))
    expect(readFileSync(outputs['values-file']!, 'utf8')).toBe(outputs.values)
    const values = parse(outputs.values!)
    expect(Object.keys(values)).toEqual(['canary'])
    expect(values.canary.analysis).toEqual({
      interval: '1m',
      threshold: 4,
      stepWeights: [5, 10, 20, 30, 40, 50],
    })
    expect(values.canary.loadtester.loadTest).toMatch(/^hey -z 1m/)
    const canary = parse(outputs.canary!)
    expect(canary.metadata).toEqual({ name: 'python-demo', namespace: 'demo-python' })
    await chartAgrees(outputs, 'python-demo', 'demo-python')
    // The plan as a person reads it.
    expect(result.summary).toContain(
      'Canary analysis plan in prod: canary (progressive traffic shifting) on apisix',
    )
    expect(result.summary).toContain('| 01:00 | weight 5% | 5% of traffic |')
    expect(result.summary).toContain(
      '| 06:00 | weight 50% | 50% of traffic | success rate ≥ 99%, p99 latency ≤ 500 ms |',
    )
    expect(result.summary).toContain('about **9m**')
    expect(result.summary).toContain('| threshold | 4 | delivery file |')
  })

  it('renders A/B testing on nginx from explicit inputs alone, on Node 24', async () => {
    const runnerTemp = mkdtempSync(join(scratch, 'temp-'))
    const result = await runBundledAction({
      actionDir,
      workspace: workspace(),
      runnerTemp,
      node: resolveNode('24'),
      inputs: {
        name: 'web',
        namespace: 'shop',
        environment: 'uat',
        strategy: 'ab-testing',
        provider: 'nginx',
        match: 'x-canary=insider\ncookie:canary=always',
        iterations: '6',
        'client-errors': '2',
        'acceptance-test': "curl -sf http://web-canary.shop/healthz | grep -q 'ok'",
      },
    })
    expect(result.exitCode, result.log).toBe(0)
    expect(result.outputs.strategy).toBe('ab-testing')
    expect(result.outputs['analysis-seconds']).toBe(String((6 + 3) * 60))
    expect(result.outputs['values-file']).toBe(join(runnerTemp, 'canary-values-uat.yaml'))
    expect(readFileSync(result.outputs['values-file']!, 'utf8')).toBe(result.outputs.values)
    const objects = await chartAgrees(result.outputs, 'web', 'shop')
    const canary = ofKind(objects, 'Canary')[0]!.spec as { ingressRef: unknown; analysis: { match: unknown } }
    expect(canary.ingressRef).toEqual({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'web' })
    expect(canary.analysis.match).toEqual([
      { headers: { 'x-canary': { exact: 'insider' } } },
      { headers: { cookie: { exact: 'canary' } } },
    ])
    expect(ofKind(objects, 'MetricTemplate')).toHaveLength(1)
    expect(result.summary).toContain(
      '| 01:00 | iteration 1/6 | requests matching the conditions | acceptance test, then the first step |',
    )
  })

  it('renders blue/green on the kubernetes provider and says the webhooks alone gate it', async () => {
    const result = await runBundledAction({
      actionDir,
      workspace: workspace(),
      inputs: {
        name: 'api',
        namespace: 'payments',
        strategy: 'blue-green',
        provider: 'kubernetes',
        environment: 'sit',
        'load-test': 'hey -z 30s http://api-canary/',
      },
    })
    expect(result.exitCode, result.log).toBe(0)
    expect(result.outputs.strategy).toBe('blue-green')
    expect(result.outputs['analysis-seconds']).toBe(String((4 + 4) * 30))
    expect(result.annotations.map((a) => a.message)).toContainEqual(
      expect.stringMatching(/kubernetes provider has no traffic metrics/),
    )
    await chartAgrees(result.outputs, 'api', 'payments')
  })

  const refusals: [string, Record<string, string>, string, Record<string, string>?][] = [
    [
      'an unknown strategy',
      { strategy: 'rolling' },
      "Input 'strategy' must be one of canary, blue-green, ab-testing, blue-green-mirroring, got 'rolling'",
    ],
    [
      'a weight out of range',
      { 'max-weight': '150' },
      "Input 'max-weight' must be a whole number from 1 to 100, got '150'",
    ],
    [
      'a step above the maximum',
      { 'max-weight': '30', 'step-weight': '40' },
      "Input 'step-weight': step-weight (40) must not exceed max-weight (30)",
    ],
    [
      'A/B testing on apisix',
      { strategy: 'ab-testing', match: 'x-canary=always' },
      "Input 'strategy': A/B testing is not supported by the apisix provider; Flagger supports it with istio, appmesh, nginx, contour, gloo, gatewayapi (apisix supports canary)",
    ],
    [
      'mirroring on apisix',
      { strategy: 'blue-green-mirroring' },
      "Input 'strategy': blue/green with traffic mirroring is not supported by the apisix provider; Flagger supports it with istio, gatewayapi (apisix supports canary)",
    ],
    ['an unknown provider', { provider: 'envoy' }, "Input 'provider' must be one of"],
    [
      'a malformed duration',
      { interval: '90 seconds' },
      "Input 'interval' must be a duration in Flagger's format",
    ],
    [
      'a malformed step list',
      { 'step-weights': '5, ten, 50' },
      "Input 'step-weights' must be whole numbers from 1 to 100, got 'ten'",
    ],
    [
      'a malformed delivery file',
      { config: 'delivery.yaml', environment: 'prod' },
      'delivery.yaml:',
      {
        'delivery.yaml': 'app: python-demo\nenvironments:\n  - name: prod\n    canary: { maxWeight: 500 }\n',
      },
    ],
  ]
  for (const [what, inputs, message, files] of refusals) {
    it(`refuses ${what} with one line, exit 1 and no file`, async () => {
      const ws = workspace(files)
      const result = await runBundledAction({
        actionDir,
        workspace: ws,
        inputs: { name: 'app', 'output-file': 'values.yaml', ...inputs },
      })
      expect(result.exitCode).toBe(1)
      const errors = result.annotations.filter((a) => a.level === 'error')
      expect(errors).toHaveLength(1)
      expect(errors[0]!.message.startsWith(message), errors[0]!.message).toBe(true)
      expect(errors[0]!.message).not.toContain('\n')
      expect(readdirSync(ws).sort()).toEqual(Object.keys(files ?? {}).sort())
      expect(result.outputs).toEqual({})
    })
  }
})
