import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, resolve } from 'node:path'
import * as core from '@actions/core'
import {
  ConfigurationError,
  codeBlock,
  details,
  InputReader,
  runAction,
  writeSummary,
} from '@canary-delivery/action-kit'
import { resolveFromInputs } from '@canary-delivery/delivery-config'
import {
  describeBound,
  inputName,
  type NumberSetting,
  planMarkdown,
  type RenderInputs,
  renderCanaryValues,
  SETTING_BOUNDS,
  STRATEGIES,
} from '@canary-delivery/flagger'
import { stringify } from 'yaml'

function readInputs(inputs: InputReader, workspace: string): RenderInputs & { outputFile?: string } {
  // The bounds are the flagger package's table, checked where the delivery file's values are too.
  const bounded = (key: NumberSetting): number | undefined =>
    SETTING_BOUNDS[key].whole ? inputs.integer(inputName(key)) : inputs.number(inputName(key))
  const environment = inputs.optional('environment')
  const stepWeights = inputs.list('step-weights')?.map((item) => {
    if (!/^\d+$/.test(item)) {
      throw new ConfigurationError(
        `Input 'step-weights' must be ${describeBound(SETTING_BOUNDS.stepWeights)}, got '${item}'`,
      )
    }
    return Number(item)
  })
  const targetPort = inputs.optional('target-port')
  return {
    delivery: resolveFromInputs({ config: inputs.optional('config'), environment, workspace }),
    environment,
    profile: inputs.optional('profile'),
    name: inputs.optional('name'),
    namespace: inputs.optional('namespace'),
    strategy: inputs.oneOf('strategy', STRATEGIES),
    provider: inputs.optional('provider'),
    interval: inputs.optional('interval'),
    threshold: bounded('threshold'),
    maxWeight: bounded('maxWeight'),
    stepWeight: bounded('stepWeight'),
    stepWeights,
    iterations: bounded('iterations'),
    successRate: bounded('successRate'),
    latency: bounded('latency'),
    clientErrors: bounded('clientErrors'),
    progressDeadlineSeconds: bounded('progressDeadlineSeconds'),
    acceptanceTest: inputs.optional('acceptance-test'),
    loadTest: inputs.optional('load-test'),
    loadtesterUrl: inputs.optional('loadtester-url'),
    metricsServer: inputs.optional('metrics-server'),
    match: inputs.list('match', { commas: false }),
    alerts: inputs.list('alerts'),
    gatewayRefs: inputs.list('gateway-refs'),
    port: bounded('port'),
    targetPort: targetPort && /^\d+$/.test(targetPort) ? Number(targetPort) : targetPort,
    outputFile: inputs.optional('output-file'),
  }
}

async function main(): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const { outputFile, ...inputs } = readInputs(new InputReader(), workspace)
  const result = renderCanaryValues(inputs)
  const environment = inputs.environment ?? inputs.delivery?.environment

  // Only now, with everything checked, does anything reach the disk (and in one rename).
  const fallback = resolve(
    process.env.RUNNER_TEMP ?? tmpdir(),
    `canary-values-${environment ?? 'default'}.yaml`,
  )
  const path = outputFile ? (isAbsolute(outputFile) ? outputFile : resolve(workspace, outputFile)) : fallback
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(`${path}.partial`, result.valuesYaml)
  renameSync(`${path}.partial`, path)

  const canaryYaml = stringify(result.canary, { lineWidth: 0 })
  core.setOutput('values', result.valuesYaml)
  core.setOutput('values-file', path)
  core.setOutput('canary', canaryYaml)
  core.setOutput('strategy', result.strategy)
  core.setOutput('profile', result.profile)
  core.setOutput('analysis-seconds', String(result.estimate.analysisSeconds))
  core.info(
    `${result.strategy} on ${result.provider} (profile ${result.profile}): about ${result.estimate.analysisSeconds}s of analysis; values in ${path}`,
  )
  for (const note of result.notes) core.notice(note)
  await writeSummary(
    planMarkdown(result, environment),
    details('The values (spec.values of the HelmRelease)', codeBlock(result.valuesYaml, 'yaml')),
    details('The Canary the chart renders from them', codeBlock(canaryYaml, 'yaml')),
  )
}

await runAction(main)
