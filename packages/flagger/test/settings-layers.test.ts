import { describe, expect, it } from 'vitest'
import { BUILTIN_PROFILES, type DeliveryEnvironment, renderCanaryValues } from '../src/index'
import { configurationError, ENVIRONMENTS, itRefuses } from './render-support'

const delivery = (overrides: Partial<DeliveryEnvironment> = {}): DeliveryEnvironment => ({
  environment: 'prod',
  namespace: 'demo-python',
  helmRelease: 'python-demo',
  canary: {},
  profiles: {},
  ...overrides,
})

describe('profiles and where the numbers come from', () => {
  it('picks the profile named after the environment', () => {
    for (const environment of ENVIRONMENTS) {
      const result = renderCanaryValues({ name: 'app', environment })
      expect(result.profile).toBe(environment)
      const profile = BUILTIN_PROFILES[environment]!
      expect(result.values.analysis.interval).toBe(profile.interval)
      expect(result.values.analysis.threshold).toBe(profile.threshold)
      expect(result.values.checks.successRate).toBe(profile.successRate)
    }
    expect(renderCanaryValues({ name: 'app', environment: 'prod' }).values.analysis.stepWeights).toEqual([
      5, 10, 20, 30, 40, 50,
    ])
  })

  it('falls back to uat, and says so, for an environment without a profile', () => {
    const result = renderCanaryValues({ name: 'app', environment: 'staging' })
    expect(result.profile).toBe('uat')
    expect(result.notes[0]).toMatch(/No profile is named 'staging'/)
  })

  it('layers the delivery file over the profile and the inputs over both, key by key', () => {
    const result = renderCanaryValues({
      delivery: delivery({
        profiles: { prod: { interval: '2m' } },
        canary: { threshold: 7, provider: 'nginx', strategy: 'blue-green' },
      }),
      iterations: 12,
    })
    expect(result.profile).toBe('prod')
    expect(result.provider).toBe('nginx')
    expect(result.strategy).toBe('blue-green')
    expect(result.values.analysis).toEqual({ interval: '2m', threshold: 7, iterations: 12 })
    expect(result.sources).toMatchObject({
      interval: 'delivery file',
      threshold: 'delivery file',
      iterations: 'input',
      successRate: 'profile prod',
    })
    expect(result.estimate.analysisSeconds).toBe((12 + 4) * 120)
    expect(result.canary.metadata).toEqual({ name: 'python-demo', namespace: 'demo-python' })
  })

  it('takes client errors, the metrics server and the ports from the delivery file, inputs still winning', () => {
    const fromFile = delivery({
      canary: {
        clientErrors: 2,
        metricsServer: 'http://prometheus.monitoring:9090',
        port: 8080,
        targetPort: 'http',
      },
    })
    const result = renderCanaryValues({ delivery: fromFile })
    expect(result.values.checks.clientErrors).toBe(2)
    expect(result.values.metricsServer).toBe('http://prometheus.monitoring:9090')
    expect(result.values.service).toEqual({ port: 8080, targetPort: 'http' })
    expect(result.metricTemplate?.spec).toMatchObject({
      provider: { address: 'http://prometheus.monitoring:9090' },
    })
    expect(result.sources).toMatchObject({ clientErrors: 'delivery file', port: 'delivery file' })

    const overridden = renderCanaryValues({ delivery: fromFile, clientErrors: 1, targetPort: 9000 })
    expect(overridden.values.checks.clientErrors).toBe(1)
    expect(overridden.values.service).toEqual({ port: 8080, targetPort: 9000 })

    const gateway = renderCanaryValues({
      delivery: delivery({ canary: { provider: 'gatewayapi:v1', gatewayRefs: ['istio-ingress/public'] } }),
    })
    expect(gateway.values.service?.gatewayRefs).toEqual([{ name: 'public', namespace: 'istio-ingress' }])
    expect(
      configurationError(() => renderCanaryValues({ delivery: delivery({ canary: { clientErrors: 101 } }) })),
    ).toMatchObject({ input: 'client-errors' })
  })

  it("lets a step-weight replace a profile's step-weights (Flagger takes one of them)", () => {
    const result = renderCanaryValues({ name: 'app', environment: 'prod', stepWeight: 20, maxWeight: 60 })
    expect(result.values.analysis).toEqual({ interval: '1m', threshold: 5, maxWeight: 60, stepWeight: 20 })
    expect(result.estimate.steps.map((s) => s.weight)).toEqual([20, 40, 60])
  })

  it("uses a profile the delivery file defines, and the file's Canary name", () => {
    const result = renderCanaryValues({
      delivery: delivery({
        profiles: { nightly: { interval: '20s', stepWeight: 50, maxWeight: 100 } },
        canary: { profile: 'nightly', name: 'py' },
      }),
    })
    expect(result.profile).toBe('nightly')
    expect(result.values.name).toBe('py')
    expect(result.canary.metadata?.name).toBe('py')
    expect((result.canary.spec as { targetRef: { name: string } }).targetRef.name).toBe('python-demo')
  })
})

describe('layering refusals, naming the input', () => {
  itRefuses([
    [
      'both step forms',
      { stepWeights: [10, 20], stepWeight: 10 },
      'step-weights',
      /together with step-weight/,
    ],
    ['unknown profile', { profile: 'yolo' }, 'profile', /built-in profile/],
  ])
})
