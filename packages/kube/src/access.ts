import { readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { ConfigurationError } from '@canary-delivery/action-kit'

/** The kubeconfig as written (field names are kubectl's). */
export interface RawKubeconfig {
  clusters?: { name?: string; cluster?: Record<string, unknown> }[]
  contexts?: { name?: string; context?: { cluster?: string; user?: string; namespace?: string } }[]
  users?: { name?: string; user?: Record<string, unknown> }[]
  'current-context'?: string
}

export const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1']

/** An exec credential plugin (gke-gcloud-auth-plugin, `aws eks get-token`, kubelogin …). */
export interface ExecPlugin {
  /** As written, or resolved against the kubeconfig's folder when it holds a path separator (kubectl's rule). */
  command: string
  args: string[]
  env: { name: string; value: string }[]
  apiVersion: string
  installHint?: string
  provideClusterInfo: boolean
  interactiveMode: 'Never' | 'IfAvailable' | 'Always'
}

/** What a user entry authenticates with; a client certificate may come with a token, as in kubectl. */
export interface UserCredentials {
  certificate?: string
  key?: string
  token?: string
  tokenFile?: string
  username?: string
  password?: string
  exec?: ExecPlugin
}

/** Everything needed to reach one cluster as one user: the resolved context of a kubeconfig. */
export interface ClusterAccess {
  context: string
  cluster: string
  user: string
  /** Without a trailing slash. */
  server: string
  namespace: string | undefined
  /** PEM certificates to trust instead of the system's. */
  certificateAuthority?: string
  /** The raw `certificate-authority-data`, for an exec plugin that asks for cluster information. */
  certificateAuthorityData?: string
  insecureSkipTlsVerify: boolean
  tlsServerName?: string
  proxyUrl?: string
  credentials: UserCredentials
}

type Fields = Record<string, unknown>

function text(fields: Fields, key: string, where: string): string | undefined {
  const value = fields[key]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') throw new ConfigurationError(`${where}: '${key}' must be a string`)
  return value
}

function flag(fields: Fields, key: string, where: string): boolean {
  const value = fields[key]
  if (value === undefined || value === null) return false
  if (typeof value !== 'boolean') throw new ConfigurationError(`${where}: '${key}' must be true or false`)
  return value
}

/**
 * A value given inline (`<key>-data`, base64) or as a file (`<key>`, relative to the kubeconfig's
 * folder); both at once is an error, as in kubectl.
 */
function dataOrFile(fields: Fields, key: string, where: string, baseDir: string): string | undefined {
  const data = text(fields, `${key}-data`, where)
  const file = text(fields, key, where)
  if (data && file) throw new ConfigurationError(`${where}: give '${key}' or '${key}-data', not both`)
  if (data) return Buffer.from(data, 'base64').toString('utf8')
  if (!file) return undefined
  const path = isAbsolute(file) ? file : join(baseDir, file)
  try {
    return readFileSync(path, 'utf8')
  } catch {
    throw new ConfigurationError(`${where}: '${key}' names ${path}, which cannot be read`)
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * The server address, refused when it carries a user name or password (the address is printed and
 * would print them) or sends credentials in clear text across the network.
 */
function checkServer(raw: string, where: string, sendsCredentials: boolean): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigurationError(`${where}: server must be an https:// (or http://) address`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigurationError(
      `${where}: server must be an https:// (or http://) address, not ${url.protocol}`,
    )
  if (url.username || url.password) {
    throw new ConfigurationError(
      `${where}: the server URL carries a user name or password; put them in the user entry (username and password, or better a token) so that the address can be shown`,
    )
  }
  if (url.protocol === 'http:' && sendsCredentials && !LOOPBACK.has(url.hostname)) {
    throw new ConfigurationError(
      `${where}: server ${url.origin} is plain HTTP, so the user's credentials would cross the network unencrypted; use https`,
    )
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

function execPlugin(fields: Fields, where: string, baseDir: string): ExecPlugin {
  const at = `${where}: exec`
  const command = text(fields, 'command', at)
  if (!command) throw new ConfigurationError(`${at} needs a command`)
  const apiVersion = text(fields, 'apiVersion', at) ?? ''
  if (!EXEC_API_VERSIONS.includes(apiVersion)) {
    throw new ConfigurationError(
      `${at}: apiVersion must be ${EXEC_API_VERSIONS.join(' or ')}, got '${apiVersion}'`,
    )
  }
  const mode = text(fields, 'interactiveMode', at)
  // client.authentication.k8s.io/v1 makes the mode explicit; v1beta1 defaults to IfAvailable.
  if (!mode && apiVersion.endsWith('/v1'))
    throw new ConfigurationError(`${at}: interactiveMode is required with ${apiVersion}`)
  if (mode && mode !== 'Never' && mode !== 'IfAvailable' && mode !== 'Always')
    throw new ConfigurationError(`${at}: interactiveMode must be Never, IfAvailable or Always, got '${mode}'`)
  if (mode === 'Always') {
    throw new ConfigurationError(
      `${at}: the plugin '${command}' asks for an interactive terminal (interactiveMode: Always), which a workflow step does not have`,
    )
  }
  const args = fields.args ?? []
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string'))
    throw new ConfigurationError(`${at}: args must be a list of strings`)
  const env = fields.env ?? []
  if (!Array.isArray(env) || env.some((e) => typeof e?.name !== 'string' || typeof e?.value !== 'string')) {
    throw new ConfigurationError(`${at}: env must be a list of {name, value}`)
  }
  return {
    command: command.includes('/') && !isAbsolute(command) ? join(baseDir, command) : command,
    args: args as string[],
    env: env as ExecPlugin['env'],
    apiVersion,
    installHint: text(fields, 'installHint', at),
    provideClusterInfo: flag(fields, 'provideClusterInfo', at),
    interactiveMode: (mode as ExecPlugin['interactiveMode'] | undefined) ?? 'IfAvailable',
  }
}

function userCredentials(fields: Fields, where: string, baseDir: string): UserCredentials {
  if (fields['auth-provider']) {
    const name = (fields['auth-provider'] as { name?: unknown })?.name
    throw new ConfigurationError(
      `${where}: auth-provider '${String(name ?? '')}' is not supported (kubectl dropped its gcp and azure providers); use an exec credential plugin such as gke-gcloud-auth-plugin, kubelogin or 'aws eks get-token'`,
    )
  }
  if (fields.as || fields['as-groups'])
    throw new ConfigurationError(`${where}: impersonation ('as', 'as-groups') is not supported`)
  const credentials: UserCredentials = {
    certificate: dataOrFile(fields, 'client-certificate', where, baseDir),
    key: dataOrFile(fields, 'client-key', where, baseDir),
    token: text(fields, 'token', where),
    tokenFile: text(fields, 'tokenFile', where),
    username: text(fields, 'username', where),
    password: text(fields, 'password', where),
  }
  if (credentials.tokenFile && !isAbsolute(credentials.tokenFile))
    credentials.tokenFile = join(baseDir, credentials.tokenFile)
  if (fields.exec) credentials.exec = execPlugin(fields.exec as Fields, where, baseDir)
  if (Boolean(credentials.certificate) !== Boolean(credentials.key))
    throw new ConfigurationError(`${where}: a client certificate needs its key, and a key its certificate`)
  if ((credentials.username || credentials.password) && (credentials.token || credentials.tokenFile))
    throw new ConfigurationError(`${where}: give a token or a username and password, not both`)
  return credentials
}

/** How a user authenticates, as a person reads it in the log (never the secret itself). */
export function describeCredentials(credentials: UserCredentials): string {
  const ways: string[] = []
  if (credentials.exec) ways.push(`exec credential plugin ${credentials.exec.command}`)
  if (credentials.certificate) ways.push('client certificate')
  if (credentials.token || credentials.tokenFile) ways.push('bearer token')
  if (credentials.username) ways.push(`basic auth as ${credentials.username}`)
  return ways.join(' and ') || 'anonymous'
}

/** Resolves one context of a parsed kubeconfig into what a client needs, checking it as kubectl does. */
export function resolveAccess(
  config: RawKubeconfig,
  where: string,
  contextName: string | undefined,
  baseDir: string,
): ClusterAccess {
  const contexts = config.contexts ?? []
  const name = contextName ?? config['current-context']
  if (!name) {
    throw new ConfigurationError(
      `${where} has no current-context; set the 'context' input to one of: ${contexts.map((c) => c.name).join(', ') || '(none)'}`,
    )
  }
  const context = contexts.find((c) => c.name === name)
  if (!context) {
    throw new ConfigurationError(
      `Input 'context' names '${name}', which ${where} does not define; it has: ${contexts.map((c) => c.name).join(', ') || '(no contexts)'}`,
    )
  }
  const clusterName = context.context?.cluster ?? ''
  const cluster = (config.clusters ?? []).find((c) => c.name === clusterName)?.cluster
  const server = cluster?.server
  if (!cluster || typeof server !== 'string' || !server) {
    throw new ConfigurationError(
      `${where}: context '${name}' refers to cluster '${clusterName}', which has no server`,
    )
  }
  const userName = context.context?.user ?? ''
  const userFields = (config.users ?? []).find((u) => u.name === userName)?.user ?? {}
  const clusterWhere = `${where}: cluster '${clusterName}'`
  const credentials = userCredentials(userFields, `${where}: user '${userName}'`, baseDir)
  const sendsCredentials = Object.values(credentials).some((value) => value !== undefined)
  const insecure = flag(cluster, 'insecure-skip-tls-verify', clusterWhere)
  const certificateAuthority = dataOrFile(cluster, 'certificate-authority', clusterWhere, baseDir)
  if (insecure && certificateAuthority) {
    throw new ConfigurationError(
      `${clusterWhere}: a certificate authority and insecure-skip-tls-verify contradict each other; keep one`,
    )
  }
  const proxyUrl = text(cluster, 'proxy-url', clusterWhere)
  if (proxyUrl && !/^https?:\/\//.test(proxyUrl))
    throw new ConfigurationError(`${clusterWhere}: proxy-url must be an http:// or https:// proxy`)
  return {
    context: name,
    cluster: clusterName,
    user: userName,
    server: checkServer(server, clusterWhere, sendsCredentials),
    namespace: context.context?.namespace || undefined,
    certificateAuthority,
    certificateAuthorityData: text(cluster, 'certificate-authority-data', clusterWhere),
    insecureSkipTlsVerify: insecure,
    tlsServerName: text(cluster, 'tls-server-name', clusterWhere),
    proxyUrl,
    credentials,
  }
}
