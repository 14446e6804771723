import { backoffDelay } from '@canary-delivery/action-kit'
import { isTransient, type KubeClient, type WatchHandle } from './client'

export interface KubeObject {
  apiVersion?: string
  kind?: string
  metadata: {
    name: string
    namespace?: string
    uid?: string
    resourceVersion?: string
    generation?: number
    [key: string]: unknown
  }
  [key: string]: unknown
}

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface Change<T extends KubeObject> {
  type: ChangeType
  object: T
  /** True when the change was found by a re-list (after 410 Gone) rather than streamed. */
  fromRelist: boolean
}

export interface ResourceWatchOptions<T extends KubeObject> {
  client: KubeClient
  /** The collection, e.g. `/apis/flagger.app/v1beta1/namespaces/demo/canaries`. */
  path: string
  fieldSelector?: string
  labelSelector?: string
  onChange: (change: Change<T>) => void
  /** Told about reconnects, re-lists and errors, for the debug log. */
  onNotice?: (message: string) => void
  /** Asks the server to end each stream after this long (default 300); the client then resumes. */
  timeoutSeconds?: number
  /** A stream silent for this long (no event, no bookmark) is presumed dead and reopened. */
  stallMs?: number
  /**
   * Consecutive transient failures tolerated before the watch gives up and reports the error.
   * Default: no limit, so an outage is ridden out; the client's signal (a deadline) ends the retries.
   */
  maxFailures?: number
  onFatal?: (error: Error) => void
}

export interface WatchStats {
  lists: number
  watches: number
  resumes: number
  relists: number
  errors: number
}

export interface ResourceWatch<T extends KubeObject> {
  /** Resolves after the first list has been delivered. */
  readonly synced: Promise<void>
  /** The objects as last seen, by name. */
  readonly objects: ReadonlyMap<string, T>
  readonly stats: WatchStats
  stop(): void
}

const key = (object: KubeObject) => object.metadata.name

/**
 * List, then watch from the list's resourceVersion with bookmarks, the way client-go's reflector
 * does: a stream the server ends is resumed from the last resourceVersion seen (bookmarks keep it
 * fresh), a 410 Gone leads to a re-list whose differences are delivered as changes (so a state
 * reached while disconnected is not lost), and other failures are retried with backoff.
 */
