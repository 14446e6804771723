import { describe, expect, it } from 'vitest'
import { carriesImage, describeExpected, imageMatches, type Workload } from '../src/images'
import { NEW } from './rollout-fixtures'

const DIGEST = `sha256:${'0f'.repeat(32)}`

describe('the expected image, judged as bump-gitops-tag judges a reference', () => {
  it('matches images by tag or full reference', () => {
    expect(imageMatches(NEW, { tag: '1.1.0' })).toBe(true)
    expect(imageMatches('ghcr.io/acme/podinfo:1.1.0-rc1', { tag: '1.1.0' })).toBe(false)
    expect(imageMatches(NEW, { image: 'ghcr.io/acme/podinfo', tag: '1.1.0' })).toBe(true)
    expect(imageMatches('docker.io/library/nginx:1.27', { image: 'nginx:1.27' })).toBe(true)
    expect(imageMatches('ghcr.io/other/podinfo:1.1.0', { image: 'ghcr.io/acme/podinfo:1.1.0' })).toBe(false)
  })

  it('treats Docker Hub spellings and case as one repository', () => {
    expect(imageMatches('index.docker.io/library/nginx:1.27', { image: 'nginx:1.27' })).toBe(true)
    expect(
      imageMatches('index.docker.io/nginx:1.27', { image: 'docker.io/library/nginx', tag: '1.27' }),
    ).toBe(true)
    expect(imageMatches('ghcr.io/acme/podinfo:1.1.0', { image: 'GHCR.io/Acme/podinfo', tag: '1.1.0' })).toBe(
      true,
    )
    expect(
      imageMatches('localhost:5000/podinfo:1.1.0', { image: 'localhost:5001/podinfo', tag: '1.1.0' }),
    ).toBe(false)
  })

  it('finds the tag of a reference pinned as repo:tag@digest, and a digest given as the tag', () => {
    const pinned = `ghcr.io/acme/podinfo:1.1.0@${DIGEST}`
    expect(imageMatches(pinned, { tag: '1.1.0' })).toBe(true)
    expect(imageMatches(pinned, { tag: DIGEST })).toBe(true)
    expect(imageMatches(pinned, { image: 'ghcr.io/acme/podinfo', tag: DIGEST })).toBe(true)
    expect(imageMatches('ghcr.io/acme/podinfo:1.1.0', { image: 'ghcr.io/acme/podinfo', tag: DIGEST })).toBe(
      false,
    )
    expect(describeExpected({ image: 'ghcr.io/acme/podinfo', tag: DIGEST })).toBe(
      `ghcr.io/acme/podinfo@${DIGEST}`,
    )
    expect(describeExpected({ image: 'ghcr.io/acme/podinfo', tag: '1.1.0' })).toBe(
      'ghcr.io/acme/podinfo:1.1.0',
    )
  })

  it('never takes an image without tag or digest as proof of the revision', () => {
    expect(imageMatches('ghcr.io/acme/podinfo:1.1.0', { image: 'ghcr.io/acme/podinfo' })).toBe(false)
  })

  it('looks at every container of the pod template', () => {
    const workload: Workload = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'podinfo' },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'proxy', image: 'envoyproxy/envoy:v1.30.0' },
              { name: 'app', image: 'ghcr.io/acme/podinfo:1.1.0' },
            ],
          },
        },
      },
    }
    expect(carriesImage(workload, { image: 'ghcr.io/acme/podinfo', tag: '1.1.0' })).toBe(true)
    expect(carriesImage(workload, { image: 'ghcr.io/acme/podinfo', tag: '1.2.0' })).toBe(false)
  })
})
