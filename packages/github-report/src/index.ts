export {
  type CommitStatusOptions,
  CommitStatusReporter,
  fitDescription,
  isRetryableGitHubError,
  type StatusState,
} from './commit-status'
