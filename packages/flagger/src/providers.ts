import { ConfigurationError } from '@canary-delivery/action-kit'

export type Strategy = 'canary' | 'blue-green' | 'ab-testing' | 'blue-green-mirroring'
export const STRATEGIES: readonly Strategy[] = ['canary', 'blue-green', 'ab-testing', 'blue-green-mirroring']

/** Checks a strategy name as the inputs and the delivery file spell it. */
export function checkStrategy(strategy: string, input = 'strategy'): Strategy {
  if ((STRATEGIES as readonly string[]).includes(strategy)) return strategy as Strategy
  throw new ConfigurationError(`Input '${input}' must be one of ${STRATEGIES.join(', ')}, got '${strategy}'`)
}

/** How people name each strategy. */
export const STRATEGY_TITLES: Record<Strategy, string> = {
  canary: 'canary (progressive traffic shifting)',
  'blue-green': 'blue/green',
  'ab-testing': 'A/B testing',
  'blue-green-mirroring': 'blue/green with traffic mirroring',
}

/** spec.provider values Flagger 1.44's CRD accepts. */
export const PROVIDERS = [
  'apisix',
  'appmesh',
  'appmesh:v1beta2',
  'contour',
  'gatewayapi:v1',
  'gatewayapi:v1beta1',
  'gloo',
  'istio',
  'knative',
  'kubernetes',
  'kuma',
  'linkerd',
  'nginx',
  'osm',
  'skipper',
  'smi:v1alpha1',
  'smi:v1alpha2',
  'smi:v1alpha3',
  'traefik',
] as const
export type Provider = (typeof PROVIDERS)[number]

/** Which providers support which strategy, from Flagger's documentation (by provider family). */
export const SUPPORT: Record<Strategy, readonly string[]> = {
  canary: [
    'istio',
    'linkerd',
    'appmesh',
    'nginx',
    'skipper',
    'contour',
    'gloo',
    'traefik',
    'kuma',
    'gatewayapi',
    'apisix',
    'knative',
  ],
  'ab-testing': ['istio', 'appmesh', 'nginx', 'contour', 'gloo', 'gatewayapi'],
  'blue-green': ['kubernetes', 'istio', 'linkerd', 'appmesh', 'nginx', 'contour', 'gloo', 'gatewayapi'],
  'blue-green-mirroring': ['istio', 'gatewayapi'],
}

/** `gatewayapi:v1` → `gatewayapi`: the support table speaks of families. */
export const providerFamily = (provider: string): string => provider.split(':')[0]!

/** Providers whose Flagger router needs something the reference chart does not deploy. */
const NOT_FOR_THE_CHART: Record<string, string> = {
  knative:
    "Flagger's knative provider targets a Knative Service, and the reference chart deploys a Deployment",
}

/** Checks a provider name as Flagger's CRD spells it; `gatewayapi` alone gets the version it needs. */
export function checkProvider(provider: string, input = 'provider'): Provider {
  if ((PROVIDERS as readonly string[]).includes(provider)) {
    if (NOT_FOR_THE_CHART[provider]) {
      throw new ConfigurationError(
        `Input '${input}': ${provider} is not supported here: ${NOT_FOR_THE_CHART[provider]}`,
      )
    }
    return provider as Provider
  }
  const versions = PROVIDERS.filter((p) => providerFamily(p) === provider)
  const hint = versions.length > 0 ? ` (Flagger wants the version too: ${versions.join(' or ')})` : ''
  throw new ConfigurationError(
    `Input '${input}' must be one of ${PROVIDERS.join(', ')}, got '${provider}'${hint}`,
  )
}

/** Providers that support a strategy, as a sentence fragment. */
export const supportersOf = (strategy: Strategy): string => SUPPORT[strategy].join(', ')

/** Refuses a strategy the provider cannot run, naming the providers that can. */
export function checkStrategyProvider(strategy: Strategy, provider: string, input = 'strategy'): void {
  const family = providerFamily(provider)
  if (SUPPORT[strategy].includes(family)) return
  throw new ConfigurationError(
    `Input '${input}': ${STRATEGY_TITLES[strategy]} is not supported by the ${provider} provider; ` +
      `Flagger supports it with ${supportersOf(strategy)}` +
      (SUPPORT.canary.includes(family) && strategy !== 'canary' ? ` (${provider} supports canary)` : ''),
  )
}

/** Whether a strategy/provider pair is allowed (for tables and tests). */
export function isSupported(strategy: Strategy, provider: string): boolean {
  return SUPPORT[strategy].includes(providerFamily(provider))
}
