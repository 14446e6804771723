import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { type Obj, timestamp } from '../../util'
import { type Controller, type ControllerContext, kind } from '../context'
import { periodic } from '../periodic'
import { conditions, handled, writeStatus } from './status'
import type { Artifact, FluxStorage } from './storage'

const run = promisify(execFile)

/**
 * source-controller's GitRepository reconciler: the ref of a local repository (a path or file://) is
 * resolved with the real git and checked out every interval, with the artifact and conditions Flux
 * reports. Consumers find the checkout in the shared storage.
 */
export function gitRepositoryController(ctx: ControllerContext, storage: FluxStorage): Controller {
  const gitRepos = kind(ctx.registry, 'source.toolkit.fluxcd.io', 'gitrepositories')
  const reconciler = periodic(ctx, gitRepos, 60_000, async (repo) => {
    const { namespace, name } = repo.metadata
    const key = `${namespace}/${name}`
    const gen = repo.metadata.generation
    const old: Obj = repo.status ?? {}
    try {
      const fetched = await storage.writing(
        fetchSource(repo, storage.dirFor('GitRepository', namespace, name)),
      )
      storage.store('GitRepository', namespace, name, fetched)
      const message = `stored artifact for revision '${fetched.revision}'`
      const changed = old.artifact?.revision !== fetched.revision
      const sha = fetched.revision.split(':').pop()
      writeStatus(ctx, gitRepos, repo, {
        ...old,
        observedGeneration: gen,
        ...handled(repo),
        artifact: changed
          ? {
              path: `gitrepository/${key}/${sha}.tar.gz`,
              url: `http://source-controller.flux-system.svc.cluster.local./gitrepository/${key}/${sha}.tar.gz`,
              revision: fetched.revision,
              digest: `sha256:${createHash('sha256').update(fetched.revision).digest('hex')}`,
              lastUpdateTime: timestamp(),
            }
          : old.artifact,
        conditions: conditions(old.conditions, gen, [
          ['Ready', 'True', 'Succeeded', message],
          ['ArtifactInStorage', 'True', 'Succeeded', message],
        ]),
      })
      if (changed) ctx.log(`gitrepository ${key}: fetched revision ${fetched.revision}`)
    } catch (err) {
      const message = `failed to checkout and determine revision: ${(err as Error).message.trim()}`
      writeStatus(ctx, gitRepos, repo, {
        ...old,
        observedGeneration: old.observedGeneration ?? -1,
        ...handled(repo),
        conditions: conditions(old.conditions, gen, [
          ['Ready', 'False', 'GitOperationFailed', message],
          ['FetchFailed', 'True', 'GitOperationFailed', message],
        ]),
      })
      ctx.log(`gitrepository ${key}: ${message}`)
    }
  })
  return { stop: () => reconciler.stop() }
}

/** Checks out the GitRepository's ref from a local repository (path or file://) into `dest`. */
async function fetchSource(repo: Obj, dest: string): Promise<Artifact> {
  const url: string = repo.spec?.url ?? ''
  if (!url.startsWith('file://') && !url.startsWith('/')) {
    throw new Error(
      `unable to clone '${url}': the sandbox fetches only local repositories (a path or file://)`,
    )
  }
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url
  if (!existsSync(path)) throw new Error(`unable to clone '${url}': repository not found`)
  if (!existsSync(join(path, '.git')) && !existsSync(join(path, 'HEAD'))) {
    // A plain directory: its content hash is the revision, as for a Bucket source.
    return { dir: path, revision: `sha256:${hashTree(path)}` }
  }
  const ref: Obj = repo.spec?.ref ?? {}
  const git = (...args: string[]) => run('git', args, { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } })
  let name: string
  let rev: string
  if (ref.commit) {
    name = ''
    rev = ref.commit
  } else if (ref.tag) {
    name = ref.tag
    rev = `refs/tags/${ref.tag}`
  } else if (ref.name) {
    name = ref.name
    rev = ref.name
  } else {
    name = ref.branch ?? 'master'
    rev = `refs/heads/${name}`
  }
  let sha: string
  try {
    sha = (await git('-C', path, 'rev-parse', '--verify', `${rev}^{commit}`)).stdout.trim()
  } catch {
    throw new Error(`unable to clone '${url}': couldn't find remote ref "${rev}"`)
  }
  const dir = join(dest, sha)
  if (!existsSync(dir)) {
    mkdirSync(dest, { recursive: true })
    await git('clone', '--quiet', '--no-checkout', path, dir)
    await git('-C', dir, 'checkout', '--quiet', '--detach', sha)
    rmSync(join(dir, '.git'), { recursive: true, force: true })
  }
  return { dir, revision: name ? `${name}@sha1:${sha}` : `sha1:${sha}` }
}

function hashTree(dir: string): string {
  const h = createHash('sha256')
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      if (entry === '.git') continue
      const p = join(d, entry)
      if (statSync(p).isDirectory()) walk(p)
      else h.update(relative(dir, p)).update(readFileSync(p))
    }
  }
  walk(dir)
  return h.digest('hex')
}
