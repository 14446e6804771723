import { execFile } from 'node:child_process'
import { inert } from '@canary-delivery/action-kit'
import type { ClusterAccess, ExecPlugin } from './access'

/** What an exec plugin handed out: a token, or a client certificate and key. */
export interface IssuedCredential {
  token?: string
  certificate?: string
  key?: string
  /** When the plugin said it expires (ms since the epoch). */
  expiresAt?: number
}

/** An exec plugin's failure: not a user's input mistake, and not worth retrying at once. */
export class ExecPluginError extends Error {
  override readonly name = 'ExecPluginError'
}

const PLUGIN_TIMEOUT_MS = 60_000
/** How much of a failing plugin's stderr goes into the error: its last lines are usually the reason. */
const STDERR_TAIL = 600

/** The ExecCredential the plugin reads from KUBERNETES_EXEC_INFO (spec.cluster only when asked for). */
function execInfo(plugin: ExecPlugin, access: ClusterAccess): string {
  const spec: Record<string, unknown> = { interactive: false }
  if (plugin.provideClusterInfo) {
    spec.cluster = {
      server: access.server,
      ...(access.tlsServerName ? { 'tls-server-name': access.tlsServerName } : {}),
      ...(access.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
      ...(access.certificateAuthorityData
        ? { 'certificate-authority-data': access.certificateAuthorityData }
        : access.certificateAuthority
          ? { 'certificate-authority-data': Buffer.from(access.certificateAuthority).toString('base64') }
          : {}),
      ...(access.proxyUrl ? { 'proxy-url': access.proxyUrl } : {}),
    }
  }
  return JSON.stringify({ apiVersion: plugin.apiVersion, kind: 'ExecCredential', spec })
}

/** The end of what the plugin printed on stderr, on one line and unable to act as a workflow command. */
function stderrTail(stderr: string): string {
  const trimmed = stderr.trim()
  if (!trimmed) return ''
  const tail = trimmed.length > STDERR_TAIL ? `…${trimmed.slice(-STDERR_TAIL)}` : trimmed
  return `: ${inert(tail)}`
}

function parseCredential(stdout: string, plugin: ExecPlugin, label: string): IssuedCredential {
  let parsed: {
    apiVersion?: string
    kind?: string
    status?: {
      token?: string
      clientCertificateData?: string
      clientKeyData?: string
      expirationTimestamp?: string
    }
  }
  try {
    parsed = JSON.parse(stdout)
  } catch {
    throw new ExecPluginError(`${label} printed something other than an ExecCredential (JSON) on stdout`)
  }
  if (parsed?.kind !== 'ExecCredential' || parsed.apiVersion !== plugin.apiVersion) {
    throw new ExecPluginError(
      `${label} answered with ${inert(String(parsed?.apiVersion))} ${inert(String(parsed?.kind))}; the kubeconfig asks for ${plugin.apiVersion} ExecCredential`,
    )
  }
  const status = parsed.status ?? {}
  const certificate = status.clientCertificateData
  const key = status.clientKeyData
  if (!status.token && !(certificate && key))
    throw new ExecPluginError(`${label} returned neither a token nor a client certificate and key`)
  const expiresAt = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : undefined
  return {
    token: status.token || undefined,
    certificate: certificate || undefined,
    key: key || undefined,
    expiresAt: Number.isFinite(expiresAt) ? expiresAt : undefined,
  }
}

/**
 * Runs an exec credential plugin as kubectl does (client.authentication.k8s.io v1 or v1beta1, never
 * interactive: a step has no terminal), and keeps what it issues until it expires or the server
 * refuses it. Issued tokens and keys are handed to `registerSecret` before they are used.
 */
export class ExecCredentialSource {
  private current: IssuedCredential | undefined
  private running: Promise<IssuedCredential> | undefined

  constructor(
    private readonly plugin: ExecPlugin,
    private readonly access: ClusterAccess,
    private readonly registerSecret: (value: string) => void = () => {},
  ) {}

  /** A credential that is still valid, from the plugin when there is none. */
  async get(signal?: AbortSignal): Promise<IssuedCredential> {
    const current = this.current
    // A minute of margin, so a request does not leave with a token that expires on the way.
    if (current && (current.expiresAt === undefined || current.expiresAt - 60_000 > Date.now()))
      return current
    this.running ??= this.run(signal).finally(() => {
      this.running = undefined
    })
    this.current = await this.running
    return this.current
  }

  /** Forgets the credential (the server answered 401), so the next `get` asks the plugin again. */
  invalidate(): void {
    this.current = undefined
  }

  private run(signal?: AbortSignal): Promise<IssuedCredential> {
    const { plugin } = this
    const label = `exec credential plugin ${plugin.command}`
    const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: execInfo(plugin, this.access) }
    for (const { name, value } of plugin.env) env[name] = value
    return new Promise((resolve, reject) => {
      execFile(
        plugin.command,
        plugin.args,
        { env, signal, timeout: PLUGIN_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (error) {
            const code = (error as { code?: unknown }).code
            if (code === 'ENOENT') {
              const hint = plugin.installHint ? ` ${inert(plugin.installHint)}` : ''
              return reject(new ExecPluginError(`${label} was not found.${hint}`))
            }
            if (signal?.aborted) return reject(signal.reason ?? error)
            const how = typeof code === 'number' ? `exited with code ${code}` : `failed (${error.message})`
            return reject(new ExecPluginError(`${label} ${how}${stderrTail(stderr)}`))
          }
          try {
            const credential = parseCredential(stdout, plugin, label)
            for (const secret of [credential.token, credential.key]) if (secret) this.registerSecret(secret)
            resolve(credential)
          } catch (parseError) {
            reject(parseError)
          }
        },
      )
    })
  }
}
