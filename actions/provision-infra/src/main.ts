import {
  ConfigurationError,
  envInputGetter,
  InputReader,
  mask,
  registerSecret,
  runAction,
  step,
  writeSummary,
} from '@canary-delivery/action-kit'
import {
  defaultVarFile,
  normaliseFingerprint,
  parseBackendConfig,
  parseSecretVariables,
  parseVarFiles,
  parseVariables,
  parseWorkspace,
  provisionInfra,
  pullRequestOfEvent,
  registerSecretValues,
  renderSummary,
  resolveBinary,
  resolveWorkingDirectory,
} from '@canary-delivery/infra'

async function main(): Promise<void> {
  const inputs = new InputReader()
  // Multi-line inputs are read raw, so that errors name the line as the workflow has it.
  const raw = envInputGetter()
  const token = inputs.optional('token')
  registerSecret(token)
  const secrets = parseSecretVariables(raw('secret-variables'), process.env)
  for (const name of registerSecretValues([...secrets.given, ...secrets.fromEnvironment]))
    step.warning(`The secret value of '${name}' is shorter than 4 characters and cannot be masked`)

  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const command = inputs.oneOf('command', ['plan', 'apply', 'check'] as const) ?? 'plan'
  const environment = inputs.required('environment')
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(environment))
    throw new ConfigurationError(
      `Input 'environment' must be a name of letters, digits, '.', '-' and '_', got '${environment}'`,
    )
  const directory = resolveWorkingDirectory(inputs.optional('working-directory') ?? '.', workspace)
  const varFilesText = raw('var-files')
  const varFiles = varFilesText?.trim()
    ? parseVarFiles(varFilesText, environment, directory.path)
    : [defaultVarFile(directory.path, environment)].filter((file): file is string => file !== undefined)
  const fingerprintText = inputs.optional('plan-fingerprint')
  const planFingerprint = fingerprintText === undefined ? undefined : normaliseFingerprint(fingerprintText)
  if (fingerprintText !== undefined && !planFingerprint)
    throw new ConfigurationError(
      `Input 'plan-fingerprint' must be sha256: and 64 hex digits (the plan-fingerprint output of the reviewed plan), got '${fingerprintText}'`,
    )
  const binary = resolveBinary(inputs.optional('binary') ?? 'terraform', workspace)
  if (binary.note) step.info(binary.note)

  const pullRequest = pullRequestOfEvent(process.env.GITHUB_EVENT_NAME, process.env.GITHUB_EVENT_PATH)
  const comment = command === 'plan' && (inputs.boolean('comment') ?? pullRequest !== undefined)
  if (comment && !pullRequest) step.info('Not a pull request event: the plan goes to the job summary only')
  const repository = process.env.GITHUB_REPOSITORY
  if (comment && pullRequest && !token)
    throw new ConfigurationError("Input 'token' is required for the plan comment (or comment: false)")
  const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com'
  const runUrl =
    repository && process.env.GITHUB_RUN_ID
      ? `${server}/${repository}/actions/runs/${process.env.GITHUB_RUN_ID}`
      : undefined

  const result = await provisionInfra({
    command,
    workingDirectory: directory.path,
    label: directory.label,
    environment,
    varFiles,
    variables: parseVariables(raw('variables')),
    secretVariables: secrets.given,
    backendConfig: parseBackendConfig(raw('backend-config'), environment),
    workspace: parseWorkspace(inputs.optional('workspace'), environment),
    planFingerprint,
    allowDestroy: inputs.boolean('allow-destroy') ?? false,
    lockTimeoutMs: inputs.duration('lock-timeout', { maxMs: 24 * 3_600_000 }) ?? 300_000,
    binary: binary.file,
    hostsOutput:
      inputs.matching('hosts-output', /^[A-Za-z_][A-Za-z0-9_-]*$/, 'a Terraform output name') ?? 'hosts',
    tempDir: process.env.RUNNER_TEMP ?? workspace,
    github:
      token && repository
        ? {
            token,
            apiUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
            repository,
            sha: process.env.GITHUB_SHA,
            ...(pullRequest ? { pullRequest } : {}),
            comment,
            ...(runUrl ? { runUrl } : {}),
            log: (line) => step.info(line),
          }
        : undefined,
    log: (line) => step.info(line),
  })

  const { counts } = result.facts
  step.setOutput('result', result.result)
  step.setOutput('changes', result.facts.changes.length + result.facts.outputs.length > 0)
  step.setOutput('to-add', counts.add)
  step.setOutput('to-change', counts.change)
  step.setOutput('to-destroy', counts.destroy)
  step.setOutput('plan-fingerprint', result.fingerprint)
  step.setOutput('outputs', JSON.stringify(result.outputs))
  step.setOutput('hosts', JSON.stringify(result.hosts))
  for (const warning of result.warnings) step.warning(mask(warning))
  await writeSummary(...renderSummary(result))
  if (result.failure) step.setFailed(mask(result.failure))
}

await runAction(main)
