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
  type DriftAddon,
  type DriftCheck,
  type DriftIssue,
  type DriftIssueResult,
  type DriftVerdict,
  driftIssueBody,
  driftVerdict,
  keepDriftIssue,
} from './drift-issue'
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
