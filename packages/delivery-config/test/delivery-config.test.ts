import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDeliveryFile, resolveEnvironment, resolveFromInputs } from '../src'

const EXAMPLE = `# how python-demo is delivered
app: python-demo
image: registry.example.com/base/scaffolding-design/python
gitops:
  repository: svc-design/gitops
  branch: main
  file: apps/{app}/{environment}/release.yaml
defaults:
  namespace: demo-python
  canary:
    provider: apisix
    successRate: 99
profiles:
  quick:
    interval: 10s
    stepWeight: 50
environments:
  - name: sit
    canary: { strategy: canary, profile: fast, successRate: 95 }
  - name: uat
  - name: prod
    namespace: demo-python-prod
    gitops: { branch: production }
    canary: { strategy: canary, profile: careful }
`

function errorOf(text: string): string {
  try {
    parseDeliveryFile(text, '.github/delivery.yaml')
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the file to be refused')
}

describe('the delivery file', () => {
  it('resolves one environment: defaults, then the environment, with the file template expanded', () => {
    const file = parseDeliveryFile(EXAMPLE, 'delivery.yaml')
    const sit = resolveEnvironment(file, 'sit')
    expect(sit).toMatchObject({
      app: 'python-demo',
      environment: 'sit',
      index: 0,
      nextEnvironment: 'uat',
      namespace: 'demo-python',
      helmRelease: 'python-demo',
      gitops: { repository: 'svc-design/gitops', branch: 'main', file: 'apps/python-demo/sit/release.yaml' },
      canary: { provider: 'apisix', strategy: 'canary', profile: 'fast', successRate: 95 },
      profiles: { quick: { interval: '10s', stepWeight: 50 } },
    })
    const prod = resolveEnvironment(file, 'prod')
    expect(prod.previousEnvironment).toBe('uat')
    expect(prod.namespace).toBe('demo-python-prod')
    expect(prod.gitops).toEqual({
      repository: 'svc-design/gitops',
      branch: 'production',
      file: 'apps/python-demo/prod/release.yaml',
    })
    expect(prod.canary).toEqual({
      provider: 'apisix',
      successRate: 99,
      strategy: 'canary',
      profile: 'careful',
    })
  })

  it('names an unknown environment and lists the known ones', () => {
    const file = parseDeliveryFile(EXAMPLE, 'delivery.yaml')
    expect(() => resolveEnvironment(file, 'staging', 'delivery.yaml')).toThrow(
      "Input 'environment': 'staging' is not in delivery.yaml (it has sit, uat, prod)",
    )
  })

  it('points at the line and key of an unknown key', () => {
    const text = EXAMPLE.replace('    successRate: 99', '    successRate: 99\n    stepweight: 10')
    expect(errorOf(text)).toBe(
      ".github/delivery.yaml:13:5: defaults.canary.stepweight: unknown key 'stepweight'",
    )
  })

  it('points at the value that breaks a rule', () => {
    expect(
      errorOf(EXAMPLE.replace('strategy: canary, profile: fast', 'strategy: rainbow, profile: fast')),
    ).toBe(
      '.github/delivery.yaml:19:25: environments[0].canary.strategy: must be one of canary, blue-green, ab-testing, blue-green-mirroring',
    )
    expect(errorOf(EXAMPLE.replace('successRate: 95', 'successRate: 250'))).toMatch(
      /^\.github\/delivery\.yaml:19:\d+: environments\[0\]\.canary\.successRate: must be <= 100$/,
    )
  })

  it('takes every analysis setting render-canary-values has an input for, and checks a port', () => {
    const text = EXAMPLE.replace(
      '    successRate: 99',
      '    successRate: 99\n    clientErrors: 5\n    metricsServer: http://prometheus.monitoring:9090\n    port: 8080\n    targetPort: http\n    gatewayRefs: [istio-ingress/public]',
    )
    expect(resolveEnvironment(parseDeliveryFile(text, 'delivery.yaml'), 'uat').canary).toMatchObject({
      clientErrors: 5,
      metricsServer: 'http://prometheus.monitoring:9090',
      port: 8080,
      targetPort: 'http',
      gatewayRefs: ['istio-ingress/public'],
    })
    expect(errorOf(text.replace('targetPort: http', 'targetPort: Web Port'))).toMatch(
      /^\.github\/delivery\.yaml:16:\d+: defaults\.canary\.targetPort: must match \^/,
    )
    expect(errorOf(text.replace('targetPort: http', 'targetPort: 70000'))).toMatch(
      /^\.github\/delivery\.yaml:16:\d+: defaults\.canary\.targetPort: must be <= 65535$/,
    )
  })

  it('reports a missing required key, YAML syntax errors and duplicate environments with their lines', () => {
    expect(errorOf('app: x\n')).toBe(".github/delivery.yaml:1:1: (top level): 'environments' is required")
    expect(errorOf('app: x\nenvironments:\n  - name: sit\n   bad: [\n')).toMatch(
      /^\.github\/delivery\.yaml:\d+:\d+: not valid YAML: /,
    )
    expect(errorOf('app: x\nenvironments:\n  - name: sit\n  - name: sit\n')).toBe(
      ".github/delivery.yaml:4:11: environments[1].name: 'sit' is already environments[0]",
    )
  })

  it('refuses a file template with an unknown placeholder', () => {
    const text = EXAMPLE.replace('apps/{app}/{environment}/release.yaml', 'apps/{application}/release.yaml')
    const file = parseDeliveryFile(text, 'delivery.yaml')
    expect(() => resolveEnvironment(file, 'sit')).toThrow(/gitops\.file: unknown placeholder \{application\}/)
  })

  it('is optional: no config input means explicit inputs only', () => {
    expect(resolveFromInputs({ environment: 'sit' })).toBeUndefined()
  })

  it('reads the config input relative to the workspace and needs environment when there are several', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'delivery-'))
    writeFileSync(join(workspace, 'delivery.yaml'), EXAMPLE)
    expect(resolveFromInputs({ config: 'delivery.yaml', environment: 'uat', workspace })?.environment).toBe(
      'uat',
    )
    expect(() => resolveFromInputs({ config: 'delivery.yaml', workspace })).toThrow(
      "Input 'environment' is required with 'config' (delivery.yaml has sit, uat, prod)",
    )
    expect(() => resolveFromInputs({ config: 'missing.yaml', workspace })).toThrow(
      "Input 'config': cannot read missing.yaml: no such file",
    )
  })
})
