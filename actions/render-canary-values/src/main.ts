import { join } from 'node:path'
import {
  ConfigurationError,
  codeBlock,
  details,
  InputReader,
  inert,
  runAction,
  type StepFolders,
  step,
  stepFolders,
  writablePath,
  writeFileAtomically,
  writeSummary,
} from '@canary-delivery/action-kit'
import { resolveFromInputs } from '@canary-delivery/delivery-config'
import {
  describeBound,
  inputName,
  type NumberSetting,
  planMarkdown,
  type RenderInputs,
  renderCanaryValuesLazily,
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

/** Where the values go: the output-file input, or a file named after the environment in RUNNER_TEMP. */
function valuesPath(outputFile: string | undefined, environment: string | undefined, folders: StepFolders) {
  if (outputFile) return writablePath(outputFile, { input: 'output-file', value: outputFile }, folders)
  const name = `canary-values-${environment ?? 'default'}.yaml`
  return writablePath(
    join(folders.runnerTemp, name),
    {
      input: 'environment',
      value: environment ?? '',
      expected: 'a name that keeps the values file in RUNNER_TEMP',
    },
    folders,
  )
}

async function main(): Promise<void> {
  const folders = stepFolders()
  const { outputFile, ...inputs } = readInputs(new InputReader(), folders.workspace)
  const result = await renderCanaryValuesLazily(inputs)
  const environment = inputs.environment ?? inputs.delivery?.environment

  // Only now, with everything checked, does anything reach the disk (and in one rename).
  const path = valuesPath(outputFile, environment, folders)
  writeFileAtomically(path, result.valuesYaml)

  const canaryYaml = stringify(result.canary, { lineWidth: 0 })
  step.setOutput('values', result.valuesYaml)
  step.setOutput('values-file', path)
  step.setOutput('canary', canaryYaml)
  step.setOutput('strategy', result.strategy)
  step.setOutput('profile', result.profile)
  step.setOutput('analysis-seconds', String(result.estimate.analysisSeconds))
  step.info(
    `${result.strategy} on ${result.provider} (profile ${result.profile}): about ${result.estimate.analysisSeconds}s of analysis; values in ${inert(path)}`,
  )
  for (const note of result.notes) step.notice(note)
  await writeSummary(
    planMarkdown(result, environment),
    details('The values (spec.values of the HelmRelease)', codeBlock(result.valuesYaml, 'yaml')),
    details('The Canary the chart renders from them', codeBlock(canaryYaml, 'yaml')),
  )
}

await runAction(main)
