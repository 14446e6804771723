import { formatDuration, heading, table } from '@canary-delivery/action-kit'
import { STRATEGY_TITLES } from './providers'
import type { RenderResult } from './render'
import type { AnalysisEstimate, PromotionPhase } from './strategy'
import type { CanaryValues } from './values'

const clock = (seconds: number): string => formatDuration(seconds * 1000, 'clock')
const inWords = (seconds: number): string => formatDuration(seconds * 1000)

const PHASES: Record<PromotionPhase, [string, string]> = {
  switch: ['switch', 'all traffic'],
  promote: ['promote', 'the primary gets the new version'],
  'route-back': ['route back', 'traffic returns to the (new) primary'],
  finalise: ['succeeded', 'nothing: the canary is scaled down'],
}

/** The steps of a successful run as rows: when, what traffic the new version gets, what is checked. */
export function planRows(estimate: AnalysisEstimate, values: CanaryValues): string[][] {
  const rows: string[][] = []
  const interval = estimate.intervalSeconds
  const checking =
    checkNames(values).join(', ') ||
    (values.loadtester.loadTest ? 'the load test only' : 'nothing (no metrics, no load test)')
  rows.push([clock(0), 'new revision detected', 'nothing yet: the canary is scaled up', '–'])
  const start = values.loadtester.acceptanceTest
    ? 'acceptance test, then the first step'
    : 'first step, no check yet'
  for (const step of estimate.steps) {
    const traffic = step.mirrored
      ? 'a mirrored copy of all traffic'
      : step.weight !== undefined
        ? `${step.weight}% of traffic`
        : estimate.strategy === 'ab-testing'
          ? 'requests matching the conditions'
          : estimate.strategy === 'blue-green-mirroring'
            ? 'a mirrored copy of all traffic'
            : 'test traffic only (no users)'
    const what = step.mirrored
      ? 'mirror'
      : step.weight !== undefined
        ? `weight ${step.weight}%`
        : `iteration ${step.iteration}/${estimate.steps.length}`
    rows.push([clock(step.atSeconds), what, traffic, step === estimate.steps[0] ? start : checking])
  }
  let at = estimate.steps.at(-1)?.atSeconds ?? 0
  for (const phase of estimate.promotion) {
    at += interval
    const [what, traffic] = PHASES[phase]
    rows.push([clock(at), what, traffic, phase === 'switch' || phase === 'promote' ? checking : '–'])
  }
  return rows
}

/** The checks as a person reads them. */
export function checkNames(values: CanaryValues): string[] {
  const names: string[] = []
  if (values.checks.successRate !== undefined) names.push(`success rate ≥ ${values.checks.successRate}%`)
  if (values.checks.latency !== undefined) names.push(`p99 latency ≤ ${values.checks.latency} ms`)
  if (values.checks.clientErrors !== undefined) names.push(`4xx responses ≤ ${values.checks.clientErrors}%`)
  return names
}

/** The job summary: the analysis plan, the checks, where the numbers came from, the values. */
export function planMarkdown(result: RenderResult, environment?: string): string {
  const { estimate, values } = result
  const where = environment ? ` in ${environment}` : ''
  const steps =
    estimate.strategy === 'canary'
      ? `${estimate.steps.length} steps of ${inWords(estimate.intervalSeconds)} up to ${estimate.steps.at(-1)?.weight ?? 0}% of traffic`
      : `${estimate.steps.length} iterations of ${inWords(estimate.intervalSeconds)}`
  const lines = [
    heading(`Canary analysis plan${where}: ${STRATEGY_TITLES[result.strategy]} on ${result.provider}`),
    `**${steps}**; a successful run takes about **${inWords(estimate.analysisSeconds)}** ` +
      `(analysis-seconds ${estimate.analysisSeconds}) from the moment Flagger sees the new revision. ` +
      `Rollback after **${estimate.threshold}** failed check${estimate.threshold === 1 ? '' : 's'}; ` +
      `progress deadline ${inWords(values.progressDeadlineSeconds)}. Profile: \`${result.profile}\`.`,
    table(['at', 'step', 'new version gets', 'checks'], planRows(estimate, values)),
    heading('Checks', 3),
    table(
      ['check', 'threshold', 'how'],
      [
        ...(values.checks.successRate !== undefined
          ? [
              [
                'request success rate',
                `≥ ${values.checks.successRate}%`,
                `Flagger's request-success-rate over ${values.checks.interval}`,
              ],
            ]
          : []),
        ...(values.checks.latency !== undefined
          ? [
              [
                'request duration (p99)',
                `≤ ${values.checks.latency} ms`,
                `Flagger's request-duration over ${values.checks.interval}`,
              ],
            ]
          : []),
        ...(values.checks.clientErrors !== undefined
          ? [
              [
                '4xx responses',
                `≤ ${values.checks.clientErrors}%`,
                `MetricTemplate client-errors at ${values.metricsServer}`,
              ],
            ]
          : []),
        ...(values.loadtester.acceptanceTest
          ? [['acceptance test', 'must succeed', `\`${values.loadtester.acceptanceTest}\``]]
          : []),
        ...(values.loadtester.loadTest
          ? [['load test', 'runs at every step', `\`${values.loadtester.loadTest}\``]]
          : []),
        ...(values.analysis.match
          ? [['A/B conditions', 'requests routed to the canary', JSON.stringify(values.analysis.match)]]
          : []),
      ],
    ),
    ...(result.notes.length ? [result.notes.map((note) => `> ${note}`).join('\n>\n')] : []),
    heading('Where the numbers come from', 3),
    table(
      ['setting', 'value', 'from'],
      Object.entries(result.sources)
        .filter(([key]) => key !== 'strategy' && key !== 'provider')
        .map(([key, source]) => [key, settingValue(result, key), source])
        .filter(([, value]) => value !== '(not used)'),
    ),
  ]
  return lines.join('\n\n')
}

function settingValue(result: RenderResult, key: string): string {
  const { analysis, checks, loadtester } = result.values
  const value = (
    {
      interval: analysis.interval,
      threshold: analysis.threshold,
      maxWeight: analysis.maxWeight ?? '(not used)',
      stepWeight: analysis.stepWeight ?? '(not used)',
      stepWeights: analysis.stepWeights?.join(', ') ?? '(not used)',
      iterations: analysis.iterations ?? '(not used)',
      successRate: checks.successRate ?? '(not checked)',
      latency: checks.latency ?? '(not checked)',
      progressDeadlineSeconds: result.values.progressDeadlineSeconds,
      acceptanceTest: loadtester.acceptanceTest,
      loadTest: loadtester.loadTest,
      loadtesterUrl: loadtester.url,
      match: analysis.match ? JSON.stringify(analysis.match) : undefined,
      alerts: result.values.alerts?.map((a) => a.providerRef.name).join(', '),
    } as Record<string, unknown>
  )[key]
  return value === undefined ? '–' : String(value)
}
