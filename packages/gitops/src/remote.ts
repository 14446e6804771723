import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConfigurationError } from '@canary-delivery/action-kit'

/** Where the GitOps repository is, for git and for people. */
export interface Remote {
  /** What git fetches from and pushes to (never with a credential). */
  url: string
  display: string
  /** owner/name when the repository is on GitHub. */
  github?: { owner: string; repo: string }
  webUrl?: string
}

/** Where the repository is: GitHub `owner/name`, a URL, or a local path. */
export function resolveRemote(
  repository: string,
  serverUrl = 'https://github.com',
  workspace = process.cwd(),
): Remote {
  const value = repository.trim()
  if (/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(value) && !value.endsWith('.git')) {
    const [owner, repo] = value.split('/') as [string, string]
    const base = serverUrl.replace(/\/+$/, '')
    return {
      url: `${base}/${owner}/${repo}.git`,
      display: value,
      github: { owner, repo },
      webUrl: `${base}/${owner}/${repo}`,
    }
  }
  if (/^https?:\/\//.test(value)) {
    const url = new URL(value)
    if (url.username || url.password) {
      throw new ConfigurationError("Input 'repository': put the credential in 'token', not in the URL")
    }
    const match = /^\/([^/]+)\/([^/]+?)(\.git)?\/?$/.exec(url.pathname)
    const github =
      match && url.origin === new URL(serverUrl).origin ? { owner: match[1]!, repo: match[2]! } : undefined
    return {
      url: value,
      display: value,
      github,
      webUrl: github ? `${url.origin}/${github.owner}/${github.repo}` : undefined,
    }
  }
  if (value.startsWith('file://')) return { url: value, display: value }
  if (isAbsolute(value) || value.startsWith('./') || value.startsWith('../')) {
    const path = resolve(workspace, value)
    return { url: pathToFileURL(path).href, display: value }
  }
  throw new ConfigurationError(
    `Input 'repository': expected owner/name, an https URL, a local path or a file:// URL, got '${repository}'`,
  )
}

/**
 * Credentials travel only over https (or ssh): over plain http the token's Authorization header
 * would cross the network readable by anyone on the way. Without a token, http stays allowed (a
 * local test server, an internal mirror that needs none).
 */
export function checkCredentialTransport(remote: Remote, token: string | undefined): void {
  if (!token || !remote.url.startsWith('http://')) return
  const where = remote.display === remote.url ? remote.url : `${remote.display} (${remote.url})`
  throw new ConfigurationError(
    `Input 'repository': ${where} is plain http, which would send the token in clear text; use https, or set 'token' to '' for a server that needs none`,
  )
}
