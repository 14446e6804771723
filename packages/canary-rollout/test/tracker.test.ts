import { describe, expect, it } from 'vitest'
import { RolloutTracker } from '../src/tracker'
import { canary, event, NEW, OLD, succeededOld, syncedTracker, tracker, workload } from './rollout-fixtures'

/** An event as the cluster stamps it (whole seconds), `secondsAfterStart` after the tracker's start. */
function stamped(t: RolloutTracker, type: string, message: string, secondsAfterStart: number) {
  const at = new Date(t.startedAt + secondsAfterStart * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
  return { ...event(type, message), lastTimestamp: at, firstTimestamp: at }
}

describe('the tracker after the API answered late', () => {
  const failedNew = { phase: 'Failed', lastAppliedSpec: 'b', lastPromotedSpec: 'a', failedChecks: 2 } as const

  function lateTracker(clockOffsetMs: number | undefined) {
    const lines: string[] = []
    const t = new RolloutTracker({
      name: 'podinfo',
      namespace: 'demo',
      expected: { tag: '1.1.0' },
      onWaitingPromotion: 'wait',
      staleGraceMs: 60_000,
      clusterClockOffsetMs: () => clockOffsetMs,
      log: (line) => lines.push(line),
    })
    return { t, lines }
  }

  it('counts the events the cluster stamped after the start, in their order, and decides from them', () => {
    const { t, lines } = lateTracker(0)
    t.observeCanary(canary(failedNew))
    t.observeTarget(workload('podinfo', NEW))
    t.observePrimary(workload('podinfo-primary', OLD))
    // The list gives events in name order, not time order; one is older than the wait.
    t.observeEvent(stamped(t, 'Warning', 'Canary failed! Scaling down podinfo.demo', 9))
    t.observeEvent(stamped(t, 'Normal', 'New revision detected! Scaling up podinfo.demo', 3))
    t.observeEvent(stamped(t, 'Warning', 'Rolling back podinfo.demo failed checks threshold reached 2', 8))
    t.observeEvent(stamped(t, 'Normal', 'Initialization done! podinfo.demo', -120))
    t.markSynced()
    expect(t.runEvents.map((e) => e.message)).toEqual([
      'New revision detected! Scaling up podinfo.demo',
      'Rolling back podinfo.demo failed checks threshold reached 2',
      'Canary failed! Scaling down podinfo.demo',
    ])
    expect(lines[0]).toMatch(/the API answered only now; 3 events of this run came meanwhile/)
    expect(t.evaluate()).toEqual({
      result: 'failed',
      message:
        'Flagger rolled back tag 1.1.0 on podinfo.demo: Rolling back podinfo.demo failed checks threshold reached 2',
      reasons: [
        'Rolling back podinfo.demo failed checks threshold reached 2',
        'Canary failed! Scaling down podinfo.demo',
      ],
    })
  })

  it('does not count an event within a second of the start, nor any while the cluster’s clock is unknown', () => {
    const near = lateTracker(0)
    near.t.observeCanary(canary(failedNew))
    near.t.observeTarget(workload('podinfo', NEW))
    near.t.observeEvent(stamped(near.t, 'Normal', 'New revision detected! Scaling up podinfo.demo', 0))
    near.t.markSynced()
    expect(near.t.runEvents).toEqual([])
    expect(near.t.evaluate()).toBeUndefined()

    const unknown = lateTracker(undefined)
    unknown.t.observeCanary(canary(failedNew))
    unknown.t.observeTarget(workload('podinfo', NEW))
    unknown.t.observeEvent(stamped(unknown.t, 'Normal', 'New revision detected! Scaling up podinfo.demo', 30))
    unknown.t.markSynced()
    expect(unknown.t.runEvents).toEqual([])
  })

  it('reads event times on the cluster’s clock', () => {
    // The cluster runs 10 minutes ahead: an event stamped 5 minutes after our start is from before it.
    const { t } = lateTracker(600_000)
    t.observeCanary(canary(failedNew))
    t.observeTarget(workload('podinfo', NEW))
    t.observeEvent(stamped(t, 'Normal', 'New revision detected! Scaling up podinfo.demo', 300))
    t.markSynced()
    expect(t.runEvents).toEqual([])
  })
})

describe('the tracker when something is missing', () => {
  it('names a Canary deleted during the wait, until it comes back', () => {
    let now = 0
    const { t, lines } = syncedTracker(
      { status: succeededOld, target: OLD, primary: OLD },
      { now: () => now },
    )
    now = 72_000
    t.observeCanary(undefined)
    expect(lines.at(-1)).toMatch(/NotFound\s+Canary podinfo\.demo was deleted$/)
    expect(t.waitingFor()).toBe('Canary podinfo.demo, deleted at 01:12, to be created again')
    now = 200_000
    expect(t.heartbeatDue(60_000)).toBe(true)
    t.heartbeat(60_000)
    expect(lines.at(-1)).toMatch(
      /still waiting for Canary podinfo\.demo, deleted at 01:12, to be created again$/,
    )
    expect(t.timedOut(300_000).message).toBe(
      'Timed out after 05:00 waiting for Canary podinfo.demo, deleted at 01:12, to be created again',
    )
    t.observeCanary(canary(succeededOld))
    expect(lines.at(-1)).toMatch(/Canary podinfo\.demo created again$/)
    expect(t.waitingFor()).toMatch(/^Flux to apply tag 1\.1\.0/)
  })

  it('says when the namespace does not exist, at the start and while waiting', () => {
    const { t, lines } = tracker()
    t.setNamespaceExists(false)
    t.markSynced()
    expect(lines[0]).toMatch(
      /Canary podinfo\.demo does not exist yet: namespace demo does not exist; waiting for both to be created/,
    )
    expect(t.waitingFor()).toBe('Canary podinfo.demo to be created (namespace demo does not exist)')
    t.setNamespaceExists(true)
    expect(lines.at(-1)).toMatch(/namespace demo created$/)
    expect(t.waitingFor()).toBe('Canary podinfo.demo to be created')
  })
})

describe('where the rollout stands', () => {
  it('is the analysis step while Flagger analyses, and what the wait is blocked on before', () => {
    const { t } = syncedTracker({ status: succeededOld, target: OLD, primary: OLD })
    expect(t.standing()).toBe('waiting for Flux to apply tag 1.1.0 to podinfo')
    t.observeTarget(workload('podinfo', NEW))
    t.observeEvent(event('Normal', 'New revision detected! Scaling up podinfo.demo'))
    t.observeCanary(
      canary({
        ...succeededOld,
        phase: 'Progressing',
        lastAppliedSpec: 'b',
        canaryWeight: 30,
        failedChecks: 1,
      }),
    )
    expect(t.standing()).toBe('Progressing at 30% (3/5), 1 failed check')
    expect(t.cancelled()).toEqual({
      result: 'cancelled',
      message: 'Cancelled while Progressing at 30% (3/5), 1 failed check',
      reasons: [],
    })
  })

  it('says what the API answered while it does not answer', () => {
    let trouble: string | undefined =
      'GET /apis/flagger.app/v1beta1/namespaces/demo/canaries/podinfo: no answer within 30s'
    const t = new RolloutTracker({
      name: 'podinfo',
      namespace: 'demo',
      expected: { tag: '1.1.0' },
      onWaitingPromotion: 'wait',
      apiTrouble: () => trouble,
      log: () => {},
    })
    expect(t.timedOut(5_000).message).toBe(
      'Timed out after 00:05 waiting for the Kubernetes API to answer (last error: GET /apis/flagger.app/v1beta1/namespaces/demo/canaries/podinfo: no answer within 30s)',
    )
    trouble = undefined
    expect(t.waitingFor()).toBe('the Kubernetes API to answer (no answer yet)')
  })
})

describe('the verdict quotes the cluster inertly', () => {
  it('keeps a hostile reason on one line that cannot start a workflow command', () => {
    const { t } = syncedTracker({ status: succeededOld, target: OLD, primary: OLD })
    t.observeTarget(workload('podinfo', NEW))
    t.observeEvent(event('Normal', 'New revision detected! Scaling up podinfo.demo'))
    t.observeEvent(
      event('Warning', 'Rolling back podinfo.demo failed checks threshold reached 2\n::error::injected'),
    )
    t.observeCanary(canary({ ...succeededOld, phase: 'Failed', lastAppliedSpec: 'b', failedChecks: 2 }))
    const verdict = t.evaluate()
    expect(verdict?.result).toBe('failed')
    expect(verdict?.reasons).toEqual([
      'Rolling back podinfo.demo failed checks threshold reached 2 ⏎ ::error::injected',
    ])
    expect(verdict?.message).not.toMatch(/\n/)
  })
})
