import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buffer } from 'node:stream/consumers'

export type GitService = 'git-upload-pack' | 'git-receive-pack'

/** Which requests a fault or a hold applies to; an empty match takes any request. */
export interface RequestMatch {
  service?: GitService
  /** GET is the ref advertisement (`info/refs`), POST the exchange itself. */
  method?: 'GET' | 'POST'
}

/**
 * How a request fails: an HTTP status answered instead of git's; `reset`, the connection reset
 * (TCP RST) before git sees the request; `lost-answer`, git serves it (a push lands) and the
 * connection is reset before its answer reaches the client.
 */
export type Fault = { status: number } | 'reset' | 'lost-answer'

export interface RecordedRequest {
  method: string
  /** The path without its query string, e.g. `/gitops.git/git-receive-pack`. */
  path: string
  service?: GitService
  /** The Authorization header as sent (this is a test server: tests check what a client sends). */
  authorization?: string
  /**
   * `served` by git; `failed` with an injected status; `reset` before git saw it; `lost-answer`
   * served, then reset; `unauthorized`; `dropped`: held, and the client went away before it was
   * released (git never saw it).
   */
  outcome: 'served' | 'failed' | 'reset' | 'lost-answer' | 'unauthorized' | 'dropped' | 'held'
  status?: number
}

export interface HeldRequest {
  /** Resolves when a matching request arrives; it then waits, unanswered, until `release()`. */
  readonly arrived: Promise<RecordedRequest>
  /** Lets the request through to git (a client that has gone away meanwhile is not served). */
  release(): void
}

export interface GitHttpServerOptions {
  /** The folder holding the bare repositories served: `<url>/<name>.git` is `<root>/<name>.git`. */
  root: string
  /**
   * When set, every request must carry HTTP Basic credentials whose password is this token (the
   * user name is not checked, as on GitHub); others get 401.
   */
  token?: string
  /**
   * Serve https with a throwaway self-signed certificate for 127.0.0.1, made with the openssl
   * command line tool; git trusts it through `gitEnv` (GIT_SSL_CAINFO).
   */
  tls?: boolean
}

export interface GitHttpServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string
  /** The URL of one repository under the root, e.g. `urlOf('gitops.git')`. */
  urlOf(repository: string): string
  /** Environment a git client needs to talk to this server (the CA file in tls mode). */
  readonly gitEnv: Record<string, string>
  readonly requests: RecordedRequest[]
  /**
   * The next `count` matching requests fail this way instead of reaching git, after `skip` of them
   * have been let through (e.g. skip 1 GET of git-upload-pack: the fetch is served, the blob-less
   * clone's lazy fetch that follows fails).
   */
  failNext(count: number, fault: Fault, match?: RequestMatch, skip?: number): void
  /** Holds the next matching request (after its body has been read) until released. */
  hold(match?: RequestMatch): HeldRequest
  close(): Promise<void>
}

interface PendingFault {
  skip: number
  remaining: number
  fault: Fault
  match: RequestMatch
}

interface PendingHold {
  match: RequestMatch
  arrive: (request: RecordedRequest) => void
  released: Promise<void>
  taken: boolean
}

const matches = (match: RequestMatch, method: string, service: GitService | undefined) =>
  (match.method === undefined || match.method === method) &&
  (match.service === undefined || match.service === service)

/** Starts the server on 127.0.0.1 (an ephemeral port). Close it when done. */
export async function startGitHttpServer(options: GitHttpServerOptions): Promise<GitHttpServer> {
  const requests: RecordedRequest[] = []
  const faults: PendingFault[] = []
  const holds: PendingHold[] = []
  const certificate = options.tls ? selfSignedCertificate() : undefined

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const service = serviceOf(url)
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      service,
      authorization: req.headers.authorization,
      outcome: 'served',
    }
    requests.push(record)

    if (options.token !== undefined && !authorized(req.headers.authorization, options.token)) {
      Object.assign(record, { outcome: 'unauthorized', status: 401 })
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git-http"', connection: 'close' })
      res.end('authentication required\n')
      return
    }
    let fault = faults.find((f) => f.remaining > 0 && matches(f.match, method, service))
    if (fault?.skip) {
      fault.skip--
      fault = undefined
    }
    if (fault && fault.fault !== 'lost-answer') {
      fault.remaining--
      if (fault.fault === 'reset') {
        // Mid-answer, as a failing proxy does: curl retries a request whose reused connection dies
        // before any answer, so a reset before the headers would never reach git.
        record.outcome = 'reset'
        res.writeHead(200, { 'content-type': `application/x-${service ?? 'git'}-result` })
        res.flushHeaders()
        setImmediate(() => req.socket.resetAndDestroy())
        return
      }
      Object.assign(record, { outcome: 'failed', status: fault.fault.status })
      res.writeHead(fault.fault.status, { 'content-type': 'text/plain', connection: 'close' })
      res.end('injected failure\n')
      return
    }
    const body = await buffer(req)
    const hold = holds.find((h) => !h.taken && matches(h.match, method, service))
    if (hold) {
      hold.taken = true
      record.outcome = 'held'
      hold.arrive(record)
      const gone = new Promise<void>((resolve) => res.once('close', () => resolve()))
      await Promise.race([hold.released, gone])
      if (res.destroyed || res.writableEnded) {
        record.outcome = 'dropped'
        return
      }
      record.outcome = 'served'
    }
    if (fault?.fault === 'lost-answer') {
      fault.remaining--
      record.outcome = 'lost-answer'
      let status = 200
      await runBackend(options.root, req, url, body, record, {
        head: (code) => (status = code),
        data: () => {},
      })
      // Headers first: curl silently repeats a request whose connection dies before any answer.
      res.writeHead(status, { 'content-type': `application/x-${service ?? 'git'}-result` })
      res.flushHeaders()
      setImmediate(() => req.socket.resetAndDestroy())
      return
    }
    await runBackend(options.root, req, url, body, record, {
      head: (status, headers) => res.writeHead(status, headers),
      data: (chunk) => res.write(chunk),
    })
    res.end()
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`git-http: ${error.message}\n`)
    })
  }
  const server = certificate
    ? createHttpsServer({ key: certificate.key, cert: certificate.cert }, listener)
    : createHttpServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  server.unref()
  const { port } = server.address() as AddressInfo
  const base = `${certificate ? 'https' : 'http'}://127.0.0.1:${port}`

  return {
    url: base,
    urlOf: (repository) => `${base}/${repository.replace(/^\/+/, '')}`,
    gitEnv: certificate ? { GIT_SSL_CAINFO: certificate.file } : {},
    requests,
    failNext(count, fault, match = {}, skip = 0) {
      faults.push({ skip, remaining: count, fault, match })
    },
    hold(match = {}) {
      let arrive!: (request: RecordedRequest) => void
      let release!: () => void
      const arrived = new Promise<RecordedRequest>((resolve) => {
        arrive = resolve
      })
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      holds.push({ match, arrive, released, taken: false })
      return { arrived, release }
    },
    async close() {
      for (const hold of holds) hold.taken = true
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      if (certificate) rmSync(certificate.dir, { recursive: true, force: true })
    },
  }
}

