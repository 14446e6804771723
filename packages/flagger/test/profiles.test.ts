import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BUILTIN_PROFILES, renderCanaryValues } from '../src/index'

describe('the README', () => {
  it('states the built-in profiles and their run times as the code has them', () => {
    const readme = readFileSync(
      new URL('../../../actions/render-canary-values/README.md', import.meta.url),
      'utf8',
    )
    for (const [name, profile] of Object.entries(BUILTIN_PROFILES)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\``))
      expect(row, name).toBeDefined()
      const cells = row!.split('|').map((cell) => cell.trim())
      const canaryRun = renderCanaryValues({ name: 'a', profile: name }).estimate.analysisSeconds
      const blueGreenRun = renderCanaryValues({
        name: 'a',
        profile: name,
        strategy: 'blue-green',
        provider: 'nginx',
      }).estimate.analysisSeconds
      const weights = profile.stepWeights
        ? profile.stepWeights.join(', ')
        : `${profile.stepWeight} up to ${profile.maxWeight}`
      expect(cells.slice(2, 11), name).toEqual([
        profile.interval,
        String(profile.threshold),
        weights,
        String(profile.iterations),
        `${profile.successRate}%`,
        `${profile.latency} ms`,
        `${profile.progressDeadlineSeconds}s`,
        `${canaryRun}s`,
        `${blueGreenRun}s`,
      ])
    }
  })
})
