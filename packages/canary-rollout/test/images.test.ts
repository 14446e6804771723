import { describe, expect, it } from 'vitest'
import { imageMatches } from '../src/images'
import { NEW } from './rollout-fixtures'

describe('the expected image', () => {
  it('matches images by tag or full reference', () => {
    expect(imageMatches(NEW, { tag: '1.1.0' })).toBe(true)
    expect(imageMatches('ghcr.io/acme/podinfo:1.1.0-rc1', { tag: '1.1.0' })).toBe(false)
    expect(imageMatches(NEW, { image: 'ghcr.io/acme/podinfo', tag: '1.1.0' })).toBe(true)
    expect(imageMatches('docker.io/library/nginx:1.27', { image: 'nginx:1.27' })).toBe(true)
    expect(imageMatches('ghcr.io/other/podinfo:1.1.0', { image: 'ghcr.io/acme/podinfo:1.1.0' })).toBe(false)
  })
})
