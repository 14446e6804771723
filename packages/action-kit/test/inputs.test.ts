import { describe, expect, it } from 'vitest'
import { ConfigurationError, envInputGetter, InputReader, inputEnvName, parseDuration } from '../src'

const reader = (values: Record<string, string>) => new InputReader((name) => values[name])

function messageOf(read: () => unknown): string {
  try {
    read()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigurationError')
}

describe('input reading', () => {
  it("follows GitHub's naming rule for the environment variable", () => {
    expect(inputEnvName('max-weight')).toBe('INPUT_MAX-WEIGHT')
    expect(inputEnvName('wait time')).toBe('INPUT_WAIT_TIME')
    const inputs = new InputReader(envInputGetter({ 'INPUT_MAX-WEIGHT': ' 50 ' }))
    expect(inputs.integer('max-weight')).toBe(50)
  })

  it('treats empty and blank as not given, and names a missing required input', () => {
    const inputs = reader({ tag: '   ' })
    expect(inputs.optional('tag')).toBeUndefined()
    expect(messageOf(() => inputs.required('tag'))).toBe("Input 'tag' is required")
    expect(messageOf(() => inputs.required('tag', 'the image tag to deploy'))).toBe(
      "Input 'tag' is required (the image tag to deploy)",
    )
  })

  it('reads booleans strictly', () => {
    expect(reader({ a: 'TRUE' }).boolean('a')).toBe(true)
    expect(reader({ a: 'false' }).boolean('a')).toBe(false)
    expect(reader({}).boolean('a')).toBeUndefined()
    expect(messageOf(() => reader({ 'dry-run': 'yes' }).boolean('dry-run'))).toBe(
      "Input 'dry-run' must be true or false, got 'yes'",
    )
  })

  it('reads enums and lists the allowed values', () => {
    const modes = ['push', 'pull-request'] as const
    expect(reader({ mode: 'push' }).oneOf('mode', modes)).toBe('push')
    expect(messageOf(() => reader({ mode: 'merge' }).oneOf('mode', modes))).toBe(
      "Input 'mode' must be one of push, pull-request, got 'merge'",
    )
  })

  it('reads whole numbers and numbers within ranges', () => {
    expect(reader({ n: '-3' }).integer('n')).toBe(-3)
    expect(messageOf(() => reader({ n: '1.5' }).integer('n'))).toBe(
      "Input 'n' must be a whole number, got '1.5'",
    )
    expect(messageOf(() => reader({ 'max-weight': '101' }).integer('max-weight', { min: 1, max: 100 }))).toBe(
      "Input 'max-weight' must be a whole number from 1 to 100, got '101'",
    )
    expect(messageOf(() => reader({ n: '0' }).integer('n', { min: 1 }))).toBe(
      "Input 'n' must be a whole number of at least 1, got '0'",
    )
    expect(reader({ rate: '99.5' }).number('rate', { min: 0, max: 100 })).toBe(99.5)
    expect(messageOf(() => reader({ rate: '1e3' }).number('rate'))).toBe(
      "Input 'rate' must be a number, got '1e3'",
    )
    expect(messageOf(() => reader({ rate: '-1' }).number('rate', { max: 100, min: 0 }))).toBe(
      "Input 'rate' must be a number from 0 to 100, got '-1'",
    )
  })

  it('reads durations as milliseconds', () => {
    expect(reader({ t: '90s' }).duration('t')).toBe(90_000)
    expect(reader({ t: '10m' }).duration('t')).toBe(600_000)
    expect(reader({ t: '1h30m' }).duration('t')).toBe(5_400_000)
    expect(parseDuration('250ms')).toBe(250)
    expect(parseDuration('10')).toBeUndefined()
    expect(messageOf(() => reader({ timeout: '10 minutes' }).duration('timeout'))).toBe(
      "Input 'timeout' must be a duration such as 90s, 10m or 1h, got '10 minutes'",
    )
    expect(messageOf(() => reader({ timeout: '5s' }).duration('timeout', { minMs: 10_000 }))).toBe(
      "Input 'timeout' must be a duration of at least 10s, got '5s'",
    )
  })

  it('reads multi-line lists, skipping blanks and comments', () => {
    const text = '\n  sit\n# not this one\nuat, prod\n\n'
    expect(reader({ envs: text }).list('envs')).toEqual(['sit', 'uat', 'prod'])
    expect(reader({ cmds: 'a, b\nc' }).list('cmds', { commas: false })).toEqual(['a, b', 'c'])
    expect(reader({}).list('envs')).toBeUndefined()
  })

  it('keeps inner whitespace of multi-line text', () => {
    expect(reader({ values: '\ncanary:\n  enabled: true\n\n' }).text('values')).toBe(
      'canary:\n  enabled: true\n',
    )
  })

  it('checks a pattern and says what was expected', () => {
    const tag = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/
    expect(messageOf(() => reader({ tag: 'v1/2' }).matching('tag', tag, 'an image tag'))).toBe(
      "Input 'tag' must be an image tag, got 'v1/2'",
    )
  })
})
