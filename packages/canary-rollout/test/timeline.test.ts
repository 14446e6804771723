import { describe, expect, it } from 'vitest'
import { canary, event, NEW, OLD, succeededOld, syncedTracker } from './rollout-fixtures'

describe('the log of a wait', () => {
  it('shows that a long silent wait goes on, once a minute', () => {
    let now = 0
    const { t, lines } = syncedTracker({ status: succeededOld, target: OLD }, { now: () => now })
    now = 59_000
    t.heartbeat(60_000)
    expect(lines).toHaveLength(1)
    now = 60_000
    t.heartbeat(60_000)
    now = 61_000
    t.heartbeat(60_000)
    expect(lines.slice(1)).toEqual([
      '[01:00] Succeeded        0%           0 failed checks  still waiting for Flux to apply tag 1.1.0 to podinfo',
    ])
    expect(t.timeline).toHaveLength(1)
  })

  it('prints a status change and the event that explains it as one line, once both are due', () => {
    let now = 0
    const { t, lines } = syncedTracker(
      { status: succeededOld, target: NEW, primary: OLD },
      { now: () => now, coalesceMs: 75 },
    )
    const printed = lines.length
    t.observeCanary(canary({ ...succeededOld, phase: 'Progressing', lastAppliedSpec: 'b', canaryWeight: 10 }))
    now = 20
    t.observeEvent(event('Normal', 'Advance podinfo.demo canary weight 10'))
    expect(t.flushDueInMs()).toBe(55)
    t.flush()
    expect(lines).toHaveLength(printed)
    now = 75
    t.flush()
    expect(lines.slice(printed)).toEqual([
      '[00:00] Progressing      10% (1/5)    0 failed checks  Advance podinfo.demo canary weight 10',
    ])
    expect(t.timeline.at(-1)).toMatchObject({
      phase: 'Progressing',
      weight: 10,
      progress: '10% (1/5)',
      elapsedSeconds: 0.1,
      message: 'Advance podinfo.demo canary weight 10',
    })
    expect(t.flushDueInMs()).toBeUndefined()
  })
})
