import { setSecret } from './step'

const secrets = new Set<string>()

/**
 * Registers a value that must never be shown: the runner masks it in the job log, and `mask()`
 * removes it from anything this suite writes itself (errors, summaries, outputs of commands).
 */
export function registerSecret(value: string | undefined): void {
  if (!value) return
  for (const candidate of [value, value.trim()]) {
    // Very short values would mask half the log and protect nothing.
    if (candidate.length < 4 || secrets.has(candidate)) continue
    secrets.add(candidate)
    setSecret(candidate)
  }
}

export function mask(text: string): string {
  let result = text
  // Longest first, so that a secret containing another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length))
    result = result.split(secret).join('***')
  return result
}

/** For tests: forget every registered secret. */
export function clearSecrets(): void {
  secrets.clear()
}
