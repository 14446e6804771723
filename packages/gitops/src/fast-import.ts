import type { ChildProcess } from 'node:child_process'
import { type GitContext, GitFailure, spawnGit } from './git-process'

/** One path of a tree: its mode (`100644`, `100755`, `120000` …), type and object. */
export interface TreeEntry {
  mode: string
  type: string
  sha: string
}

export interface NewCommit {
  /** The commit it goes on top of. */
  parent: string
  message: string
  author: { name: string; email: string }
  /** The one file it changes, with its mode kept. */
  path: string
  mode: string
  content: Buffer
}

/** A file larger than the caller allows; nothing of it has been read. */
export class BlobTooLarge extends Error {
  constructor(readonly size: number) {
    super(`the file is ${size} bytes`)
  }
}

/** A path in fast-import's quoted form (control characters are refused before they get here). */
const quote = (path: string) => `"${path.replace(/["\\]/g, '\\$&')}"`

const ARGS = ['fast-import', '--quiet', '--done', '--force', '--date-format=now']

/**
 * One `git fast-import` process that looks up a path, reads a blob (fetched on demand from the
 * promisor remote in a blob-less clone) and writes a commit that replaces one file, reusing every
 * other tree of its parent. One process instead of a dozen (ls-tree, cat-file, hash-object, mktree
 * per directory level, commit-tree), and nothing proportional to the size of the repository.
 */
export class FastImport {
  private readonly child: ChildProcess
  private readonly stderr: Buffer[] = []
  private readonly replies: Replies
  private readonly exited: Promise<number>

  constructor(context: GitContext, signal?: AbortSignal) {
    const started = performance.now()
    this.child = spawnGit(context, ARGS, signal)
    this.child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk))
    this.exited = new Promise((resolve) =>
      this.child.once('close', (code) => {
        context.debug?.(
          `git ${ARGS.join(' ')}: exit ${code ?? 'by signal'} in ${Math.round(performance.now() - started)} ms`,
        )
        resolve(code ?? 128)
      }),
    )
    this.replies = new Replies(this.child, () => this.failure(signal))
  }

  /** The entry at `path` in a commit or tree, or undefined when there is none. */
  async entry(treeish: string, path: string): Promise<TreeEntry | undefined> {
    this.send(`ls ${treeish} ${quote(path)}\n`)
    const line = await this.replies.line()
    if (line.startsWith('missing ')) return undefined
    const [mode, type, sha] = line.slice(0, line.indexOf('\t')).split(' ')
    if (!mode || !type || !sha) throw new Error(`internal: unexpected fast-import answer '${line}'`)
    return { mode, type, sha }
  }

  /** A blob's bytes; a blob over `maxBytes` throws BlobTooLarge before its content is read. */
  async blob(sha: string, maxBytes: number): Promise<Buffer> {
    this.send(`cat-blob ${sha}\n`)
    const header = await this.replies.line()
    const size = Number(header.split(' ')[2])
    if (!Number.isSafeInteger(size)) throw new Error(`internal: unexpected fast-import answer '${header}'`)
    if (size > maxBytes) {
      await this.abort()
      throw new BlobTooLarge(size)
    }
    const content = await this.replies.bytes(size + 1)
    return content.subarray(0, size)
  }

  /** Writes the commit and returns its id; it is on disk once `finish()` resolves. */
  async commit(commit: NewCommit): Promise<string> {
    const person = `${commit.author.name} <${commit.author.email}> now`
    const message = Buffer.from(commit.message)
    this.send(`commit refs/bump/work\nmark :1\nauthor ${person}\ncommitter ${person}\n`)
    this.send(`data ${message.length}\n`)
    this.send(message)
    this.send(`\nfrom ${commit.parent}\nM ${commit.mode} inline ${quote(commit.path)}\n`)
    this.send(`data ${commit.content.length}\n`)
    this.send(commit.content)
    this.send('\nget-mark :1\n')
    return (await this.replies.line()).trim()
  }

  /** Ends the stream and waits until fast-import has written its pack and exited. */
  async finish(): Promise<void> {
    this.send('done\n')
    this.child.stdin!.end()
    if ((await this.exited) !== 0) throw this.failure()
  }

  /** Stops the process (nothing it wrote is used); waits until it is gone. */
  async abort(): Promise<void> {
    try {
      if (this.child.pid !== undefined && this.child.exitCode === null)
        process.kill(-this.child.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
    await this.exited
  }

  private send(data: string | Buffer): void {
    this.child.stdin!.write(data)
  }

  private failure(signal?: AbortSignal): GitFailure {
    return new GitFailure(
      `git ${ARGS.join(' ')}`,
      Buffer.concat(this.stderr).toString('utf8'),
      !!signal?.aborted,
    )
  }
}

/** fast-import's answers on its standard output, read as lines and counted bytes. */
class Replies {
  private chunks: Buffer[] = []
  private length = 0
  private ended = false
  private wake: () => void = () => {}

  constructor(
    child: ChildProcess,
    private readonly failure: () => Error,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk)
      this.length += chunk.length
      this.wake()
    })
    child.once('close', () => {
      this.ended = true
      this.wake()
    })
  }

  async line(): Promise<string> {
    for (;;) {
      const joined = this.chunks.length > 1 ? Buffer.concat(this.chunks) : this.chunks[0]
      const newline = joined ? joined.indexOf(10) : -1
      if (joined && newline >= 0) {
        this.take(joined, newline + 1)
        return joined.subarray(0, newline).toString('utf8')
      }
      await this.more()
    }
  }

  async bytes(count: number): Promise<Buffer> {
    while (this.length < count) await this.more()
    const joined = Buffer.concat(this.chunks)
    this.take(joined, count)
    return joined.subarray(0, count)
  }

  private take(joined: Buffer, count: number): void {
    const rest = joined.subarray(count)
    this.chunks = rest.length ? [rest] : []
    this.length = rest.length
  }

  private more(): Promise<void> {
    if (this.ended) return Promise.reject(this.failure())
    return new Promise((resolve) => {
      this.wake = resolve
    })
  }
}
