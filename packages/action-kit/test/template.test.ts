import { describe, expect, it } from 'vitest'
import { expandTemplate, isConfigurationError } from '../src'

describe('expandTemplate', () => {
  it('fills every placeholder, hyphenated names and empty values included', () => {
    expect(
      expandTemplate(
        '{app} {environment}: {previous-tag} → {tag}{image}',
        { app: 'podinfo', environment: 'prod', 'previous-tag': '1.0', tag: '1.1', image: '' },
        "Input 'commit-message'",
      ),
    ).toBe('podinfo prod: 1.0 → 1.1')
  })

  it('names the template and the known placeholders when one is unknown or has no value', () => {
    const values = { app: 'podinfo', environment: 'sit', namespace: undefined }
    const error = (() => {
      try {
        return expandTemplate('apps/{namespace}/{app}.yaml', values, 'gitops.file')
      } catch (caught) {
        return caught
      }
    })()
    expect(isConfigurationError(error)).toBe(true)
    expect((error as Error).message).toBe(
      "gitops.file: unknown placeholder {namespace} in 'apps/{namespace}/{app}.yaml' (known: {app}, {environment})",
    )
    expect(() => expandTemplate('{App}', values, "Input 'file'")).toThrow(
      "Input 'file': unknown placeholder {App}",
    )
    // Only own names count: no placeholder reaches Object.prototype.
    expect(() => expandTemplate('{constructor}', values, "Input 'file'")).toThrow(/unknown placeholder/)
  })

  it('leaves braces that hold no name as they are', () => {
    expect(expandTemplate('{app} {} { app } {"a": 1}', { app: 'x' }, 'what')).toBe('x {} { app } {"a": 1}')
  })
})
