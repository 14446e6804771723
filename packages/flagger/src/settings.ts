import { ConfigurationError } from '@canary-delivery/action-kit'
import { checkDuration } from './duration'
import type { Strategy } from './providers'

/**
 * How Flagger analyses a release, under the names the delivery file uses (the action's inputs are
 * the same names in kebab case). Every key is optional so that profiles, the file and inputs layer.
 */
export interface CanarySettings {
  name?: string
  strategy?: Strategy
  profile?: string
  provider?: string
  interval?: string
  threshold?: number
  maxWeight?: number
  stepWeight?: number
  stepWeights?: number[]
  iterations?: number
  successRate?: number
  latency?: number
  progressDeadlineSeconds?: number
  acceptanceTest?: string
  loadTest?: string
  loadtesterUrl?: string
  /** Maximum share of 4xx responses, in percent (apisix and nginx). */
  clientErrors?: number
  /** The Prometheus the analysis queries. */
  metricsServer?: string
  match?: string[]
  alerts?: string[]
  /** Gateways the HTTPRoute attaches to (gatewayapi providers), name or namespace/name. */
  gatewayRefs?: string[]
  /** The Service port and the container port (number or name) behind it. */
  port?: number
  targetPort?: number | string
}

/** The action input of a setting: its key in kebab case (maxWeight → max-weight), so errors name what the user typed. */
export const inputName = (key: string): string =>
  key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

/** A configuration error that names the input, in the form every refusal of the suite takes. */
export function refuse(input: string, message: string): never {
  throw new ConfigurationError(`Input '${input}' ${message}`)
}

export interface NumberBound {
  kind: 'number'
  /** What the value is, as error messages say it. */
  what: string
  whole: boolean
  min: number
  /** The value must be above `min`, not equal to it. */
  exclusiveMin?: true
  max?: number
}

export interface DurationBound {
  kind: 'duration'
  minSeconds: number
}

function numberBound(
  what: string,
  whole: boolean,
  min: number,
  more: { max?: number; exclusiveMin?: true } = {},
): NumberBound {
  return { kind: 'number', what, whole, min, ...more }
}
const wholeNumber = (min: number, max?: number) =>
  numberBound('a whole number', true, min, max === undefined ? {} : { max })
const percentage = numberBound('a percentage', false, 0, { max: 100 })

/**
 * What Flagger (and the chart's Service) accepts for each bounded setting. The delivery file's
 * JSON Schema and the action's inputs say the same; tests hold both to this table.
 */
export const SETTING_BOUNDS = {
  // Flagger raises a shorter interval to 10s, so a shorter one would not mean what it says.
  interval: { kind: 'duration', minSeconds: 10 } as DurationBound,
  threshold: wholeNumber(1),
  maxWeight: wholeNumber(1, 100),
  stepWeight: wholeNumber(1, 100),
  // Each step's weight.
  stepWeights: numberBound('whole numbers', true, 1, { max: 100 }),
  iterations: wholeNumber(1),
  successRate: percentage,
  latency: numberBound('a number of milliseconds', false, 0, { exclusiveMin: true }),
  clientErrors: percentage,
  progressDeadlineSeconds: wholeNumber(1),
  port: wholeNumber(1, 65535),
  // When it is a number; a port name is checked as a name.
  targetPort: wholeNumber(1, 65535),
} satisfies Partial<Record<keyof CanarySettings, NumberBound | DurationBound>>

export type BoundedSetting = keyof typeof SETTING_BOUNDS
export type NumberSetting = Exclude<BoundedSetting, 'interval'>

/** The settings the table bounds by number, in its order. */
export const NUMBER_SETTINGS = (Object.keys(SETTING_BOUNDS) as BoundedSetting[]).filter(
  (key): key is NumberSetting => SETTING_BOUNDS[key].kind === 'number',
)

/** `a whole number from 1 to 100`, `a number of milliseconds above 0`. */
export function describeBound(bound: NumberBound): string {
  if (bound.max !== undefined) return `${bound.what} from ${bound.min} to ${bound.max}`
  return `${bound.what} ${bound.exclusiveMin ? 'above' : 'of at least'} ${bound.min}`
}

function withinBound(bound: NumberBound, value: number): boolean {
  return (
    Number.isFinite(value) &&
    (!bound.whole || Number.isInteger(value)) &&
    (bound.exclusiveMin ? value > bound.min : value >= bound.min) &&
    (bound.max === undefined || value <= bound.max)
  )
}

/** Refuses a value outside its setting's bound, naming the input. */
export function checkBound(key: NumberSetting, value: number | undefined): void {
  if (value === undefined) return
  const bound = SETTING_BOUNDS[key]
  if (withinBound(bound, value)) return
  refuse(inputName(key), `must be ${describeBound(bound)}, got '${value}'`)
}

/** The analysis interval: Flagger's duration format, no shorter than Flagger runs it. */
export const checkInterval = (value: string): string =>
  checkDuration(value, 'interval', SETTING_BOUNDS.interval.minSeconds)
