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
