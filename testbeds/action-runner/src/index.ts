export { type ActionDefinition, type ActionInput, loadActionDefinition } from './action-definition'
export { parseKeyValueFile, parsePathFile } from './file-commands'
export { node24Binary, repoRoot, resolveActionDir, resolveNode } from './paths'
export {
  type Annotation,
  expandDefault,
  type GitHubContext,
  inputVariable,
  type RunOptions,
  type RunResult,
  runBundledAction,
  type StepName,
  type StepResult,
} from './runner'
export { parseWorkflowCommand, type WorkflowCommand } from './workflow-commands'
