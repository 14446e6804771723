import { appendFileSync } from 'node:fs'
import { registerSecret, runAction, writeSummary } from '@canary-delivery/action-kit'
import type { WaitOutcome } from '@canary-delivery/canary-rollout'
import { readInputs } from './inputs'

/**
 * The `result` output, also when the inputs were bad and nothing else is loaded: a `name=value`
 * line in GITHUB_OUTPUT is GitHub's documented form (the value is one word of a fixed set).
 */
function writeResult(result: string): void {
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `result=${result}\n`)
}

/**
 * The main step: read the inputs, follow the rollout, write outputs and the summary. The `result`
 * output is always set: `error` when the step fails without a verdict (bad input, an API error).
 * SIGINT or SIGTERM (GitHub cancelling the job) ends the wait at once as `cancelled`, reported so.
 */
async function waitStep(): Promise<void> {
  let outcome: WaitOutcome | undefined
  try {
    const inputs = await readInputs()
    const core = await import('@actions/core')
    const { waitForCanary } = await import('@canary-delivery/canary-rollout')
    const cancel = new AbortController()
    const onSignal = (signal: NodeJS.Signals) => {
      core.info(`${signal}: the job is being cancelled; ending the wait`)
      cancel.abort()
    }
    // Once only: a second signal ends the process as it would without these handlers.
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    if (inputs.report) core.saveState('status-context', inputs.report.context)
    outcome = await waitForCanary(
      { ...inputs, cancel: cancel.signal },
      {
        log: (line) => core.info(line),
        debug: (line) => core.debug(line),
        warn: (line) => core.warning(line),
        registerSecret,
        onKubeconfigWritten: (path) => core.saveState('kubeconfig-path', path),
        // For the post step, which finishes the status if this step is killed before it could.
        onStanding: inputs.report ? (standing) => core.saveState('standing', standing) : undefined,
        onReported: () => core.saveState('reported', 'true'),
        onCheckRunCreated: (id) => core.saveState('check-run-id', String(id)),
      },
    )
  } finally {
    writeResult(outcome?.verdict.result ?? 'error')
  }
  const core = await import('@actions/core')
  const { isSuccess, renderSummary } = await import('@canary-delivery/canary-rollout')
  const { verdict } = outcome
  core.setOutput('phase', outcome.snapshot.phase)
  core.setOutput('duration-seconds', String(Math.round(outcome.durationSeconds)))
  core.setOutput('canary-weight', String(outcome.peak.weight))
  core.setOutput('failed-checks', String(outcome.peak.failedChecks))
  core.setOutput('events', JSON.stringify(outcome.events))
  await writeSummary(renderSummary(outcome))
  if (isSuccess(verdict)) {
    if (verdict.result !== 'succeeded') core.notice(verdict.message)
    return
  }
  core.setFailed([verdict.message, ...verdict.reasons.slice(1).map((r) => `  ${r}`)].join('\n'))
}

await runAction(waitStep)
