export type Strategy = 'canary' | 'blue-green' | 'ab-testing' | 'blue-green-mirroring'

/** How Flagger analyses a release; every key is optional so that layers can be merged. */
export interface CanarySettings {
  name?: string
  strategy?: Strategy
  profile?: string
  provider?: string
  interval?: string
  threshold?: number
  maxWeight?: number
  stepWeight?: number
  stepWeights?: number[]
  iterations?: number
  successRate?: number
  latency?: number
  progressDeadlineSeconds?: number
  acceptanceTest?: string
  loadTest?: string
  loadtesterUrl?: string
  /** Maximum share of 4xx responses, in percent (apisix and nginx). */
  clientErrors?: number
  /** The Prometheus the analysis queries. */
  metricsServer?: string
  match?: string[]
  alerts?: string[]
  /** Gateways the HTTPRoute attaches to (gatewayapi providers), name or namespace/name. */
  gatewayRefs?: string[]
  /** The Service port and the container port (number or name) behind it. */
  port?: number
  targetPort?: number | string
}

export interface GitopsSettings {
  repository?: string
  branch?: string
  file?: string
}

export interface EnvironmentSettings {
  namespace?: string
  context?: string
  helmRelease?: string
  gitops?: GitopsSettings
  canary?: CanarySettings
}

export interface DeliveryFile {
  app: string
  image?: string
  gitops?: GitopsSettings
  defaults?: EnvironmentSettings
  profiles?: Record<string, CanarySettings>
  environments: (EnvironmentSettings & { name: string })[]
}

/** One environment with the defaults applied and the file template expanded. */
export interface ResolvedEnvironment {
  app: string
  image?: string
  environment: string
  /** Position in the delivery order, from 0. */
  index: number
  previousEnvironment?: string
  nextEnvironment?: string
  namespace?: string
  context?: string
  helmRelease: string
  gitops: GitopsSettings
  canary: CanarySettings
  /** Profiles the file defines (they override the built-in ones of the same name). */
  profiles: Record<string, CanarySettings>
  /** Where this came from, for messages. */
  source: string
}
