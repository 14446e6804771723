import ssh2 from 'ssh2'
import { stringify } from 'yaml'
import { type ApiFront, startApiFront } from './api-front'
import { makeClusterCertificates } from './certificates'
import { type ExecRecord, startSshServer } from './ssh-server'

export { type ApiFront, startApiFront } from './api-front'
export { type ClusterCertificates, makeClusterCertificates } from './certificates'
export { type ExecRecord, type SshServer, type SshServerOptions, startSshServer } from './ssh-server'

/** Where k3s writes the admin kubeconfig, readable by root only. */
export const K3S_YAML = '/etc/rancher/k3s/k3s.yaml'

/** The names k3s puts in its serving certificate before any `--tls-san`. */
export const K3S_DEFAULT_SANS = [
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
  'localhost',
  '127.0.0.1',
  '10.43.0.1',
]

export interface K3sHost {
  sshPort: number
  /** The API server's port on 127.0.0.1 (6443 on a real node). */
  apiPort: number
  /** A known_hosts line for this host's SSH key. */
  knownHosts: string
  /** The private key (OpenSSH format) every user of this host logs in with. */
  clientKey: string
  /** k3s.yaml as the node holds it: `server: https://127.0.0.1:6443`, the admin's client certificate. */
  k3sYaml: string
  execs: ExecRecord[]
  api: ApiFront['counts']
  stop(): Promise<void>
}

/**
 * A k3s node on this machine, as bootstrap-addons meets one: SSH on 127.0.0.1 serving k3s.yaml to
 * root and to sudoers, and the API server's TLS (the cluster's CA, a serving certificate for `sans`,
 * client certificates required) in front of `upstream`, a plain-HTTP sandbox.
 */
export async function startK3sHost(options: {
  upstream: string
  sans?: string[]
  users?: string[]
  sudoers?: string[]
}): Promise<K3sHost> {
  const certificates = makeClusterCertificates(options.sans ?? K3S_DEFAULT_SANS)
  const base64 = (text: string) => Buffer.from(text).toString('base64')
  const k3sYaml = stringify({
    apiVersion: 'v1',
    clusters: [
      {
        cluster: { 'certificate-authority-data': base64(certificates.ca), server: 'https://127.0.0.1:6443' },
        name: 'default',
      },
    ],
    contexts: [{ context: { cluster: 'default', user: 'default' }, name: 'default' }],
    'current-context': 'default',
    kind: 'Config',
    preferences: {},
    users: [
      {
        name: 'default',
        user: {
          'client-certificate-data': base64(certificates.client.cert),
          'client-key-data': base64(certificates.client.key),
        },
      },
    ],
  })
  const client = ssh2.utils.generateKeyPairSync('ed25519')
  const users = options.users ?? ['root']
  const api = await startApiFront({
    upstream: options.upstream,
    server: certificates.server,
    ca: certificates.ca,
  })
  const ssh = await startSshServer({
    authorized: Object.fromEntries(users.map((user) => [user, client.public])),
    sudoers: options.sudoers ?? [],
    rootFiles: { [K3S_YAML]: k3sYaml },
  }).catch(async (error) => {
    await api.stop()
    throw error
  })
  return {
    sshPort: ssh.port,
    apiPort: api.port,
    knownHosts: ssh.knownHosts,
    clientKey: client.private,
    k3sYaml,
    execs: ssh.execs,
    api: api.counts,
    async stop() {
      await Promise.all([ssh.stop(), api.stop()])
    },
  }
}

/** A known_hosts line naming the same host and port with a key that is not its own. */
export function someoneElsesKnownHosts(port: number): string {
  return `[127.0.0.1]:${port} ${ssh2.utils.generateKeyPairSync('ed25519').public.trim()}\n`
}
