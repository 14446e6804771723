import { BUILTIN_PROFILES, DEFAULT_PROFILE } from './profiles'
import { type CanarySettings, refuse } from './settings'

/** What rendering takes from one environment of a delivery file (delivery-config resolves it). */
export interface DeliveryEnvironment {
  environment: string
  namespace?: string
  /** The Helm release the chart names the Deployment and Canary after. */
  helmRelease: string
  canary: CanarySettings
  /** The file's own profiles; they override the built-in ones key by key. */
  profiles: Record<string, CanarySettings>
}

export type SettingSource = 'input' | 'delivery file' | `profile ${string}` | 'default'

export interface LayeredSettings {
  profile: string
  settings: CanarySettings
  /** Where each setting came from. */
  sources: Record<string, SettingSource>
  /** Things a person should know about the choice of profile. */
  notes: string[]
}

type Layer = { source: SettingSource; settings: CanarySettings }

const PACE_KEYS = ['stepWeight', 'stepWeights'] as const

/** Merges layers key by key; a layer that sets stepWeight or stepWeights replaces both. */
function merge(layers: Layer[]): { settings: CanarySettings; sources: Record<string, SettingSource> } {
  const settings: Record<string, unknown> = {}
  const sources: Record<string, SettingSource> = {}
  for (const { source, settings: layer } of layers) {
    if (PACE_KEYS.some((key) => layer[key] !== undefined)) {
      for (const key of PACE_KEYS) {
        delete settings[key]
        delete sources[key]
      }
    }
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue
      settings[key] = value
      sources[key] = source
    }
  }
  return { settings: settings as CanarySettings, sources }
}

/** Picks the profile: explicit, then the delivery file's, then the environment's own name, then uat. */
function chooseProfile(
  profile: string | undefined,
  environment: string | undefined,
  delivery: DeliveryEnvironment | undefined,
): { name: string; notes: string[] } {
  const fileProfiles = delivery?.profiles ?? {}
  const known = (name: string) => name in BUILTIN_PROFILES || name in fileProfiles
  const explicit = profile ?? delivery?.canary.profile
  if (explicit !== undefined) {
    if (!known(explicit)) {
      const names = [...new Set([...Object.keys(BUILTIN_PROFILES), ...Object.keys(fileProfiles)])].join(', ')
      refuse(
        'profile',
        `must name a built-in profile or one of the delivery file's (${names}), got '${explicit}'`,
      )
    }
    return { name: explicit, notes: [] }
  }
  const named = environment ?? delivery?.environment
  if (named && known(named)) return { name: named, notes: [] }
  return {
    name: DEFAULT_PROFILE,
    notes: [
      named
        ? `No profile is named '${named}': the ${DEFAULT_PROFILE} profile's numbers apply.`
        : `No environment or profile given: the ${DEFAULT_PROFILE} profile's numbers apply.`,
    ],
  }
}

/** The settings of one render: the profile's, then the delivery file's, then the explicit inputs. */
export function layerSettings({
  explicit,
  profile: requested,
  environment,
  delivery,
}: {
  explicit: CanarySettings
  profile?: string
  environment?: string
  delivery?: DeliveryEnvironment
}): LayeredSettings {
  const { name: profile, notes } = chooseProfile(requested, environment, delivery)
  if (explicit.stepWeight !== undefined && explicit.stepWeights !== undefined)
    refuse('step-weights', 'cannot be given together with step-weight (Flagger takes exactly one of them)')
  const { settings, sources } = merge([
    { source: `profile ${profile}`, settings: BUILTIN_PROFILES[profile] ?? {} },
    { source: 'delivery file', settings: delivery?.profiles[profile] ?? {} },
    { source: 'delivery file', settings: { ...delivery?.canary, profile: undefined, name: undefined } },
    { source: 'input', settings: explicit },
  ])
  return { profile, settings, sources, notes }
}
