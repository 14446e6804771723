import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { behaviourFor, loadScenario, webhookPasses } from '../src/scenario'

describe('scenario', () => {
  const scenario = {
    images: {
      'ghcr.io/acme/app:1.2.*': { successRate: 42, webhooks: { 'confirm-promotion': false } },
      'ghcr.io/acme/*': { latencyMs: 900 },
    },
    webhooks: { 'load-test': false },
  }

  it('matches image globs in order, first match wins', () => {
    expect(behaviourFor(scenario, 'ghcr.io/acme/app:1.2.3')).toMatchObject({ successRate: 42 })
    expect(behaviourFor(scenario, 'ghcr.io/acme/app:1.3.0')).toEqual({ latencyMs: 900 })
    expect(behaviourFor(scenario, 'docker.io/other:1')).toEqual({})
    expect(behaviourFor(scenario, 'ghcr.io/acme/app:1.2')).toEqual({ latencyMs: 900 }) // `.` is literal
  })

  it('answers webhooks by name or type, image first, then scenario-wide, else pass', () => {
    const hook = (name: string, type?: string) => ({ name, ...(type ? { type } : {}) })
    expect(webhookPasses(scenario, 'ghcr.io/acme/app:1.2.3', hook('approve', 'confirm-promotion'))).toBe(
      false,
    )
    expect(webhookPasses(scenario, 'ghcr.io/acme/app:2.0.0', hook('approve', 'confirm-promotion'))).toBe(true)
    expect(webhookPasses(scenario, 'ghcr.io/acme/app:2.0.0', hook('load-test'))).toBe(false)
    expect(webhookPasses(scenario, undefined, hook('smoke', 'pre-rollout'))).toBe(true)
  })

  it('loads a file and names what is wrong with it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'))
    try {
      writeFileSync(join(dir, 'ok.json'), JSON.stringify(scenario))
      expect(loadScenario(join(dir, 'ok.json'))).toEqual(scenario)
      writeFileSync(join(dir, 'bad.json'), '{"images": []}')
      expect(() => loadScenario(join(dir, 'bad.json'))).toThrow(
        `${join(dir, 'bad.json')}: "images" must map image globs to behaviour`,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
