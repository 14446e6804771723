// drift-issue: reads what a scheduled check found for one environment and keeps its issue. The GitHub
// client is loaded only once the inputs are known to be good.
import {
  ConfigurationError,
  InputReader,
  registerSecret,
  runAction,
  step,
  workflowRunUrl,
  writeSummary,
} from '@canary-delivery/action-kit'
import {
  ADDONS_RESULTS,
  INFRASTRUCTURE_RESULTS,
  parseAddonRows,
} from '@canary-delivery/github-report/drift-check'

async function main(): Promise<void> {
  const inputs = new InputReader()
  const token = inputs.optional('token')
  registerSecret(token)
  const environment = inputs.matching(
    'environment',
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
    "an environment name of letters, digits, '.', '-' and '_'",
  )
  if (!environment) throw new ConfigurationError("Input 'environment' is required")
  const infrastructure = inputs.oneOf('infrastructure-result', INFRASTRUCTURE_RESULTS) ?? ''
  const addons = inputs.oneOf('addons-result', ADDONS_RESULTS) ?? ''
  const count = (name: string) => inputs.integer(name, { min: 0 })
  const counts = [count('to-add'), count('to-change'), count('to-destroy')]
  // GitHub allows label names of up to 50 characters.
  const label =
    inputs.matching('label', /^[^,]{1,50}$/, 'a label name of 1 to 50 characters without commas') ??
    'infra-drift'
  if (!token) throw new ConfigurationError("Input 'token' is required: a token with issues: write")
  const repository = process.env.GITHUB_REPOSITORY
  if (!repository) throw new ConfigurationError('GITHUB_REPOSITORY is not set: run this action in a workflow')

  const addonRows = parseAddonRows(inputs.text('addons'))

  const { keepDriftIssue } = await import('@canary-delivery/github-report')
  const runUrl = workflowRunUrl()
  const result = await keepDriftIssue(
    {
      token,
      apiUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
      repository,
      log: (line) => step.info(line),
    },
    {
      environment,
      infrastructure,
      ...(counts.every((n) => n !== undefined)
        ? { changes: { add: counts[0]!, change: counts[1]!, destroy: counts[2]! } }
        : {}),
      addons,
      addonRows,
      ...(runUrl ? { runUrl } : {}),
      checkedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    label,
  )

  step.setOutput('verdict', result.verdict)
  step.setOutput('action', result.action)
  step.setOutput('issue', result.issue ? String(result.issue.number) : '')
  step.setOutput('issue-url', result.issue?.url ?? '')
  const said = {
    drift: `${environment} drifts`,
    clean: `${environment} matches its code`,
    unknown: `a check of ${environment} did not finish: nothing is said about drift`,
  }[result.verdict]
  const done = result.issue
    ? `; issue [#${result.issue.number}](${result.issue.url}) ${result.action === 'none' ? 'left as it is' : result.action}`
    : ''
  const duplicates = result.duplicates.length
    ? `; closed as duplicates: ${result.duplicates.map((n) => `#${n}`).join(', ')}`
    : ''
  step.info(`${said}${done.replace(/\[(#\d+)\]\([^)]*\)/, '$1')}${duplicates}`)
  await writeSummary(`### Drift of ${environment}\n\n${said}${done}${duplicates}.`)
}

await runAction(main)
