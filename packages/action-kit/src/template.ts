import { ConfigurationError } from './errors'

/** `{name}`: a name starts with a letter; braces around anything else are plain text. */
const PLACEHOLDER = /\{([A-Za-z][\w-]*)\}/g

/**
 * Replaces each `{name}` with its value. A name without a value (absent or undefined) is a mistake
 * in the template, reported as one line starting with `what` (e.g. `Input 'commit-message'`) that
 * lists the names that do have one.
 */
export function expandTemplate(
  template: string,
  values: Record<string, string | undefined>,
  what: string,
): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined
    if (value === undefined) {
      const known = Object.keys(values)
        .filter((key) => values[key] !== undefined)
        .map((key) => `{${key}}`)
      throw new ConfigurationError(
        `${what}: unknown placeholder ${whole} in '${template}' (known: ${known.join(', ')})`,
      )
    }
    return value
  })
}
