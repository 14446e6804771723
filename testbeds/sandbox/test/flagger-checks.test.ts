import { describe, expect, it } from 'vitest'
import { useFlaggerWorld } from './flagger-world'

// The analysis' metric checks and what fails a canary.
describe('Flagger model: checks', () => {
  const world = useFlaggerWorld()

  it('fails on request duration at the threshold with the primary untouched', async () => {
    await world().setup('slow', { maxWeight: 50, stepWeight: 10 })
    world().setImage('slow', 'example.com/slow:2')
    await world().phase('slow', 'Failed')
    const msgs = world().events('slow')
    expect(msgs).toContain('Halt app.slow advancement request duration 900ms > 500ms')
    expect(msgs).toContain('Rolling back app.slow failed checks threshold reached 2')
    expect(msgs.indexOf('Canary failed! Scaling down app.slow')).toBeGreaterThan(
      msgs.indexOf('Rolling back app.slow failed checks threshold reached 2'),
    )
    expect(world().primaryImage('slow')).toBe('example.com/app:1')
    expect(world().deployment('slow', 'app').spec.replicas).toBe(0)
    // A new image after a failure starts a new run.
    world().setImage('slow', 'example.com/app:3')
    await world().phase('slow', 'Succeeded')
  })
})
