export { type BootstrapSettings, bootstrapAddons } from './bootstrap'
export { type Cluster, FIELD_MANAGER, fluxPath, resourcePath } from './cluster'
export { FLUX_CHART, FLUX_RELEASE } from './flux-chart'
export type { AddonRow } from './flux-state'
export { HELM_CHECKSUMS } from './helm'
export { addonsOutput, type BootstrapReport, type Result, renderSummary } from './report'
export {
  COMMANDS,
  type Command,
  type GitopsSource,
  hostFromHosts,
  PINNED,
  parseBranch,
  parseChartRepository,
  parseChartVersion,
  parseEnvironment,
  parseGitopsPath,
  parseNamespace,
  parseSshHost,
  parseSshUser,
  parseValues,
  resolveGitopsSource,
  VERIFY_SCOPES,
  type VerifyScope,
} from './settings'
export { K3S_KUBECONFIG, type SshTarget } from './ssh-kubeconfig'
export { SYNC_NAMES } from './sync'
export { DELIVERY_ADDRESSES, type VerifyCheck } from './verify'
