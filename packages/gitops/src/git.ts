import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { registerSecret } from '@canary-delivery/action-kit'
import { FastImport } from './fast-import'
import { type GitContext, GitFailure, runGit } from './git-process'

export interface GitOptions {
  /** The (bare, temporary) repository the commands run in. */
  cwd: string
  /** The remote's URL (never holding a credential). */
  remoteUrl: string
  /** Sent as an HTTP Authorization header to the remote's host only; never in argv or a URL. */
  token?: string
  author: { name: string; email: string }
  debug?: (line: string) => void
}

/**
 * How long a transfer may stall (less than a byte a second) before git gives up, so that a silent
 * server costs an attempt, not the job's whole timeout. Git's servers send keep-alives every few
 * seconds while they work. GIT_HTTP_LOW_SPEED_TIME in the environment overrides it.
 */
const STALL_SECONDS = 30

/**
 * What git needs in its environment: the remote, the auth header, no prompts, no signing, no
 * background gc in a folder about to be removed; all as configuration through GIT_CONFIG_*.
 */
export function gitEnvironment(
  options: Pick<GitOptions, 'remoteUrl' | 'token' | 'author'>,
): Record<string, string> {
  const env: Record<string, string> = {
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: options.author.name,
    GIT_AUTHOR_EMAIL: options.author.email,
    GIT_COMMITTER_NAME: options.author.name,
    GIT_COMMITTER_EMAIL: options.author.email,
  }
  const config: [string, string][] = [
    ['remote.origin.url', options.remoteUrl],
    ['commit.gpgsign', 'false'],
    ['gc.auto', '0'],
    ['maintenance.auto', 'false'],
    // fast-import keeps its few objects as a pack instead of starting unpack-objects for them.
    ['fastimport.unpackLimit', '0'],
    ['http.lowSpeedLimit', '1'],
    ['http.lowSpeedTime', String(STALL_SECONDS)],
  ]
  if (options.token && /^https?:\/\//.test(options.remoteUrl)) {
    const origin = new URL(options.remoteUrl)
    const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64')
    // Scoped to the remote's origin, so the header never travels to another host.
    config.push([`http.${origin.protocol}//${origin.host}/.extraheader`, `AUTHORIZATION: basic ${basic}`])
  }
  env.GIT_CONFIG_COUNT = String(config.length)
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key
    env[`GIT_CONFIG_VALUE_${i}`] = value
  })
  return env
}

export type PushResult = { ok: true } | { ok: false; reason: string }

const REJECTED =
  /\[rejected\]|non-fast-forward|fetch first|cannot lock ref|failed to update ref|stale info|\[remote rejected\].*(lock|ref)/i

/** The few git commands a bump needs, each one process, in one temporary bare repository. */
export class Git {
  private readonly context: GitContext

  constructor(options: GitOptions) {
    const env = gitEnvironment(options)
    // The header value is as secret as the token it encodes.
    for (const [key, value] of Object.entries(env)) {
      if (key.startsWith('GIT_CONFIG_KEY_') && value.endsWith('.extraheader')) {
        registerSecret(env[key.replace('_KEY_', '_VALUE_')])
      }
    }
    this.context = { cwd: options.cwd, env, debug: options.debug }
  }

  /** An empty bare repository, without the sample hooks a template would copy. */
  async init(signal?: AbortSignal): Promise<void> {
    await runGit(this.context, ['init', '-q', '--bare', '--template='], { signal })
  }

  /** The heads of these branches on the remote (absent ones left out), in one round trip. */
  async remoteHeads(branches: string[], signal?: AbortSignal): Promise<Map<string, string>> {
    const { stdout } = await runGit(
      this.context,
      ['ls-remote', '--heads', 'origin', ...branches.map((b) => `refs/heads/${b}`)],
      { signal },
    )
    const heads = new Map<string, string>()
    for (const line of stdout.split('\n')) {
      const [sha, ref] = line.split('\t')
      if (sha && ref?.startsWith('refs/heads/')) heads.set(ref.slice('refs/heads/'.length), sha)
    }
    return heads
  }

  /**
   * The newest commit of the branch and its trees, but no file contents: a shallow, blob-less
   * fetch. Returns the commit (from FETCH_HEAD, a file in every ref format). The one file we edit
   * is fetched on demand when it is read.
   */
  async fetch(branch: string, signal?: AbortSignal): Promise<string> {
    await runGit(
      this.context,
      ['fetch', '-q', '--depth', '1', '--filter=blob:none', '--no-tags', 'origin', `refs/heads/${branch}`],
      { signal },
    )
    const head = /^[0-9a-f]{40,64}/.exec(await readFile(join(this.context.cwd, 'FETCH_HEAD'), 'utf8'))
    if (!head) throw new Error(`internal: no commit in FETCH_HEAD after fetching ${branch}`)
    return head[0]
  }

  /** A fast-import session for reading the file and writing the commit. */
  session(signal?: AbortSignal): FastImport {
    return new FastImport(this.context, signal)
  }

  /** A fast-forward-only push (never forced). `ok: false` when the remote moved on first. */
  async push(commit: string, branch: string, signal?: AbortSignal): Promise<PushResult> {
    const args = ['push', '--porcelain', 'origin', `${commit}:refs/heads/${branch}`]
    const result = await runGit(this.context, args, { signal, allowFailure: true })
    if (result.exitCode === 0) return { ok: true }
    const text = `${result.stdout}\n${result.stderr}`
    if (!signal?.aborted && REJECTED.test(text)) {
      const line = text.split('\n').find((l) => /rejected|lock|fast-forward/.test(l))
      return { ok: false, reason: line?.trim() ?? 'rejected' }
    }
    throw new GitFailure(`git ${args.join(' ')}`, result.stderr, !!signal?.aborted)
  }
}
