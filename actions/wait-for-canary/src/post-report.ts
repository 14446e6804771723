import { InputReader, inert, runAction, step } from '@canary-delivery/action-kit'
import { reportCancelled } from '@canary-delivery/canary-rollout/reporting'
import { readReportSettings } from './inputs'

/** Finishes the commit status (or check run) the main step left pending: `error`, where it stood. */
export async function finishReport(standing: string, context: string, checkRunId: number | undefined) {
  await runAction(async () => {
    const settings = readReportSettings(new InputReader(), () => context)
    if (!settings) return
    await reportCancelled({ ...settings, checkRunId }, standing, {
      warn: (line) => step.warning(line),
      debug: (line) => step.debug(line),
    })
    step.info(inert(`Set ${settings.context} to error: cancelled while ${standing}`))
  })
}
