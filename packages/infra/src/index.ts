export {
  COMMENT_LIMIT,
  isPlanCommentFor,
  type PlanMarker,
  parseMarker,
  planAsDiff,
  renderPlanComment,
} from './comment'
export {
  type Diagnostic,
  describeDiagnostic,
  describeLock,
  type LockInfo,
  parseLockInfo,
  parseTextDiagnostics,
  parseUiLine,
} from './diagnostics'
export {
  canonicalJson,
  compareDigests,
  FINGERPRINT_PATTERN,
  fingerprintOf,
  hideSensitive,
  type Intent,
  intentDigests,
  normaliseFingerprint,
  planIntent,
} from './fingerprint'
export { CHAIN_ENVIRONMENTS, type HostEntry, type Hosts, hostsFromOutputs, publicOutputs } from './hosts'
export {
  describeCounts,
  hasIntent,
  isIntent,
  type PlanFacts,
  type PlanJson,
  parsePlanJson,
  planFacts,
} from './plan-json'
export {
  type InfraCommand,
  type InfraResult,
  type ProvisionOptions,
  type ProvisionResult,
  provisionInfra,
} from './provision'
export { renderSummary } from './report'
export { type GitHubTarget, pullRequestOfEvent, reviewedPlanOfCommit } from './review'
export { holdsSecret, registerSecretValues, secretVariants } from './secrets'
export {
  expandEnvironment,
  parseBackendConfig,
  parseSecretVariables,
  parseVarFiles,
  parseVariables,
  parseWorkspace,
  resolveWorkingDirectory,
  type Variable,
} from './settings'
export {
  defaultVarFile,
  resolveBinary,
  StateLockedError,
  Terraform,
  TerraformError,
  TerraformInterruptedError,
} from './terraform'
