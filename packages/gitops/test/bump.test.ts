import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  bumpGitopsTag,
  checkFilePath,
  checkImage,
  commitMessage,
  gitEnvironment,
  parseAuthor,
  parseValues,
  pullRequestBranch,
  resolveRemote,
} from '../src/index'

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

  it('writes commit messages with trailers and refuses unknown placeholders', () => {
    const message = commitMessage(
      '{app} {environment}: {previous-tag} → {tag}',
      { app: 'podinfo', environment: 'prod', tag: '1.1', previousTag: '1.0', file: 'a.yaml' },
      { repository: 'acme/podinfo', sha: 'abc', runUrl: 'https://github.com/acme/podinfo/actions/runs/1' },
    )
    expect(message).toBe(
      'podinfo prod: 1.0 → 1.1\n\nSource-Repository: acme/podinfo\nSource-Commit: abc\nRun-URL: https://github.com/acme/podinfo/actions/runs/1\n',
    )
    expect(() =>
      commitMessage('{app} {version}', { app: 'a', environment: 'b', tag: 'c', file: 'f' }),
    ).toThrow("Input 'commit-message': unknown placeholder {version}")
  })

  it('reads values as YAML, a HelmRelease patch included', () => {
    expect(parseValues('canary:\n  enabled: true\n')).toEqual({ canary: { enabled: true } })
    expect(parseValues('kind: HelmRelease\nspec:\n  values:\n    a: 1\n')).toEqual({ a: 1 })
    expect(() => parseValues('- a\n')).toThrow(/expected a YAML mapping/)
    expect(() => parseValues('a: [\n')).toThrow(/^Input 'values' is not valid YAML/)
  })

  it('takes the repository of an image reference', () => {
    expect(checkImage('ghcr.io/acme/app:1.0@sha256:abc')).toBe('ghcr.io/acme/app')
    expect(checkImage('localhost:5000/app')).toBe('localhost:5000/app')
    expect(checkImage('')).toBeUndefined()
    expect(() => checkImage('not an image')).toThrow(/^Input 'image'/)
  })

  it('parses authors and names pull request branches', () => {
    expect(parseAuthor('Release Bot <bot@example.com>')).toEqual({
      name: 'Release Bot',
      email: 'bot@example.com',
    })
    expect(() => parseAuthor('bot')).toThrow(/^Input 'author'/)
    expect(pullRequestBranch('my app', 'prod/eu')).toBe('bump/my-app/prod-eu')
  })
})

describe('the token', () => {
  it('travels only as an HTTP header scoped to the remote, configured through the environment', () => {
    const env = gitEnvironment({
      remoteUrl: 'https://github.com/acme/gitops.git',
      token: 'ghs_secret',
      author: { name: 'a', email: 'a@b' },
    })
    expect(env).toMatchObject({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_1: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${Buffer.from('x-access-token:ghs_secret').toString('base64')}`,
    })
    expect(
      gitEnvironment({ remoteUrl: 'file:///r.git', token: 'ghs_secret', author: { name: 'a', email: 'a@b' } })
        .GIT_CONFIG_COUNT,
    ).toBe('1')
  })

  it('reaches a real HTTP remote in the Authorization header, and never shows up in the error', async () => {
    const seen: { url: string; authorization?: string }[] = []
    const server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization })
      res.writeHead(req.headers.authorization ? 403 : 401, { 'www-authenticate': 'Basic realm="git"' })
      res.end('no')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    try {
      const error = await bumpGitopsTag({
        repository: 'acme/gitops',
        serverUrl: `http://127.0.0.1:${port}`,
        branch: 'main',
        file: 'a.yaml',
        app: 'a',
        environment: 'sit',
        tag: 'v1',
        token: 'ghs_neverInTheOpen1234',
      }).catch((e: Error) => e)
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).not.toContain('ghs_neverInTheOpen1234')
      expect(seen[0]!.url).toBe('/acme/gitops.git/info/refs?service=git-upload-pack')
      expect(seen[0]!.authorization).toBe(
        `basic ${Buffer.from('x-access-token:ghs_neverInTheOpen1234').toString('base64')}`,
      )
      expect((error as Error).message).not.toContain(
        Buffer.from('x-access-token:ghs_neverInTheOpen1234').toString('base64'),
      )
    } finally {
      server.close()
    }
  })
})
