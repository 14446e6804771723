import { isConfigurationError } from '@canary-delivery/action-kit'
import type { ResolvedEnvironment } from '@canary-delivery/delivery-config'
import { helmTemplate, ofKind, withoutLabels } from '@canary-delivery/tools'
import { describe, expect, it } from 'vitest'
import {
  BUILTIN_PROFILES,
  isSupported,
  PROVIDERS,
  providerFamily,
  type RenderInputs,
  renderCanaryValues,
  STRATEGIES,
  type Strategy,
  validateObject,
} from '../src/index'

const ENVIRONMENTS = ['sit', 'uat', 'prod'] as const
// knative is refused before the table: Flagger's knative provider targets a Knative Service.
const CHART_PROVIDERS = PROVIDERS.filter((p) => p !== 'knative')

/** What a strategy/provider pair needs besides the profile's numbers. */
function extras(strategy: Strategy, provider: string): Partial<RenderInputs> {
  return {
    ...(strategy === 'ab-testing' ? { match: ['x-canary=always', 'cookie:canary=always'] } : {}),
    ...(providerFamily(provider) === 'gatewayapi' ? { gatewayRefs: ['istio-ingress/public'] } : {}),
    ...(['apisix', 'nginx'].includes(providerFamily(provider)) ? { clientErrors: 5 } : {}),
  }
}

function configurationError(fn: () => unknown): { message: string } {
  try {
    fn()
  } catch (error) {
    if (isConfigurationError(error)) return { message: error.message }
    throw error
  }
  throw new Error('expected a configuration error')
}

