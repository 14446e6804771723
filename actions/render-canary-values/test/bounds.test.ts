// The bundle holds its inputs to the flagger package's bounds table: it takes the values at each
// edge and refuses the value just outside, with the table's words.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runBundledAction } from '@canary-delivery/action-runner'
import {
  type CanaryValues,
  describeBound,
  inputName,
  NUMBER_SETTINGS,
  type NumberBound,
  type NumberSetting,
  SETTING_BOUNDS,
} from '@canary-delivery/flagger'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const actionDir = resolve(import.meta.dirname, '..')
const scratch = mkdtempSync(join(tmpdir(), 'render-canary-bounds-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const step = (bound: NumberBound) => (bound.whole ? 1 : 0.5)
const lowest = (bound: NumberBound) => (bound.exclusiveMin ? bound.min + step(bound) : bound.min)

/** Where each setting lands in the chart's values. */
const LANDS: Record<NumberSetting, (values: CanaryValues) => unknown> = {
  threshold: (v) => v.analysis.threshold,
  maxWeight: (v) => v.analysis.maxWeight,
  stepWeight: (v) => v.analysis.stepWeight,
  stepWeights: (v) => v.analysis.stepWeights,
  iterations: (v) => v.analysis.iterations,
  successRate: (v) => v.checks.successRate,
  latency: (v) => v.checks.latency,
  clientErrors: (v) => v.checks.clientErrors,
  progressDeadlineSeconds: (v) => v.progressDeadlineSeconds,
  port: (v) => v.service?.port,
  targetPort: (v) => v.service?.targetPort,
}

async function run(inputs: Record<string, string>) {
  const workspace = mkdtempSync(join(scratch, 'ws-'))
  const result = await runBundledAction({
    actionDir,
    workspace,
    inputs: { name: 'app', environment: 'uat', ...inputs },
  })
  return { ...result, files: readdirSync(workspace) }
}

describe('the render-canary-values bundle and the bounds table', () => {
  // A weighted canary takes every number but iterations; step-weights replaces step-weight.
  const canaryKeys = NUMBER_SETTINGS.filter((key) => key !== 'iterations' && key !== 'stepWeights')
  const edges: [string, Partial<Record<NumberSetting, number[]>>, Record<string, string>][] = [
    ['lowest', Object.fromEntries(canaryKeys.map((key) => [key, [lowest(SETTING_BOUNDS[key])]])), {}],
    [
      'highest',
      Object.fromEntries(
        canaryKeys.flatMap((key) => {
          const { max } = SETTING_BOUNDS[key]
          return max === undefined ? [] : [[key, [max]]]
        }),
      ),
      {},
    ],
    [
      'lowest and highest step',
      { stepWeights: [lowest(SETTING_BOUNDS.stepWeights), SETTING_BOUNDS.stepWeights.max!] },
      {},
    ],
    [
      'lowest',
      { iterations: [lowest(SETTING_BOUNDS.iterations)] },
      { strategy: 'blue-green', provider: 'nginx' },
    ],
  ]
  for (const [edge, settings, context] of edges) {
    it(`takes the ${edge} ${Object.keys(settings).join(', ')} and renders them as given`, async () => {
      const inputs = Object.fromEntries(
        Object.entries(settings).map(([key, values]) => [inputName(key), values.join(',')]),
      )
      const result = await run({ ...inputs, ...context, interval: `${SETTING_BOUNDS.interval.minSeconds}s` })
      expect(result.exitCode, result.log).toBe(0)
      const values = parse(result.outputs.values!).canary as CanaryValues
      expect(values.analysis.interval).toBe(`${SETTING_BOUNDS.interval.minSeconds}s`)
      for (const [key, given] of Object.entries(settings) as [NumberSetting, number[]][]) {
        expect(LANDS[key](values), key).toEqual(key === 'stepWeights' ? given : given[0])
      }
    })
  }

  const refusals: [string, string, string][] = NUMBER_SETTINGS.map((key) => {
    const bound = SETTING_BOUNDS[key]
    const below = String(lowest(bound) - step(bound))
    return [inputName(key), below, `must be ${describeBound(bound)}, got '${below}'`]
  })
  const { minSeconds } = SETTING_BOUNDS.interval
  refusals.push([
    'interval',
    `${minSeconds - 1}s`,
    `must be at least ${minSeconds}s (Flagger raises shorter intervals to 10s), got '${minSeconds - 1}s'`,
  ])
  for (const [input, value, message] of refusals) {
    it(`refuses ${input} ${value} in one line, naming the input, writing nothing`, async () => {
      const result = await run({ [input]: value, 'output-file': 'values.yaml' })
      expect(result.exitCode).toBe(1)
      expect(result.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
        `Input '${input}' ${message}`,
      ])
      expect(result.files).toEqual([])
      expect(result.outputs).toEqual({})
    })
  }
})
