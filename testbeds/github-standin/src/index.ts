import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { handlers, notFound, type Reply, validationFailed } from './handlers'
import { issueHandlers } from './issues'
import { describeErrors, loadSpec, type Spec } from './spec'
import { type RepositorySeed, StandinState } from './state'

export { loadSpec, SPEC_PATH } from './spec'
export type {
  CheckRunRecord,
  CommentRecord,
  IssueRecord,
  LabelRecord,
  PullRecord,
  RepositorySeed,
  RepositoryState,
  StatusRecord,
} from './state'
export { StandinState } from './state'

export interface RecordedRequest {
  method: string
  /** The path with its query string, as sent. */
  url: string
  operationId?: string
  params: Record<string, unknown>
  body?: unknown
  /** The scheme of the Authorization header (`token`, `Bearer`), never the credential. */
  auth?: string
  status: number
  /** Set when the fault injector answered instead of the API. */
  fault?: boolean
}

export interface Violation {
  method: string
  url: string
  operationId?: string
  message: string
}

export interface FaultOptions {
  /** Share of requests (0..1) answered with a failure instead of the API. */
  rate?: number
  /** Statuses to choose from (default 502, 503 and 429). */
  statuses?: number[]
  /** Retry-After sent with 429 and 503 (seconds; default 1). */
  retryAfterSeconds?: number
  /** Only these operations fail (default: all). */
  operations?: string[]
  random?: () => number
}

export interface FaultController {
  /** Replace the fault settings. */
  set(options: FaultOptions): void
  /** The next `count` requests fail with `status` (then the settings apply again). */
  failNext(count: number, status?: number, retryAfterSeconds?: number): void
  /**
   * The next `count` requests meet a rate limit, answered as GitHub does with 403: `primary` with
   * `x-ratelimit-remaining: 0` and `x-ratelimit-reset` `seconds` from now; `secondary` with GitHub's
   * message and, when `seconds` is given, `Retry-After`.
   */
  rateLimitNext(count: number, kind: 'primary' | 'secondary', seconds?: number): void
  clear(): void
  /** How many requests were answered with an injected failure. */
  readonly injected: number
}

export interface StandinOptions {
  /** Repositories that exist (others answer 404, as GitHub does for a repository you cannot see). */
  repositories?: (RepositorySeed | string)[]
  /** When set, only this token is accepted; any other gets 401 Bad credentials. */
  token?: string
  faults?: FaultOptions
  /** The web address used in html_url fields (default: the stand-in's own URL). */
  serverUrl?: string
  spec?: Spec
}

export interface GitHubStandin {
  /** The API base URL, e.g. http://127.0.0.1:41234 (GITHUB_API_URL / octokit baseUrl). */
  url: string
  requests: RecordedRequest[]
  violations: Violation[]
  state: StandinState
  faults: FaultController
  stop(): Promise<void>
}

const MAX_BODY = 1024 * 1024

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) reject(new Error('request body too large'))
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

let specCache: Spec | undefined

/** An injected failure: the status, GitHub's message for it and the headers that come with it. */
interface Fault {
  status: number
  message: string
  headers: Record<string, string>
}

const SECONDARY_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'

/** A 5xx, or a 429 secondary rate limit; both carry Retry-After for 429 and 503. */
function serverFault(status: number, retryAfter: number): Fault {
  return {
    status,
    message: status === 429 ? SECONDARY_LIMIT_MESSAGE : 'Server Error',
    headers: status === 429 || status === 503 ? { 'retry-after': String(retryAfter) } : {},
  }
}

function primaryLimit(resetInSeconds: number): Fault {
  return {
    status: 403,
    message: 'API rate limit exceeded for installation ID 1.',
    headers: {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
    },
  }
}

function secondaryLimit(retryAfter: number | undefined): Fault {
  return {
    status: 403,
    message: SECONDARY_LIMIT_MESSAGE,
    headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
  }
}

/**
 * Starts a loopback stand-in for GitHub's REST API. Each request is matched to an operation of
 * GitHub's OpenAPI description and checked (auth header, path and query parameters, JSON body);
 * anything off is answered as GitHub would (401, 404, 422) and recorded in `violations`, so a test
 * can assert that the client spoke the real protocol. Responses are built from the description's
 * own examples, filled from the in-memory state, and checked against the response schema too.
 */
