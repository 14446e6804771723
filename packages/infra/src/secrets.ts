import { mask, registerSecret } from '@canary-delivery/action-kit'

/** Below this length a value is not masked (it would blank out half the log); the kit's rule. */
const SHORTEST_MASKED = 4

/**
 * The forms in which a value may show up in what Terraform prints: as given, escaped as a JSON or
 * HCL string (quotes, backslashes, line breaks, `${` and `%{` templates), and, for a value of several
 * lines (a key, a certificate), each line alone, as a heredoc in the plan shows it.
 */
export function secretVariants(value: string): string[] {
  const variants = new Set<string>([value, value.trim()])
  const json = JSON.stringify(value).slice(1, -1)
  variants.add(json)
  variants.add(json.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'))
  if (/\r?\n/.test(value)) for (const line of value.split(/\r?\n/)) variants.add(line.trim())
  return [...variants].filter((variant) => variant.length >= SHORTEST_MASKED)
}

/**
 * Registers secret values with the runner's masking and with the kit's `mask()`, which every text
 * this package produces (log lines, the comment, the summary, error messages) goes through.
 * Returns the names of values too short to be masked, for a warning.
 */
export function registerSecretValues(values: readonly { name: string; value: string }[]): string[] {
  const tooShort: string[] = []
  for (const { name, value } of values) {
    if (value.trim().length < SHORTEST_MASKED) {
      if (value.trim()) tooShort.push(name)
      continue
    }
    for (const variant of secretVariants(value)) registerSecret(variant)
  }
  return tooShort
}

/** Whether a text holds any registered secret. */
export function holdsSecret(text: string): boolean {
  return mask(text) !== text
}
