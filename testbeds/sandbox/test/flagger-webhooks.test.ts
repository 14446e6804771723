import { describe, expect, it } from 'vitest'
import { useFlaggerWorld } from './flagger-world'

// The load tester's gates as Flagger's webhooks meet them.
describe('Flagger model: webhooks', () => {
  const world = useFlaggerWorld()

  it('waits for promotion while the confirm-promotion gate is closed', async () => {
    await world().setup('gate', {
      maxWeight: 20,
      stepWeight: 10,
      webhooks: [
        { name: 'approve', type: 'confirm-promotion', url: 'http://flagger-loadtester.test/gate/check' },
      ],
    })
    world().setImage('gate', 'example.com/gated:2')
    await world().phase('gate', 'WaitingPromotion')
    expect(world().events('gate')).toContain('Halt app.gate advancement waiting for approval approve')
    expect(world().canary('gate').status.conditions[0]).toMatchObject({
      status: 'Unknown',
      reason: 'WaitingPromotion',
    })
    expect(world().primaryImage('gate')).toBe('example.com/app:1')
    const scenario = world().sandbox.scenario
    world().sandbox.setScenario({}) // the load tester's gate opens
    await world().phase('gate', 'Succeeded')
    world().sandbox.setScenario(scenario)
  })

  it('holds a run in Waiting behind confirm-rollout, and a rollback hook fails it', async () => {
    await world().setup('hooks', {
      maxWeight: 50,
      stepWeight: 5,
      webhooks: [
        { name: 'start', type: 'confirm-rollout', url: 'http://flagger-loadtester.test/gate/check' },
        { name: 'abort', type: 'rollback', url: 'http://flagger-loadtester.test/rollback/check' },
      ],
    })
    const original = world().sandbox.scenario
    world().sandbox.setScenario({ ...original, webhooks: { start: false } })
    world().setImage('hooks', 'example.com/app:2')
    await world().phase('hooks', 'Waiting')
    expect(world().events('hooks')).toContain('Halt app.hooks advancement waiting for approval start')
    world().sandbox.setScenario(original)
    await world().phase('hooks', 'Progressing')
    world().sandbox.setScenario({ ...original, webhooks: { abort: true } })
    await world().phase('hooks', 'Failed')
    expect(world().events('hooks')).toContain('Rolling back app.hooks manual webhook invoked')
    world().sandbox.setScenario(original)
  })
})
