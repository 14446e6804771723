import type { Clock } from '../clock'
import type { EventRecorder } from '../events'
import type { Registry, ResourceType } from '../resources'
import type { Scenario } from '../scenario'
import type { Store } from '../store'
import type { Validator } from '../validation'

/** What every controller gets: the store, the clock, the event recorder, the scenario and a logger. */
export interface ControllerContext {
  store: Store
  registry: Registry
  clock: Clock
  events: EventRecorder
  scenario: () => Scenario
  /** CRD schema validation for objects the controllers apply on a user's behalf (Flux). */
  validator: Validator
  /** One readable line per change a controller makes. */
  log: (line: string) => void
}

export interface Controller {
  /** Stops reconciling; a promise when work already started (a git clone, a helm render) must finish first. */
  stop(): void | Promise<void>
}

export function kind(registry: Registry, group: string, plural: string): ResourceType {
  const rt = registry.all().find((t) => t.group === group && t.plural === plural)
  if (!rt) throw new Error(`sandbox: no resource type ${plural}.${group}`)
  return rt
}
