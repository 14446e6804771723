import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type K3sHost, someoneElsesKnownHosts, startK3sHost } from '@canary-delivery/k3s-host'
import { type Sandbox, startSandbox } from '@canary-delivery/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  certificateAuthorityOf,
  checkApiServerCertificate,
  fetchK3sKubeconfig,
  type SshTarget,
} from '../src/ssh-kubeconfig'

// The real OpenSSH client against an SSH server on 127.0.0.1 serving k3s.yaml, and the API server's
// TLS in front of a bare sandbox, with certificates from the real openssl.
let sandbox: Sandbox
let node: K3sHost
let narrowNode: K3sHost
const dirs: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ bare: true })
  node = await startK3sHost({
    upstream: sandbox.url,
    users: ['root', 'ubuntu', 'guest'],
    sudoers: ['ubuntu'],
  })
  // A node whose serving certificate names only its private address, as k3s without --tls-san.
  narrowNode = await startK3sHost({ upstream: sandbox.url, sans: ['10.0.0.5', 'localhost'] })
})
afterAll(async () => {
  await node?.stop()
  await narrowNode?.stop()
  await sandbox?.stop()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const workDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ssh-kubeconfig-test-'))
  dirs.push(dir)
  return dir
}
const target = (host: K3sHost, overrides: Partial<SshTarget> = {}): SshTarget => ({
  host: '127.0.0.1',
  port: host.sshPort,
  user: 'root',
  key: host.clientKey,
  knownHosts: host.knownHosts,
  apiPort: host.apiPort,
  ...overrides,
})
const fetch = (t: SshTarget, dir = workDir()) =>
  fetchK3sKubeconfig(t, { workDir: dir, timeoutSeconds: 10, log: () => {} })

describe('the kubeconfig of a k3s node over SSH', () => {
  it('reads k3s.yaml as root and points its server at the host', async () => {
    const dir = workDir()
    const kubeconfig = await fetch(target(node), dir)
    const parsed = parse(kubeconfig)
    expect(parsed.clusters[0].cluster.server).toBe(`https://127.0.0.1:${node.apiPort}`)
    expect(parsed.users[0].user['client-key-data']).toBe(parse(node.k3sYaml).users[0].user['client-key-data'])
    expect(node.execs.at(-1)).toEqual({ user: 'root', command: 'cat /etc/rancher/k3s/k3s.yaml' })
    // The key and known_hosts the client used are private files.
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600)
    await checkApiServerCertificate(
      parsed.clusters[0].cluster.server,
      certificateAuthorityOf(kubeconfig),
      5_000,
    )
  })

  it('reads it with sudo -n as a user with passwordless sudo', async () => {
    await fetch(target(node, { user: 'ubuntu' }))
    expect(node.execs.at(-1)).toEqual({ user: 'ubuntu', command: 'sudo -n cat /etc/rancher/k3s/k3s.yaml' })
  })

  it('says what a user without passwordless sudo needs', async () => {
    await expect(fetch(target(node, { user: 'guest' }))).rejects.toThrow(
      "User 'guest' on 127.0.0.1 cannot read /etc/rancher/k3s/k3s.yaml: it needs passwordless sudo (or use root in 'ssh-user') (sudo: a password is required)",
    )
  })

  it('refuses a host whose key is not the one in ssh-known-hosts', async () => {
    const before = node.execs.length
    await expect(fetch(target(node, { knownHosts: someoneElsesKnownHosts(node.sshPort) }))).rejects.toThrow(
      /^The SSH host key of 127\.0\.0\.1:\d+ is not one that 'ssh-known-hosts' lists; refusing to connect \(ssh: .*Host key verification failed\.\)$/,
    )
    expect(node.execs.length).toBe(before)
  })

  it('names ssh-key when the server does not accept it', async () => {
    await expect(fetch(target(node, { key: narrowNode.clientKey }))).rejects.toThrow(
      /^The SSH server at root@127\.0\.0\.1:\d+ did not accept 'ssh-key' for user 'root' \(ssh: .*Permission denied \(publickey\)\.\)$/,
    )
  })

  it('names --tls-san when the API server’s certificate lacks the host’s address', async () => {
    const kubeconfig = await fetch(target(narrowNode))
    await expect(
      checkApiServerCertificate(
        `https://127.0.0.1:${narrowNode.apiPort}`,
        certificateAuthorityOf(kubeconfig),
        5_000,
      ),
    ).rejects.toThrow(
      `The API server at https://127.0.0.1:${narrowNode.apiPort} presents a certificate for IP:10.0.0.5, DNS:localhost, without 127.0.0.1: start k3s with --tls-san 127.0.0.1 (tls-san in /etc/rancher/k3s/config.yaml), restart it, and run again`,
    )
  })
})
