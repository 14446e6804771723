import type { CanarySettings } from '@canary-delivery/flagger'

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
