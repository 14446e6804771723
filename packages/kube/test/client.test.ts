import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { type Sandbox, startSandbox } from '@canary-delivery/sandbox'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type ClusterAccess,
  KubeClient,
  kubeconfigSecrets,
  loadAccess,
  prepareKubeconfig,
} from '../src/index'
import { type Certificates, makeCertificates, startTlsFront, type TlsFront } from './tls-front'

let certificates: Certificates
let sandbox: Sandbox
let front: TlsFront
const b64 = (text: string) => Buffer.from(text).toString('base64')

beforeAll(async () => {
  certificates = makeCertificates()
  sandbox = await startSandbox({ timeScale: 0.01 })
  sandbox.store.create(sandbox.store.registry.byKind('v1', 'Namespace')!, { metadata: { name: 'w' } })
  // The server certificate names only kube.internal, as a cluster reached through an address does.
  front = await startTlsFront(
    sandbox.url,
    certificates.issue('kube-apiserver', ['kube.internal']),
    certificates.ca,
  )
})
afterAll(async () => {
  await front.stop()
  await sandbox.stop()
  certificates.remove()
})
beforeEach(() => {
  front.requests.length = 0
  front.refuse.clear()
})

interface Kubeconfig {
  cluster?: Record<string, unknown>
  user?: Record<string, unknown>
}

/** A kubeconfig file for the TLS front (written in the certificates' folder, for relative names). */
function kubeconfigFile({ cluster = {}, user = {} }: Kubeconfig): string {
  const path = join(certificates.dir, `kubeconfig-${Math.random().toString(36).slice(2)}.yaml`)
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: front.url, 'tls-server-name': 'kube.internal', ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u', namespace: 'w' } }],
    'current-context': 'ctx',
  }
  writeFileSync(path, JSON.stringify(config), { mode: 0o600 })
  return path
}

const clientFor = (config: Kubeconfig, secrets: string[] = []) =>
  new KubeClient({
    path: kubeconfigFile(config),
    attempts: 1,
    registerSecret: (s) => secrets.push(s),
  })

