import { retry } from '@canary-delivery/action-kit'
import { KubeConfig, Watch } from '@kubernetes/client-node'
import fetch from 'node-fetch'

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

/** Worth another attempt: the server is overloaded or restarting, or the connection broke. */
export function isTransient(error: unknown): boolean {
  if (error instanceof KubeApiError) return error.status === 429 || error.status >= 500
  const code = (error as { code?: string; type?: string })?.code ?? (error as { type?: string })?.type
  return (
    error instanceof Error && (code !== undefined || /socket|ECONN|network|premature/i.test(error.message))
  )
}

export interface KubeClientOptions {
  /** The kubeconfig file to load. */
  path: string
  context?: string
  /** Attempts for a GET or LIST that fails with 5xx/429 or a broken connection (default 6). */
  attempts?: number
  baseDelayMs?: number
  /** Told about each retry, for the log. */
  onRetry?: (message: string) => void
}

export interface ObjectList<T> {
  items: T[]
  resourceVersion: string
}

export interface WatchHandle {
  abort(): void
}

export type RawWatchEvent = { type: string; object: Record<string, unknown> }

/**
 * The API access the suite needs: GET and LIST with retries on transient failures, and raw watch
 * streams. Authentication (tokens, client certificates, exec credential plugins such as
 * gke-gcloud-auth-plugin) is client-node's, so it behaves as kubectl does.
 */
export class KubeClient {
  readonly config: KubeConfig
  readonly server: string
  /** Requests sent so far (retries and watch connections included), for the benchmark and the summary. */
  requests = 0
  private readonly watcher: Watch
  private readonly attempts: number
  private readonly baseDelayMs: number

  constructor(private readonly options: KubeClientOptions) {
    this.config = new KubeConfig()
    this.config.loadFromFile(options.path)
    if (options.context) this.config.setCurrentContext(options.context)
    const cluster = this.config.getCurrentCluster()
    if (!cluster)
      throw new Error(`the kubeconfig's context '${this.config.getCurrentContext()}' has no cluster`)
    this.server = cluster.server.replace(/\/+$/, '')
    this.watcher = new Watch(this.config)
    this.attempts = options.attempts ?? 6
    this.baseDelayMs = options.baseDelayMs ?? 400
  }

  /** The namespace of the current context, or `default`. */
  get namespace(): string {
    const name = this.config.getCurrentContext()
    return this.config.getContextObject(name)?.namespace || 'default'
  }

  private async requestOnce<T>(path: string, query: Record<string, string | undefined>): Promise<T> {
    const url = new URL(this.server + path)
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(key, value)
    const init = await this.config.applyToFetchOptions({})
    const headers = init.headers as unknown as Headers
    headers.set('Accept', 'application/json')
    this.requests++
    const response = await fetch(url.toString(), {
      method: 'GET',
      agent: init.agent as never,
      headers: Object.fromEntries(headers.entries()),
      timeout: 30_000,
    })
    const text = await response.text()
    if (!response.ok) {
      let reason: string | undefined
      let message = `${response.status} ${response.statusText}`
      try {
        const status = JSON.parse(text) as { reason?: string; message?: string }
        reason = status.reason
        if (status.message) message = status.message
      } catch {
        // Not a Status object (a proxy's error page): the HTTP status says enough.
      }
      throw new KubeApiError(`GET ${path}: ${message}`, response.status, reason, path)
    }
    return JSON.parse(text) as T
  }

  /** GET with retries on transient failures. */
  async get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    return retry(() => this.requestOnce<T>(path, query), {
      attempts: this.attempts,
      baseDelayMs: this.baseDelayMs,
      maxDelayMs: 5_000,
      shouldRetry: isTransient,
      onRetry: (error, attempt, delayMs) =>
        this.options.onRetry?.(
          `${(error as Error).message}; retrying (${attempt + 1}/${this.attempts}) in ${(delayMs / 1000).toFixed(1)}s`,
        ),
    })
  }

  /** GET that answers undefined for 404 Not Found. */
  async find<T>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path)
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return undefined
      throw error
    }
  }

  async list<T>(path: string, query: Record<string, string | undefined> = {}): Promise<ObjectList<T>> {
    const list = await this.get<{ items?: T[]; metadata?: { resourceVersion?: string } }>(path, query)
    return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '' }
  }

  /**
   * Opens one watch stream. `done` is called once: with undefined when the server ended the stream,
   * or with an error (its `statusCode` is the HTTP status when the server refused the watch).
   */
  async watch(
    path: string,
    query: Record<string, string | undefined>,
    onEvent: (event: RawWatchEvent) => void,
    done: (error?: Error & { statusCode?: number }) => void,
  ): Promise<WatchHandle> {
    this.requests++
    const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined))
    const controller = await this.watcher.watch(
      path,
      params,
      (type: string, object: Record<string, unknown>) => onEvent({ type, object }),
      (error: unknown) => done(error ? (error as Error & { statusCode?: number }) : undefined),
    )
    return { abort: () => controller.abort() }
  }
}
