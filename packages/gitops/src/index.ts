export {
  type BumpMode,
  type BumpOptions,
  type BumpOutcome,
  type BumpResult,
  bumpGitopsTag,
  type CancelledPush,
  MAX_FILE_BYTES,
  PUSH_GRACE_MS,
} from './bump'
export { type EditRequest, type EditResult, editImageTag } from './edit-image-tag'
export type { PullRequestResult } from './pull-request'
export type { FieldChange } from './yaml-documents'
