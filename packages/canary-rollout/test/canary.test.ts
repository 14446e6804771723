import { describe, expect, it } from 'vitest'
import { defaultTimeoutMs, describeProgress } from '../src/canary'
import { canary } from './rollout-fixtures'

describe('canary arithmetic', () => {
  it('derives the progress and a timeout from the analysis, as Flagger schedules it', () => {
    // 10s × (5 weight steps + promote, route back, finalise + notice + spare) + 600s progress deadline
    expect(defaultTimeoutMs(canary({}))).toBe(10_000 * 10 + 600_000)
    expect(describeProgress(canary({ phase: 'Progressing', canaryWeight: 20 }))).toBe('20% (2/5)')
    const stepped = canary({ phase: 'Progressing', canaryWeight: 25 })
    stepped.spec = { ...stepped.spec, analysis: { interval: '1m', stepWeights: [1, 5, 25, 50] } }
    expect(describeProgress(stepped)).toBe('25% (3/4)')
    expect(defaultTimeoutMs(stepped)).toBe(60_000 * 9 + 600_000)
    // On the kubernetes provider Flagger runs blue/green with 10 iterations, then switches traffic.
    const blueGreen = { ...canary({ phase: 'Progressing', iterations: 3 }) }
    blueGreen.spec = { ...blueGreen.spec, provider: 'kubernetes' }
    expect(describeProgress(blueGreen)).toBe('iteration 3/10')
    expect(defaultTimeoutMs(blueGreen)).toBe(10_000 * (10 + 4 + 2) + 600_000)
  })
})
