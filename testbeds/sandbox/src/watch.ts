import type { ServerResponse } from 'node:http'
import { expired, invalid } from './errors'
import { flag } from './http'
import { groupVersion, type ResourceType } from './resources'
import type { Matcher } from './selectors'
import type { Store, StoreEvent } from './store'
import type { Obj } from './util'

export interface WatchRequest {
  rt: ResourceType
  namespace?: string
  match: Matcher
  /** `undefined`, `''` or `'0'`: start with synthetic ADDED events for what exists now. */
  resourceVersion?: string
  bookmarks: boolean
  /**
   * A watch-list request (`sendInitialEvents=true`, what client-go's reflector sends with the WatchList
   * feature, helm 4's waiter among them): the current state as ADDED events, whatever the
   * resourceVersion, then a BOOKMARK annotated `k8s.io/initial-events-end: "true"`. `false` sends no
   * initial events even without a resourceVersion.
   */
  sendInitialEvents?: boolean
  /** Real seconds after which the stream ends cleanly. */
  timeoutSeconds: number
  /** Real milliseconds between BOOKMARK events when they are allowed. */
  bookmarkEveryMs: number
  /** Turns each event's object into what the client asked for (a Table for `kubectl get -w`). */
  transform?: (obj: Obj) => Obj
}

/** One open watch stream. */
export interface WatchConnection {
  /** Ends the stream with the terminating chunk, never by destroying the socket. */
  close(): void
  /** Sends ERROR 410 Expired and ends the stream, as the apiserver does for a compacted version. */
  expire(): void
}

/**
 * Serves a watch as the real server does: 200, headers flushed at once, one compact JSON event per line,
 * each object with kind and apiVersion, a clean end after timeoutSeconds, ERROR 410 for a version that
 * is no longer in the window.
 */
export function serveWatch(
  store: Store,
  res: ServerResponse,
  req: WatchRequest,
  track: (conn: WatchConnection) => () => void,
): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' })
  res.flushHeaders()
  let ended = false
  // With selectors, an object that starts matching arrives as ADDED and one that stops matching leaves
  // as DELETED, as the apiserver's watch cache reports them.
  const translate = (e: StoreEvent): string | undefined => {
    if (e.rt !== req.rt || (req.namespace && e.object.metadata?.namespace !== req.namespace)) return undefined
    const now = req.match(e.object)
    if (e.type !== 'MODIFIED' || !e.previous) return now ? e.type : undefined
    const before = req.match(e.previous)
    if (now) return before ? 'MODIFIED' : 'ADDED'
    return before ? 'DELETED' : undefined
  }
  const send = (type: string, object: Obj) => {
    if (ended) return
    const out = req.transform && type !== 'ERROR' && type !== 'BOOKMARK' ? req.transform(object) : object
    res.write(`${JSON.stringify({ type, object: out })}\n`)
  }
  const bookmark = (annotations?: Record<string, string>) =>
    send('BOOKMARK', {
      kind: req.rt.kind,
      apiVersion: groupVersion(req.rt),
      metadata: { resourceVersion: store.resourceVersion, ...(annotations ? { annotations } : {}) },
    })

  const end = () => {
    if (ended) return
    ended = true
    cleanup()
    res.end()
  }
  const conn: WatchConnection = {
    close: end,
    expire: () => {
      send(
        'ERROR',
        expired(
          `too old resource version: ${req.resourceVersion ?? 0} (${store.resourceVersion})`,
        ).toStatus(),
      )
      end()
    },
  }
  // Subscribing and reading the starting state happen in one synchronous step, so nothing falls between.
  const unsubscribe = store.subscribe((e) => {
    const type = translate(e)
    if (type) send(type, e.object)
  })
  const untrack = track(conn)
  const timers = [setTimeout(end, req.timeoutSeconds * 1000)]
  if (req.bookmarks) timers.push(setInterval(() => bookmark(), req.bookmarkEveryMs))
  for (const t of timers) t.unref()
  const cleanup = () => {
    unsubscribe()
    untrack()
    for (const t of timers) clearTimeout(t)
  }
  res.on('close', end)

  if (req.sendInitialEvents) {
    for (const obj of store.list(req.rt, req.namespace, req.match)) send('ADDED', obj)
    bookmark({ 'k8s.io/initial-events-end': 'true' })
    return
  }
  const from = req.resourceVersion
  if (req.sendInitialEvents === false && !from) return
  if (from === undefined || from === '' || from === '0') {
    for (const obj of store.list(req.rt, req.namespace, req.match)) send('ADDED', obj)
    return
  }
  const n = Number(from)
  const backlog = Number.isFinite(n) ? store.since(n) : undefined
  if (!backlog) {
    conn.expire()
    return
  }
  for (const e of backlog) {
    const type = translate(e)
    if (type) send(type, e.object)
  }
}

/** The apiserver's rules for watch-list parameters (apimachinery's ListOptions validation). */
export function checkWatchList(rt: ResourceType, q: URLSearchParams, initialEvents: boolean): void {
  const causes: { field: string; message: string }[] = []
  if (q.get('resourceVersionMatch') !== 'NotOlderThan')
    causes.push({
      field: 'resourceVersionMatch',
      message: 'Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    })
  if (initialEvents && !flag(q.get('allowWatchBookmarks')))
    causes.push({
      field: 'allowWatchBookmarks',
      message: 'Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true',
    })
  if (causes.length) throw invalid(rt, '', causes, 'ListOptions.meta.k8s.io')
}
