import type { FollowResult } from './follow'

/** What one wait-for-canary step found: the rollout as followed, and where it was reported. */
export interface WaitOutcome extends FollowResult {
  name: string
  namespace: string
  /** The expected image, as people read it. */
  expected: string
  /** The kubeconfig context the wait used. */
  context: string
  /** Commit statuses GitHub accepted. */
  statusesSent: number
}
