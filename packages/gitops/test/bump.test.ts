import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type GitHttpServer, startGitHttpServer } from '@canary-delivery/git-http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bumpGitopsTag } from '../src/bump'
import { gitEnvironment } from '../src/git'

const config = (env: Record<string, string>) =>
  Object.fromEntries(
    Array.from({ length: Number(env.GIT_CONFIG_COUNT) }, (_, i) => [
      env[`GIT_CONFIG_KEY_${i}`],
      env[`GIT_CONFIG_VALUE_${i}`],
    ]),
  )

describe('the token', () => {
  it('travels only as an HTTP header scoped to the remote, configured through the environment', () => {
    const author = { name: 'a', email: 'a@b' }
    const https = config(
      gitEnvironment({ remoteUrl: 'https://github.com/acme/gitops.git', token: 'ghs_secret', author }),
    )
    expect(https['http.https://github.com/.extraheader']).toBe(
      `AUTHORIZATION: basic ${Buffer.from('x-access-token:ghs_secret').toString('base64')}`,
    )
    expect(https['remote.origin.url']).toBe('https://github.com/acme/gitops.git')
    const local = config(gitEnvironment({ remoteUrl: 'file:///r.git', token: 'ghs_secret', author }))
    expect(Object.keys(local).filter((key) => key.endsWith('extraheader'))).toEqual([])
  })

  it('is refused over plain http with one line, before any request is made', async () => {
    const seen: string[] = []
    const server = createServer((req, res) => {
      seen.push(req.url ?? '')
      res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    try {
      const bump = (repository: string, serverUrl?: string) =>
        bumpGitopsTag({
          repository,
          serverUrl,
          branch: 'main',
          file: 'a.yaml',
          app: 'a',
          environment: 'sit',
          tag: 'v1',
          token: 'ghs_neverInTheOpen1234',
        }).catch((e: Error) => e)
      const direct = await bump(`http://127.0.0.1:${port}/acme/gitops.git`)
      expect((direct as Error).message).toBe(
        `Input 'repository': http://127.0.0.1:${port}/acme/gitops.git is plain http, which would send the token in clear text; use https, or set 'token' to '' for a server that needs none`,
      )
      const onServer = await bump('acme/gitops', `http://127.0.0.1:${port}`)
      expect((onServer as Error).message).toMatch(
        new RegExp(
          `^Input 'repository': acme/gitops \\(http://127.0.0.1:${port}/acme/gitops.git\\) is plain http`,
        ),
      )
      expect(seen).toEqual([])
    } finally {
      server.close()
    }
  })
})

describe('over https with a token (the real git http-backend)', () => {
  const token = 'ghs_httpsBumpToken1234'
  let root: string
  let server: GitHttpServer
  const caFile = process.env.GIT_SSL_CAINFO
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'gitops-https-'))
    const src = join(root, 'src')
    mkdirSync(src)
    writeFileSync(join(src, 'release.yaml'), 'image:\n  repository: ghcr.io/acme/app\n  tag: "1.0.0"\n')
    const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' })
    git(src, 'init', '-q', '-b', 'main')
    git(src, 'add', '-A')
    git(src, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'seed')
    git(root, 'clone', '-q', '--bare', src, join(root, 'served/gitops.git'))
    server = await startGitHttpServer({ root: join(root, 'served'), token, tls: true })
    // The package runs git with this process's environment: trust the throwaway certificate.
    process.env.GIT_SSL_CAINFO = server.gitEnv.GIT_SSL_CAINFO
  })
  afterAll(async () => {
    if (caFile === undefined) delete process.env.GIT_SSL_CAINFO
    else process.env.GIT_SSL_CAINFO = caFile
    await server.close()
    rmSync(root, { recursive: true, force: true })
  })

  const bump = (withToken: string) =>
    bumpGitopsTag({
      repository: server.urlOf('gitops.git'),
      branch: 'main',
      file: 'release.yaml',
      app: 'app',
      environment: 'sit',
      tag: '1.0.1',
      token: withToken,
    })

  it('pushes, with the token in the Authorization header of every request', async () => {
    const result = await bump(token)
    expect(result).toMatchObject({ outcome: 'pushed', changed: true, previousTag: '1.0.0' })
    const header = `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`
    expect(server.requests.length).toBeGreaterThan(2)
    expect(server.requests.every((r) => r.authorization === header && r.outcome === 'served')).toBe(true)
    expect(server.requests.map((r) => r.path).join(' ')).not.toContain(token)
  })

  it('a wrong token fails without showing up in the error', async () => {
    const error = await bump('ghs_wrongTokenValue99').catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).not.toContain('ghs_wrongTokenValue99')
    expect((error as Error).message).not.toContain(
      Buffer.from('x-access-token:ghs_wrongTokenValue99').toString('base64'),
    )
  })
})
