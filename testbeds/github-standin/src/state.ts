import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'

/** A repository the stand-in knows. With `gitDir`, branches and SHAs come from that (bare) repository. */
export interface RepositorySeed {
  fullName: string
  defaultBranch?: string
  gitDir?: string
}

export interface PullRecord {
  number: number
  id: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  draft: boolean
  head: { ref: string; sha: string; owner: string }
  base: { ref: string; sha: string }
  labels: string[]
  createdAt: string
  updatedAt: string
  closedAt: string | null
  /** Set when the pull request was merged (tests merge by setting these). */
  mergedAt?: string | null
  mergeCommitSha?: string | null
}

export interface CommentRecord {
  id: number
  issueNumber: number
  body: string
  createdAt: string
  updatedAt: string
  /** Who wrote it (default: the description's example user, a collaborator). */
  author?: { login: string; type: 'User' | 'Bot' }
  /** GitHub's author_association, e.g. OWNER, COLLABORATOR, CONTRIBUTOR, NONE. */
  authorAssociation?: string
}

/** An issue (pull requests are kept apart, in `pulls`, and share its number sequence). */
export interface IssueRecord {
  number: number
  id: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null
  labels: string[]
  createdAt: string
  updatedAt: string
  closedAt: string | null
}

/** A label of the repository. */
export interface LabelRecord {
  id: number
  name: string
  color: string
  description: string | null
}

export interface StatusRecord {
  id: number
  sha: string
  state: 'error' | 'failure' | 'pending' | 'success'
  context: string
  description: string | null
  targetUrl: string | null
  createdAt: string
}

export interface CheckRunRecord {
  id: number
  name: string
  headSha: string
  status: string
  conclusion: string | null
  detailsUrl: string | null
  externalId: string | null
  startedAt: string | null
  completedAt: string | null
  output: { title: string | null; summary: string | null; text: string | null }
}

export interface RepositoryState {
  owner: string
  name: string
  defaultBranch: string
  gitDir?: string
  /** Refs served when there is no gitDir: `heads/main` → SHA. */
  refs: Map<string, string>
  pulls: PullRecord[]
  issues: IssueRecord[]
  labels: LabelRecord[]
  comments: CommentRecord[]
  statuses: StatusRecord[]
  checkRuns: CheckRunRecord[]
  /** Issue and pull request numbers share one sequence, as on GitHub. */
  nextNumber: number
}

export class StandinState {
  readonly repositories = new Map<string, RepositoryState>()
  private nextId = 1000

  id(): number {
    return this.nextId++
  }

  addRepository(seed: RepositorySeed | string): RepositoryState {
    const { fullName, defaultBranch = 'main', gitDir } = typeof seed === 'string' ? { fullName: seed } : seed
    const [owner, name] = fullName.split('/')
    if (!owner || !name) throw new Error(`repository must be owner/name: ${fullName}`)
    const repo: RepositoryState = {
      owner,
      name,
      defaultBranch,
      gitDir,
      refs: new Map(),
      pulls: [],
      issues: [],
      labels: [],
      comments: [],
      statuses: [],
      checkRuns: [],
      nextNumber: 1,
    }
    this.repositories.set(fullName.toLowerCase(), repo)
    return repo
  }

  /**
   * A pull request as if someone had opened it, for tests that start from one: from `head` (at
   * `headSha`) into `base`. Its number is the next free one unless given.
   */
  openPullRequest(
    repo: RepositoryState,
    pull: { head: string; headSha: string; base?: string; number?: number; title?: string },
  ): PullRecord {
    const number = pull.number ?? repo.nextNumber
    repo.nextNumber = Math.max(repo.nextNumber, number + 1)
    const at = now()
    const record: PullRecord = {
      number,
      id: this.id(),
      title: pull.title ?? pull.head,
      body: null,
      state: 'open',
      draft: false,
      head: { ref: pull.head, sha: pull.headSha, owner: repo.owner },
      base: {
        ref: pull.base ?? repo.defaultBranch,
        sha: this.resolve(repo, pull.base ?? repo.defaultBranch) ?? fakeSha(),
      },
      labels: [],
      createdAt: at,
      updatedAt: at,
      closedAt: null,
    }
    repo.pulls.push(record)
    return record
  }

  repository(owner: string, name: string): RepositoryState | undefined {
    return this.repositories.get(`${owner}/${name}`.toLowerCase())
  }

  /** The SHA a branch, tag or SHA stands for, from the git directory or the `refs` map. */
  resolve(repo: RepositoryState, ref: string): string | undefined {
    if (/^[0-9a-f]{40}$/.test(ref)) return ref
    const qualified =
      ref.startsWith('heads/') || ref.startsWith('tags/') ? `refs/${ref}` : `refs/heads/${ref}`
    if (repo.gitDir) {
      try {
        return execFileSync(
          'git',
          ['--git-dir', repo.gitDir, 'rev-parse', '--verify', '--quiet', `${qualified}^{commit}`],
          {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
          },
        ).trim()
      } catch {
        return undefined
      }
    }
    return repo.refs.get(qualified.slice('refs/'.length))
  }
}

export const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
export const fakeSha = () => randomBytes(20).toString('hex')
