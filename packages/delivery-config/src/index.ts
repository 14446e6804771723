export { loadDeliveryFile, parseDeliveryFile } from './load'
export {
  type DeliveryInputs,
  firstDefined,
  resolveEnvironment,
  resolveFromInputs,
} from './resolve'
export type {
  DeliveryFile,
  EnvironmentSettings,
  GitopsSettings,
  ResolvedEnvironment,
} from './types'
