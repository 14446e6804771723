import {
  interruptible,
  mask,
  registerSecret,
  runAction,
  step,
  writeSummary,
} from '@canary-delivery/action-kit'
import { addonsOutput, bootstrapAddons, renderSummary } from '@canary-delivery/addons'
import { readInputs } from './inputs'

async function main(): Promise<void> {
  const inputs = readInputs()
  // GitHub cancels with SIGINT, then SIGTERM: the first ends the run (helm is asked to stop by
  // interruptible()), so that the credentials are removed before the runner kills the process.
  const cancel = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => cancel.abort(new Error(`the runner sent ${signal}`))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const report = await interruptible(() =>
    bootstrapAddons({
      ...inputs,
      signal: cancel.signal,
      log: (line) => step.info(line),
      registerSecret,
      onWorkDir: (dir) => step.saveState('work-dir', dir),
    }),
  )
  step.setOutput('result', report.result)
  step.setOutput('changed', String(report.changed))
  step.setOutput('flux-version', report.flux.appVersion)
  step.setOutput('addons', addonsOutput(report.addons))
  for (const warning of report.warnings) step.warning(mask(warning))
  await writeSummary(...renderSummary(report))
  if (report.failure) step.setFailed(mask(report.failure))
}

await runAction(main)
