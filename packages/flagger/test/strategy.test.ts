import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import {
  type AnalysisLike,
  canaryWeights,
  detectStrategy,
  estimateAnalysis,
  type KubeObject,
  renderCanaryValues,
  type Strategy,
} from '../src/index'

const realWorld = join(import.meta.dirname, 'fixtures/real-world')
const canaries = readdirSync(realWorld)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(realWorld, file), 'utf8'))
      .map((d) => d.toJS() as KubeObject)
      .filter((o) => o.kind === 'Canary')
      .map((object) => ({ file, object })),
  )

// Worked out by hand from each file with Flagger's scheduler rules: weights step by stepWeight up to
// maxWeight (or through stepWeights), one interval each, then three intervals to promote, route
// back and finalise. Strategy: match + iterations = A/B, iterations = blue/green, else canary.
const EXPECTED: Record<string, { strategy: Strategy; weights: number[]; interval: number; seconds: number }> =
  {
    MoeGolibrary: { strategy: 'canary', weights: [40, 80], interval: 60, seconds: (2 + 3) * 60 }, // match without iterations: still a canary
    'aws-samples': { strategy: 'canary', weights: [10, 20, 30, 40, 50], interval: 10, seconds: (5 + 3) * 10 },
    'canaries__canary.yaml@e8924a7e': {
      strategy: 'canary',
      weights: [5, 10, 15, 20, 25, 30, 35, 40, 45, 50],
      interval: 10,
      seconds: 130,
    }, // v1alpha3 canaryAnalysis
    'istio-canary': {
      strategy: 'canary',
      weights: [5, 10, 15, 20, 25, 30, 35, 40, 45, 50],
      interval: 15,
      seconds: 195,
    },
    'kuma-canary': { strategy: 'canary', weights: [10, 20, 30, 40, 50], interval: 15, seconds: 120 },
    'linkerd-canary-steps': {
      strategy: 'canary',
      weights: [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55],
      interval: 15,
      seconds: 210,
    },
    'linkerd-canary.yaml': {
      strategy: 'canary',
      weights: [5, 10, 15, 20, 25, 30, 35, 40, 45, 50],
      interval: 15,
      seconds: 195,
    },
    'apisix-progressive-delivery': {
      strategy: 'canary',
      weights: [10, 20, 30, 40, 50],
      interval: 10,
      seconds: 80,
    },
    'test-canary.sh': { strategy: 'canary', weights: [10, 20, 30, 40, 50], interval: 10, seconds: 80 },
    'gitops-istio': {
      strategy: 'canary',
      weights: [5, 10, 15, 20, 25, 30, 35, 40, 45, 50],
      interval: 15,
      seconds: 195,
    },
  }
const expectationFor = (file: string) => {
  const key = Object.keys(EXPECTED).find((k) => file.includes(k))
  return key ? EXPECTED[key]! : undefined
}

describe('strategy detection and estimates on real-world Canaries', () => {
  it('covers every real-world Canary', () => {
    expect(canaries.length).toBe(10)
    for (const { file } of canaries) expect(expectationFor(file), file).toBeDefined()
  })

  for (const { file, object } of canaries) {
    it(`agrees with Flagger's rules for ${file}`, () => {
      const expected = expectationFor(file)!
      const estimate = estimateAnalysis(object)
      expect(detectStrategy(object)).toBe(expected.strategy)
      expect(estimate.strategy).toBe(expected.strategy)
      expect(estimate.steps.map((s) => s.weight)).toEqual(expected.weights)
      expect(estimate.intervalSeconds).toBe(expected.interval)
      expect(estimate.analysisSeconds).toBe(expected.seconds)
    })
  }

  it('renders a Canary with the same strategy and pace from the same numbers', () => {
    for (const { file, object } of canaries.filter(
      ({ object }) => object.apiVersion === 'flagger.app/v1beta1',
    )) {
      const spec = object.spec as { provider?: string; analysis: AnalysisLike }
      const a = spec.analysis
      const ours = renderCanaryValues({
        name: 'podinfo',
        // Without spec.provider Flagger uses its mesh provider; istio supports every strategy.
        provider: spec.provider ?? 'istio',
        strategy: detectStrategy(object),
        interval: a.interval,
        threshold: a.threshold,
        ...(a.stepWeights
          ? { stepWeights: a.stepWeights }
          : { stepWeight: a.stepWeight, maxWeight: a.maxWeight }),
      })
      expect(ours.strategy, file).toBe(detectStrategy(object))
      expect(ours.estimate.analysisSeconds, file).toBe(estimateAnalysis(object).analysisSeconds)
      expect(canaryWeights((ours.canary.spec as { analysis: AnalysisLike }).analysis), file).toEqual(
        canaryWeights(a),
      )
    }
  })
})