export async function startGitHubStandin(options: StandinOptions = {}): Promise<GitHubStandin> {
  specCache ??= options.spec ? undefined : loadSpec()
  const spec = options.spec ?? specCache!
  const state = new StandinState()
  for (const seed of options.repositories ?? []) state.addRepository(seed)
  const requests: RecordedRequest[] = []
  const violations: Violation[] = []
  let faultSettings: FaultOptions = options.faults ?? {}
  const forced: Fault[] = []
  let injected = 0
  const faults: FaultController = {
    set: (settings) => {
      faultSettings = settings
    },
    failNext: (count, status = 503, retryAfter = 1) => {
      for (let i = 0; i < count; i++) forced.push(serverFault(status, retryAfter))
    },
    rateLimitNext: (count, kind, seconds) => {
      for (let i = 0; i < count; i++)
        forced.push(kind === 'primary' ? primaryLimit(seconds ?? 3600) : secondaryLimit(seconds))
    },
    clear: () => {
      faultSettings = {}
      forced.length = 0
    },
    get injected() {
      return injected
    },
  }
  let url = ''

  const pickFault = (operationId: string | undefined): Fault | undefined => {
    const next = forced.shift()
    if (next) return next
    const {
      rate = 0,
      statuses = [502, 503, 429],
      retryAfterSeconds = 1,
      operations,
      random = Math.random,
    } = faultSettings
    if (rate <= 0 || (operations && (!operationId || !operations.includes(operationId)))) return undefined
    if (random() >= rate) return undefined
    return serverFault(statuses[Math.floor(random() * statuses.length)] ?? 503, retryAfterSeconds)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET'
    const target = new URL(req.url ?? '/', 'http://127.0.0.1')
    const record: RecordedRequest = { method, url: target.pathname + target.search, params: {}, status: 0 }
    requests.push(record)
    const violate = (message: string) =>
      violations.push({ method, url: record.url, operationId: record.operationId, message })
    const send = (reply: Reply) => {
      record.status = reply.status
      const payload = reply.body === undefined ? '' : JSON.stringify(reply.body)
      res.writeHead(reply.status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-media-type': 'github.v3; format=json',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        ...reply.headers,
      })
      res.end(payload)
    }

    const raw = await readBody(req)
    const found = spec.find(method, target.pathname)
    if (!found) {
      violate(`no operation ${method} ${target.pathname} in GitHub's description`)
      return send(notFound())
    }
    const { operation } = found
    record.operationId = operation.id

    const authorization = req.headers.authorization
    const auth = /^(token|bearer)\s+(\S+)$/i.exec(authorization ?? '')
    record.auth = auth?.[1]
    if (!auth) {
      violate(
        authorization ? 'Authorization header is not "token …" or "Bearer …"' : 'no Authorization header',
      )
      return send({
        status: 401,
        body: {
          message: 'Requires authentication',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        },
      })
    }
    if (options.token !== undefined && auth[2] !== options.token) {
      violate('wrong token')
      return send({
        status: 401,
        body: {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        },
      })
    }

    const fault = pickFault(operation.id)
    if (fault) {
      injected++
      record.fault = true
      return send({
        status: fault.status,
        body: { message: fault.message, documentation_url: 'https://docs.github.com/rest' },
        headers: fault.headers,
      })
    }

    // Path and query parameters, typed and checked against the operation's parameter schemas.
    const params: Record<string, unknown> = { ...found.params }
    const known = new Set(operation.parameters.map((p) => p.name))
    for (const [key, value] of target.searchParams) {
      if (!known.has(key)) violate(`unknown query parameter '${key}'`)
      params[key] = value
    }
    if (!operation.validateParams(params)) {
      violate(`parameters: ${describeErrors(operation.validateParams)}`)
      return send(validationFailed([{ code: 'invalid', message: describeErrors(operation.validateParams) }]))
    }
    record.params = params

    let body: unknown
    if (raw.length > 0) {
      if (!/application\/(.+\+)?json/.test(req.headers['content-type'] ?? ''))
        violate(`request body sent as ${req.headers['content-type'] ?? 'no content type'}`)
      try {
        body = JSON.parse(raw)
      } catch {
        violate('request body is not JSON')
        return send({
          status: 400,
          body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest' },
        })
      }
    }
    record.body = body
    if (operation.validateBody) {
      if (body === undefined && operation.bodyRequired) {
        violate('request body missing')
        return send(validationFailed([], 'Invalid request.\n\nNo body was sent.'))
      }
      if (body !== undefined && !operation.validateBody(body)) {
        violate(`request body: ${describeErrors(operation.validateBody)}`)
        return send(
          validationFailed(
            [{ code: 'invalid', message: describeErrors(operation.validateBody) }],
            'Invalid request.',
          ),
        )
      }
    } else if (body !== undefined) {
      violate('request body sent to an operation that takes none')
    }

    const repo = state.repository(String(params.owner), String(params.repo))
    if (!repo && (options.repositories?.length ?? 0) > 0) return send(notFound())
    const handler = handlers[operation.id] ?? issueHandlers[operation.id]
    if (!handler) {
      violate(`operation ${operation.id} is described but the stand-in does not implement it`)
      return send(notFound())
    }
    const reply = handler({
      spec,
      state,
      repo: repo ?? state.addRepository(`${params.owner}/${params.repo}`),
      params,
      body,
      apiUrl: url,
      serverUrl: options.serverUrl ?? url,
    })
    // The stand-in holds itself to the description as well: a reply off the schema is a stand-in bug.
    const described = operation.responses.get(String(reply.status))
    if (!described) {
      if (reply.status < 400) violate(`stand-in replied ${reply.status}, which the description does not list`)
    } else if (described.validate && !described.validate(reply.body)) {
      violate(`stand-in response ${reply.status} off schema: ${describeErrors(described.validate)}`)
    }
    send(reply)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      violations.push({
        method: req.method ?? '',
        url: req.url ?? '',
        message: `stand-in error: ${String(error)}`,
      })
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: 'Server Error' }))
    })
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // Nothing a test starts may outlive it.
  server.unref()

  return {
    url,
    requests,
    violations,
    state,
    faults,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
