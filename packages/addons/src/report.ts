import { details, formatDuration, heading, inert, table } from '@canary-delivery/action-kit'
import type { AddonRow } from './flux-state'
import type { SyncChange } from './sync'
import type { VerifyCheck } from './verify'

export type Result = 'ready' | 'failed' | 'timed-out' | 'planned' | 'drift'

export interface Phase {
  name: string
  ms: number
}

export interface BootstrapReport {
  environment: string
  command: 'plan' | 'apply' | 'check'
  result: Result
  changed: boolean
  /** The server the action talked to (never the kubeconfig). */
  server: string
  flux: {
    chartVersion: string
    appVersion: string
    action: 'install' | 'upgrade' | 'none'
    changes: string[]
  }
  sync: SyncChange[]
  /** Reconciles, resets the action asked Flux for. */
  requests: string[]
  addons: AddonRow[]
  checks: VerifyCheck[]
  phases: Phase[]
  drift: string[]
  warnings: string[]
  /** The one line the step fails with. */
  failure?: string
  /** The object that failed, Flux's message and its events. */
  failedObject?: { label: string; message: string; events: string[] }
  /** What was still not ready at the deadline. */
  waiting: { label: string; message: string }[]
}

const ICON: Record<Result, string> = {
  ready: '✅',
  planned: '📝',
  drift: '⚠️',
  failed: '❌',
  'timed-out': '⏱️',
}

/** `2026-11-30T08:00:00Z` → how long ago, from `now`. */
function since(time: string | undefined, now: number): string | undefined {
  const at = time ? Date.parse(time) : Number.NaN
  return Number.isFinite(at) ? `${formatDuration(Math.max(0, now - at))} ago` : undefined
}

/** The `addons` output: one object per add-on. */
export function addonsOutput(addons: AddonRow[]): string {
  return JSON.stringify(
    addons.map((a) => ({
      name: a.name,
      namespace: a.namespace,
      chart: a.chart,
      pinned: a.pinned,
      running: a.running,
      ready: a.ready,
      message: a.message,
    })),
  )
}

/** The job summary: one section per environment (the action runs once per environment). */
export function renderSummary(report: BootstrapReport, now = Date.now()): string[] {
  const flux = report.flux
  const fluxLine =
    flux.action === 'none'
      ? `Flux ${flux.appVersion} (chart flux2 ${flux.chartVersion}): unchanged`
      : `Flux ${flux.appVersion} (chart flux2 ${flux.chartVersion}): ${report.command === 'apply' ? `${flux.action === 'install' ? 'installed' : 'upgraded'}` : `would ${flux.action}`} — ${flux.changes.join('; ')}`
  const sections: (string | undefined)[] = [
    heading(
      `${ICON[report.result]} bootstrap-addons ${report.command}: ${report.environment} — ${report.result}`,
    ),
    `API server ${report.server} · ${fluxLine}${report.changed ? ' · changed' : ' · nothing changed'}`,
    report.failure ? `**${inert(report.failure)}**` : undefined,
  ]
  if (report.failedObject)
    sections.push(
      table(
        ['object', 'Flux says', 'events'],
        [[report.failedObject.label, report.failedObject.message, report.failedObject.events.join('\n')]],
      ),
    )
  if (report.waiting.length)
    sections.push(
      details(
        `Not ready at the deadline (${report.waiting.length})`,
        table(
          ['object', 'Flux says'],
          report.waiting.map((w) => [w.label, w.message]),
        ),
        true,
      ),
    )
  if (report.addons.length)
    sections.push(
      heading('Add-ons', 3),
      table(
        ['add-on', 'chart', 'pinned', 'running', 'ready', 'since'],
        report.addons.map((a) => [
          `${a.namespace}/${a.name}`,
          a.chart,
          a.pinned,
          a.running || '–',
          a.ready ? '✅' : `❌ ${a.message}`,
          since(a.since, now),
        ]),
      ),
    )
  if (report.checks.length)
    sections.push(
      heading('Delivery path', 3),
      table(
        ['check', 'result', 'found', 'fix'],
        report.checks.map((c) => [c.name, c.ok ? '✅' : '❌', c.detail, c.fix]),
      ),
    )
  if (report.drift.length) sections.push(heading('Drift', 3), report.drift.map((d) => `- ${d}`).join('\n'))
  if (report.sync.length)
    sections.push(
      details(
        'The sync',
        table(
          ['object', report.command === 'apply' ? 'applied' : 'would be', 'fields'],
          report.sync.map((s) => [s.object, s.change, s.fields.join(', ')]),
        ),
        report.command === 'plan',
      ),
    )
  if (report.requests.length)
    sections.push(details('Asked of Flux', report.requests.map((r) => `- ${r}`).join('\n')))
  if (report.warnings.length) sections.push(report.warnings.map((w) => `> ⚠️ ${w}`).join('\n'))
  sections.push(
    details(
      'Phases',
      table(
        ['phase', 'took'],
        report.phases.map((p) => [p.name, formatDuration(p.ms)]),
      ),
    ),
  )
  return sections.filter((s): s is string => Boolean(s))
}
