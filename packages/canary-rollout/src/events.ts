import type { KubeObject } from '@canary-delivery/kube'

export interface KubeEvent extends KubeObject {
  type?: string
  reason?: string
  message?: string
  count?: number
  firstTimestamp?: string | null
  lastTimestamp?: string | null
  eventTime?: string | null
  involvedObject?: { kind?: string; name?: string; namespace?: string }
}

/** One occurrence of a Flagger event during this run, as reported in outputs and the summary. */
export interface RunEvent {
  /** Seconds since the wait started, when it was seen. */
  elapsedSeconds: number
  time: string
  type: string
  reason: string
  message: string
}

const COMBINED = /^\(combined from similar events\): /

/** The message without Kubernetes' aggregation prefix. */
export function plainMessage(message: string | undefined): string {
  return (message ?? '').replace(COMBINED, '').trim()
}

export const isNewRevision = (m: string) => /New revision detected/.test(m)
export const isHalt = (m: string) => /^Halt .* advancement/.test(m) && !isWaitingApproval(m)
export const isWaitingApproval = (m: string) => /advancement waiting for (traffic increase )?approval/.test(m)
export const isRollingBack = (m: string) => /^Rolling back /.test(m)
export const isCanaryFailed = (m: string) => /^Canary failed!/.test(m)

/** The confirm webhook a "waiting for approval" message names. */
export function approvalHook(message: string): string | undefined {
  return /approval\s+(\S+)\s*$/.exec(message)?.[1]
}

/** Why Flagger stopped a run, from its Warning events, most telling first, without repeats. */
export function failureReasons(events: readonly RunEvent[]): string[] {
  const rollback = events.filter((e) => isRollingBack(e.message)).map((e) => e.message)
  const halts = events.filter((e) => isHalt(e.message)).map((e) => e.message)
  const other = events.filter((e) => e.type === 'Warning' && isCanaryFailed(e.message)).map((e) => e.message)
  return [...new Set([...rollback, ...halts, ...other])]
}

/** A key that changes when the recorder bumps a repeated event (count or timestamp). */
export function occurrenceKey(event: KubeEvent): string {
  return `${event.count ?? 1}|${event.lastTimestamp ?? event.eventTime ?? ''}|${event.message ?? ''}`
}
