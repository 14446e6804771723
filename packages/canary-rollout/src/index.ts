// What wait-for-canary uses; tests import the modules themselves.
export { renderSummary } from './summary'
export type { OnWaitingPromotion } from './verdict'
export { isSuccess, type WaitInputs, waitForCanary } from './wait'
