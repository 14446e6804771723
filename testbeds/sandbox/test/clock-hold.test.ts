import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Clock, type Sandbox, startSandbox } from '../src/index'

// Holding the clock: simulated time stands still while real work runs (fake timers drive real time).
describe('a held clock', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('fires no timer while held, and each one later with what it had left', () => {
    const clock = new Clock(0.01)
    const fired: string[] = []
    clock.setTimeout(() => fired.push('10s'), 10_000) // 100 ms real
    clock.setTimeout(() => fired.push('20s'), 20_000) // 200 ms real
    vi.advanceTimersByTime(40)
    const release = clock.hold()
    expect(clock.held).toBe(true)
    vi.advanceTimersByTime(5_000)
    expect(fired).toEqual([])
    release()
    expect(clock.held).toBe(false)
    vi.advanceTimersByTime(59)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(1)
    expect(fired).toEqual(['10s'])
    vi.advanceTimersByTime(100)
    expect(fired).toEqual(['10s', '20s'])
  })

  it('starts a timer set while held at the release', () => {
    const clock = new Clock(0.01)
    let fired = false
    const release = clock.hold()
    clock.setTimeout(() => {
      fired = true
    }, 5_000)
    vi.advanceTimersByTime(1_000)
    release()
    vi.advanceTimersByTime(49)
    expect(fired).toBe(false)
    vi.advanceTimersByTime(1)
    expect(fired).toBe(true)
  })

  it('runs again only when every hold is released, each release counting once', () => {
    const clock = new Clock(0.01)
    let fired = false
    clock.setTimeout(() => {
      fired = true
    }, 1_000)
    const first = clock.hold()
    const second = clock.hold()
    first()
    first()
    vi.advanceTimersByTime(1_000)
    expect([clock.held, fired]).toEqual([true, false])
    second()
    vi.advanceTimersByTime(10)
    expect([clock.held, fired]).toEqual([false, true])
  })

  it('leaves the time held out of simulated durations', () => {
    const clock = new Clock(0.01)
    const start = Date.now()
    vi.advanceTimersByTime(100)
    const release = clock.hold()
    vi.advanceTimersByTime(500)
    expect(clock.simSince(start)).toBe(10_000)
    release()
    vi.advanceTimersByTime(100)
    expect(clock.simSince(start)).toBe(20_000)
    // A reading taken while held counts from the release.
    const release2 = clock.hold()
    const during = Date.now()
    vi.advanceTimersByTime(300)
    release2()
    vi.advanceTimersByTime(50)
    expect(clock.simSince(during)).toBe(5_000)
    expect(clock.simSince(start)).toBe(25_000)
  })

  it('holds until the work given to holdUntil settles, whether it succeeds or fails', async () => {
    const clock = new Clock(0.01)
    let finish: () => void = () => {}
    const done = clock.holdUntil(new Promise<void>((resolve) => (finish = resolve)))
    expect(clock.held).toBe(true)
    finish()
    await done
    expect(clock.held).toBe(false)
    const failing = clock.holdUntil(Promise.reject(new Error('helm failed')))
    expect(clock.held).toBe(true)
    await expect(failing).rejects.toThrow('helm failed')
    expect(clock.held).toBe(false)
  })
})

describe('sandbox.onRequest', () => {
  let sandbox: Sandbox
  beforeEach(async () => {
    sandbox = await startSandbox()
  })
  afterEach(async () => {
    await sandbox.stop()
  })

  it('tells of each request as it arrives, a watch told from a list', async () => {
    const seen: string[] = []
    const stop = sandbox.onRequest((r) => seen.push(`${r.method} ${r.path} watch=${r.watch}`))
    const path = '/apis/apps/v1/namespaces/default/deployments'
    await (await fetch(`${sandbox.url}${path}?fieldSelector=metadata.name%3Dweb`)).json()
    const abort = new AbortController()
    const watch = await fetch(`${sandbox.url}${path}?watch=true`, { signal: abort.signal })
    expect(watch.status).toBe(200)
    abort.abort()
    stop()
    await (await fetch(`${sandbox.url}/version`)).json()
    expect(seen).toEqual([`GET ${path} watch=false`, `GET ${path} watch=true`])
  })
})
