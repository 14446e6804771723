/**
 * The phases of a Canary's status, in Flagger's own words (its CanaryPhase constants). The empty
 * phase is a Canary Flagger has not picked up yet.
 */
export const CANARY_PHASES = [
  '',
  'Initializing',
  'Initialized',
  'Waiting',
  'Progressing',
  'WaitingPromotion',
  'Promoting',
  'Finalising',
  'Succeeded',
  'Failed',
  'Terminating',
  'Terminated',
] as const
export type CanaryPhase = (typeof CANARY_PHASES)[number]

/** Phases in which a revision is being analysed or promoted: a run is under way. */
export const ACTIVE_PHASES = [
  'Waiting',
  'Progressing',
  'WaitingPromotion',
  'Promoting',
  'Finalising',
] as const satisfies readonly CanaryPhase[]
export type ActivePhase = (typeof ACTIVE_PHASES)[number]

export function isCanaryPhase(value: unknown): value is CanaryPhase {
  return typeof value === 'string' && (CANARY_PHASES as readonly string[]).includes(value)
}

export function isActivePhase(phase: string | undefined): phase is ActivePhase {
  return (ACTIVE_PHASES as readonly string[]).includes(phase ?? '')
}
