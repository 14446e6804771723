import { isIP } from 'node:net'
import { isAbsolute, posix, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConfigurationError, expandTemplate } from '@canary-delivery/action-kit'
import type { HostEntry } from '@canary-delivery/infra'

/** What one run does: `plan` changes nothing, `apply` bootstraps, `check` reports drift. */
export type Command = 'plan' | 'apply' | 'check'
export const COMMANDS: readonly Command[] = ['plan', 'apply', 'check']

/**
 * What a cluster is checked for: `canary` everything a canary needs, `gateway` the APISIX parts
 * only (a cluster that runs no canaries, such as devops or monitor), `none` nothing.
 */
export type VerifyScope = 'canary' | 'gateway' | 'none'
export const VERIFY_SCOPES: readonly VerifyScope[] = ['canary', 'gateway', 'none']

/** The versions this release of the action pins (a user's input overrides each). */
export const PINNED = {
  /** fluxcd-community's flux2 chart 2.18.3 runs Flux 2.8. */
  fluxChartVersion: '2.18.3',
  fluxChartRepository: 'https://fluxcd-community.github.io/helm-charts',
  helmVersion: '4.1.4',
} as const

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/
/** A Unix user name as useradd accepts it; never starts with `-`, so ssh cannot read it as an option. */
const USER = /^[a-z_][a-z0-9_-]{0,31}\$?$/
/** An exact SemVer 2 version: the chart is pinned, so ranges are not accepted. */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/

export function parseEnvironment(value: string): string {
  if (!NAME.test(value))
    throw new ConfigurationError(
      `Input 'environment' must be a name of letters, digits, '.', '-' and '_', got '${value}'`,
    )
  return value
}

export function isHostAddress(value: string): boolean {
  return isIP(value) !== 0 || HOSTNAME.test(value)
}

/** One environment's host from provision-infra's `hosts` output (JSON of environment → host). */
export function hostFromHosts(text: string, environment: string): HostEntry {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new ConfigurationError(
      `Input 'hosts' must be JSON of environment → { address, user } (provision-infra's hosts output), got text that is not JSON`,
    )
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigurationError(
      `Input 'hosts' must be a JSON object of environment → { address, user } (provision-infra's hosts output)`,
    )
  const hosts = parsed as Record<string, unknown>
  if (!Object.hasOwn(hosts, environment)) {
    const known = Object.keys(hosts)
    throw new ConfigurationError(
      `Input 'hosts' has no entry for environment '${environment}' (it has: ${known.join(', ') || 'none'})`,
    )
  }
  const entry = hosts[environment]
  const record =
    entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {}
  const address = typeof entry === 'string' ? entry : (record.address ?? record.ip ?? record.hostname)
  if (typeof address !== 'string' || !isHostAddress(address))
    throw new ConfigurationError(
      `Input 'hosts': the entry for '${environment}' must hold an address (an IP or a hostname), got ${JSON.stringify(entry)}`,
    )
  const user = typeof record.user === 'string' && record.user ? record.user : undefined
  return {
    address,
    ...(typeof record.ip === 'string' ? { ip: record.ip } : {}),
    ...(typeof record.hostname === 'string' ? { hostname: record.hostname } : {}),
    ...(user ? { user } : {}),
  }
}

export function parseSshHost(value: string, inputName = 'ssh-host'): string {
  if (!isHostAddress(value))
    throw new ConfigurationError(`Input '${inputName}' must be an IP address or a hostname, got '${value}'`)
  return value
}

export function parseSshUser(value: string, inputName = 'ssh-user'): string {
  if (!USER.test(value))
    throw new ConfigurationError(
      `Input '${inputName}' must be a user name (lower-case letters, digits, '_' and '-'), got '${value}'`,
    )
  return value
}

export function parseChartVersion(value: string, inputName: string): string {
  if (!EXACT_VERSION.test(value))
    throw new ConfigurationError(
      `Input '${inputName}' must be one exact chart version such as ${PINNED.fluxChartVersion} (the chart is pinned: no ranges), got '${value}'`,
    )
  return value.replace(/^v/, '')
}

/** The chart repository: an https (or, for a local one, http) URL, or an `oci://` registry path. */
export function parseChartRepository(value: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || !['https:', 'http:', 'oci:'].includes(url.protocol) || url.username || url.password)
    throw new ConfigurationError(
      `Input 'flux-chart-repository' must be an https:// chart repository or an oci:// registry path without credentials, got '${value}'`,
    )
  return value.replace(/\/+$/, '')
}