export function watchResource<T extends KubeObject>(options: ResourceWatchOptions<T>): ResourceWatch<T> {
  const { client, path, onChange, onNotice = () => {} } = options
  const timeoutSeconds = options.timeoutSeconds ?? 300
  const stallMs = options.stallMs ?? (timeoutSeconds + 30) * 1000
  const maxFailures = options.maxFailures ?? Number.POSITIVE_INFINITY
  const objects = new Map<string, T>()
  const stats: WatchStats = { lists: 0, watches: 0, resumes: 0, relists: 0, errors: 0 }
  let resourceVersion = ''
  let stopped = false
  let current: WatchHandle | undefined
  let stallTimer: NodeJS.Timeout | undefined
  let retryTimer: NodeJS.Timeout | undefined
  let failures = 0
  let resolveSynced!: () => void
  let rejectSynced!: (error: Error) => void
  const synced = new Promise<void>((resolve, reject) => {
    resolveSynced = resolve
    rejectSynced = reject
  })
  synced.catch(() => {})
  const selectors = { fieldSelector: options.fieldSelector, labelSelector: options.labelSelector }

  const deliver = (type: ChangeType, object: T, fromRelist: boolean) => {
    if (type === 'DELETED') objects.delete(key(object))
    else objects.set(key(object), object)
    onChange({ type, object, fromRelist })
  }

  const list = async (isRelist: boolean) => {
    const result = await client.list<T>(path, selectors)
    stats.lists++
    if (isRelist) stats.relists++
    const seen = new Set<string>()
    for (const item of result.items) {
      seen.add(key(item))
      const known = objects.get(key(item))
      if (!known) deliver('ADDED', item, isRelist)
      else if (known.metadata.resourceVersion !== item.metadata.resourceVersion)
        deliver('MODIFIED', item, isRelist)
    }
    for (const [name, known] of objects) if (!seen.has(name)) deliver('DELETED', known, isRelist)
    resourceVersion = result.resourceVersion
  }

  const schedule = (fn: () => void, delayMs: number) => {
    if (stopped) return
    retryTimer = setTimeout(fn, delayMs)
  }

  const fail = (error: Error, relist: boolean) => {
    stats.errors++
    failures++
    if (failures > maxFailures || !isTransientWatchError(error)) {
      onNotice(`watch of ${path} gave up: ${error.message}`)
      stopped = true
      rejectSynced(error)
      options.onFatal?.(error)
      return
    }
    const delay = backoffDelay(failures, { baseDelayMs: 250, maxDelayMs: 5_000 })
    onNotice(`watch of ${path}: ${error.message}; retrying in ${delay}ms`)
    schedule(() => void (relist ? cycle(true) : stream()), delay)
  }

  const stream = async () => {
    if (stopped) return
    let needsRelist = false
    let ended = false
    const armStall = () => {
      clearTimeout(stallTimer)
      stallTimer = setTimeout(() => {
        onNotice(`watch of ${path} silent for ${stallMs}ms; reopening`)
        finish(new Error('stream stalled'))
      }, stallMs)
    }
    const finish = (error?: Error & { statusCode?: number }) => {
      if (ended) return
      ended = true
      clearTimeout(stallTimer)
      const handle = current
      current = undefined
      handle?.abort()
      if (stopped) return
      if (needsRelist || error?.statusCode === 410) {
        onNotice(`watch of ${path}: resourceVersion ${resourceVersion} expired (410 Gone); re-listing`)
        resourceVersion = ''
        void cycle(true)
        return
      }
      if (error && error.message !== 'stream stalled') return fail(error, false)
      stats.resumes++
      void stream()
    }
    try {
      stats.watches++
      armStall()
      const handle = await client.watch(
        path,
        {
          ...selectors,
          resourceVersion,
          allowWatchBookmarks: 'true',
          timeoutSeconds: String(timeoutSeconds),
        },
        (event) => {
          // Nothing after stop(), which may come from a change in the middle of a read.
          if (ended || stopped) return
          armStall()
          const object = event.object as T
          switch (event.type) {
            case 'ADDED':
            case 'MODIFIED':
            case 'DELETED':
              failures = 0
              if (object?.metadata?.resourceVersion) resourceVersion = object.metadata.resourceVersion
              if (event.type === 'DELETED') {
                if (objects.has(key(object))) deliver('DELETED', object, false)
              } else {
                const known = objects.get(key(object))
                if (known?.metadata.resourceVersion !== object.metadata.resourceVersion) {
                  deliver(known || event.type === 'MODIFIED' ? 'MODIFIED' : 'ADDED', object, false)
                }
              }
              return
            case 'BOOKMARK':
              failures = 0
              if (object?.metadata?.resourceVersion) resourceVersion = object.metadata.resourceVersion
              return
            case 'ERROR': {
              // 410 Expired (or Gone) means the history is gone: only a re-list can catch up.
              // Any other error status is treated the same way, as client-go does.
              needsRelist = true
              const status = event.object as { code?: number; message?: string }
              onNotice(
                `watch of ${path}: server sent ERROR ${status.code ?? ''} ${status.message ?? ''}`.trim(),
              )
              // client-node waits for the server to close; do not rely on it.
              finish()
              return
            }
          }
        },
        (error) => finish(error),
      )
      if (ended || stopped) handle.abort()
      else current = handle
    } catch (error) {
      finish(error as Error)
    }
  }

  const cycle = async (isRelist: boolean) => {
    if (stopped) return
    try {
      await list(isRelist)
      resolveSynced()
      failures = 0
    } catch (error) {
      if (!isRelist && !isTransientWatchError(error as Error)) {
        stopped = true
        rejectSynced(error as Error)
        options.onFatal?.(error as Error)
        return
      }
      return fail(error as Error, true)
    }
    void stream()
  }

  void cycle(false)

  return {
    synced,
    objects,
    stats,
    stop() {
      stopped = true
      clearTimeout(stallTimer)
      clearTimeout(retryTimer)
      current?.abort()
      current = undefined
    },
  }
}

function isTransientWatchError(error: Error & { statusCode?: number }): boolean {
  if (error.statusCode !== undefined)
    return error.statusCode === 429 || error.statusCode >= 500 || error.statusCode === 410
  return isTransient(error) || /abort|close|stalled|timeout|reset/i.test(error.message)
}
