export {
  ACTIVE_PHASES,
  analysisOf,
  type Canary,
  type CanaryStatus,
  defaultTimeoutMs,
  describeProgress,
  isActive,
} from './canary'
export { failureReasons, type KubeEvent, plainMessage, type RunEvent } from './events'
export { type FollowOptions, type FollowResult, followRollout } from './follow'
export {
  carriesImage,
  containerImages,
  describeExpected,
  type ExpectedImage,
  imageMatches,
  type Workload,
} from './images'
export { renderSummary, weightChart } from './summary'
export {
  formatElapsed,
  type HelmRelease,
  type OnWaitingPromotion,
  type RolloutResult,
  RolloutTracker,
  type Snapshot,
  type TimelineEntry,
  type TrackerOptions,
  type Verdict,
} from './tracker'
export {
  isSuccess,
  type StatusReportSettings,
  statusDescription,
  statusState,
  type WaitInputs,
  type WaitIo,
  type WaitOutcome,
  waitForCanary,
} from './wait'
