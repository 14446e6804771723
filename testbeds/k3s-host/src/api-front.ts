import { request } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'

export interface ApiFront {
  port: number
  /** Requests that came with a client certificate the cluster's CA signed, and those without. */
  counts: { authenticated: number; refused: number }
  stop(): Promise<void>
}

/**
 * The API server's TLS as k3s serves it on 6443, in front of a plain-HTTP sandbox: the server
 * certificate with the cluster's SANs, and client certificates from the cluster's CA required
 * (anything else is answered 401 as an anonymous request to k3s would be). Streams (watches) flow
 * through as they come.
 */
export async function startApiFront(options: {
  upstream: string
  server: { cert: string; key: string }
  ca: string
}): Promise<ApiFront> {
  const upstream = new URL(options.upstream)
  const counts = { authenticated: 0, refused: 0 }
  const front: Server = createServer(
    { ...options.server, ca: options.ca, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      if (!(req.socket as TLSSocket).authorized) {
        counts.refused++
        res.writeHead(401, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            message: 'Unauthorized',
            reason: 'Unauthorized',
            code: 401,
          }),
        )
        return
      }
      counts.authenticated++
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      forwarded.on('error', () => res.destroy())
      res.on('close', () => forwarded.destroy())
      req.pipe(forwarded)
    },
  )
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve))
  return {
    port: (front.address() as AddressInfo).port,
    counts,
    stop: () =>
      new Promise<void>((resolve) => {
        front.close(() => resolve())
        front.closeAllConnections()
      }),
  }
}
