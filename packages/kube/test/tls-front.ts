// A TLS-terminating front for the sandbox, with certificates made by the real openssl: what a
// cluster's API server presents (a CA, a server certificate for chosen names, client certificates).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TLSSocket } from 'node:tls'
import { forward } from '../../../test/support/recording-proxy'

export interface Certificates {
  dir: string
  ca: string
  caKey: string
  /** Issues a certificate signed by the CA: `names` become subjectAltNames (DNS or IP). */
  issue(commonName: string, names?: string[], client?: boolean): { cert: string; key: string }
  remove(): void
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' })

export function makeCertificates(): Certificates {
  const dir = mkdtempSync(join(tmpdir(), 'kube-tls-'))
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      '/CN=test-ca',
    ],
    dir,
  )
  let serial = 0
  return {
    dir,
    ca: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    caKey: readFileSync(join(dir, 'ca.key'), 'utf8'),
    issue(commonName, names = [], client = false) {
      const base = `cert-${serial++}`
      const ext = join(dir, `${base}.ext`)
      const san = names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',')
      writeFileSync(
        ext,
        [
          client ? 'extendedKeyUsage=clientAuth' : 'extendedKeyUsage=serverAuth',
          ...(san ? [`subjectAltName=${san}`] : []),
          '',
        ].join('\n'),
      )
      openssl(
        [
          'req',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          `${base}.key`,
          '-out',
          `${base}.csr`,
          '-subj',
          `/CN=${commonName}`,
        ],
        dir,
      )
      openssl(
        [
          'x509',
          '-req',
          '-in',
          `${base}.csr`,
          '-CA',
          'ca.crt',
          '-CAkey',
          'ca.key',
          '-CAcreateserial',
          '-out',
          `${base}.crt`,
          '-days',
          '2',
          '-extfile',
          ext,
        ],
        dir,
      )
      return {
        cert: readFileSync(join(dir, `${base}.crt`), 'utf8'),
        key: readFileSync(join(dir, `${base}.key`), 'utf8'),
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export interface FrontRequest {
  url: string
  authorization?: string
  /** The client certificate's common name, when one was presented and the CA signed it. */
  clientCommonName?: string
  servername?: string
}

export interface TlsFront {
  url: string
  port: number
  requests: FrontRequest[]
  /** Answer 401 to requests with this Authorization header (a revoked token). */
  refuse: Set<string>
  stop(): Promise<void>
}

/** HTTPS on 127.0.0.1 in front of `target` (plain HTTP), asking for client certificates from `ca`. */
export async function startTlsFront(
  target: string,
  server: { cert: string; key: string },
  ca: string,
): Promise<TlsFront> {
  const upstream = new URL(target)
  const requests: FrontRequest[] = []
  const refuse = new Set<string>()
  const front: Server = createServer(
    { ...server, ca, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const socket = req.socket as TLSSocket
      const peer = socket.authorized ? socket.getPeerCertificate() : undefined
      requests.push({
        url: req.url ?? '/',
        authorization: req.headers.authorization,
        clientCommonName: peer?.subject?.CN as string | undefined,
        servername: (socket as TLSSocket & { servername?: string }).servername || undefined,
      })
      if (req.headers.authorization && refuse.has(req.headers.authorization)) {
        res.writeHead(401, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 }))
        return
      }
      forward(req, res, upstream)
    },
  )
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve))
  const { port } = front.address() as AddressInfo
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    refuse,
    stop: () =>
      new Promise<void>((resolve) => {
        front.closeAllConnections()
        front.close(() => resolve())
      }),
  }
}
