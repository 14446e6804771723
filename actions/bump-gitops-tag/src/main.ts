import * as core from '@actions/core'
import {
  ConfigurationError,
  codeBlock,
  details,
  expandTemplate,
  githubServerUrl,
  heading,
  InputReader,
  registerSecret,
  runAction,
  table,
  workflowRunUrl,
  writeSummary,
} from '@canary-delivery/action-kit'
import { firstDefined, resolveFromInputs } from '@canary-delivery/delivery-config'
import { type BumpMode, bumpGitopsTag } from '@canary-delivery/gitops'

async function main(): Promise<void> {
  const inputs = new InputReader()
  const token = inputs.optional('token')
  registerSecret(token)
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const resolved = resolveFromInputs({
    config: inputs.optional('config'),
    environment: inputs.optional('environment'),
    workspace,
  })
  const tag = inputs.required('tag')
  const app = firstDefined(inputs.optional('app'), resolved?.app)
  if (!app) throw new ConfigurationError("Input 'app' is required (or 'config' with a delivery file)")
  const environment = firstDefined(inputs.optional('environment'), resolved?.environment)
  if (!environment) throw new ConfigurationError("Input 'environment' is required")
  const repository = firstDefined(inputs.optional('repository'), resolved?.gitops.repository)
  if (!repository)
    throw new ConfigurationError("Input 'repository' is required (or gitops.repository in the delivery file)")
  const fileTemplate = firstDefined(inputs.optional('file'), resolved?.gitops.file)
  if (!fileTemplate)
    throw new ConfigurationError("Input 'file' is required (or gitops.file in the delivery file)")
  const file = expandTemplate(
    fileTemplate,
    { app, environment, namespace: resolved?.namespace },
    "Input 'file'",
  )
  const mode: BumpMode = inputs.oneOf('mode', ['push', 'pull-request'] as const) ?? 'push'

  const result = await bumpGitopsTag({
    repository,
    serverUrl: githubServerUrl(),
    apiUrl: process.env.GITHUB_API_URL,
    workspace,
    branch: firstDefined(inputs.optional('branch'), resolved?.gitops.branch) ?? 'main',
    file,
    app,
    environment,
    tag,
    image: firstDefined(inputs.optional('image'), resolved?.image),
    field: inputs.optional('field'),
    values: inputs.text('values'),
    mode,
    token,
    commitMessage: inputs.text('commit-message'),
    author: inputs.optional('author'),
    maxAttempts: inputs.integer('max-attempts', { min: 1, max: 50 }) ?? 15,
    dryRun: inputs.boolean('dry-run') ?? false,
    ifCurrentTag: inputs.optional('if-current-tag'),
    source: {
      repository: process.env.GITHUB_REPOSITORY,
      sha: process.env.GITHUB_SHA,
      runUrl: workflowRunUrl(),
    },
    tempDir: process.env.RUNNER_TEMP,
    log: (line) => core.info(line),
  })

  core.setOutput('changed', result.changed)
  core.setOutput('previous-tag', result.previousTag ?? '')
  core.setOutput('commit-sha', result.commitSha ?? '')
  core.setOutput('file', result.file)
  core.setOutput('pull-request-number', result.pullRequest?.number ?? '')
  core.setOutput('pull-request-url', result.pullRequest?.url ?? '')

  const outcome = result.dryRun
    ? result.changed
      ? 'dry run: nothing pushed'
      : 'dry run: already up to date'
    : !result.changed
      ? 'already at this tag: nothing committed'
      : result.commitUrl
        ? `[${result.commitSha!.slice(0, 12)}](${result.commitUrl})`
        : `\`${result.commitSha!.slice(0, 12)}\``
  const rows: [string, string][] = [
    ['app', app],
    ['environment', environment],
    ['repository', `${result.repository} (${result.branch})`],
    ['file', `\`${result.file}\``],
    ['field', `\`${result.field}\``],
    ['tag', `\`${result.previousTag ?? '(none)'}\` → \`${tag}\``],
    ['commit', outcome],
  ]
  if (result.pullRequest)
    rows.push([
      'pull request',
      `[#${result.pullRequest.number}](${result.pullRequest.url}) ${result.pullRequest.created ? 'opened' : 'updated'}`,
    ])
  if (result.attempts > 1)
    rows.push(['attempts', `${result.attempts} (the branch moved under us ${result.attempts - 1} time(s))`])
  await writeSummary(
    heading(`bump-gitops-tag: ${app} → ${tag} in ${environment}`),
    table(['', 'this run'], rows),
    result.diff ? details(`diff of ${result.file}`, codeBlock(result.diff, 'diff'), true) : '',
  )
}

await runAction(main)
