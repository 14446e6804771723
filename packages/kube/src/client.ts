import { retry } from '@canary-delivery/action-kit'
import type { ClusterAccess } from './access'
import { loadAccess } from './kubeconfig'
import { ApiTransport, type RequestBody, StreamRefused } from './transport'

/** An error answer from the API server, with the Status it sent when it sent one. */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError'
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string | undefined,
    readonly path: string,
  ) {
    super(message)
  }
}

/** Network failures that a restarting or overloaded API server causes, worth another attempt. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
])

/** Worth another attempt: the server is overloaded or restarting, or the connection broke or went silent. */
export function isTransient(error: unknown): boolean {
  if (error instanceof KubeApiError) return error.status === 429 || error.status >= 500
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') return TRANSIENT_CODES.has(code)
  return /socket hang up|stream closed|no answer within/i.test(error.message)
}

export interface KubeClientOptions {
  /** The cluster and user to talk to (from prepareKubeconfig); or `path` (and `context`) to load one. */
  access?: ClusterAccess
  path?: string
  context?: string
  /**
   * Ends every request and every wait between attempts when it aborts (a deadline or a
   * cancellation); they then fail with the signal's reason.
   */
  signal?: AbortSignal
  /** The longest a single request may take (default 30s); never longer than `signal` allows. */
  requestTimeoutMs?: number
  /** Attempts for a GET or LIST that fails with 5xx/429 or a broken connection (default 6). */
  attempts?: number
  baseDelayMs?: number
  /** Told about each retry, for the log. */
  onRetry?: (message: string) => void
  /** Told about credentials an exec plugin issues, so that they are masked. */
  registerSecret?: (value: string) => void
}

export interface ObjectList<T> {
  items: T[]
  resourceVersion: string
}

export interface WatchHandle {
  abort(): void
}

export type RawWatchEvent = { type: string; object: Record<string, unknown> }

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function withQuery(base: string, query: Record<string, string | undefined>): string {
  const url = new URL(base)
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value)
  return url.toString()
}

/**
 * The API access the suite needs: GET and LIST with retries on transient failures, and raw watch
 * streams, over the suite's own small transport (no Kubernetes client library: the action only
 * reads). Authentication follows kubectl: tokens, token files, basic auth, client certificates,
 * and exec credential plugins such as gke-gcloud-auth-plugin.
 */
export class KubeClient {
  readonly access: ClusterAccess
  readonly server: string
  /** Requests sent so far (retries and watch connections included), for the benchmark and the summary. */
  requests = 0
  /** The API server's clock minus this machine's (from the Date header), once it has answered. */
  clockOffsetMs: number | undefined
  /** Why the last request or stream failed, until one succeeds again (for messages while the API is away). */
  lastError: string | undefined
  private readonly transport: ApiTransport
  private readonly attempts: number
  private readonly baseDelayMs: number
  private readonly requestTimeoutMs: number

  constructor(private readonly options: KubeClientOptions) {
    if (options.access) this.access = options.access
    else if (options.path) this.access = loadAccess(options.path, options.context)
    else throw new Error('KubeClient needs access or a kubeconfig path')
    this.server = this.access.server
    this.transport = new ApiTransport(this.access, options.registerSecret)
    this.attempts = options.attempts ?? 6
    this.baseDelayMs = options.baseDelayMs ?? 400
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000
  }

  /** The namespace of the current context, or `default`. */
  get namespace(): string {
    return this.access.namespace ?? 'default'
  }

  /** The outer signal's reason once it has aborted, so that callers see why (deadline, cancellation). */
  private throwIfStopped(): void {
    const signal = this.options.signal
    if (signal?.aborted) throw signal.reason
  }

  private noteClock(date: string | undefined, sentAt: number): void {
    const server = date ? Date.parse(date) : Number.NaN
    // The header has whole seconds: the middle of that second against the middle of the exchange.
    if (Number.isFinite(server)) this.clockOffsetMs = server + 500 - (sentAt + Date.now()) / 2
  }

  private async requestOnce<T>(
    path: string,
    query: Record<string, string | undefined>,
    write?: RequestBody,
  ): Promise<T> {
    const verb = write?.method ?? 'GET'
    this.throwIfStopped()
    const timeout = AbortSignal.timeout(this.requestTimeoutMs)
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout
    this.requests++
    const sentAt = Date.now()
    let response: Awaited<ReturnType<ApiTransport['get']>>
    try {
      response = await this.transport.get(withQuery(this.server + path, query), signal, write)
    } catch (error) {
      this.throwIfStopped()
      const failure = timeout.aborted
        ? Object.assign(new Error(`${verb} ${path}: no answer within ${this.requestTimeoutMs / 1000}s`), {
            code: 'ETIMEDOUT',
          })
        : (error as Error)
      this.lastError = failure.message
      throw failure
    }
    this.noteClock(response.headers.date, sentAt)
    this.lastError = undefined
    if (response.status < 200 || response.status >= 300) {
      let reason: string | undefined
      let message = `${response.status} ${response.statusText}`
      try {
        const status = JSON.parse(response.body) as { reason?: string; message?: string }
        reason = status.reason
        if (status.message) message = status.message
      } catch {
        // Not a Status object (a proxy's error page): the HTTP status says enough.
      }
      const error = new KubeApiError(`${verb} ${path}: ${message}`, response.status, reason, path)
      if (isTransient(error)) this.lastError = error.message
      throw error
    }
    return JSON.parse(response.body) as T
  }

