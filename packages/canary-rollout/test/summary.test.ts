import { describe, expect, it } from 'vitest'
import type { WaitOutcome } from '../src/outcome'
import { statusDescription } from '../src/reporting'
import { renderSummary, weightChart } from '../src/summary'
import type { Snapshot } from '../src/timeline'

const entry = (
  elapsedSeconds: number,
  phase: Snapshot['phase'],
  weight: number,
  message = '',
  failedChecks = 0,
) => ({
  elapsedSeconds,
  time: '2026-01-01T00:00:00Z',
  phase,
  weight,
  iterations: 0,
  failedChecks,
  progress: weight ? `${weight}% (${weight / 10}/5)` : '',
  message,
})

const outcome: WaitOutcome = {
  name: 'podinfo',
  namespace: 'demo',
  expected: 'ghcr.io/acme/podinfo:1.1.0',
  context: 'sit',
  verdict: {
    result: 'failed',
    message:
      'Flagger rolled back ghcr.io/acme/podinfo:1.1.0 on podinfo.demo: Rolling back podinfo.demo failed checks threshold reached 2',
    reasons: [
      'Rolling back podinfo.demo failed checks threshold reached 2',
      'Halt podinfo.demo advancement success rate 42.00% < 99%',
    ],
  },
  snapshot: { phase: 'Failed', weight: 0, iterations: 0, failedChecks: 2, progress: '0%' },
  durationSeconds: 185,
  peak: { weight: 20, failedChecks: 2 },
  events: [
    {
      elapsedSeconds: 130,
      time: 't',
      type: 'Warning',
      reason: 'Synced',
      message: 'Halt podinfo.demo advancement success rate 42.00% < 99% | x',
    },
  ],
  timeline: [
    entry(0, 'Succeeded', 0, 'Succeeded is from an earlier run'),
    entry(60, 'Progressing', 10, 'Advance podinfo.demo canary weight 10'),
    entry(120, 'Progressing', 20, 'Advance podinfo.demo canary weight 20'),
    entry(130, 'Progressing', 20, 'Halt podinfo.demo advancement success rate 42.00% < 99%', 1),
    entry(185, 'Failed', 0, 'Rolling back podinfo.demo failed checks threshold reached 2', 2),
  ],
  timeoutMs: 690_000,
  timeoutSource: 'canary analysis',
  strategy: 'canary',
  requests: 10,
  watches: { lists: 4, watches: 4, resumes: 0, relists: 0, errors: 0 },
  statusesSent: 4,
}

describe('the job summary', () => {
  it('leads with the outcome and Flagger’s reasons, then the facts, the timeline, the chart and the events', () => {
    const md = renderSummary(outcome)
    expect(md.startsWith('## ❌ Canary podinfo.demo: failed')).toBe(true)
    const order = [
      "**Flagger's reasons**",
      '| Highest canary weight | 20% |',
      '### Timeline',
      'xychart-beta',
      '<details open>',
    ]
    const positions = order.map((text) => md.indexOf(text))
    expect(positions.every((p) => p > 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(md).toContain(
      '| 02:10 | Progressing | 20% (2/5) | 1 | Halt podinfo.demo advancement success rate 42.00% < 99% |',
    )
    // A pipe in a message cannot break the table.
    expect(md).toContain('42.00% < 99% \\| x')
    expect(md).toContain('| Time limit | 11m 30s (canary analysis) |')
  })

  it('charts the weight over time, one point per change, in mm:ss for real runs', () => {
    expect(weightChart(outcome)).toBe(
      [
        '```mermaid',
        'xychart-beta',
        '  title "Canary weight (%) over time"',
        '  x-axis "elapsed" ["00:00", "01:00", "02:00", "03:05"]',
        '  y-axis "canary weight %" 0 --> 100',
        '  line [0, 10, 20, 0]',
        '```',
      ].join('\n'),
    )
    expect(weightChart({ timeline: [entry(0, 'Succeeded', 0), entry(5, 'Succeeded', 0)] })).toBeUndefined()
  })

  it('keeps the start and the end of a very long timeline', () => {
    const long = {
      ...outcome,
      timeline: Array.from({ length: 500 }, (_, i) => entry(i, 'Waiting', 0, `tick ${i}`)),
    }
    const md = renderSummary(long)
    expect(md).toContain('| 00:39 | Waiting | 0% | 0 | tick 39 |')
    expect(md).not.toContain('tick 40 |')
    expect(md).toContain('| … | – | – | – | 300 more changes (the whole list is in the log) |')
    expect(md).toContain('| 08:19 | Waiting | 0% | 0 | tick 499 |')
  })

  it('describes a snapshot as the commit status does', () => {
    expect(
      statusDescription({
        phase: 'Progressing',
        weight: 30,
        iterations: 0,
        failedChecks: 0,
        progress: '30% (3/5)',
      }),
    ).toBe('Progressing: 30% (3/5), 0 failed checks')
    expect(
      statusDescription({
        phase: 'Progressing',
        weight: 0,
        iterations: 2,
        failedChecks: 1,
        progress: 'iteration 2/10',
      }),
    ).toBe('Progressing: iteration 2/10, 1 failed check')
  })
})
