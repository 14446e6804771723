export { formatDuration, parseDuration, parseDurationOrThrow } from './duration'
export { ConfigurationError, isConfigurationError } from './errors'
export { describeCommand, ExecError, type ExecOptions, type ExecResult, execArgv, tail } from './exec'
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
export { cell, codeBlock, details, escapeHtml, heading, mermaid, table, writeSummary } from './summary'