const delivery = (overrides: Partial<ResolvedEnvironment> = {}): ResolvedEnvironment => ({
  app: 'python-demo',
  environment: 'prod',
  index: 2,
  namespace: 'demo-python',
  helmRelease: 'python-demo',
  gitops: {},
  canary: {},
  profiles: {},
  source: '.github/delivery.yaml',
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
    ).toMatchObject({ message: expect.stringMatching(/^Input 'client-errors'/) })
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

describe('refusals, each naming the input', () => {
  const cases: [string, Partial<RenderInputs>, string, RegExp][] = [
    [
      'unknown strategy',
      { strategy: 'rolling' },
      'strategy',
      /must be one of canary, blue-green, ab-testing, blue-green-mirroring/,
    ],
    ['unknown provider', { provider: 'traefik2' }, 'provider', /must be one of apisix, appmesh/],
    [
      'gatewayapi without version',
      { provider: 'gatewayapi' },
      'provider',
      /gatewayapi:v1 or gatewayapi:v1beta1/,
    ],
    ['knative', { provider: 'knative' }, 'provider', /Knative Service/],
    ['max weight over 100', { maxWeight: 101 }, 'max-weight', /from 1 to 100/],
    ['step weight 0', { stepWeight: 0 }, 'step-weight', /from 1 to 100/],
    ['step above max', { stepWeight: 60, maxWeight: 50 }, 'step-weight', /must not exceed max-weight \(50\)/],
    ['falling step weights', { stepWeights: [10, 5] }, 'step-weights', /must rise/],
    [
      'both step forms',
      { stepWeights: [10, 20], stepWeight: 10 },
      'step-weights',
      /together with step-weight/,
    ],
    [
      'max weight with step weights',
      { stepWeights: [10, 20], maxWeight: 50 },
      'max-weight',
      /has no effect with step-weights/,
    ],
    ['interval in hours', { interval: '1h' }, 'interval', /Flagger's format/],
    ['interval under 10s', { interval: '5s' }, 'interval', /at least 10s/],
    ['threshold 0', { threshold: 0 }, 'threshold', /at least 1/],
    ['success rate over 100', { successRate: 101 }, 'success-rate', /percentage/],
    ['latency 0', { latency: 0 }, 'latency', /above 0/],
    ['iterations for a canary', { iterations: 5 }, 'iterations', /a canary steps by weight/],
    [
      'weights for blue/green',
      { strategy: 'blue-green', provider: 'kubernetes', stepWeight: 10 },
      'step-weight',
      /counts iterations/,
    ],
    [
      'A/B without match',
      { strategy: 'ab-testing', provider: 'nginx' },
      'match',
      /is required for ab-testing/,
    ],
    ['match for a canary', { match: ['x-canary=always'] }, 'match', /ab-testing only/],
    [
      'bad match',
      { strategy: 'ab-testing', provider: 'istio', match: ['x-canary'] },
      'match',
      /header=value/,
    ],
    [
      'nginx cookie value',
      { strategy: 'ab-testing', provider: 'nginx', match: ['cookie:beta=yes'] },
      'match',
      /cookie:beta=always/,
    ],
    ['bad alert', { alerts: ['On Call'] }, 'alerts', /namespace\/name/],
    ['bad load tester URL', { loadtesterUrl: 'flagger-loadtester' }, 'loadtester-url', /http:\/\//],
    ['client errors on istio', { provider: 'istio', clientErrors: 5 }, 'client-errors', /apisix or nginx/],
    ['gatewayapi without gateways', { provider: 'gatewayapi:v1' }, 'gateway-refs', /is required/],
    ['unknown profile', { profile: 'yolo' }, 'profile', /built-in profile/],
    ['bad release name', { name: 'Python_Demo' }, 'name', /Helm release name/],
    ['no name', { name: undefined }, 'name', /is required without a delivery file/],
    ['bad target port', { targetPort: 'Web Port' }, 'target-port', /port number or a port name/],
  ]
  for (const [what, inputs, input, message] of cases) {
    it(what, () => {
      const error = configurationError(() =>
        renderCanaryValues({ name: 'app', environment: 'uat', ...inputs }),
      )
      expect(error.message).toMatch(new RegExp(`^Input '${input}'`))
      expect(error.message).toMatch(message)
      expect(error.message).not.toMatch(/\n/)
    })
  }

  it('refuses every strategy a provider does not support, naming the providers that do', () => {
    let refused = 0
    for (const strategy of STRATEGIES) {
      for (const provider of CHART_PROVIDERS.filter((p) => !isSupported(strategy, p))) {
        const error = configurationError(() =>
          renderCanaryValues({ name: 'app', strategy, provider, ...extras(strategy, provider) }),
        )
        expect(error.message).toMatch(/^Input 'strategy': /)
        expect(error.message).toContain(`not supported by the ${provider} provider`)
        refused++
      }
    }
    // A/B testing and mirroring on apisix, the suite's own provider:
    expect(
      configurationError(() => renderCanaryValues({ name: 'app', strategy: 'ab-testing', match: ['x=y'] }))
        .message,
    ).toBe(
      "Input 'strategy': A/B testing is not supported by the apisix provider; Flagger supports it with istio, appmesh, nginx, contour, gloo, gatewayapi (apisix supports canary)",
    )
    expect(
      configurationError(() => renderCanaryValues({ name: 'app', strategy: 'blue-green-mirroring' })).message,
    ).toMatch(
      /blue\/green with traffic mirroring is not supported by the apisix provider; Flagger supports it with istio, gatewayapi/,
    )
    expect(refused).toBe(STRATEGIES.length * CHART_PROVIDERS.length - 34)
  })
})

describe('values → real helm template of the reference chart → Flagger and APISIX CRDs', () => {
  const combos = STRATEGIES.flatMap((strategy) =>
    CHART_PROVIDERS.filter((provider) => isSupported(strategy, provider)).flatMap((provider) =>
      ENVIRONMENTS.map((environment) => ({ strategy, provider, environment })),
    ),
  )

  it('covers every allowed strategy × provider × environment', () => {
    expect(combos.length).toBe(34 * 3)
  })

  it("renders a Canary equal to the action's prediction, valid against the CRDs, for each", async () => {
    const queue = [...combos]
    const failures: string[] = []
    const worker = async () => {
      for (let combo = queue.shift(); combo; combo = queue.shift()) {
        const { strategy, provider, environment } = combo
        const label = `${strategy} × ${provider} × ${environment}`
        const result = renderCanaryValues({
          name: 'python-demo',
          namespace: 'demo-python',
          environment,
          strategy,
          provider,
          acceptanceTest: 'curl -sf http://python-demo-canary.demo-python/healthz',
          loadTest: 'hey -z 1m -q 10 -c 2 "http://python-demo-canary.demo-python/"',
          alerts: ['flagger-system/on-call'],
          ...extras(strategy, provider),
        })
        const objects = await helmTemplate(result.valuesYaml)
        const [canary, ...more] = ofKind(objects, 'Canary')
        if (!canary || more.length) failures.push(`${label}: expected one Canary`)
        else if (!isDeepEqual(withoutLabels(canary), result.canary)) {
          failures.push(
            `${label}: the chart's Canary differs from the action's\n${JSON.stringify(canary)}\n${JSON.stringify(result.canary)}`,
          )
        }
        for (const object of objects.filter((o) =>
          ['Canary', 'MetricTemplate', 'ApisixRoute'].includes(o.kind!),
        )) {
          const validation = validateObject(object)
          if (!validation.valid) failures.push(`${label}: ${object.kind} ${validation.errors.join('; ')}`)
        }
        const family = providerFamily(provider)
        const routes = ofKind(objects, 'ApisixRoute')
        const ingresses = ofKind(objects, 'Ingress')
        if (family === 'apisix') {
          const plugins = (
            routes[0]?.spec as { http: { plugins: unknown[]; backends: { serviceName: string }[] }[] }
          )?.http[0]
          if (
            routes.length !== 1 ||
            !isDeepEqual(plugins?.plugins, [
              { name: 'prometheus', enable: true, config: { prefer_name: true } },
            ])
          ) {
            failures.push(`${label}: expected one ApisixRoute with the prometheus plugin (prefer_name)`)
          }
          if (plugins?.backends[0]?.serviceName !== 'python-demo')
            failures.push(`${label}: the route must point at the apex service`)
        }
        if (
          (family === 'nginx' || family === 'skipper') &&
          (ingresses.length !== 1 ||
            (ingresses[0]!.spec as { ingressClassName: string }).ingressClassName !== family)
        ) {
          failures.push(`${label}: expected one Ingress of class ${family}`)
        }
        if (ofKind(objects, 'Service').length !== 0)
          failures.push(`${label}: the chart must leave the Services to Flagger`)
        if (ofKind(objects, 'MetricTemplate').length !== (result.metricTemplate ? 1 : 0))
          failures.push(`${label}: MetricTemplate count`)
        const template = ofKind(objects, 'MetricTemplate')[0]
        if (template && !isDeepEqual(withoutLabels(template), result.metricTemplate))
          failures.push(`${label}: MetricTemplate differs`)
      }
    }
    await Promise.all([worker(), worker()])
    expect(failures).toEqual([])
  })

  it("keeps Flagger's placeholders in the MetricTemplate query for Flagger to fill in", async () => {
    const result = renderCanaryValues({ name: 'python-demo', environment: 'prod', clientErrors: 5 })
    const [template] = ofKind(await helmTemplate(result.valuesYaml), 'MetricTemplate')
    const query = (template!.spec as { query: string }).query
    expect(query).toContain('route=~"{{ namespace }}_{{ route }}-{{ target }}-canary_.+"')
    expect(query).toContain('[{{ interval }}]')
  })

  it('renders its own Service and no Canary when the canary is off, and the analysis defaults when only enabled is set', async () => {
    const off = await helmTemplate('image:\n  tag: "0123abc"\n')
    expect(ofKind(off, 'Service').map((s) => s.metadata?.name)).toEqual(['python-demo'])
    expect(ofKind(off, 'Canary')).toEqual([])
    const deployment = ofKind(off, 'Deployment')[0]!
    expect(JSON.stringify(deployment)).toContain('registry.example.com/team/app:0123abc')
    const on = await helmTemplate('canary:\n  enabled: true\n')
    const [canary] = ofKind(on, 'Canary')
    expect(validateObject(canary!)).toEqual({ valid: true, errors: [] })
    expect((canary!.spec as { analysis: object }).analysis).toMatchObject({
      interval: '1m',
      threshold: 3,
      maxWeight: 50,
      stepWeight: 10,
    })
  })

  it('points the Canary, the route and the Deployment at the same ports', async () => {
    const result = renderCanaryValues({ name: 'go-demo', environment: 'sit', port: 8080, targetPort: 8080 })
    const objects = await helmTemplate(result.valuesYaml, { release: 'go-demo' })
    const text = JSON.stringify(objects)
    expect((ofKind(objects, 'Canary')[0]!.spec as { service: object }).service).toEqual({
      port: 8080,
      targetPort: 8080,
    })
    expect(text).toContain('"servicePort":8080')
    expect(text).toContain('"containerPort":8080')
  })
})

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b)
    return true
  } catch {
    return false
  }
}

describe('the README', () => {
  it('states the built-in profiles and their run times as the code has them', async () => {
    const { readFileSync } = await import('node:fs')
    const readme = readFileSync(
      new URL('../../../actions/render-canary-values/README.md', import.meta.url),
      'utf8',
    )
    for (const [name, profile] of Object.entries(BUILTIN_PROFILES)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\``))
      expect(row, name).toBeDefined()
      const cells = row!.split('|').map((cell) => cell.trim())
      const canaryRun = renderCanaryValues({ name: 'a', profile: name }).estimate.analysisSeconds
      const blueGreenRun = renderCanaryValues({
        name: 'a',
        profile: name,
        strategy: 'blue-green',
        provider: 'nginx',
      }).estimate.analysisSeconds
      const weights = profile.stepWeights
        ? profile.stepWeights.join(', ')
        : `${profile.stepWeight} up to ${profile.maxWeight}`
      expect(cells.slice(2, 11), name).toEqual([
        profile.interval,
        String(profile.threshold),
        weights,
        String(profile.iterations),
        `${profile.successRate}%`,
        `${profile.latency} ms`,
        `${profile.progressDeadlineSeconds}s`,
        `${canaryRun}s`,
        `${blueGreenRun}s`,
      ])
    }
  })
})
