import { describe, expect, it } from 'vitest'
import { checkFilePath, checkImage, parseAuthor } from '../src/bump-inputs'
import { resolveRemote } from '../src/remote'

describe('inputs', () => {
  it('keeps file paths inside the repository', () => {
    expect(checkFilePath('./apps/x/../y/release.yaml')).toBe('apps/y/release.yaml')
    for (const bad of ['../x.yaml', 'apps/../../x.yaml', '/etc/passwd', 'a\\b.yaml', '.git/config', '']) {
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
  })
})
