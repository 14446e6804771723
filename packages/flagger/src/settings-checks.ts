import { providerFamily } from './providers'
import {
  type CanarySettings,
  checkBound,
  checkInterval,
  inputName,
  NUMBER_SETTINGS,
  refuse,
} from './settings'
import type { AlertRef, MatchCondition } from './values'

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

function checkUrl(key: 'loadtesterUrl' | 'metricsServer', url: string | undefined): void {
  if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url))
    refuse(inputName(key), `must be an http:// or https:// URL, got '${url}'`)
}

/**
 * Checks every setting that can be judged on its own: the bounds, the order of step weights, the
 * URLs and the port name. What depends on the strategy or the provider is checked where the values
 * are built.
 */
export function checkSettings(settings: CanarySettings): void {
  if (settings.interval !== undefined) checkInterval(settings.interval)
  for (const key of NUMBER_SETTINGS) {
    const value = settings[key]
    // stepWeights is bounded step by step; a targetPort that is a name is checked below.
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'number') checkBound(key, item)
    }
  }
  const { stepWeights } = settings
  if (stepWeights !== undefined) {
    if (stepWeights.length === 0) refuse('step-weights', 'must list at least one weight')
    if (stepWeights.some((weight, i) => i > 0 && weight <= stepWeights[i - 1]!)) {
      refuse(
        'step-weights',
        `must rise step by step (Flagger moves to the next larger weight), got '${stepWeights.join(', ')}'`,
      )
    }
  }
  checkUrl('loadtesterUrl', settings.loadtesterUrl)
  checkUrl('metricsServer', settings.metricsServer)
  const { targetPort } = settings
  if (typeof targetPort === 'string' && (!DNS_LABEL.test(targetPort) || targetPort.length > 15))
    refuse('target-port', `must be a port number or a port name (IANA_SVC_NAME), got '${targetPort}'`)
}

/** The Helm release the chart names everything after: given, or the delivery file's. */
export function checkReleaseName(release: string | undefined): string {
  if (!release) {
    refuse(
      'name',
      'is required without a delivery file: the Helm release name the chart names the Deployment and Canary after',
    )
  }
  if (!DNS_LABEL.test(release) || release.length > 53) {
    refuse(
      'name',
      `must be a Helm release name (lower-case letters, digits and '-', at most 53), got '${release}'`,
    )
  }
  return release
}

/** `x-canary=always`, `x-canary~=^insider.*`, `cookie:canary=always`. */
export function parseMatch(items: string[], provider: string): MatchCondition[] {
  return items.map((item) => {
    const cookie = /^cookie:([^=~\s]+)=(.+)$/.exec(item)
    if (cookie) {
      const [, name, value] = cookie as unknown as [string, string, string]
      if (providerFamily(provider) === 'nginx') {
        // NGINX routes by cookie name: the canary gets requests whose cookie is set to "always".
        if (value !== 'always')
          refuse('match', `with nginx routes by cookie name only (cookie:${name}=always), got '${item}'`)
        return { headers: { cookie: { exact: name } } }
      }
      const escaped = `${name}=${value}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      return { headers: { cookie: { regex: `^(.*?;)?(${escaped})(;.*)?$` } } }
    }
    const regex = /^([A-Za-z0-9-]+)~=(.+)$/.exec(item)
    if (regex) return { headers: { [regex[1]!.toLowerCase()]: { regex: regex[2]! } } }
    const exact = /^([A-Za-z0-9-]+)=(.+)$/.exec(item)
    if (exact) return { headers: { [exact[1]!.toLowerCase()]: { exact: exact[2]! } } }
    return refuse(
      'match',
      `must be header=value, header~=regex or cookie:name=value conditions, got '${item}'`,
    )
  })
}

/** `name` or `namespace/name` of an AlertProvider. */
export function parseAlerts(items: string[]): AlertRef[] {
  return items.map((item) => {
    const parts = /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/)?([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/.exec(item)
    if (!parts) refuse('alerts', `must be AlertProvider names, as name or namespace/name, got '${item}'`)
    const [, namespace, , name] = parts
    return { name: name!, providerRef: namespace ? { name: name!, namespace } : { name: name! } }
  })
}

/** `name` or `namespace/name` of a Gateway. */
export function parseGatewayRefs(items: string[]): { name: string; namespace?: string }[] {
  return items.map((item) => {
    const parts = /^(?:([a-z0-9][-a-z0-9]*)\/)?([a-z0-9][-a-z0-9.]*)$/.exec(item)
    if (!parts) refuse('gateway-refs', `must be Gateway references as name or namespace/name, got '${item}'`)
    return parts[1] ? { name: parts[2]!, namespace: parts[1] } : { name: parts[2]! }
  })
}
