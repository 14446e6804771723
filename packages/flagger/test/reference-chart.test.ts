import { helmTemplate, ofKind, withoutLabels } from '@canary-delivery/tools'
import { describe, expect, it } from 'vitest'
import { isSupported, providerFamily, renderCanaryValues, STRATEGIES, validateObject } from '../src/index'
import { CHART_PROVIDERS, ENVIRONMENTS, extras } from './render-support'

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
