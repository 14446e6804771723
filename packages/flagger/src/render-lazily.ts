import { stringify } from 'yaml'
import { canaryValues } from './canary-values'
import {
  checkProvider,
  checkStrategy,
  checkStrategyProvider,
  type Provider,
  type Strategy,
} from './providers'
import { buildCanary, buildMetricTemplate } from './reference-chart'
import type { CanarySettings } from './settings'
import { checkReleaseName, checkSettings } from './settings-checks'
import { type DeliveryEnvironment, layerSettings, type SettingSource } from './settings-layers'
import { type AnalysisEstimate, detectStrategy, estimateAnalysis } from './strategy'
import type { KubeObject, ValidationResult } from './validate'
import type { CanaryValues } from './values'

/** Explicit inputs: each overrides the delivery file, which overrides the profile. */
export interface RenderInputs extends Omit<CanarySettings, 'name' | 'strategy'> {
  /** The resolved delivery-file environment, when a `config` was given. */
  delivery?: DeliveryEnvironment
  /** The environment's name (selects a profile of the same name when there is one). */
  environment?: string
  /** The Helm release (and so Deployment, apex Service, Canary) name. */
  name?: string
  namespace?: string
  strategy?: string
}

export interface RenderResult {
  /** The `canary:` block's content. */
  values: CanaryValues
  /** `canary:` and the block, as YAML for spec.values. */
  valuesYaml: string
  /** The Canary the reference chart renders from these values. */
  canary: KubeObject
  /** The chart's MetricTemplate, when a check needs it. */
  metricTemplate?: KubeObject
  strategy: Strategy
  provider: Provider
  profile: string
  estimate: AnalysisEstimate
  /** Where each analysis setting came from. */
  sources: Record<string, SettingSource>
  /** Things a person should know about the plan. */
  notes: string[]
}

/**
 * Everything render-canary-values does but the last check (Flagger's CRD): settings from profile, file and inputs;
 * values; the Canary and MetricTemplate the chart renders; every refusal of bad input.
 */
export function renderUnchecked(inputs: RenderInputs): RenderResult {
  // Every other input is a canary setting under the same name as in the delivery file.
  const { delivery, environment, profile: requested, name, namespace, ...explicit } = inputs
  const { profile, settings, sources, notes } = layerSettings({
    explicit: explicit as CanarySettings,
    profile: requested,
    environment,
    delivery,
  })
  const strategy = checkStrategy(settings.strategy ?? 'canary')
  const provider = checkProvider(settings.provider ?? 'apisix')
  checkStrategyProvider(strategy, provider)
  checkSettings(settings)
  const built = canaryValues({ settings, sources, strategy, provider, name: delivery?.canary.name })
  const { values } = built

  const release = checkReleaseName(name ?? delivery?.helmRelease)
  const chart = { release, namespace: namespace ?? delivery?.namespace }
  const canary = buildCanary(values, chart)
  const metricTemplate = buildMetricTemplate(values, chart)

  const detected = detectStrategy(canary)
  if (detected !== strategy)
    throw new Error(`rendered a ${detected} Canary for strategy ${strategy} (a bug in render-canary-values)`)

  return {
    values,
    valuesYaml: stringify({ canary: values }, { lineWidth: 0 }),
    canary,
    ...(metricTemplate ? { metricTemplate } : {}),
    strategy,
    provider,
    profile,
    estimate: estimateAnalysis(canary),
    sources,
    notes: [...notes, ...built.notes],
  }
}

/**
 * The last word is the API server's: the Canary (and MetricTemplate) must pass Flagger's CRD as
 * written. Failing it is a bug here, not bad input.
 */
export function checkAgainstCrds(
  result: RenderResult,
  validate: (object: KubeObject) => ValidationResult,
): void {
  for (const object of [result.canary, result.metricTemplate]) {
    if (!object) continue
    const validation = validate(object)
    if (!validation.valid) {
      throw new Error(
        `the rendered ${object.kind} does not pass Flagger's CRD (a bug in render-canary-values): ${validation.errors.join('; ')}`,
      )
    }
  }
}

/**
 * renderCanaryValues for a step that must start fast: the CRD schemas and their validator (ajv,
 * a third of render-canary-values' bundle) are loaded only once every other check has passed, so
 * a run that stops at an input error never loads them.
 */
export async function renderCanaryValuesLazily(inputs: RenderInputs): Promise<RenderResult> {
  const result = renderUnchecked(inputs)
  const { validateObject } = await import('./validate')
  checkAgainstCrds(result, validateObject)
  return result
}