describe('detectStrategy and estimateAnalysis', () => {
  const spec = (analysis: AnalysisLike, skipAnalysis = false) => ({ analysis, skipAnalysis })

  it('follows Flagger: match + iterations is A/B, iterations is blue/green, mirror adds mirroring', () => {
    expect(detectStrategy(spec({ iterations: 10, match: [{ headers: {} }] }))).toBe('ab-testing')
    expect(detectStrategy(spec({ iterations: 10 }))).toBe('blue-green')
    expect(detectStrategy(spec({ iterations: 10, mirror: true }))).toBe('blue-green-mirroring')
    expect(detectStrategy(spec({ stepWeight: 10, mirror: true }))).toBe('canary')
    expect(detectStrategy(spec({ stepWeight: 10, match: [{ headers: {} }] }))).toBe('canary')
    expect(detectStrategy({ spec: { analysis: { iterations: 3 } } })).toBe('blue-green')
  })

  it('counts iterations, clamps the interval to 10s and defaults it to 60s', () => {
    // blue/green: four iterations, then switch, promote, route back, finalise
    expect(estimateAnalysis(spec({ interval: '30s', iterations: 4 })).analysisSeconds).toBe((4 + 4) * 30)
    // A/B testing: no switch, the matching requests already reach the new version
    expect(
      estimateAnalysis(spec({ interval: '30s', iterations: 4, match: [{ headers: {} }] })).analysisSeconds,
    ).toBe((4 + 3) * 30)
    expect(estimateAnalysis(spec({ interval: '5s', iterations: 4 })).intervalSeconds).toBe(10)
    expect(estimateAnalysis(spec({ iterations: 4 })).intervalSeconds).toBe(60)
    expect(estimateAnalysis(spec({ interval: '1m30s', stepWeight: 50 })).intervalSeconds).toBe(90)
    // "10ms" passes the CRD's unanchored pattern; Flagger parses it as 10 milliseconds, then clamps.
    expect(estimateAnalysis(spec({ interval: '10ms', stepWeight: 50 })).intervalSeconds).toBe(10)
  })

  it('caps the last weight at maxWeight, defaults maxWeight to 100 and adds promotion steps', () => {
    expect(canaryWeights({ stepWeight: 15, maxWeight: 50 })).toEqual([15, 30, 45, 50])
    expect(canaryWeights({ stepWeight: 25 })).toEqual([25, 50, 75, 100])
    const promotion = estimateAnalysis(
      spec({ interval: '10s', stepWeight: 25, maxWeight: 50, stepWeightPromotion: 20 }),
    )
    expect(promotion.promotion).toEqual(['promote', 'route-back', 'route-back', 'route-back', 'finalise'])
    expect(promotion.analysisSeconds).toBe((2 + 5) * 10)
  })

  it('adds the mirroring step of a weighted canary and makes everything blue/green on kubernetes', () => {
    const mirrored = estimateAnalysis(spec({ interval: '10s', stepWeight: 25, maxWeight: 50, mirror: true }))
    expect(mirrored.steps.map((s) => [s.mirrored ?? false, s.weight])).toEqual([
      [true, 0],
      [false, 25],
      [false, 50],
    ])
    expect(mirrored.analysisSeconds).toBe((3 + 3) * 10)
    const kubernetes = {
      provider: 'kubernetes',
      analysis: { interval: '10s', stepWeight: 10, match: [{ headers: {} }] },
    }
    expect(detectStrategy(kubernetes)).toBe('blue-green')
    expect(estimateAnalysis(kubernetes).steps).toHaveLength(10)
    expect(detectStrategy({ provider: 'kubernetes', analysis: { iterations: 3, mirror: true } })).toBe(
      'blue-green',
    )
  })

  it('skips the steps with skipAnalysis', () => {
    const skipped = estimateAnalysis(spec({ interval: '1m', stepWeight: 10 }, true))
    expect(skipped.steps).toEqual([])
    expect(skipped.skipped).toBe(true)
    expect(skipped.analysisSeconds).toBe(60)
  })
})
