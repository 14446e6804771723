// Helpers shared by the tests of renderCanaryValues' parts.
import { isConfigurationError } from '@canary-delivery/action-kit'
import { expect, it } from 'vitest'
import { PROVIDERS, providerFamily, type RenderInputs, renderCanaryValues, type Strategy } from '../src/index'

export const ENVIRONMENTS = ['sit', 'uat', 'prod'] as const
// knative is refused before the table: Flagger's knative provider targets a Knative Service.
export const CHART_PROVIDERS = PROVIDERS.filter((p) => p !== 'knative')

/** What a strategy/provider pair needs besides the profile's numbers. */
export function extras(strategy: Strategy, provider: string): Partial<RenderInputs> {
  return {
    ...(strategy === 'ab-testing' ? { match: ['x-canary=always', 'cookie:canary=always'] } : {}),
    ...(providerFamily(provider) === 'gatewayapi' ? { gatewayRefs: ['istio-ingress/public'] } : {}),
    ...(['apisix', 'nginx'].includes(providerFamily(provider)) ? { clientErrors: 5 } : {}),
  }
}

/** The error's message and the input it names (every refusal starts with `Input 'name'`). */
export function configurationError(fn: () => unknown): { message: string; input?: string } {
  try {
    fn()
  } catch (error) {
    if (isConfigurationError(error))
      return { message: error.message, input: /^Input '([^']+)'/.exec(error.message)?.[1] }
    throw error
  }
  throw new Error('expected a configuration error')
}

/** A refusal: what is wrong, the inputs (over name app in uat), the input the error names, its message. */
export type Refusal = [what: string, inputs: Partial<RenderInputs>, input: string, message: RegExp]

/** One test per refusal: a one-line configuration error that starts by naming the input. */
export function itRefuses(cases: Refusal[]): void {
  for (const [what, inputs, input, message] of cases) {
    it(what, () => {
      const error = configurationError(() =>
        renderCanaryValues({ name: 'app', environment: 'uat', ...inputs }),
      )
      expect(error.input).toBe(input)
      expect(error.message).toMatch(new RegExp(`^Input '${input}'`))
      expect(error.message).toMatch(message)
      expect(error.message).not.toMatch(/\n/)
    })
  }
}
