import { describe, expect, it } from 'vitest'
import {
  describeBound,
  inputName,
  NUMBER_SETTINGS,
  type NumberSetting,
  type RenderInputs,
  renderCanaryValues,
  SETTING_BOUNDS,
} from '../src/index'
import { configurationError, itRefuses } from './render-support'

describe('settings judged on their own are refused, naming the input', () => {
  itRefuses([
    ['max weight over 100', { maxWeight: 101 }, 'max-weight', /from 1 to 100/],
    ['step weight 0', { stepWeight: 0 }, 'step-weight', /from 1 to 100/],
    ['falling step weights', { stepWeights: [10, 5] }, 'step-weights', /must rise/],
    ['interval in hours', { interval: '1h' }, 'interval', /Flagger's format/],
    ['interval under 10s', { interval: '5s' }, 'interval', /at least 10s/],
    ['threshold 0', { threshold: 0 }, 'threshold', /at least 1/],
    ['success rate over 100', { successRate: 101 }, 'success-rate', /percentage/],
    ['latency 0', { latency: 0 }, 'latency', /above 0/],
    [
      'bad match',
      { strategy: 'ab-testing', provider: 'istio', match: ['x-canary'] },
      'match',
      /header=value/,
    ],
    [
      'nginx cookie value',
      { strategy: 'ab-testing', provider: 'nginx', match: ['cookie:beta=yes'] },
      'match',
      /cookie:beta=always/,
    ],
    ['bad alert', { alerts: ['On Call'] }, 'alerts', /namespace\/name/],
    ['bad load tester URL', { loadtesterUrl: 'flagger-loadtester' }, 'loadtester-url', /http:\/\//],
    ['bad release name', { name: 'Python_Demo' }, 'name', /Helm release name/],
    ['no name', { name: undefined }, 'name', /is required without a delivery file/],
    ['bad target port', { targetPort: 'Web Port' }, 'target-port', /port number or a port name/],
  ])
})

describe('the bounds table', () => {
  // What else a setting needs to be judged by its bound alone.
  const CONTEXT: Partial<Record<NumberSetting, Partial<RenderInputs>>> = {
    iterations: { strategy: 'blue-green', provider: 'nginx' },
    maxWeight: { stepWeight: 1 },
    stepWeight: { maxWeight: 100 },
  }
  const render = (key: NumberSetting, value: number) =>
    renderCanaryValues({
      name: 'app',
      environment: 'uat',
      ...CONTEXT[key],
      ...(key === 'stepWeights' ? { stepWeights: [value] } : { [key]: value }),
    })

  for (const key of NUMBER_SETTINGS) {
    const bound = SETTING_BOUNDS[key]
    const step = bound.whole ? 1 : 0.5
    const lowest = bound.exclusiveMin ? bound.min + step : bound.min
    const inside = bound.max === undefined ? [lowest] : [lowest, bound.max]
    const outside = [lowest - step, ...(bound.max === undefined ? [] : [bound.max + step])]
    if (bound.whole) outside.push(lowest + 0.5)

    it(`${key}: takes ${inside.join(' and ')}, refuses ${outside.join(', ')} as ${describeBound(bound)}`, () => {
      for (const value of inside) expect(render(key, value).sources[key], `${value}`).toBe('input')
      for (const value of outside) {
        expect(configurationError(() => render(key, value))).toEqual({
          message: `Input '${inputName(key)}' must be ${describeBound(bound)}, got '${value}'`,
          input: inputName(key),
        })
      }
    })
  }

  it(`interval: takes ${SETTING_BOUNDS.interval.minSeconds}s and longer, refuses shorter`, () => {
    const { minSeconds } = SETTING_BOUNDS.interval
    for (const interval of [`${minSeconds}s`, '1m', '90s']) {
      expect(renderCanaryValues({ name: 'app', interval }).values.analysis.interval).toBe(interval)
    }
    expect(
      configurationError(() => renderCanaryValues({ name: 'app', interval: `${minSeconds - 1}s` })),
    ).toEqual({
      message: `Input 'interval' must be at least ${minSeconds}s (Flagger raises shorter intervals to 10s), got '${minSeconds - 1}s'`,
      input: 'interval',
    })
  })
})
