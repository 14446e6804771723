import { type K3sHost, someoneElsesKnownHosts, startK3sHost } from '@canary-delivery/k3s-host'
import {
  type ChartRepository,
  type Sandbox,
  serveChartRepository,
  startSandbox,
} from '@canary-delivery/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { errors, realChartsDir, runAction, smallGitops } from './helpers'

// The kubeconfig read over SSH with the real OpenSSH client from a k3s node on 127.0.0.1 (an ssh2
// server with a host key made for this run), the API server behind the node's TLS, in front of a
// bare sandbox. `plan` is enough: it reaches the API (helm list, the sync compared) and changes nothing.
let sandbox: Sandbox
let charts: ChartRepository
let gitops: ReturnType<typeof smallGitops>
let node: K3sHost
let narrow: K3sHost

beforeAll(async () => {
  sandbox = await startSandbox({ bare: true })
  charts = await serveChartRepository(realChartsDir())
  gitops = smallGitops()
  node = await startK3sHost({ upstream: sandbox.url, users: ['root', 'ubuntu'], sudoers: ['ubuntu'] })
  // As k3s without --tls-san: its certificate names only the node's own addresses.
  narrow = await startK3sHost({ upstream: sandbox.url, sans: ['10.0.0.5', 'localhost'] })
})
afterAll(async () => {
  await node?.stop()
  await narrow?.stop()
  await sandbox?.stop()
  await charts?.stop()
  gitops?.remove()
})

const inputs = (host: K3sHost, more: Record<string, string> = {}) => ({
  environment: 'sit',
  command: 'plan',
  'ssh-port': String(host.sshPort),
  'api-server-port': String(host.apiPort),
  'ssh-key': host.clientKey,
  'ssh-known-hosts': host.knownHosts,
  'gitops-repository': gitops.url,
  'flux-chart-repository': charts.url,
  timeout: '60s',
  ...more,
})

describe('the kubeconfig over SSH from a k3s node', () => {
  it('reads k3s.yaml as root, talks to the API over the node’s TLS, and never prints the kubeconfig', async () => {
    const before = node.api.authenticated
    const result = await runAction(inputs(node, { 'ssh-host': '127.0.0.1' }))
    expect(errors(result)).toEqual([])
    expect(result.outputs.result).toBe('planned')
    expect(node.execs).toContainEqual({ user: 'root', command: 'cat /etc/rancher/k3s/k3s.yaml' })
    expect(node.api.authenticated).toBeGreaterThan(before)
    expect(node.api.refused).toBe(0)
    expect(result.log).toContain(`Cluster: https://127.0.0.1:${node.apiPort}`)
    const user = parse(node.k3sYaml).users[0].user
    for (const secret of [
      user['client-key-data'],
      user['client-certificate-data'],
      node.clientKey.split('\n')[1]!,
    ])
      expect(result.log).not.toContain(secret)
  }, 120_000)

  it('reads it with sudo -n as the user provision-infra’s hosts names', async () => {
    const hosts = JSON.stringify({ sit: { address: '127.0.0.1', ip: '127.0.0.1', user: 'ubuntu' } })
    const result = await runAction(inputs(node, { hosts }))
    expect(errors(result)).toEqual([])
    expect(result.log).toContain('(sudo -n: the file is root’s)')
    expect(node.execs.at(-1)).toEqual({ user: 'ubuntu', command: 'sudo -n cat /etc/rancher/k3s/k3s.yaml' })
  }, 120_000)

  it('refuses a host whose key is not in ssh-known-hosts, in one line', async () => {
    const before = node.execs.length
    const result = await runAction(
      inputs(node, { 'ssh-host': '127.0.0.1', 'ssh-known-hosts': someoneElsesKnownHosts(node.sshPort) }),
    )
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^The SSH host key of 127\\.0\\.0\\.1:${node.sshPort} is not one that 'ssh-known-hosts' lists; refusing to connect \\(ssh: .*Host key verification failed\\.\\)$`,
        ),
      ),
    ])
    expect(node.execs.length).toBe(before)
  }, 60_000)

  it('names --tls-san when the API server’s certificate lacks the host’s address', async () => {
    const result = await runAction(inputs(narrow, { 'ssh-host': '127.0.0.1' }))
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual([
      `The API server at https://127.0.0.1:${narrow.apiPort} presents a certificate for IP:10.0.0.5, DNS:localhost, without 127.0.0.1: start k3s with --tls-san 127.0.0.1 (tls-san in /etc/rancher/k3s/config.yaml), restart it, and run again`,
    ])
    expect(narrow.api.authenticated).toBe(0)
  }, 60_000)
})
