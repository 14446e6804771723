import { describe, expect, it } from 'vitest'
import { useFlaggerWorld } from './flagger-world'
import { waitFor } from './helpers'

// Flagger 1.44's phase machine, driven through the store at a hundredth of real time.
describe('Flagger model: phases', () => {
  const world = useFlaggerWorld()

  it('steps through stepWeights, then promotes', async () => {
    await world().setup('steps', { stepWeights: [5, 25, 50] })
    expect(world().canary('steps').status.conditions[0]).toMatchObject({
      type: 'Promoted',
      status: 'True',
      reason: 'Initialized',
    })
    world().setImage('steps', 'example.com/app:2')
    await world().phase('steps', 'Succeeded')
    expect(
      world()
        .events('steps')
        .filter((m) => m.startsWith('Advance')),
    ).toEqual([
      'Advance app.steps canary weight 5',
      'Advance app.steps canary weight 25',
      'Advance app.steps canary weight 50',
    ])
    expect(world().primaryImage('steps')).toBe('example.com/app:2')
  })

  it('counts iterations for blue/green', async () => {
    await world().setup('bg', { iterations: 3 })
    world().setImage('bg', 'example.com/app:2')
    await world().phase('bg', 'Succeeded')
    expect(
      world()
        .events('bg')
        .filter((m) => m.startsWith('Advance')),
    ).toEqual([
      'Advance app.bg canary iteration 1/3',
      'Advance app.bg canary iteration 2/3',
      'Advance app.bg canary iteration 3/3',
    ])
  })

  it('rolls back when the canary never becomes ready within the progress deadline', async () => {
    await world().setup('stuck', { maxWeight: 50, stepWeight: 10 })
    world().setImage('stuck', 'example.com/stuck:2')
    await world().phase('stuck', 'Failed')
    expect(world().events('stuck')).toContain(
      'Rolling back app.stuck progress deadline exceeded canary deployment app.stuck not ready',
    )
  })

  it('keeps the old Succeeded until its next tick, and restarts the analysis on a change while progressing', async () => {
    await world().setup('stale', { maxWeight: 50, stepWeight: 2 })
    // A long interval (30m is 18 s here) makes the window between a change and the next tick wide.
    world().patchCanary('stale', (c) => {
      c.spec.analysis.interval = '30m'
    })
    // Flagger restarts the job at once when the interval changes; let that tick pass first.
    await new Promise((r) => setTimeout(r, 100))
    const before = world().canary('stale').status
    world().setImage('stale', 'example.com/app:2')
    await new Promise((r) => setTimeout(r, 200))
    expect(world().canary('stale').status).toMatchObject({
      phase: 'Initialized',
      lastAppliedSpec: before.lastAppliedSpec,
    })
    world().patchCanary('stale', (c) => {
      c.spec.analysis.interval = '10s'
    })
    await waitFor('the analysis under way', () => world().canary('stale').status.canaryWeight >= 4)
    world().setImage('stale', 'example.com/app:3')
    await waitFor('a restart', () =>
      world().events('stale').includes('New revision detected! Restarting analysis for app.stale'),
    )
    await world().phase('stale', 'Succeeded')
    expect(world().primaryImage('stale')).toBe('example.com/app:3')
    const s = world().canary('stale').status
    expect(s.lastPromotedSpec).toBe(s.lastAppliedSpec)
    expect(s.lastPromotedSpec).not.toBe(before.lastPromotedSpec)
  })
})
