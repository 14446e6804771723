import { join } from 'node:path'
import type { RunOptions } from '@canary-delivery/action-runner'
import { type GitHttpServer, startGitHttpServer } from '@canary-delivery/git-http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bump, errors, head, makeRemote, scratch, show, subjects } from './helpers'

const release = (tag: string) => `image:\n  repository: ghcr.io/acme/app\n  tag: "${tag}"\n`

let tmp: ReturnType<typeof scratch>
let server: GitHttpServer
let repository: string
let bare: string
let serial = 0
beforeAll(async () => {
  tmp = scratch()
  server = await startGitHttpServer({ root: tmp.dir })
})
afterAll(async () => {
  await server.close()
  tmp.cleanup()
})
// A repository of its own for each test, so that what one test leaves behind never matters to the next.
beforeEach(() => {
  const name = `gitops-${++serial}.git`
  bare = join(tmp.dir, name)
  makeRemote(bare, { 'apps/app/values.yaml': release('1.0.0') })
  repository = server.urlOf(name)
})

/** A bump over plain http, which needs no token (the workflow's default token is set aside). */
const run = (tag: string, inputs: Record<string, string> = {}, options: Partial<RunOptions> = {}) =>
  bump(
    { repository, file: 'apps/{app}/values.yaml', app: 'app', environment: 'sit', tag, token: '', ...inputs },
    options,
  )

describe('transient transport failures are retried within max-attempts, and the log says so', () => {
  it('503 twice on the fetch', async () => {
    server.failNext(2, { status: 503 }, { service: 'git-upload-pack', method: 'POST' })
    const result = await run('1.1.0', { 'max-attempts': '5' })
    expect(errors(result)).toEqual([])
    expect(result.log).toMatch(/fetch failed \(.*returned error: 503\): attempt 2 of 5 after \d/)
    expect(result.log).toMatch(/: attempt 3 of 5 after /)
    expect(result.outputs).toMatchObject({ changed: 'true', 'commit-sha': head(bare) })
    expect(subjects(bare)).toEqual(['app sit: 1.0.0 → 1.1.0', 'seed'])
  })

  it("a 503 on the blob-less clone's fetch of the file itself", async () => {
    // The fetch's own GET is let through; the one of the lazy fetch that reads the file fails.
    server.failNext(1, { status: 503 }, { service: 'git-upload-pack', method: 'GET' }, 1)
    const result = await run('1.1.5')
    expect(errors(result)).toEqual([])
    expect(result.log).toMatch(/reading the file failed \(.*503\): attempt 2 of 15 after /)
    expect(show(bare, 'apps/app/values.yaml')).toBe(release('1.1.5'))
  })

  it('a connection reset on the push', async () => {
    server.failNext(1, 'reset', { service: 'git-receive-pack', method: 'POST' })
    const result = await run('1.2.0')
    expect(errors(result)).toEqual([])
    expect(result.log).toMatch(/push failed \(.*Connection reset by peer\): attempt 2 of 15 after /)
    expect(result.outputs).toMatchObject({ changed: 'true', 'commit-sha': head(bare) })
    expect(show(bare, 'apps/app/values.yaml')).toBe(release('1.2.0'))
  })

  it('a push that landed although its answer was lost: found on the next fetch, not made twice', async () => {
    server.failNext(1, 'lost-answer', { service: 'git-receive-pack', method: 'POST' })
    const result = await run('1.3.0')
    expect(errors(result)).toEqual([])
    expect(result.log).toMatch(/push failed .*: attempt 2 of 15/)
    expect(result.log).toMatch(/the push of [0-9a-f]{12} had landed after all/)
    expect(result.outputs).toMatchObject({
      changed: 'true',
      'commit-sha': head(bare),
      'previous-tag': '1.0.0',
    })
    expect(subjects(bare)).toEqual(['app sit: 1.0.0 → 1.3.0', 'seed'])
  })

  it('out of attempts after a push whose answer was lost: the remote is asked, and the push counts', async () => {
    server.failNext(1, 'lost-answer', { service: 'git-receive-pack', method: 'POST' })
    const result = await run('1.3.5', { 'max-attempts': '1' })
    expect(errors(result)).toEqual([])
    expect(result.outputs).toMatchObject({ changed: 'true', 'commit-sha': head(bare) })
    expect(subjects(bare)).toEqual(['app sit: 1.0.0 → 1.3.5', 'seed'])
  })

  it('a server that stops answering: the stall limit ends the attempt, the next one succeeds', async () => {
    server.hold({ service: 'git-upload-pack', method: 'POST' })
    const result = await run('1.4.0', {}, { env: { GIT_HTTP_LOW_SPEED_TIME: '1' } })
    expect(errors(result)).toEqual([])
    expect(result.log).toMatch(/fetch failed \(.*Operation too slow.*\): attempt 2 of 15 after /)
    expect(result.outputs).toMatchObject({ changed: 'true', 'commit-sha': head(bare) })
  })

  it('gives up after max-attempts with one line, nothing pushed', async () => {
    server.failNext(3, { status: 502 }, { service: 'git-upload-pack' })
    const result = await run('1.5.0', { 'max-attempts': '3' })
    expect(result.exitCode).toBe(1)
    const [error, ...more] = errors(result)
    expect(more).toEqual([])
    expect(error).toMatch(/^gave up after 3 attempts: git fetch .* failed: .*502/)
    expect(result.log).toMatch(/attempt 3 of 3 after /)
    expect(subjects(bare)).toEqual(['seed'])
  })

  it('a refusal is not retried', async () => {
    server.failNext(1, { status: 403 }, { service: 'git-receive-pack', method: 'POST' })
    const result = await run('1.6.0')
    expect(result.exitCode).toBe(1)
    expect(errors(result)[0]).toMatch(/^git push .* failed: .*403/)
    expect(result.log).not.toMatch(/attempt 2 of/)
    expect(
      server.requests.filter(
        (r) => r.path === `/${bare.split('/').pop()}/git-receive-pack` && r.method === 'POST',
      ),
    ).toHaveLength(1)
  })
})

describe('a token over https (the real git http-backend behind TLS)', () => {
  it('reaches the server in the Authorization header and pushes', async () => {
    const token = 'ghs_bundleOverHttps42'
    const https = await startGitHttpServer({ root: tmp.dir, token, tls: true })
    try {
      const result = await bump(
        {
          repository: https.urlOf(bare.split('/').pop()!),
          file: 'apps/app/values.yaml',
          app: 'app',
          environment: 'sit',
          tag: '2.0.0',
          token,
        },
        { env: https.gitEnv },
      )
      expect(errors(result)).toEqual([])
      expect(result.outputs).toMatchObject({ changed: 'true', 'commit-sha': head(bare) })
      const header = `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`
      expect(https.requests.every((r) => r.authorization === header)).toBe(true)
      expect(result.log).not.toContain(token)
    } finally {
      await https.close()
    }
  })
})