describe('KubeClient over TLS, as kubectl would connect', () => {
  it('trusts the kubeconfig’s certificate authority, presents its client certificate and token, and names the server', async () => {
    const client = clientFor({
      cluster: { 'certificate-authority-data': b64(certificates.ca) },
      user: {
        'client-certificate-data': b64(certificates.issue('ci-robot', [], true).cert.toString()),
        'client-key-data': b64(certificates.issue('unused', [], true).key),
        token: 'bearer-token-0123456789',
      },
    })
    // A certificate and a key that do not belong together are refused by TLS itself.
    await expect(client.get('/api/v1/namespaces/w')).rejects.toThrow()
    const issued = certificates.issue('ci-robot', [], true)
    const matching = clientFor({
      cluster: { 'certificate-authority-data': b64(certificates.ca) },
      user: {
        'client-certificate-data': b64(issued.cert),
        'client-key-data': b64(issued.key),
        token: 'bearer-token-0123456789',
      },
    })
    const namespace = await matching.get<{ metadata: { name: string } }>('/api/v1/namespaces/w')
    expect(namespace.metadata.name).toBe('w')
    expect(front.requests.at(-1)).toMatchObject({
      clientCommonName: 'ci-robot',
      authorization: 'Bearer bearer-token-0123456789',
      servername: 'kube.internal',
    })
    expect(matching.clockOffsetMs).toBeDefined()
    matching.close()
  })

  it('reads certificate files and token files relative to the kubeconfig, and masks the token', async () => {
    const issued = certificates.issue('file-user', [], true)
    writeFileSync(join(certificates.dir, 'client.crt'), issued.cert)
    writeFileSync(join(certificates.dir, 'client.key'), issued.key)
    writeFileSync(join(certificates.dir, 'token'), 'token-from-a-file-0123\n')
    const secrets: string[] = []
    const client = clientFor(
      {
        cluster: { 'certificate-authority': 'ca.crt' },
        user: { 'client-certificate': 'client.crt', 'client-key': 'client.key', tokenFile: 'token' },
      },
      secrets,
    )
    await client.get('/api/v1/namespaces/w')
    expect(front.requests.at(-1)).toMatchObject({
      clientCommonName: 'file-user',
      authorization: 'Bearer token-from-a-file-0123',
    })
    expect(secrets).toContain('token-from-a-file-0123')
    client.close()
  })

  it('refuses a server whose certificate does not name it, at once and without retrying', async () => {
    const client = new KubeClient({
      path: kubeconfigFile({
        cluster: { 'certificate-authority-data': b64(certificates.ca), 'tls-server-name': null },
      }),
      attempts: 5,
    })
    const error = await client.get('/api/v1/namespaces/w').catch((e: Error) => e)
    expect((error as { code?: string }).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID')
    expect(front.requests).toHaveLength(0)
    expect(client.requests).toBe(1)
  })

  it('skips verification only when told to, and then sends basic auth as kubectl does', async () => {
    const strict = clientFor({})
    await expect(strict.get('/api/v1/namespaces/w')).rejects.toThrow(/certificate/)
    const client = clientFor({
      cluster: { 'insecure-skip-tls-verify': true },
      user: { username: 'admin', password: 'basic-password-42' },
    })
    await client.get('/api/v1/namespaces/w')
    expect(front.requests.at(-1)?.authorization).toBe(`Basic ${b64('admin:basic-password-42')}`)
    client.close()
  })
})

describe('KubeClient with an exec credential plugin', () => {
  const plugin = (body: string) => {
    const path = join(certificates.dir, `plugin-${Math.random().toString(36).slice(2)}.mjs`)
    writeFileSync(path, body)
    return path
  }
  const exec = (path: string, extra: Record<string, unknown> = {}) => ({
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: process.execPath,
      args: [path],
      interactiveMode: 'Never',
      ...extra,
    },
  })

  it('passes the cluster, args and env as client-go does and uses the certificate it issues', async () => {
    const issued = certificates.issue('exec-user', [], true)
    const seen = join(certificates.dir, 'exec-info.json')
    const script = plugin(`
      import { writeFileSync } from 'node:fs'
      writeFileSync(${JSON.stringify(seen)}, JSON.stringify({ info: JSON.parse(process.env.KUBERNETES_EXEC_INFO), argv: process.argv.slice(2), env: process.env.PLUGIN_ENV }))
      process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',
        status: { clientCertificateData: ${JSON.stringify(issued.cert)}, clientKeyData: ${JSON.stringify(issued.key)} } }))
    `)
    const secrets: string[] = []
    const client = clientFor(
      {
        cluster: { 'certificate-authority-data': b64(certificates.ca) },
        user: exec(script, {
          args: [script, '--region', 'eu'],
          env: [{ name: 'PLUGIN_ENV', value: 'from-kubeconfig' }],
          provideClusterInfo: true,
        }),
      },
      secrets,
    )
    await client.get('/api/v1/namespaces/w')
    expect(front.requests.at(-1)?.clientCommonName).toBe('exec-user')
    const recorded = JSON.parse(readFileSync(seen, 'utf8'))
    expect(recorded).toMatchObject({
      argv: ['--region', 'eu'],
      env: 'from-kubeconfig',
      info: {
        apiVersion: 'client.authentication.k8s.io/v1',
        kind: 'ExecCredential',
        spec: {
          interactive: false,
          cluster: {
            server: front.url,
            'tls-server-name': 'kube.internal',
            'certificate-authority-data': b64(certificates.ca),
          },
        },
      },
    })
    expect(secrets).toContain(issued.key)
    client.close()
  })

  it('keeps a token until it expires, and asks again when the server refuses it', async () => {
    const count = join(certificates.dir, 'runs')
    writeFileSync(count, '')
    const script = plugin(`
      import { appendFileSync, readFileSync } from 'node:fs'
      appendFileSync(${JSON.stringify(count)}, 'x')
      const run = readFileSync(${JSON.stringify(count)}, 'utf8').length
      process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential',
        status: { token: 'issued-token-' + run, expirationTimestamp: new Date(Date.now() + 3600e3).toISOString() } }))
    `)
    const client = clientFor({
      cluster: { 'certificate-authority-data': b64(certificates.ca) },
      user: exec(script, { apiVersion: 'client.authentication.k8s.io/v1beta1', interactiveMode: undefined }),
    })
    await client.get('/api/v1/namespaces/w')
    await client.get('/api/v1/namespaces/w')
    expect(readFileSync(count, 'utf8')).toBe('x')
    // The token is revoked: one 401, one new token, and the request goes through.
    front.refuse.add('Bearer issued-token-1')
    await client.get('/api/v1/namespaces/w')
    expect(readFileSync(count, 'utf8')).toBe('xx')
    expect(front.requests.map((r) => r.authorization)).toEqual([
      'Bearer issued-token-1',
      'Bearer issued-token-1',
      'Bearer issued-token-1',
      'Bearer issued-token-2',
    ])
    client.close()
  })

  it('says how to install a missing plugin, and refuses what cannot work in a workflow step', async () => {
    const missing = clientFor({
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: 'no-such-auth-plugin',
          interactiveMode: 'Never',
          installHint: 'Install it with: gcloud components install gke-gcloud-auth-plugin',
        },
      },
    })
    await expect(missing.get('/api/v1/namespaces/w')).rejects.toThrow(
      'exec credential plugin no-such-auth-plugin was not found. Install it with: gcloud components install gke-gcloud-auth-plugin',
    )
    expect(() => clientFor({ user: exec('x', { interactiveMode: 'Always' }) })).toThrow(
      /asks for an interactive terminal \(interactiveMode: Always\), which a workflow step does not have/,
    )
    expect(() => clientFor({ user: exec('x', { interactiveMode: undefined }) })).toThrow(
      /interactiveMode is required with client\.authentication\.k8s\.io\/v1/,
    )
    expect(() =>
      clientFor({ user: exec('x', { apiVersion: 'client.authentication.k8s.io/v1alpha1' }) }),
    ).toThrow(
      /apiVersion must be client\.authentication\.k8s\.io\/v1 or client\.authentication\.k8s\.io\/v1beta1/,
    )
  })
})

