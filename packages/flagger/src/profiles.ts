import type { CanarySettings } from './settings'

/**
 * The built-in profiles. Each one sets both the weighted-canary numbers and the iterations for
 * blue/green and A/B testing, so any strategy can use any profile. Delivery files override them
 * key by key (`profiles: { prod: { interval: 2m } }` keeps prod's other numbers).
 */
export const BUILTIN_PROFILES: Readonly<Record<string, Readonly<CanarySettings>>> = {
  // Fastest useful feedback for throw-away or preview environments: two steps of 15s. A failed
  // check rolls back at once (threshold 1): nobody waits on a flaky build here.
  fast: {
    interval: '15s',
    threshold: 1,
    maxWeight: 50,
    stepWeight: 25,
    iterations: 3,
    successRate: 95,
    latency: 1000,
    progressDeadlineSeconds: 300,
  },
  // Integration testing: a quick run (25% then 50%, 30s each) that still catches a crashing or
  // badly broken build; test traffic is thin and noisy, so the bars are lower (95%, 1s) and two
  // failed checks are tolerated.
  sit: {
    interval: '30s',
    threshold: 2,
    maxWeight: 50,
    stepWeight: 25,
    iterations: 4,
    successRate: 95,
    latency: 1000,
    progressDeadlineSeconds: 300,
  },
  // Acceptance: production-like bars (99%, 500ms p99) over five one-minute steps of 10% up to
  // half the traffic, so a regression has a few minutes of real load to show itself.
  uat: {
    interval: '1m',
    threshold: 3,
    maxWeight: 50,
    stepWeight: 10,
    iterations: 5,
    successRate: 99,
    latency: 500,
    progressDeadlineSeconds: 600,
  },
  // Production: start small (5%, then 10%) so a bad release touches few users, then widen; one
  // minute per step, ten minutes of iterations for blue/green, five failed checks before rollback
  // so a single slow scrape does not abort a good release.
  prod: {
    interval: '1m',
    threshold: 5,
    stepWeights: [5, 10, 20, 30, 40, 50],
    iterations: 10,
    successRate: 99,
    latency: 500,
    progressDeadlineSeconds: 900,
  },
  // For risky changes (schema migrations, new dependencies): 1% first, two minutes per step,
  // stricter bars (99.5%, 300ms) and a longer blue/green soak.
  careful: {
    interval: '2m',
    threshold: 5,
    stepWeights: [1, 5, 10, 20, 35, 50],
    iterations: 15,
    successRate: 99.5,
    latency: 300,
    progressDeadlineSeconds: 1200,
  },
}

/** The profile used when neither the inputs, the delivery file nor the environment's name picks one. */
export const DEFAULT_PROFILE = 'uat'
