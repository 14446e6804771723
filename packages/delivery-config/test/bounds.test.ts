import {
  describeBound,
  flaggerSeconds,
  NUMBER_SETTINGS,
  type NumberBound,
  SETTING_BOUNDS,
  STRATEGIES,
} from '@canary-delivery/flagger'
import { describe, expect, it } from 'vitest'
import schema from '../schema/delivery.schema.json' with { type: 'json' }
import { parseDeliveryFile } from '../src'

type Property = Record<string, unknown>
const canary = schema.definitions.canary.properties as Record<string, Property>

/** Where a setting's number sits in the schema: a list's items, a number-or-name's number branch. */
function numberSchema(key: string): Property {
  const property = canary[key]!
  if (property.items) return property.items as Property
  if (property.then) return { ...(property.then as Property), type: 'integer' }
  return property
}

/** The schema keywords a bound amounts to. */
function keywords(bound: NumberBound): Property {
  return {
    type: bound.whole ? 'integer' : 'number',
    ...(bound.exclusiveMin ? { exclusiveMinimum: bound.min } : { minimum: bound.min }),
    ...(bound.max === undefined ? {} : { maximum: bound.max }),
  }
}

const BOUND_KEYWORDS = ['type', 'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum']
const pick = (property: Property) =>
  Object.fromEntries(Object.entries(property).filter(([keyword]) => BOUND_KEYWORDS.includes(keyword)))

function refusal(key: string, value: string): string | undefined {
  try {
    parseDeliveryFile(
      `app: demo\nenvironments:\n  - name: sit\n    canary:\n      ${key}: ${value}\n`,
      'd.yaml',
    )
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}

describe("the delivery file's schema and the flagger package's bounds table", () => {
  for (const key of NUMBER_SETTINGS) {
    const bound = SETTING_BOUNDS[key]
    it(`bound ${key} alike: ${describeBound(bound)}`, () => {
      expect(pick(numberSchema(key))).toEqual(keywords(bound))
    })
  }

  it('bounds nothing the table does not', () => {
    const bounded = Object.keys(canary).filter((key) =>
      Object.keys(numberSchema(key)).some((keyword) => /imum$/.test(keyword)),
    )
    expect(bounded.sort()).toEqual([...NUMBER_SETTINGS].sort())
  })

  it('refuses, at the line of the key, a number just outside its bound', () => {
    expect(refusal('maxWeight', '101')).toBe('d.yaml:5:18: environments[0].canary.maxWeight: must be <= 100')
    expect(refusal('stepWeights', '[5, 0]')).toBe(
      'd.yaml:5:24: environments[0].canary.stepWeights[1]: must be >= 1',
    )
    expect(refusal('latency', '0')).toBe('d.yaml:5:16: environments[0].canary.latency: must be > 0')
    expect(refusal('latency', '0.5')).toBeUndefined()
    expect(refusal('threshold', '1.5')).toBe('d.yaml:5:18: environments[0].canary.threshold: must be integer')
  })

  it('takes an interval exactly when Flagger would run it at that interval', () => {
    const { minSeconds } = SETTING_BOUNDS.interval
    const written = [
      '0s',
      '5s',
      '9s',
      '09s',
      '10s',
      '010s',
      '11s',
      '30s',
      '600s',
      '0m',
      '00m',
      '1m',
      '01m',
      '2m',
    ]
    for (const interval of written) {
      const seconds = flaggerSeconds(interval)!
      expect(refusal('interval', interval) === undefined, interval).toBe(seconds >= minSeconds)
    }
    expect(refusal('interval', '1h')).toMatch(/canary\.interval: must match/)
  })

  it('names the strategies the flagger package knows, in its order', () => {
    expect(canary.strategy!.enum).toEqual(STRATEGIES)
  })
})