describe('kubeconfigs that are refused, in one line', () => {
  const refused = (config: Kubeconfig) => {
    try {
      loadAccess(kubeconfigFile(config))
    } catch (error) {
      return (error as Error).message
    }
    return 'accepted'
  }

  it('names what is wrong and never prints a password', () => {
    const withPassword = refused({ cluster: { server: 'https://admin:s3cret-in-url@10.0.0.1:6443' } })
    expect(withPassword).toMatch(/server URL carries a user name or password/)
    expect(withPassword).not.toContain('s3cret')
    expect(refused({ cluster: { server: 'http://10.0.0.1:8080' }, user: { token: 'abc' } })).toMatch(
      /plain HTTP, so the user's credentials would cross the network unencrypted/,
    )
    expect(refused({ cluster: { server: 'http://127.0.0.1:8080' }, user: { token: 'abc' } })).toBe('accepted')
    expect(refused({ user: { 'auth-provider': { name: 'gcp' } } })).toMatch(
      /auth-provider 'gcp' is not supported .* use an exec credential plugin/,
    )
    expect(
      refused({ cluster: { 'insecure-skip-tls-verify': true, 'certificate-authority-data': b64('x') } }),
    ).toMatch(/a certificate authority and insecure-skip-tls-verify contradict each other/)
    expect(refused({ user: { token: 'a', username: 'b', password: 'c' } })).toMatch(
      /give a token or a username and password, not both/,
    )
    expect(refused({ user: { 'client-certificate-data': b64('x') } })).toMatch(
      /a client certificate needs its key/,
    )
    expect(refused({ cluster: { 'certificate-authority': 'missing.crt' } })).toMatch(
      /'certificate-authority' names .*missing\.crt, which cannot be read/,
    )
    expect(refused({ cluster: { 'proxy-url': 'socks5://127.0.0.1:1080' } })).toMatch(
      /proxy-url must be an http:\/\/ or https:\/\/ proxy/,
    )
  })

  it('registers a password in a server URL as a secret before refusing it', () => {
    const text = `clusters: [{ name: c, cluster: { server: "https://admin:p%40ss-in-url@10.0.0.1" } }]`
    expect(kubeconfigSecrets(text)).toEqual(expect.arrayContaining(['p%40ss-in-url', 'p@ss-in-url']))
    const secrets: string[] = []
    expect(() =>
      prepareKubeconfig({
        content: `${text}\ncontexts: [{ name: x, context: { cluster: c } }]\ncurrent-context: x\n`,
        directory: certificates.dir,
        registerSecret: (s) => secrets.push(s),
      }),
    ).toThrow(/carries a user name or password/)
    expect(secrets).toContain('p@ss-in-url')
  })

  it('takes proxy-url where Node can give an agent a proxy (24.5 and later), and says so elsewhere', () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
    const access: ClusterAccess = loadAccess(
      kubeconfigFile({ cluster: { 'proxy-url': 'http://127.0.0.1:3128' } }),
    )
    const make = () => new KubeClient({ access }).close()
    if (major > 24 || (major === 24 && minor >= 5)) expect(make).not.toThrow()
    else expect(make).toThrow(/sets proxy-url, which needs Node 24\.5 or later/)
  })
})

describe('KubeClient and its caller’s deadline', () => {
  let silent: Server
  const sockets = new Set<Socket>()
  afterEach(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()))
  })

  it('aborts a request in flight and the waits between retries with the signal’s reason', async () => {
    silent = createServer((socket) => {
      sockets.add(socket)
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as { port: number }).port
    const stop = new AbortController()
    const reason = new Error('the wait reached its timeout')
    const client = new KubeClient({
      path: kubeconfigFile({ cluster: { server: `http://127.0.0.1:${port}`, 'tls-server-name': null } }),
      signal: stop.signal,
      attempts: Number.POSITIVE_INFINITY,
    })
    setTimeout(() => stop.abort(reason), 300)
    await expect(client.get('/api/v1/namespaces/w')).rejects.toBe(reason)
    // Between attempts too: a server that answers 503 is retried until the signal, not forever.
    sandbox.faults.set({ errorRate: 1, errorStatus: 503 })
    try {
      const again = new AbortController()
      const retrying = new KubeClient({
        path: sandbox.kubeconfigPath,
        signal: again.signal,
        attempts: Number.POSITIVE_INFINITY,
        baseDelayMs: 50,
      })
      setTimeout(() => again.abort(reason), 500)
      await expect(retrying.get('/api/v1/namespaces/w')).rejects.toBe(reason)
      expect(retrying.requests).toBeGreaterThan(1)
      expect(retrying.lastError).toMatch(/sandbox fault: injected 503/)
    } finally {
      sandbox.faults.set({})
    }
  })
})
