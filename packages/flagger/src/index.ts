export { checkDuration, FLAGGER_DURATION, flaggerSeconds, goDurationSeconds } from './duration'
export {
  ACTIVE_PHASES,
  type ActivePhase,
  CANARY_PHASES,
  type CanaryPhase,
  isActivePhase,
  isCanaryPhase,
} from './phases'
export { checkNames, planMarkdown, planRows } from './plan'
export { BUILTIN_PROFILES, DEFAULT_PROFILE } from './profiles'
export {
  checkProvider,
  checkStrategyProvider,
  isSupported,
  PROVIDERS,
  type Provider,
  providerFamily,
  STRATEGIES,
  STRATEGY_TITLES,
  type Strategy,
  SUPPORT,
  supportersOf,
} from './providers'
export {
  buildCanary,
  buildMetricTemplate,
  CHART_DEFAULTS,
  type ChartContext,
  clientErrorsQuery,
} from './reference-chart'
export { type RenderInputs, type RenderResult, renderCanaryValues } from './render'
export { renderCanaryValuesLazily } from './render-lazily'
export {
  type BoundedSetting,
  type CanarySettings,
  type DurationBound,
  describeBound,
  inputName,
  NUMBER_SETTINGS,
  type NumberBound,
  type NumberSetting,
  SETTING_BOUNDS,
} from './settings'
export { parseAlerts, parseMatch } from './settings-checks'
export type { DeliveryEnvironment, SettingSource } from './settings-layers'
export {
  type AnalysisEstimate,
  type AnalysisLike,
  type AnalysisStep,
  type CanarySpecLike,
  canaryWeights,
  detectStrategy,
  estimateAnalysis,
  type PromotionPhase,
} from './strategy'
export { type KubeObject, knownKinds, toJsonSchema, type ValidationResult, validateObject } from './validate'
export type { AlertRef, CanaryValues, MatchCondition, StringMatch } from './values'
