import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type GitHttpServer, startGitHttpServer } from '../src/index'

let root: string
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'git-http-test-'))
  const src = join(root, 'src')
  mkdirSync(src)
  const git = (...args: string[]) => execFileSync('git', args, { cwd: src, stdio: 'pipe' })
  git('init', '-q', '-b', 'main')
  writeFileSync(join(src, 'a.txt'), 'one\n')
  git('add', '-A')
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'seed')
  execFileSync('git', ['clone', '-q', '--bare', src, join(root, 'served/repo.git')], { stdio: 'pipe' })
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Runs the real git client against the server; resolves with its exit code and error output. */
function git(
  server: GitHttpServer,
  args: string[],
  extraEnv: Record<string, string> = {},
): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn('git', args, {
    cwd: root,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...server.gitEnv, ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
    // A group of its own, so that killing it takes git's transport helper along.
    detached: true,
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr }))) }
}

const fresh = () => mkdtempSync(join(root, 'clone-'))

describe('git-http: the real git http-backend on 127.0.0.1', () => {
  let server: GitHttpServer
  beforeAll(async () => {
    server = await startGitHttpServer({ root: join(root, 'served') })
  })
  afterAll(() => server.close())

  it('serves a partial clone and takes a push', async () => {
    const dir = fresh()
    const clone = await git(server, ['clone', '-q', '--filter=blob:none', server.urlOf('repo.git'), dir]).done
    expect(clone).toMatchObject({ code: 0 })
    const at = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' })
    writeFileSync(join(dir, 'b.txt'), 'two\n')
    at('add', '-A')
    at('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'two')
    const push = await git(server, ['-C', dir, 'push', '-q', 'origin', 'HEAD:main']).done
    expect(push).toMatchObject({ code: 0 })
    const served = execFileSync('git', [
      '-C',
      join(root, 'served/repo.git'),
      'log',
      '-1',
      '--format=%s',
      'main',
    ])
    expect(served.toString().trim()).toBe('two')
    expect(server.requests.some((r) => r.service === 'git-receive-pack' && r.method === 'POST')).toBe(true)
  })

  it('fails the next requests with a status, then serves again', async () => {
    server.failNext(1, { status: 503 }, { service: 'git-upload-pack' })
    const failed = await git(server, ['ls-remote', server.urlOf('repo.git')]).done
    expect(failed.code).not.toBe(0)
    expect(failed.stderr).toMatch(/503/)
    const served = await git(server, ['ls-remote', server.urlOf('repo.git')]).done
    expect(served.code).toBe(0)
    expect(server.requests.filter((r) => r.outcome === 'failed')).toHaveLength(1)
  })

  it('resets the connection of the next request', async () => {
    server.failNext(1, 'reset', { method: 'POST' })
    const failed = await git(server, ['clone', '-q', '--bare', server.urlOf('repo.git'), fresh()]).done
    expect(failed.code).not.toBe(0)
    expect(failed.stderr).toMatch(/reset|empty reply|hung up|RPC failed/i)
  })

  it('loses the answer of a push that git has taken: the client fails, the branch moved', async () => {
    const dir = fresh()
    expect((await git(server, ['clone', '-q', server.urlOf('repo.git'), dir]).done).code).toBe(0)
    const at = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' })
    at('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'lost')
    server.failNext(1, 'lost-answer', { service: 'git-receive-pack', method: 'POST' })
    const push = await git(server, ['-C', dir, 'push', '-q', 'origin', 'HEAD:main']).done
    expect(push.code).not.toBe(0)
    expect(push.stderr).toMatch(/reset/i)
    const served = execFileSync('git', ['-C', join(root, 'served/repo.git'), 'rev-parse', 'main'])
    expect(served.toString().trim()).toBe(at('rev-parse', 'HEAD').trim())
  })

  it('holds a request until released; a held request whose client went away never reaches git', async () => {
    const held = server.hold({ service: 'git-upload-pack', method: 'POST' })
    const clone = git(server, ['clone', '-q', '--bare', server.urlOf('repo.git'), fresh()])
    const request = await held.arrived
    expect(request).toMatchObject({ method: 'POST', service: 'git-upload-pack', outcome: 'held' })
    held.release()
    expect((await clone.done).code).toBe(0)
    expect(request.outcome).toBe('served')

    const abandoned = server.hold({ method: 'POST' })
    const killed = git(server, ['clone', '-q', '--bare', server.urlOf('repo.git'), fresh()])
    const gone = await abandoned.arrived
    process.kill(-killed.child.pid!, 'SIGKILL')
    await killed.done
    // The server notices the closed connection on its own; release afterwards is a no-op.
    await new Promise((resolve) => setImmediate(resolve))
    abandoned.release()
    await expect.poll(() => gone.outcome).toBe('dropped')
  })
})

describe('git-http with a token over https', () => {
  let server: GitHttpServer
  const token = 'ghs_gitHttpTestToken'
  beforeAll(async () => {
    server = await startGitHttpServer({ root: join(root, 'served'), token, tls: true })
  })
  afterAll(() => server.close())

  it('asks for credentials without them, and serves git with the token as an HTTP header', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const anonymous = await git(server, ['ls-remote', server.urlOf('repo.git')]).done
    expect(anonymous.code).not.toBe(0)
    const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`
    const served = await git(server, [
      '-c',
      `http.extraheader=${header}`,
      'ls-remote',
      server.urlOf('repo.git'),
    ]).done
    expect(served.code).toBe(0)
    const [first, ...rest] = server.requests.map((r) => r.outcome)
    expect(first).toBe('unauthorized')
    expect(rest.length).toBeGreaterThan(0)
    expect(new Set(rest)).toEqual(new Set(['served']))
  })

  it('is not trusted without its CA file', async () => {
    const untrusted = await git(server, ['ls-remote', server.urlOf('repo.git')], { GIT_SSL_CAINFO: '' }).done
    expect(untrusted.code).not.toBe(0)
    expect(untrusted.stderr).toMatch(/certificate|SSL/i)
  })
})
