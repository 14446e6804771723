import { readFileSync } from 'node:fs'

/** What the simulated metrics and load tester answer for an image. */
export interface ImageBehaviour {
  /** Percentage of non-5xx requests, what request-success-rate reads (default 100). */
  successRate?: number
  /** P99 latency in milliseconds, what request-duration reads (default 50). */
  latencyMs?: number
  /** Answers of webhooks by webhook name or type: true passes, false fails (default: pass). */
  webhooks?: Record<string, boolean>
  /** false: pods of this image run but never become ready (the Deployment stays unavailable). */
  ready?: boolean
  /** What a Job's container of this image exits with (default 0); anything else fails the pod. */
  exitCode?: number
  /** Values of custom metrics (MetricTemplate names). */
  metrics?: Record<string, number>
}

/**
 * A scenario: behaviour per image reference glob (`*` any run of characters, `?` one). Entries are
 * tried in file order; the first match wins. `webhooks` at the top level apply to every image.
 */
export interface Scenario {
  images?: Record<string, ImageBehaviour>
  webhooks?: Record<string, boolean>
}

export function loadScenario(path: string): Scenario {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown
  return checkScenario(parsed, path)
}

export function checkScenario(value: unknown, where = 'scenario'): Scenario {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected a JSON object with "images" and/or "webhooks"`)
  }
  const s = value as Scenario
  if (s.images !== undefined && (typeof s.images !== 'object' || Array.isArray(s.images))) {
    throw new Error(`${where}: "images" must map image globs to behaviour`)
  }
  return s
}

export const globToRegExp = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  )

export function behaviourFor(scenario: Scenario, image: string | undefined): ImageBehaviour {
  if (image) {
    for (const [glob, behaviour] of Object.entries(scenario.images ?? {})) {
      if (globToRegExp(glob).test(image)) return behaviour
    }
  }
  return {}
}

/** The load tester's answer to one webhook call: image-specific first, then scenario-wide, then pass. */
export function webhookPasses(
  scenario: Scenario,
  image: string | undefined,
  hook: { name?: string; type?: string },
): boolean {
  const keys = [hook.name, hook.type || 'rollout'].filter((k): k is string => Boolean(k))
  for (const table of [behaviourFor(scenario, image).webhooks, scenario.webhooks]) {
    for (const k of keys) if (table && typeof table[k] === 'boolean') return table[k]
  }
  return true
}
