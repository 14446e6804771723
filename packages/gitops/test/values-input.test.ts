import { describe, expect, it } from 'vitest'
import { parseValuesInput } from '../src/values-input'

describe('the values input', () => {
  it('reads values as YAML, a HelmRelease patch included', () => {
    expect(parseValuesInput('canary:\n  enabled: true\n').data).toEqual({ canary: { enabled: true } })
    expect(parseValuesInput('kind: HelmRelease\nspec:\n  values:\n    a: 1\n').data).toEqual({ a: 1 })
    expect(() => parseValuesInput('- a\n')).toThrow(/expected a YAML mapping/)
    expect(() => parseValuesInput('a: [\n')).toThrow(/^Input 'values' is not valid YAML/)
  })

  it('refuses a HelmRelease without spec.values, and passes a mapping or nothing through', () => {
    expect(() => parseValuesInput('kind: HelmRelease\nspec:\n  chart: {}\n')).toThrow(
      "Input 'values': the HelmRelease has no spec.values mapping",
    )
    expect(parseValuesInput({ a: 1 })).toEqual({ data: { a: 1 } })
    expect(parseValuesInput('  \n')).toEqual({})
    expect(parseValuesInput(undefined)).toEqual({})
  })

  it('keeps the text of a block mapping, for the comments of added blocks', () => {
    const text = 'canary: # on\n  enabled: true\n'
    expect(parseValuesInput(text).source?.text).toBe(text)
    expect(parseValuesInput('{canary: {enabled: true}}').source).toBeUndefined()
  })
})
