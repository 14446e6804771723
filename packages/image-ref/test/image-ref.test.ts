import { describe, expect, it } from 'vitest'
import {
  DIGEST_PATTERN,
  hasTagOrDigest,
  isWantedImage,
  normalizeRepository,
  parseImageRef,
  sameRepository,
  TAG_OR_DIGEST_PATTERN,
  TAG_PATTERN,
  tagOrDigest,
} from '../src/index'

const DIGEST = `sha256:${'ab12'.repeat(16)}`

describe('parsing', () => {
  it('parses registry ports, digests and bare names', () => {
    expect(parseImageRef('localhost:5000/a/b:1.0@sha256:x')).toEqual({
      repository: 'localhost:5000/a/b',
      tag: '1.0',
      digest: 'sha256:x',
    })
    expect(parseImageRef('nginx')).toEqual({ repository: 'nginx' })
    expect(parseImageRef('not an image')).toBeUndefined()
  })

  it('never takes a registry port for a tag', () => {
    expect(parseImageRef('registry.local:5000/team/app')).toEqual({
      repository: 'registry.local:5000/team/app',
    })
    expect(parseImageRef('registry.local:5000/team/app:5000')).toEqual({
      repository: 'registry.local:5000/team/app',
      tag: '5000',
    })
    expect(hasTagOrDigest('localhost:5000/app')).toBe(false)
    expect(hasTagOrDigest('localhost:5000/app:1.0')).toBe(true)
  })

  it('knows a digest without a tag, and refuses what is off the grammar', () => {
    expect(parseImageRef(`ghcr.io/acme/app@${DIGEST}`)).toEqual({
      repository: 'ghcr.io/acme/app',
      digest: DIGEST,
    })
    expect(hasTagOrDigest(`ghcr.io/acme/app@${DIGEST}`)).toBe(true)
    for (const bad of [
      'ghcr.io/acme/app:',
      'ghcr.io/acme/app:-x',
      'app@',
      'app@sha256',
      'a@b@c',
      `app:${'x'.repeat(129)}`,
    ])
      expect(parseImageRef(bad), bad).toBeUndefined()
    expect(hasTagOrDigest('app@')).toBe(false)
  })

  it('holds tags and digests to the OCI grammar', () => {
    for (const tag of ['1.0.0', 'v1', '_x', 'main-1657654261', 'A.b_c-d', 'x'.repeat(128)])
      expect(TAG_PATTERN.test(tag), tag).toBe(true)
    for (const tag of ['', '.x', '-x', 'a:b', 'a/b', 'x'.repeat(129)])
      expect(TAG_PATTERN.test(tag), tag).toBe(false)
    for (const digest of [
      DIGEST,
      'sha512:abc',
      'multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8',
    ])
      expect(DIGEST_PATTERN.test(digest), digest).toBe(true)
    for (const digest of ['sha256', ':abc', 'SHA256:abc', 'sha256:ab/c'])
      expect(DIGEST_PATTERN.test(digest), digest).toBe(false)
  })

  it('takes a tag or a digest where a tag input may pin the revision by digest', () => {
    for (const value of ['1.1.0', DIGEST]) expect(TAG_OR_DIGEST_PATTERN.test(value), value).toBe(true)
    for (const value of ['', 'a b', 'sha256:', ':1.0', 'ghcr.io/acme/app:1.0'])
      expect(TAG_OR_DIGEST_PATTERN.test(value), value).toBe(false)
  })

  it('reads a tag input that holds a digest as a digest', () => {
    expect(tagOrDigest('1.1.0')).toEqual({ tag: '1.1.0' })
    expect(tagOrDigest(DIGEST)).toEqual({ digest: DIGEST })
  })
})

describe('one repository, however it is written', () => {
  it("treats Docker Hub's spellings as one repository", () => {
    const spellings = [
      'nginx',
      'library/nginx',
      'docker.io/nginx',
      'docker.io/library/nginx',
      'index.docker.io/nginx',
      'index.docker.io/library/nginx',
    ]
    for (const spelling of spellings) expect(normalizeRepository(spelling), spelling).toBe('nginx')
    expect(normalizeRepository('docker.io/acme/app')).toBe('acme/app')
    // Only Docker Hub has the library namespace.
    expect(sameRepository('ghcr.io/library/nginx', 'nginx')).toBe(false)
  })

  it('ignores case, but not ports or hosts', () => {
    expect(sameRepository('GHCR.io/Acme/App', 'ghcr.io/acme/app')).toBe(true)
    expect(sameRepository('localhost:5000/app', 'localhost:5001/app')).toBe(false)
    expect(sameRepository('localhost:5000/app', 'localhost/app')).toBe(false)
    expect(sameRepository('ghcr.io/acme/app', 'acme/app')).toBe(false)
  })
})

describe('the wanted revision', () => {
  const ref = (text: string) => parseImageRef(text)!

  it('matches a tag alone, in any repository', () => {
    expect(isWantedImage(ref('ghcr.io/acme/podinfo:1.1.0'), { tag: '1.1.0' })).toBe(true)
    expect(isWantedImage(ref('ghcr.io/acme/podinfo:1.1.0-rc1'), { tag: '1.1.0' })).toBe(false)
    expect(isWantedImage(ref('ghcr.io/acme/podinfo'), { tag: '1.1.0' })).toBe(false)
  })

  it('compares repositories as one model: Docker Hub spellings, case and ports', () => {
    // Where the two former models disagreed: index.docker.io and upper case.
    expect(
      isWantedImage(ref('index.docker.io/library/nginx:1.27'), { repository: 'nginx', tag: '1.27' }),
    ).toBe(true)
    expect(isWantedImage(ref('docker.io/library/nginx:1.27'), { repository: 'nginx', tag: '1.27' })).toBe(
      true,
    )
    expect(
      isWantedImage(ref('GHCR.IO/acme/podinfo:1.1.0'), { repository: 'ghcr.io/acme/podinfo', tag: '1.1.0' }),
    ).toBe(true)
    expect(
      isWantedImage(ref('registry.local:5000/app:1.0'), {
        repository: 'registry.local:5001/app',
        tag: '1.0',
      }),
    ).toBe(false)
    expect(
      isWantedImage(ref('ghcr.io/other/podinfo:1.1.0'), { repository: 'ghcr.io/acme/podinfo', tag: '1.1.0' }),
    ).toBe(false)
  })

  it('keeps tags case-sensitive', () => {
    expect(isWantedImage(ref('ghcr.io/acme/app:V1'), { tag: 'v1' })).toBe(false)
  })

  it('lets a digest decide, and finds the tag of a pinned `repo:tag@digest`', () => {
    expect(isWantedImage(ref(`ghcr.io/acme/app:1.1.0@${DIGEST}`), { tag: '1.1.0' })).toBe(true)
    expect(isWantedImage(ref(`ghcr.io/acme/app:1.1.0@${DIGEST}`), { digest: DIGEST })).toBe(true)
    expect(isWantedImage(ref(`ghcr.io/acme/app@${DIGEST}`), { tag: '1.1.0' })).toBe(false)
    expect(isWantedImage(ref('ghcr.io/acme/app:1.1.0'), { digest: DIGEST })).toBe(false)
    expect(isWantedImage(ref(`ghcr.io/acme/app:1.0.0@${DIGEST}`), { tag: '1.1.0', digest: DIGEST })).toBe(
      true,
    )
  })

  it('matches nothing when no revision is wanted', () => {
    expect(isWantedImage(ref('ghcr.io/acme/app:1.0'), { repository: 'ghcr.io/acme/app' })).toBe(false)
  })
})
