export {
  type BumpMode,
  type BumpOptions,
  type BumpOutcome,
  type BumpResult,
  bumpGitopsTag,
  MAX_FILE_BYTES,
} from './bump'
export { type CancelledPush, PUSH_GRACE_MS } from './bump-faults'
export { type EditRequest, type EditResult, editImageTag } from './edit-image-tag'
export type { PullRequestResult } from './pull-request'
export type { FieldChange } from './yaml-documents'
