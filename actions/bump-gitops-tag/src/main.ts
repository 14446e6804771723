import {
  ConfigurationError,
  codeBlock,
  details,
  githubServerUrl,
  heading,
  InputReader,
  inert,
  registerSecret,
  runAction,
  step,
  table,
  workflowRunUrl,
  writeSummary,
} from '@canary-delivery/action-kit'
import type { BumpMode, BumpResult } from '@canary-delivery/gitops'

/**
 * A cancelled job gets SIGINT, then SIGTERM 7.5 s later, then SIGKILL: the first signal stops the
 * bump (a push in flight may still finish), the second stops the push too.
 */
function cancellation(pushGraceMs: number): { signal: AbortSignal; abandonPush: AbortSignal } {
  const cancel = new AbortController()
  const abandon = new AbortController()
  const onSignal = (name: NodeJS.Signals) => {
    if (!cancel.signal.aborted) {
      step.info(
        `${name}: cancelling; a push in flight gets ${pushGraceMs / 1000}s to finish, so that its outcome is known`,
      )
      cancel.abort(name)
    } else if (!abandon.signal.aborted) {
      step.info(`${name} again: stopping the push in flight`)
      abandon.abort(name)
    }
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return { signal: cancel.signal, abandonPush: abandon.signal }
}

async function main(): Promise<void> {
  const inputs = new InputReader()
  const token = inputs.optional('token')
  registerSecret(token)
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const resolved = await deliveryFile(inputs.optional('config'), inputs.optional('environment'), workspace)
  const tag = inputs.required('tag')
  const app = either(inputs.optional('app'), resolved?.app)
  if (!app) throw new ConfigurationError("Input 'app' is required (or 'config' with a delivery file)")
  const environment = either(inputs.optional('environment'), resolved?.environment)
  if (!environment) throw new ConfigurationError("Input 'environment' is required")
  const repository = either(inputs.optional('repository'), resolved?.gitops.repository)
  if (!repository)
    throw new ConfigurationError("Input 'repository' is required (or gitops.repository in the delivery file)")
  const file = either(inputs.optional('file'), resolved?.gitops.file)
  if (!file) throw new ConfigurationError("Input 'file' is required (or gitops.file in the delivery file)")
  const mode: BumpMode = inputs.oneOf('mode', ['push', 'pull-request'] as const) ?? 'push'

  // Git, YAML and the GitHub client load only once the inputs hold, so that the step starts fast.
  const { bumpGitopsTag, PUSH_GRACE_MS } = await import('@canary-delivery/gitops')
  const cancel = cancellation(PUSH_GRACE_MS)

  const result = await bumpGitopsTag({
    repository,
    serverUrl: githubServerUrl(),
    apiUrl: process.env.GITHUB_API_URL,
    workspace,
    branch: either(inputs.optional('branch'), resolved?.gitops.branch) ?? 'main',
    file,
    app,
    environment,
    namespace: resolved?.namespace,
    tag,
    image: either(inputs.optional('image'), resolved?.image),
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
    // The lines carry text from the file and the remote: never a workflow command.
    log: (line) => step.info(inert(line)),
    debug: (line) => step.debug(line),
    ...cancel,
  })

  step.setOutput('changed', result.changed)
  step.setOutput('previous-tag', result.previousTag ?? '')
  step.setOutput('commit-sha', result.commitSha ?? '')
  step.setOutput('file', result.file)
  step.setOutput('pull-request-number', result.pullRequest?.number ?? '')
  step.setOutput('pull-request-url', result.pullRequest?.url ?? '')

  const rows: [string, string][] = [
    ['app', app],
    ['environment', environment],
    ['repository', `${result.repository} (${result.branch})`],
    ['file', code(result.file)],
    ['field', result.field ? code(result.field) : '(not read)'],
    ['tag', tagChange(result, tag)],
    ['commit', commitOutcome(result)],
  ]
  if (result.pullRequest)
    rows.push([
      'pull request',
      `[#${result.pullRequest.number}](${result.pullRequest.url}) ${result.pullRequest.created ? 'opened' : 'updated'}`,
    ])
  if (result.attempts > 1) rows.push(['attempts', `${result.attempts} (see the log for why)`])
  await writeSummary(
    heading(`bump-gitops-tag: ${app} → ${tag} in ${environment}`),
    table(['', 'this run'], rows),
    result.diff ? details(`diff of ${result.file}`, codeBlock(result.diff, 'diff'), true) : '',
  )
  if (result.outcome === 'cancelled') {
    throw new Error(`cancelled by ${String(cancel.signal.reason)}: ${commitOutcome(result)}`)
  }
}

/** The delivery file's settings for the environment; its loader is evaluated only when there is one. */
async function deliveryFile(config: string | undefined, environment: string | undefined, workspace: string) {
  if (!config) return undefined
  const { resolveFromInputs } = await import('@canary-delivery/delivery-config')
  return resolveFromInputs({ config, environment, workspace })
}

/** The explicit input, else the delivery file's value. */
const either = <T>(input: T | undefined, fromFile: T | undefined): T | undefined => input ?? fromFile

/** Inline code that holds any text, backticks included. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  return longest ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`
}

/** The tag row says what happened to the tag, and only claims a change that was made. */
function tagChange(result: BumpResult, tag: string): string {
  const before = code(result.previousTag ?? '(none)')
  switch (result.outcome) {
    case 'left-alone':
      return `${before}, left alone: the file does not hold ${code(result.ifCurrentTag ?? '')}`
    case 'up-to-date':
      return `${code(tag)} already`
    default:
      return result.changed ? `${before} → ${code(tag)}` : `${before} (${code(tag)} not written)`
  }
}

function commitOutcome(result: BumpResult): string {
  const commit = result.commitSha
    ? result.commitUrl
      ? `[${result.commitSha.slice(0, 12)}](${result.commitUrl})`
      : code(result.commitSha.slice(0, 12))
    : ''
  switch (result.outcome) {
    case 'pushed':
      return commit || 'pushed by an earlier attempt (its commit is on the branch, with more since)'
    case 'up-to-date':
      return 'already at this tag: nothing committed'
    case 'left-alone':
      return 'nothing committed (if-current-tag)'
    case 'dry-run':
      return result.changed ? 'dry run: nothing pushed' : 'dry run: already up to date'
    case 'cancelled':
      if (result.push === 'landed') return `cancelled after the push landed: ${commit}`
      if (result.push === 'unconfirmed')
        return 'cancelled during the push: not confirmed, it may still land (changed=true, so that a revert guard runs)'
      return 'cancelled before the push: nothing pushed'
  }
}

await runAction(main)
