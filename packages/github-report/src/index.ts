export {
  CheckRunReporter,
  type CommitStatusOptions,
  CommitStatusReporter,
  fitDescription,
  isRetryableGitHubError,
  type Report,
  type StatusState,
  ThrottledReporter,
} from './reporters'
