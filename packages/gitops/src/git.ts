import { type ExecResult, execArgv, registerSecret } from '@canary-delivery/action-kit'

export interface GitOptions {
  /** The repository directory the commands run in. */
  cwd: string
  /** The remote's URL (never holding a credential). */
  remoteUrl: string
  /** Sent as an HTTP Authorization header to the remote's host only; never in argv or a URL. */
  token?: string
  author: { name: string; email: string }
}

/** What git needs in its environment: the auth header as configuration through GIT_CONFIG_*, no prompts. */
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
  // A signing setup in the runner's global config must not make commit-tree wait for a passphrase.
  const config: [string, string][] = [['commit.gpgsign', 'false']]
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

export class Git {
  private readonly env: Record<string, string>

  constructor(private readonly options: GitOptions) {
    this.env = gitEnvironment(options)
    // The header value is as secret as the token it encodes.
    for (const [key, value] of Object.entries(this.env)) {
      if (key.startsWith('GIT_CONFIG_KEY_') && value.endsWith('.extraheader')) {
        registerSecret(this.env[key.replace('_KEY_', '_VALUE_')])
      }
    }
  }

  run(args: string[], extra: { input?: string; allowFailure?: boolean } = {}): Promise<ExecResult> {
    return execArgv('git', args, { cwd: this.options.cwd, env: this.env, quiet: true, ...extra })
  }

  async out(args: string[], input?: string): Promise<string> {
    return (await this.run(args, { input })).stdout
  }

  async init(): Promise<void> {
    await this.run(['init', '-q'])
    await this.run(['remote', 'add', 'origin', this.options.remoteUrl])
  }

  /** The heads of these branches on the remote (absent ones left out), in one round trip. */
  async remoteHeads(branches: string[]): Promise<Map<string, string>> {
    const output = await this.out([
      'ls-remote',
      '--heads',
      'origin',
      ...branches.map((b) => `refs/heads/${b}`),
    ])
    const heads = new Map<string, string>()
    for (const line of output.split('\n')) {
      const [sha, ref] = line.split('\t')
      if (sha && ref?.startsWith('refs/heads/')) heads.set(ref.slice('refs/heads/'.length), sha)
    }
    return heads
  }

  /**
   * The newest commit of each branch, and its trees, but no file contents: a shallow, blob-less fetch.
   * The one file we edit is fetched on demand when it is read.
   */
  async fetch(branches: string[]): Promise<void> {
    if (branches.length === 0) return
    await this.run([
      'fetch',
      '-q',
      '--depth',
      '1',
      '--filter=blob:none',
      '--no-tags',
      'origin',
      ...branches.map((b) => `+refs/heads/${b}:refs/remotes/origin/${b}`),
    ])
  }

  async revParse(rev: string): Promise<string> {
    return (await this.out(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim()
  }

  /** Mode, type and object of one path in a tree, or undefined. */
  async entry(
    treeish: string,
    path: string,
  ): Promise<{ mode: string; type: string; sha: string } | undefined> {
    const output = await this.out(['ls-tree', '-z', treeish, '--', path])
    const record = output.split('\0').find((line) => line.endsWith(`\t${path}`))
    if (!record) return undefined
    const [meta] = record.split('\t')
    const [mode, type, sha] = meta!.split(' ')
    return { mode: mode!, type: type!, sha: sha! }
  }

  async readBlob(sha: string): Promise<string> {
    return this.out(['cat-file', 'blob', sha])
  }

  async writeBlob(content: string): Promise<string> {
    return (await this.out(['hash-object', '-w', '--stdin'], content)).trim()
  }

  /**
   * A new root tree with one file replaced, built from the trees along its path only (no index, no
   * checkout), so the size of the repository does not matter.
   */
  async replaceFile(commit: string, path: string, blob: string, mode: string): Promise<string> {
    const parts = path.split('/')
    let child = { name: parts.pop()!, sha: blob, mode, type: 'blob' }
    for (let depth = parts.length; depth >= 0; depth--) {
      const dir = parts.slice(0, depth).join('/')
      const listing = await this.out(['ls-tree', '-z', dir ? `${commit}:${dir}` : `${commit}^{tree}`])
      const entries = listing.split('\0').filter(Boolean)
      let replaced = false
      const lines = entries.map((line) => {
        const tab = line.indexOf('\t')
        if (line.slice(tab + 1) !== child.name) return line
        replaced = true
        return `${child.mode} ${child.type} ${child.sha}\t${child.name}`
      })
      if (!replaced) throw new Error(`internal: ${child.name} not found in ${dir || 'the root tree'}`)
      const sha = (await this.out(['mktree', '-z', '--missing'], `${lines.join('\0')}\0`)).trim()
      child = { name: parts[depth - 1] ?? '', sha, mode: '040000', type: 'tree' }
    }
    return child.sha
  }

  async commitTree(tree: string, parent: string, message: string): Promise<string> {
    return (await this.out(['commit-tree', tree, '-p', parent, '-F', '-'], message)).trim()
  }

  /** A fast-forward-only push (never forced). Returns false when the remote moved on first. */
  async push(commit: string, branch: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const result = await this.run(['push', '--porcelain', 'origin', `${commit}:refs/heads/${branch}`], {
      allowFailure: true,
    })
    if (result.exitCode === 0) return { ok: true }
    const text = `${result.stdout}\n${result.stderr}`
    if (
      /\[rejected\]|non-fast-forward|fetch first|cannot lock ref|failed to update ref|stale info|\[remote rejected\].*(lock|ref)/i.test(
        text,
      )
    ) {
      return {
        ok: false,
        reason:
          text
            .split('\n')
            .find((l) => /rejected|lock|fast-forward/.test(l))
            ?.trim() ?? 'rejected',
      }
    }
    throw new Error(
      `git push to ${this.options.remoteUrl} failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`,
    )
  }

  async diff(oldBlob: string, newBlob: string, path: string): Promise<string> {
    const output = await this.out(['diff', '--no-color', '--no-ext-diff', '-U2', oldBlob, newBlob])
    // Blob-to-blob diffs name the blobs; name the file instead.
    return output
      .split('\n')
      .filter((line) => !line.startsWith('diff --git ') && !line.startsWith('index '))
      .map((line) =>
        line.startsWith('--- ') ? `--- a/${path}` : line.startsWith('+++ ') ? `+++ b/${path}` : line,
      )
      .join('\n')
  }
}
