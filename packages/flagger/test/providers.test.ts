import { describe, expect, it } from 'vitest'
import { isSupported, renderCanaryValues, STRATEGIES } from '../src/index'
import { CHART_PROVIDERS, configurationError, extras, itRefuses } from './render-support'

describe('strategies and providers as Flagger spells them', () => {
  itRefuses([
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
  ])

  it('refuses every strategy a provider does not support, naming the providers that do', () => {
    let refused = 0
    for (const strategy of STRATEGIES) {
      for (const provider of CHART_PROVIDERS.filter((p) => !isSupported(strategy, p))) {
        const error = configurationError(() =>
          renderCanaryValues({ name: 'app', strategy, provider, ...extras(strategy, provider) }),
        )
        expect(error.input).toBe('strategy')
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
