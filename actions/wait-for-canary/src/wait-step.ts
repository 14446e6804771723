import { appendFileSync } from 'node:fs'
import { registerSecret, runAction, step, writeSummary } from '@canary-delivery/action-kit'
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
    const { waitForCanary } = await import('@canary-delivery/canary-rollout')
    const cancel = new AbortController()
    const onSignal = (signal: NodeJS.Signals) => {
      step.info(`${signal}: the job is being cancelled; ending the wait`)
      cancel.abort()
    }
    // Once only: a second signal ends the process as it would without these handlers.
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    if (inputs.report) step.saveState('status-context', inputs.report.context)
    outcome = await waitForCanary(
      { ...inputs, cancel: cancel.signal },
      {
        log: (line) => step.info(line),
        debug: (line) => step.debug(line),
        warn: (line) => step.warning(line),
        registerSecret,
        onKubeconfigWritten: (path) => step.saveState('kubeconfig-path', path),
        // For the post step, which finishes the status if this step is killed before it could.
        onStanding: inputs.report ? (standing) => step.saveState('standing', standing) : undefined,
        onReported: () => step.saveState('reported', 'true'),
        onCheckRunCreated: (id) => step.saveState('check-run-id', String(id)),
      },
    )
  } finally {
    writeResult(outcome?.verdict.result ?? 'error')
  }
  const { isSuccess, renderSummary } = await import('@canary-delivery/canary-rollout')
  const { verdict } = outcome
  step.setOutput('phase', outcome.snapshot.phase)
  step.setOutput('duration-seconds', String(Math.round(outcome.durationSeconds)))
  step.setOutput('canary-weight', String(outcome.peak.weight))
  step.setOutput('failed-checks', String(outcome.peak.failedChecks))
  step.setOutput('events', JSON.stringify(outcome.events))
  await writeSummary(renderSummary(outcome))
  if (isSuccess(verdict)) {
    if (verdict.result !== 'succeeded') step.notice(verdict.message)
    return
  }
  step.setFailed([verdict.message, ...verdict.reasons.slice(1).map((r) => `  ${r}`)].join('\n'))
}

await runAction(waitStep)
