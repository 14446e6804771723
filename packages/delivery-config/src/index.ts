export { loadDeliveryFile, parseDeliveryFile } from './load'
export {
  type DeliveryInputs,
  firstDefined,
  resolveEnvironment,
  resolveFromInputs,
} from './resolve'
export type {
  CanarySettings,
  DeliveryFile,
  EnvironmentSettings,
  GitopsSettings,
  ResolvedEnvironment,
  Strategy,
} from './types'
