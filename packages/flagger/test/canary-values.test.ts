import { describe } from 'vitest'
import { itRefuses } from './render-support'

describe('settings a strategy or a provider cannot use are refused, naming the input', () => {
  itRefuses([
    ['step above max', { stepWeight: 60, maxWeight: 50 }, 'step-weight', /must not exceed max-weight \(50\)/],
    [
      'max weight with step weights',
      { stepWeights: [10, 20], maxWeight: 50 },
      'max-weight',
      /has no effect with step-weights/,
    ],
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
    ['client errors on istio', { provider: 'istio', clientErrors: 5 }, 'client-errors', /apisix or nginx/],
    ['gatewayapi without gateways', { provider: 'gatewayapi:v1' }, 'gateway-refs', /is required/],
  ])
})
