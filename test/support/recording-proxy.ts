import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ProxiedRequest {
  method: string
  url: string
  /** The Authorization header as sent (tests only; this proxy never leaves 127.0.0.1). */
  authorization?: string
  at: number
}

export interface RecordingProxy {
  url: string
  requests: ProxiedRequest[]
  stop(): Promise<void>
}

/**
 * Passes one request on to `upstream` (its host and port) at `path`, and streams the answer back
 * unchanged, watches included; either side closing ends the other.
 */
export function forward(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: URL,
  path = req.url ?? '/',
): void {
  const onward = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path,
      headers: { ...req.headers, host: upstream.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    },
  )
  onward.on('error', () => res.destroy())
  res.on('close', () => onward.destroy())
  req.pipe(onward)
}

async function listen(server: Server, requests: ProxiedRequest[]): Promise<RecordingProxy> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const record = (req: IncomingMessage): ProxiedRequest => ({
  method: req.method ?? 'GET',
  url: req.url ?? '/',
  authorization: req.headers.authorization,
  at: Date.now(),
})

/**
 * A transparent HTTP proxy on 127.0.0.1 in front of an API server: it streams every answer through
 * unchanged (watches included) and records each request, to count what a client really sends.
 */
export function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target)
  const requests: ProxiedRequest[] = []
  const server = createServer((req, res) => {
    requests.push(record(req))
    forward(req, res, upstream)
  })
  return listen(server, requests)
}

/**
 * An HTTP forward proxy on 127.0.0.1 (what a kubeconfig's proxy-url names): clients send it
 * absolute URLs, which it records (`url` is the whole address) and fetches.
 */
export function startForwardProxy(): Promise<RecordingProxy> {
  const requests: ProxiedRequest[] = []
  const server = createServer((req, res) => {
    requests.push(record(req))
    const target = new URL(req.url ?? '/')
    forward(req, res, target, `${target.pathname}${target.search}`)
  })
  return listen(server, requests)
}
