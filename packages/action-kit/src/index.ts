export { formatDuration, parseDuration } from './duration'
export { ConfigurationError, isConfigurationError } from './errors'
export { describeCommand, ExecError, type ExecOptions, type ExecResult, execArgv, tail } from './exec'
export { GITHUB_RETRY, githubWaitMs, isTransientGitHubError } from './github-retry'
export { inert, inertLines } from './inert'
export { envInputGetter, type InputGetter, InputReader, inputEnvName } from './inputs'
export { backoffDelay, type RetryOptions, retry, sleep } from './retry'
export { runAction } from './run'
export { clearSecrets, mask, registerSecret } from './secrets'
export {
  InterruptedError,
  interruptible,
  interruption,
  ProgramNotFoundError,
  type SpawnOptions,
  type SpawnResult,
  spawnArgv,
} from './spawn'
export type { AnnotationProperties } from './step'
export * as step from './step'
export {
  type StepFolders,
  stepFolders,
  type WritableRequest,
  writablePath,
  writeFileAtomically,
} from './step-files'
export { cell, codeBlock, details, escapeHtml, heading, mermaid, table, writeSummary } from './summary'
export { expandTemplate } from './template'
export { githubServerUrl, workflowRunUrl } from './workflow-run'
