export {
  type CommitPullRequest,
  type IssueComment,
  isTrustedComment,
  listIssueComments,
  pullRequestsOfCommit,
  type RepositoryTarget,
  type UpsertResult,
  upsertIssueComment,
  withRetries,
} from './comments'
export {
  type CheckConclusion,
  type CheckRunOptions,
  CheckRunReporter,
  type CommitStatusOptions,
  CommitStatusReporter,
  fitDescription,
  type Report,
  type StatusState,
  ThrottledReporter,
} from './reporters'
