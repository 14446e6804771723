export { type BumpMode, type BumpOptions, type BumpResult, bumpGitopsTag } from './bump'
export { type EditRequest, type EditResult, editImageTag } from './edit-image-tag'
export type { PullRequestResult } from './pull-request'
export type { FieldChange } from './yaml-documents'
