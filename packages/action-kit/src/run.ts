import { isConfigurationError } from './errors'
import { mask } from './secrets'
import { debug, setFailed } from './step'

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim()
}

/**
 * The one error boundary of an action. A ConfigurationError becomes a single `::error::` line
 * without a stack (the user can act on it); anything else is a bug or an outage: its message fails
 * the step and its stack goes to the debug log.
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  try {
    await main()
  } catch (error) {
    if (isConfigurationError(error)) {
      setFailed(mask(oneLine(error.message)))
      return
    }
    if (error instanceof Error) {
      if (error.stack) debug(mask(error.stack))
      setFailed(mask(error.message || error.name))
      return
    }
    setFailed(mask(String(error)))
  }
}
