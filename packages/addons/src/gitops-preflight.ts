import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigurationError, inert, registerSecret, spawnArgv, tail } from '@canary-delivery/action-kit'
import { gitEnvironment } from '@canary-delivery/gitops/git'
import type { GitopsSource } from './settings'

/**
 * Before anything is installed: the branch's head and the cluster's path on it, read with the real
 * git (a shallow, blob-less fetch: trees only). A branch or path that is not there is the user's
 * mistake, named by its input; the head is the revision Flux must reach (`<branch>@sha1:<sha>`).
 */

export interface GitopsHead {
  sha: string
  /** As Flux's GitRepository reports it: `main@sha1:<sha>`. */
  revision: string
}

export interface PreflightOptions {
  source: GitopsSource
  branch: string
  path: string
  token?: string
  deployKey?: { key: string; knownHosts: string }
  /** A private folder (removed by the caller). */
  workDir: string
}

const quote = (path: string) => {
  if (path.includes("'")) throw new Error(`a temporary path holds a quote: ${path}`)
  return `'${path}'`
}

function environment(options: PreflightOptions): Record<string, string> {
  const env = gitEnvironment({
    remoteUrl: options.source.url,
    token: options.token,
    author: { name: 'bootstrap-addons', email: 'bootstrap-addons@users.noreply.github.com' },
  })
  // The header encodes the token: as secret as the token itself.
  for (const [key, value] of Object.entries(env))
    if (key.startsWith('GIT_CONFIG_KEY_') && value.endsWith('.extraheader'))
      registerSecret(env[key.replace('_KEY_', '_VALUE_')])
  if (options.deployKey) {
    const key = join(options.workDir, 'deploy-key')
    const knownHosts = join(options.workDir, 'deploy-known-hosts')
    const text = options.deployKey.key.replace(/\r\n/g, '\n')
    writeFileSync(key, text.endsWith('\n') ? text : `${text}\n`, { mode: 0o600, flag: 'wx' })
    writeFileSync(knownHosts, options.deployKey.knownHosts, { mode: 0o600, flag: 'wx' })
    // git runs this through a shell: only the action's own file names go in, quoted.
    env.GIT_SSH_COMMAND = `ssh -F none -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${quote(knownHosts)} -o GlobalKnownHostsFile=/dev/null -i ${quote(key)}`
  }
  return env
}

export async function readGitopsHead(options: PreflightOptions): Promise<GitopsHead> {
  const dir = join(options.workDir, 'gitops-preflight')
  mkdirSync(dir, { recursive: true })
  const env = environment(options)
  const git = (args: string[]) => spawnArgv('git', ['-C', dir, ...args], { env, quiet: true })
  await git(['init', '-q'])
  const fetched = await git([
    'fetch',
    '-q',
    '--depth=1',
    '--filter=blob:none',
    '--no-tags',
    '--',
    options.source.url,
    `refs/heads/${options.branch}`,
  ])
  if (fetched.exitCode !== 0) {
    const said = inert(tail(fetched.stderr, 2))
    if (/couldn't find remote ref|not our ref/i.test(fetched.stderr))
      throw new ConfigurationError(
        `Input 'gitops-branch': ${options.source.display} has no branch '${options.branch}' (git: ${said})`,
      )
    const credential = options.deployKey
      ? "'gitops-deploy-key'"
      : options.token
        ? "'gitops-token'"
        : 'a gitops-token or gitops-deploy-key'
    throw new ConfigurationError(
      `Input 'gitops-repository': ${options.source.display} could not be read with ${credential} (git: ${said})`,
    )
  }
  const sha = (await git(['rev-parse', 'FETCH_HEAD'])).stdout.trim()
  const listed = await git(['ls-tree', '-d', '--name-only', 'FETCH_HEAD', '--', options.path])
  if (listed.exitCode !== 0 || listed.stdout.trim() !== options.path)
    throw new ConfigurationError(
      `Input 'gitops-path': ${options.path} is not a folder on branch '${options.branch}' of ${options.source.display} (commit ${sha.slice(0, 12)})`,
    )
  return { sha, revision: `${options.branch}@sha1:${sha}` }
}
