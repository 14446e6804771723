export {
  type ChartEntry,
  type ChartRepository,
  chartMetadata,
  packageChart,
  serveChartRepository,
  serveCharts,
} from './chart-repository'
export { Clock, parseDuration } from './clock'
export type { GitopsOptions } from './controllers/flux/index'
export { build as kustomizeBuild } from './controllers/flux/index'
export type { FaultSettings, Faults } from './faults'
export { manifestProblems } from './manifests'
export {
  type LoopbackLayout,
  loopbackLayout,
  REFERENCE_CHART,
  REFERENCE_LAYOUT,
} from './reference-layout'
export { kubeconfigFor, type Sandbox, type SandboxOptions, startSandbox } from './sandbox'
export type { ImageBehaviour, Scenario } from './scenario'
export type { ApiRequest } from './server'
export type { Store, StoreEvent } from './store'
export { type Obj, objectLabel } from './util'