function serviceOf(url: URL): GitService | undefined {
  const name = url.searchParams.get('service') ?? url.pathname.split('/').pop()
  return name === 'git-upload-pack' || name === 'git-receive-pack' ? name : undefined
}

/** HTTP Basic credentials whose password is the token (the scheme's case does not matter). */
function authorized(header: string | undefined, token: string): boolean {
  const match = /^basic\s+(\S+)$/i.exec(header ?? '')
  if (!match) return false
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  return decoded.slice(decoded.indexOf(':') + 1) === token
}

/** The configuration GitHub's servers behave by: partial clone, fetching any object, pushing. */
const BACKEND_CONFIG: [string, string][] = [
  ['uploadpack.allowFilter', 'true'],
  ['uploadpack.allowAnySHA1InWant', 'true'],
  ['http.receivepack', 'true'],
]

/** Where the answer of git http-backend goes. */
interface AnswerSink {
  head(status: number, headers: Record<string, string>): void
  data(chunk: Buffer): void
}

/** Runs `git http-backend` as a CGI program (argv only) and relays its answer. */
function runBackend(
  root: string,
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  record: RecordedRequest,
  sink: AnswerSink,
): Promise<void> {
  // Nothing of the test process's own git set-up (GIT_DIR, GIT_CONFIG_*) may reach the server side.
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('GIT_')) env[key] = value
  }
  Object.assign(env, {
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    CONTENT_LENGTH: String(body.length),
    REMOTE_ADDR: '127.0.0.1',
    REMOTE_USER: 'git-http',
    GIT_CONFIG_COUNT: String(BACKEND_CONFIG.length),
  })
  const encoding = req.headers['content-encoding']
  if (encoding) env.HTTP_CONTENT_ENCODING = encoding
  const protocol = req.headers['git-protocol']
  if (typeof protocol === 'string') env.GIT_PROTOCOL = protocol
  BACKEND_CONFIG.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key
    env[`GIT_CONFIG_VALUE_${i}`] = value
  })

  return new Promise((resolve, reject) => {
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    const stderr: Buffer[] = []
    let head = Buffer.alloc(0)
    let headersDone = false
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        sink.data(chunk)
        return
      }
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      headersDone = true
      const headers: Record<string, string> = {}
      let status = 200
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':')
        const name = line.slice(0, colon).trim()
        const value = line.slice(colon + 1).trim()
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10)
        else headers[name] = value
      }
      record.status = status
      sink.head(status, headers)
      sink.data(head.subarray(end + 4))
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (!headersDone) {
        record.status = 500
        sink.head(500, { 'content-type': 'text/plain' })
        sink.data(Buffer.from(`git http-backend exited with ${code}: ${Buffer.concat(stderr).toString()}\n`))
      }
      resolve()
    })
    child.stdin.on('error', () => {})
    child.stdin.end(body)
  })
}

/** A key and certificate for 127.0.0.1, valid for a day, in a folder of their own. */
function selfSignedCertificate(): { dir: string; file: string; key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'git-http-tls-'))
  const keyFile = join(dir, 'key.pem')
  const file = join(dir, 'cert.pem')
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        file,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`git-http: tls needs the openssl command line tool: ${(error as Error).message}`)
  }
  return { dir, file, key: readFileSync(keyFile), cert: readFileSync(file) }
}