  /** GET with retries on transient failures, until the attempts (default: the client's) or the signal run out. */
  async get<T>(
    path: string,
    query: Record<string, string | undefined> = {},
    attempts = this.attempts,
  ): Promise<T> {
    return this.withRetries(() => this.requestOnce<T>(path, query), attempts)
  }

  /**
   * A write with its body (a server-side apply, a merge patch), retried like a GET on transient
   * failures: the writes the suite sends say the whole desired state, so sending one twice is harmless.
   */
  async send<T>(
    method: RequestBody['method'],
    path: string,
    write: { body: string; contentType: string; query?: Record<string, string | undefined> },
  ): Promise<T> {
    return this.withRetries(
      () =>
        this.requestOnce<T>(path, write.query ?? {}, {
          method,
          body: write.body,
          contentType: write.contentType,
        }),
      this.attempts,
    )
  }

  /** One request, tried again on transient failures until the attempts or the signal run out. */
  private withRetries<T>(request: () => Promise<T>, attempts: number): Promise<T> {
    const { signal } = this.options
    return retry(request, {
      attempts,
      baseDelayMs: this.baseDelayMs,
      maxDelayMs: 5_000,
      shouldRetry: (error) => !signal?.aborted && isTransient(error),
      sleep: (ms) => abortableSleep(ms, signal),
      onRetry: (error, attempt, delayMs) =>
        this.options.onRetry?.(
          `${(error as Error).message}; retrying (${attempt + 1}${Number.isFinite(attempts) ? `/${attempts}` : ''}) in ${(delayMs / 1000).toFixed(1)}s`,
        ),
    })
  }

  /** GET that answers undefined for 404 Not Found. */
  async find<T>(path: string, attempts = this.attempts): Promise<T | undefined> {
    try {
      return await this.get<T>(path, {}, attempts)
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return undefined
      throw error
    }
  }

  async list<T>(
    path: string,
    query: Record<string, string | undefined> = {},
    attempts = this.attempts,
  ): Promise<ObjectList<T>> {
    const list = await this.get<{ items?: T[]; metadata?: { resourceVersion?: string } }>(
      path,
      query,
      attempts,
    )
    return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '' }
  }

  /**
   * Opens one watch stream. `done` is called once: with undefined when the server ended the stream,
   * or with an error (its `statusCode` is the HTTP status when the server refused the watch).
   * Opening gives up after the request timeout; the stream itself runs until one side ends it.
   */
  async watch(
    path: string,
    query: Record<string, string | undefined>,
    onEvent: (event: RawWatchEvent) => void,
    done: (error?: Error & { statusCode?: number }) => void,
  ): Promise<WatchHandle> {
    this.throwIfStopped()
    this.requests++
    const url = withQuery(this.server + path, { watch: 'true', ...query })
    const opening = new AbortController()
    const timer = setTimeout(
      () => opening.abort(new Error(`watch ${path}: no answer within ${this.requestTimeoutMs / 1000}s`)),
      this.requestTimeoutMs,
    )
    const signal = this.options.signal
      ? AbortSignal.any([this.options.signal, opening.signal])
      : opening.signal
    try {
      const stream = await this.transport.stream(
        url,
        signal,
        (line) => {
          let event: RawWatchEvent
          try {
            event = JSON.parse(line)
          } catch {
            return // A line that is not JSON carries nothing to act on (client-go skips it too).
          }
          if (event && typeof event.type === 'string') onEvent(event)
        },
        (error) => {
          if (error) this.lastError = error.message
          if (error instanceof StreamRefused) {
            // A refusal to retry says only what the HTTP status says; a final one, the server's reason (RBAC …).
            let message = error.message
            const final = error.statusCode < 500 && error.statusCode !== 429 && error.statusCode !== 410
            try {
              if (final) message = (JSON.parse(error.body) as { message?: string }).message || message
            } catch {
              // Not a Status object.
            }
            return done(Object.assign(new Error(message), { statusCode: error.statusCode }))
          }
          done(error)
        },
      )
      clearTimeout(timer)
      return stream
    } catch (error) {
      clearTimeout(timer)
      this.throwIfStopped()
      const failure = opening.signal.aborted
        ? Object.assign(opening.signal.reason as Error, { code: 'ETIMEDOUT' })
        : (error as Error)
      this.lastError = failure.message
      throw failure
    }
  }

  /** Closes the connections kept alive for the next request. */
  close(): void {
    this.transport.close()
  }
}
