import { writeFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { join } from 'node:path'
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls'
import { ConfigurationError, inert, ProgramNotFoundError, spawnArgv, tail } from '@canary-delivery/action-kit'
import { parse, stringify } from 'yaml'

/** Where k3s writes the admin kubeconfig (mode 0600, root's). */
export const K3S_KUBECONFIG = '/etc/rancher/k3s/k3s.yaml'

export interface SshTarget {
  host: string
  port: number
  user: string
  /** The private key (OpenSSH or PEM) and the known_hosts lines, as the inputs give them. */
  key: string
  knownHosts: string
  /** The API server's port on the host (6443 for k3s). */
  apiPort: number
}

interface RawKubeconfig {
  clusters?: { name?: string; cluster?: Record<string, unknown> }[]
}

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`)

/** `https://<host>:<port>`, with an IPv6 address in brackets. */
export function apiServerUrl(host: string, port: number): string {
  return `https://${isIP(host) === 6 ? `[${host}]` : host}:${port}`
}

/** Why ssh failed, in the words of the input that can fix it. */
function sshFailure(target: SshTarget, stderr: string): string {
  const where = `${target.user}@${target.host}:${target.port}`
  const said = inert(tail(stderr, 2))
  if (
    /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/i.test(
      stderr,
    )
  )
    return `The SSH host key of ${target.host}:${target.port} is not one that 'ssh-known-hosts' lists; refusing to connect (ssh: ${said})`
  if (/Permission denied \(/i.test(stderr))
    return `The SSH server at ${where} did not accept 'ssh-key' for user '${target.user}' (ssh: ${said})`
  if (/Connection refused|timed out|No route to host|Could not resolve/i.test(stderr))
    return `Could not reach SSH at ${target.host}:${target.port} (ssh: ${said})`
  return `ssh ${where} failed (ssh: ${said})`
}

/**
 * Reads k3s's kubeconfig over SSH with the real OpenSSH client: strict host key checking against
 * the known_hosts the input gives (and nothing else), the key from the input, no configuration
 * files, no prompts. The file is root's, so another user reads it with `sudo -n cat` (passwordless
 * sudo). Its server (k3s writes 127.0.0.1) is pointed at the host's address.
 */
export async function fetchK3sKubeconfig(
  target: SshTarget,
  options: { workDir: string; timeoutSeconds: number; log: (line: string) => void },
): Promise<string> {
  const keyFile = join(options.workDir, 'ssh-key')
  const knownHostsFile = join(options.workDir, 'ssh-known-hosts')
  writeFileSync(keyFile, withNewline(target.key.replace(/\r\n/g, '\n')), { mode: 0o600, flag: 'wx' })
  writeFileSync(knownHostsFile, withNewline(target.knownHosts), { mode: 0o600, flag: 'wx' })
  const read = target.user === 'root' ? ['cat', K3S_KUBECONFIG] : ['sudo', '-n', 'cat', K3S_KUBECONFIG]
  options.log(
    `Reading ${K3S_KUBECONFIG} from ${target.user}@${target.host}:${target.port} over SSH${target.user === 'root' ? '' : ' (sudo -n: the file is root’s)'}`,
  )
  const connectTimeout = Math.max(5, Math.min(30, options.timeoutSeconds))
  let result: Awaited<ReturnType<typeof spawnArgv>>
  try {
    result = await spawnArgv(
      'ssh',
      [
        '-F',
        'none',
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${knownHostsFile}`,
        '-o',
        'GlobalKnownHostsFile=/dev/null',
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'IdentityAgent=none',
        '-o',
        `ConnectTimeout=${connectTimeout}`,
        '-o',
        'ServerAliveInterval=5',
        '-o',
        'ServerAliveCountMax=3',
        '-o',
        'LogLevel=ERROR',
        '-i',
        keyFile,
        '-p',
        String(target.port),
        '-l',
        target.user,
        '--',
        target.host,
        ...read,
      ],
      { quiet: true },
    )
  } catch (error) {
    if (error instanceof ProgramNotFoundError)
      throw new ConfigurationError(
        'The OpenSSH client (ssh) is not on PATH; it is needed for ssh-host or hosts',
      )
    throw error
  }
  if (result.exitCode === 255) throw new ConfigurationError(sshFailure(target, result.stderr))
  if (result.exitCode !== 0) {
    const said = inert(tail(result.stderr, 2))
    if (/password is required|not in the sudoers|may not run sudo/i.test(result.stderr))
      throw new ConfigurationError(
        `User '${target.user}' on ${target.host} cannot read ${K3S_KUBECONFIG}: it needs passwordless sudo (or use root in 'ssh-user') (${said})`,
      )
    throw new ConfigurationError(
      `Reading ${K3S_KUBECONFIG} on ${target.host} failed: ${said || `exit code ${result.exitCode}`}`,
    )
  }
  return pointAtHost(result.stdout, target)
}

/** k3s.yaml with every cluster's server set to the host's address (k3s writes 127.0.0.1). */
export function pointAtHost(text: string, target: Pick<SshTarget, 'host' | 'apiPort'>): string {
  let parsed: RawKubeconfig
  try {
    parsed = parse(text, { maxAliasCount: 10 }) as RawKubeconfig
  } catch {
    throw new ConfigurationError(`${K3S_KUBECONFIG} on ${target.host} is not a kubeconfig (not YAML)`)
  }
  const clusters = parsed?.clusters
  if (!Array.isArray(clusters) || clusters.length === 0 || !clusters.every((c) => c?.cluster?.server))
    throw new ConfigurationError(
      `${K3S_KUBECONFIG} on ${target.host} is not a kubeconfig (no cluster with a server)`,
    )
  for (const cluster of clusters) cluster.cluster!.server = apiServerUrl(target.host, target.apiPort)
  return stringify(parsed)
}

function namesOf(certificate: PeerCertificate): string {
  return certificate.subjectaltname?.replace(/IP Address:/g, 'IP:') || `CN=${certificate.subject?.CN ?? '?'}`
}

/**
 * The API server must present a certificate that names the address the runner connects to; k3s
 * names only its own addresses unless told more with `--tls-san`. Checked before anything is sent,
 * so that this mistake is one clear line rather than a TLS error later.
 */
export async function checkApiServerCertificate(
  server: string,
  certificateAuthority: string | undefined,
  timeoutMs: number,
): Promise<void> {
  const url = new URL(server)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const port = Number(url.port || 443)
  const certificate = await new Promise<PeerCertificate>((resolve, reject) => {
    const socket = connect({
      host,
      port,
      ca: certificateAuthority,
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
      timeout: timeoutMs,
    })
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate()
      const authorized = socket.authorized
      const why = socket.authorizationError
      socket.end()
      if (!authorized && certificateAuthority && !/ALTNAME|altnames|hostname/i.test(String(why)))
        reject(
          new ConfigurationError(
            `The API server at ${url.origin} presents a certificate that the kubeconfig's certificate authority did not sign (${why})`,
          ),
        )
      else resolve(peer)
    })
    socket.once('timeout', () => {
      socket.destroy()
      reject(
        new ConfigurationError(
          `The API server at ${url.origin} did not answer within ${timeoutMs / 1000}s (is port ${port} open to the runner?)`,
        ),
      )
    })
    socket.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ConfigurationError(
          `Could not reach the API server at ${url.origin}: ${error.code ?? error.message} (is port ${port} open to the runner?)`,
        ),
      ),
    )
  })
  if (checkServerIdentity(host, certificate))
    throw new ConfigurationError(
      `The API server at ${url.origin} presents a certificate for ${namesOf(certificate)}, without ${host}: start k3s with --tls-san ${host} (tls-san in /etc/rancher/k3s/config.yaml), restart it, and run again`,
    )
}

/** The certificate authority of the kubeconfig's first cluster, as PEM. */
export function certificateAuthorityOf(kubeconfig: string): string | undefined {
  const parsed = parse(kubeconfig, { maxAliasCount: 10 }) as RawKubeconfig
  const data = parsed?.clusters?.[0]?.cluster?.['certificate-authority-data']
  return typeof data === 'string' ? Buffer.from(data, 'base64').toString('utf8') : undefined
}
