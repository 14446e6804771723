import { details, formatDuration, heading, mermaid, table } from '@canary-delivery/action-kit'
import type { WaitOutcome } from './outcome'

const clock = (seconds: number) => formatDuration(seconds * 1000, 'clock')

/** Cluster text on one line, so that it cannot start a Markdown block (a heading, a list) of its own. */
const plain = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim()

const ICON: Record<string, string> = {
  succeeded: '✅',
  initialized: '✅',
  'no-rollout': '☑️',
  failed: '❌',
  'timed-out': '⏱️',
  cancelled: '⏹️',
}

/** Weight over time as a mermaid xychart: one point per change, at most 60 (evenly thinned). */
export function weightChart(outcome: Pick<WaitOutcome, 'timeline'>): string | undefined {
  const points: { t: number; weight: number }[] = []
  for (const entry of outcome.timeline) {
    const last = points[points.length - 1]
    if (last && last.weight === entry.weight) continue
    points.push({ t: entry.elapsedSeconds, weight: entry.weight })
  }
  const end = outcome.timeline[outcome.timeline.length - 1]
  if (end && points[points.length - 1]?.t !== end.elapsedSeconds)
    points.push({ t: end.elapsedSeconds, weight: end.weight })
  if (!points.some((p) => p.weight > 0)) return undefined
  const step = Math.ceil(points.length / 60)
  const shown = points.filter((_, i) => i % step === 0 || i === points.length - 1)
  // Short runs (tests, demos) in seconds; real ones in mm:ss.
  const short = (end?.elapsedSeconds ?? 0) < 120
  const label = (t: number) => (short ? `"${t.toFixed(1)}s"` : `"${clock(t)}"`)
  return mermaid(
    [
      'xychart-beta',
      '  title "Canary weight (%) over time"',
      `  x-axis "elapsed" [${shown.map((p) => label(p.t)).join(', ')}]`,
      '  y-axis "canary weight %" 0 --> 100',
      `  line [${shown.map((p) => p.weight).join(', ')}]`,
    ].join('\n'),
  )
}

/** Keeps long lists readable (and the summary far under GitHub's 1 MiB): the start and the end. */
export function elide<T>(rows: readonly T[], head: number, tail: number, gap: (skipped: number) => T): T[] {
  if (rows.length <= head + tail + 1) return [...rows]
  return [...rows.slice(0, head), gap(rows.length - head - tail), ...rows.slice(rows.length - tail)]
}

/** The job summary: outcome, facts, timeline, weight chart and Flagger's events. */
export function renderSummary(outcome: WaitOutcome): string {
  const { verdict } = outcome
  const sections: string[] = [
    heading(
      `${ICON[verdict.result] ?? ''} Canary ${outcome.name}.${outcome.namespace}: ${verdict.result}`.trim(),
      2,
    ),
    plain(verdict.message),
  ]
  if (verdict.reasons.length)
    sections.push(`**Flagger's reasons**\n\n${verdict.reasons.map((r) => `- ${plain(r)}`).join('\n')}`)
  sections.push(
    table(
      ['', 'this run'],
      [
        ['Revision', outcome.expected],
        ['Final phase', outcome.snapshot.phase],
        ['Strategy', outcome.strategy],
        ['Highest canary weight', `${outcome.peak.weight}%`],
        ['Failed checks (most)', outcome.peak.failedChecks],
        ['Duration', formatDuration(outcome.durationSeconds * 1000)],
        ['Time limit', `${formatDuration(outcome.timeoutMs)} (${outcome.timeoutSource})`],
        [
          'Kubernetes API requests',
          `${outcome.requests} (${outcome.watches.watches} watch streams, ${outcome.watches.relists} re-lists)`,
        ],
        ...(outcome.statusesSent ? [['Updates sent to GitHub', outcome.statusesSent]] : []),
      ],
    ),
  )
  sections.push(heading('Timeline', 3))
  sections.push(
    table(
      ['elapsed', 'phase', 'weight', 'failed checks', 'what happened'],
      elide(
        outcome.timeline.map((e) => [
          clock(e.elapsedSeconds),
          e.phase,
          e.progress || `${e.weight}%`,
          e.failedChecks,
          e.message,
        ]),
        40,
        160,
        (skipped) => ['…', '', '', '', `${skipped} more changes (the whole list is in the log)`],
      ),
    ),
  )
  const chart = weightChart(outcome)
  if (chart) sections.push(chart)
  if (outcome.events.length) {
    sections.push(
      details(
        `Flagger events during this wait (${outcome.events.length})`,
        table(
          ['elapsed', 'type', 'message'],
          elide(
            outcome.events.map((e) => [clock(e.elapsedSeconds), e.type, e.message]),
            40,
            160,
            (skipped) => ['…', '', `${skipped} more events (all are in the \`events\` output)`],
          ),
        ),
        verdict.result === 'failed',
      ),
    )
  }
  return sections.join('\n\n')
}
