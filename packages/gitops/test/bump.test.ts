import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { bumpGitopsTag } from '../src/bump'
import { gitEnvironment } from '../src/git'

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
