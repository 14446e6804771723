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
  ADDONS_RESULTS,
  type DriftAddon,
  type DriftCheck,
  type DriftVerdict,
  driftVerdict,
  INFRASTRUCTURE_RESULTS,
  parseAddonRows,
} from './drift-check'
export { type DriftIssue, type DriftIssueResult, driftIssueBody, keepDriftIssue } from './drift-issue'
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
