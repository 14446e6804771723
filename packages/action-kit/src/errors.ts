/**
 * A mistake the user can fix (a bad input, a malformed file). Reported as one line without a
 * stack trace; anything else that escapes an action is treated as a bug and reported with one.
 * The message names the input or file it is about.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError'
}

export function isConfigurationError(error: unknown): error is ConfigurationError {
  // The name check keeps working when two copies of this package end up in one bundle.
  return (
    error instanceof ConfigurationError || (error instanceof Error && error.name === 'ConfigurationError')
  )
}