export function parseNamespace(value: string, inputName: string): string {
  if (!DNS_LABEL.test(value))
    throw new ConfigurationError(
      `Input '${inputName}' must be a Kubernetes namespace name (lower-case letters, digits and '-'), got '${value}'`,
    )
  return value
}

/**
 * Helm values given as YAML: a mapping, parsed with a bound on aliases (it is untrusted text). The
 * YAML parser is loaded only when there are values, so that the action starts without it.
 */
export async function parseValues(
  text: string | undefined,
  inputName: string,
): Promise<Record<string, unknown>> {
  if (!text?.trim()) return {}
  const { parse } = await import('yaml')
  let parsed: unknown
  try {
    parsed = parse(text, { maxAliasCount: 100 })
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line
    throw new ConfigurationError(`Input '${inputName}' is not valid YAML${line ? ` (line ${line})` : ''}`)
  }
  if (parsed === null || parsed === undefined) return {}
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigurationError(`Input '${inputName}' must be a YAML mapping of Helm values`)
  return parsed as Record<string, unknown>
}

export function parseBranch(value: string): string {
  // git check-ref-format's rules that matter here; a leading '-' could read as an option.
  if (
    !/^[A-Za-z0-9._/-]+$/.test(value) ||
    value.startsWith('-') ||
    value.startsWith('/') ||
    value.endsWith('/') ||
    value.endsWith('.lock') ||
    value.includes('..') ||
    value.includes('//')
  )
    throw new ConfigurationError(`Input 'gitops-branch' must be a branch name, got '${value}'`)
  return value
}

/** The cluster's path in the repository (`{environment}` replaced), relative and inside it. */
export function parseGitopsPath(template: string, environment: string): string {
  const expanded = expandTemplate(template, { environment }, "Input 'gitops-path'")
  const normal = posix.normalize(expanded.replace(/^\.\//, '')).replace(/\/+$/, '')
  if (!normal || normal === '.' || posix.isAbsolute(normal) || normal.split('/').includes('..'))
    throw new ConfigurationError(
      `Input 'gitops-path' must be a folder inside the repository such as clusters/{environment}, got '${template}'`,
    )
  return normal
}

/** How Flux (and the pre-flight fetch) reach the GitOps repository. */
export interface GitopsSource {
  /** What the GitRepository's `spec.url` says, and what git fetches (never with a credential). */
  url: string
  /** For people. */
  display: string
  transport: 'https' | 'ssh' | 'file'
}

/**
 * `owner/name` on GitHub (https, or ssh with a deploy key), an https or ssh URL, or a local path or
 * `file://` URL for local runs (the sandbox's source-controller reads those; a real one does not).
 * GitHub URLs are written as `flux bootstrap` writes them, without `.git`, so that the copy in Git
 * (`clusters/<env>/flux-sync.yaml`) can say the same.
 */
export function resolveGitopsSource(
  repository: string,
  options: { deployKey: boolean; serverUrl?: string; workspace?: string },
): GitopsSource {
  const value = repository.trim()
  const server = new URL(options.serverUrl ?? 'https://github.com')
  if (/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(value)) {
    const path = value.replace(/\.git$/, '')
    const url = options.deployKey ? `ssh://git@${server.host}/${path}` : `${server.origin}/${path}`
    return { url, display: value, transport: options.deployKey ? 'ssh' : 'https' }
  }
  if (/^(https?|ssh):\/\//.test(value)) {
    const url = new URL(value)
    if (url.password || (url.protocol !== 'ssh:' && url.username))
      throw new ConfigurationError(
        "Input 'gitops-repository': put the credential in 'gitops-token' or 'gitops-deploy-key', not in the URL",
      )
    const transport = url.protocol === 'ssh:' ? 'ssh' : 'https'
    if (transport === 'ssh' && !options.deployKey)
      throw new ConfigurationError("Input 'gitops-repository' is an ssh:// URL: it needs 'gitops-deploy-key'")
    if (transport === 'https' && options.deployKey)
      throw new ConfigurationError(
        "Input 'gitops-deploy-key' needs an ssh:// repository URL (or owner/name); for https use 'gitops-token'",
      )
    return { url: value, display: value, transport }
  }
  if (value.startsWith('file://')) return { url: value, display: value, transport: 'file' }
  if (isAbsolute(value) || value.startsWith('./') || value.startsWith('../'))
    return {
      url: pathToFileURL(resolve(options.workspace ?? process.cwd(), value)).href,
      display: value,
      transport: 'file',
    }
  throw new ConfigurationError(
    `Input 'gitops-repository' must be owner/name, an https:// or ssh:// URL, a local path or a file:// URL, got '${repository}'`,
  )
}
