// What wait-for-canary uses; tests import the modules themselves. The post step imports
// `@canary-delivery/canary-rollout/reporting` alone, which loads no Kubernetes client.

export type { WaitOutcome } from './outcome'
export { isSuccess, reportCancelled, type StatusReportSettings } from './reporting'
export { renderSummary } from './summary'
export type { OnWaitingPromotion, RolloutResult } from './verdict'
export { type WaitInputs, type WaitIo, waitForCanary } from './wait'
