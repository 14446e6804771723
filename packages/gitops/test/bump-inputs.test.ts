import { describe, expect, it } from 'vitest'
import { checkFilePath, checkImage, checkName, checkTag, parseAuthor } from '../src/bump-inputs'
import { checkCredentialTransport, resolveRemote } from '../src/remote'

describe('inputs', () => {
  it('keeps file paths inside the repository', () => {
    expect(checkFilePath('./apps/x/../y/release.yaml')).toBe('apps/y/release.yaml')
    for (const bad of [
      '../x.yaml',
      'apps/../../x.yaml',
      '/etc/passwd',
      'a\\b.yaml',
      '.git/config',
      '',
      'a\n::error::x.yaml',
    ]) {
      expect(() => checkFilePath(bad)).toThrow(/^Input 'file'/)
    }
  })
  it('resolves owner/name on the server, URLs and local paths', () => {
    expect(resolveRemote('acme/gitops', 'https://ghe.example.com/')).toMatchObject({
      url: 'https://ghe.example.com/acme/gitops.git',
      github: { owner: 'acme', repo: 'gitops' },
      webUrl: 'https://ghe.example.com/acme/gitops',
    })
    expect(resolveRemote('https://github.com/acme/gitops.git').github).toEqual({
      owner: 'acme',
      repo: 'gitops',
    })
    expect(resolveRemote('./repos/gitops.git', undefined, '/work').url).toBe('file:///work/repos/gitops.git')
    expect(() => resolveRemote('https://user:secret@github.com/acme/gitops')).toThrow(/not in the URL/)
    expect(() => resolveRemote('gitops')).toThrow(/^Input 'repository'/)
  })
  it('takes the repository of an image reference', () => {
    expect(checkImage('ghcr.io/acme/app:1.0@sha256:abc')).toBe('ghcr.io/acme/app')
    expect(checkImage('localhost:5000/app')).toBe('localhost:5000/app')
    expect(checkImage('')).toBeUndefined()
    expect(() => checkImage('not an image')).toThrow(/^Input 'image'/)
  })
  it('parses authors', () => {
    expect(parseAuthor('Release Bot <bot@example.com>')).toEqual({
      name: 'Release Bot',
      email: 'bot@example.com',
    })
    expect(() => parseAuthor('bot')).toThrow(/^Input 'author'/)
    expect(() => parseAuthor('Bot\nfrom evil <bot@example.com>')).toThrow(
      "Input 'author': expected 'Name <email>' on one line, got 'Bot\\nfrom evil <bot@example.com>'",
    )
  })
  it('refuses names with line breaks or control characters, showing them escaped', () => {
    expect(checkName('podinfo', 'app')).toBe('podinfo')
    expect(() => checkName('demo\n::error::pwned', 'app')).toThrow(
      "Input 'app': expected a name without line breaks or control characters, got 'demo\\n::error::pwned'",
    )
    expect(() => checkName('sit\r', 'environment')).toThrow(/^Input 'environment':/)
    expect(() => checkName('a\u0007b', 'app')).toThrow(/^Input 'app':/)
    expect(() => checkTag('1.0\n::add-mask::x', 'if-current-tag')).toThrow(
      /^Input 'if-current-tag': expected an image tag matching .*, got '1\.0\\n::add-mask::x'$/,
    )
  })
  it('sends a token only over https (or a local path); plain http only without one', () => {
    const http = resolveRemote('http://gitops.internal/acme/gitops.git')
    expect(() => checkCredentialTransport(http, 'ghs_x')).toThrow(/^Input 'repository': .* is plain http/)
    expect(() => checkCredentialTransport(http, undefined)).not.toThrow()
    expect(() => checkCredentialTransport(resolveRemote('https://github.com/a/b'), 'ghs_x')).not.toThrow()
    expect(() => checkCredentialTransport(resolveRemote('/srv/gitops.git'), 'ghs_x')).not.toThrow()
  })
})
