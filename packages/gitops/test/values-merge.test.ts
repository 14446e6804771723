import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { editImageTag } from '../src/edit-image-tag'

describe('values merged under spec.values', () => {
  const release = [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    '  name: podinfo',
    'spec:',
    '  interval: 5m',
    '  values:',
    '    # the image',
    '    image:',
    '      repository: ghcr.io/stefanprodan/podinfo',
    '      tag: 6.0.0',
    '    canary:',
    '      enabled: false # off for now',
    '      stepWeight: 10',
    '    replicas: 2',
    '',
  ].join('\n')

  it('changes existing values in place and appends new ones, nothing else', () => {
    const values = {
      canary: { enabled: true, stepWeight: 10, maxWeight: 50, match: ['a', 'b'] },
      ingress: { host: 'x.example' },
    }
    const result = editImageTag({ content: release, fileName: 'r.yaml', tag: '6.1.0', values })
    expect(result.content).toBe(
      [
        ...release.split('\n').slice(0, 10),
        '      tag: 6.1.0',
        '    canary:',
        '      enabled: true # off for now',
        '      stepWeight: 10',
        '      maxWeight: 50',
        '      match:',
        '        - a',
        '        - b',
        '    replicas: 2',
        '    ingress:',
        '      host: x.example',
        '',
      ].join('\n'),
    )
    expect(result.changes.map((c) => c.field)).toEqual(
      [
        'spec.values.image.tag',
        'spec.values.canary.enabled',
        'spec.values.canary.maxWeight',
        'spec.values.canary.match',
        'spec.values.ingress',
      ].map((f) => (f.startsWith('spec.values.image') ? `HelmRelease/podinfo ${f}` : f)),
    )
  })

  it('replaces a canary block key by key: changed in place, stale keys removed, other values untouched', () => {
    const current = [
      'kind: HelmRelease',
      'metadata:',
      '  name: app',
      'spec:',
      '  values:',
      '    canary:',
      '      enabled: true # on',
      '      analysis:',
      '        interval: 1m',
      '        stepWeight: 10',
      '        maxWeight: 50',
      '      checks: {successRate: 99, latency: 500}',
      '    image:',
      '      repository: ghcr.io/acme/app',
      '      tag: "1"',
      '',
    ].join('\r\n')
    const rendered =
      'canary:\n  enabled: true\n  analysis:\n    interval: 1m\n    stepWeights: [5, 10, 20]\n  checks: {successRate: 99, latency: 300}\n'
    const result = editImageTag({
      content: current,
      fileName: 'r.yaml',
      tag: '2',
      values: parseAllDocuments(rendered)[0]!.toJS(),
    })
    expect(result.content).toBe(
      [
        'kind: HelmRelease',
        'metadata:',
        '  name: app',
        'spec:',
        '  values:',
        '    canary:',
        '      enabled: true # on',
        '      analysis:',
        '        interval: 1m',
        '        stepWeights:',
        '          - 5',
        '          - 10',
        '          - 20',
        '      checks: {successRate: 99, latency: 300}',
        '    image:',
        '      repository: ghcr.io/acme/app',
        '      tag: "2"',
        '',
      ].join('\r\n'),
    )
    expect(result.changes.map((c) => `${c.field}: ${c.to}`)).toEqual([
      'HelmRelease/app spec.values.image.tag: 2',
      'spec.values.canary.analysis.stepWeight: (removed)',
      'spec.values.canary.analysis.maxWeight: (removed)',
      'spec.values.canary.analysis.stepWeights: [5, 10, 20]',
      'spec.values.canary.checks: {successRate: 99, latency: 300}',
    ])
  })

  it('keeps the comments of a block added from YAML text (render-canary-values output)', () => {
    const release =
      'kind: HelmRelease\nmetadata:\n  name: app\nspec:\n  values:\n    image:\n      repository: a/b\n      tag: "1"\n'
    const values = [
      'canary:',
      '  enabled: true',
      '  analysis: # Flagger spec.analysis',
      '    interval: 1m',
      '    stepWeights: [5, 10] # or maxWeight + stepWeight',
      '',
    ].join('\n')
    const result = editImageTag({ content: release, fileName: 'r.yaml', tag: '2', values })
    expect(result.content).toBe(
      release.replace('"1"', '"2"') +
        '    canary:\n      enabled: true\n      analysis: # Flagger spec.analysis\n        interval: 1m\n        stepWeights: [5, 10] # or maxWeight + stepWeight\n',
    )
  })

  it('writes values into an empty `values: {}` as a block', () => {
    const release =
      'kind: HelmRelease\nmetadata:\n  name: a\nspec:\n  values: {} # filled by CI\n  chart:\n    spec: {chart: a, version: "1"}\n'
    const result = editImageTag({
      content: release,
      fileName: 'r.yaml',
      tag: '2',
      field: 'spec.chart.spec.version',
      values: { canary: { enabled: true } },
    })
    expect(result.content).toBe(
      'kind: HelmRelease\nmetadata:\n  name: a\nspec:\n  values: # filled by CI\n    canary:\n      enabled: true\n  chart:\n    spec: {chart: a, version: "2"}\n',
    )
  })

  it('adds spec.values to a release without any', () => {
    const bare = 'kind: HelmRelease\nmetadata:\n  name: a\nspec:\n  chart:\n    spec: {chart: a}\n'
    const result = editImageTag({
      content: bare,
      fileName: 'r.yaml',
      tag: '1',
      field: 'spec.chart.spec.chart',
      values: { canary: { enabled: true } },
    })
    expect(result.content).toBe(
      'kind: HelmRelease\nmetadata:\n  name: a\nspec:\n  chart:\n    spec: {chart: "1"}\n  values:\n    canary:\n      enabled: true\n',
    )
  })
})
