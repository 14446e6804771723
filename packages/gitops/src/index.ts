export {
  type BumpMode,
  type BumpOptions,
  type BumpResult,
  bumpGitopsTag,
  checkFilePath,
  checkImage,
  checkTag,
  commitMessage,
  DEFAULT_COMMIT_MESSAGE,
  parseAuthor,
  parseValues,
  pullRequestBranch,
  resolveRemote,
} from './bump'
export { type EditRequest, type EditResult, editImageTag } from './edit-image-tag'
export { Git, gitEnvironment } from './git'
export { type PullRequestInput, type PullRequestResult, upsertPullRequest } from './pull-request'
export type { FieldChange } from './yaml-documents'
