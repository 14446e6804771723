import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery'
import { ApiError, badRequest, conflict, invalid, notFound } from './errors'
import type { FaultSettings } from './faults'
import { decodeObject, deleteOptions, dryRun, flag, parseApply, readBody, send, sendText } from './http'
import { apply, managerOf, trackCreate, trackUpdate, type Write } from './managed-fields'
import { openApiGroupVersion, openApiRoot, openApiV2 } from './openapi'
import { APPLY, mergePatch, patched, patchType } from './patch'
import { groupVersion, type ResourceType, typesFromCrd } from './resources'
import { matcher } from './selectors'
import type { Store } from './store'
import { applyScale, review, scaleOf } from './subresources'
import { toTable, wantsTable } from './table'
import type { Obj } from './util'
import type { Validator } from './validation'
import { checkWatchList, serveWatch, type WatchConnection } from './watch'

const MAX_WATCH_SECONDS = 1800

interface Route {
  rt: ResourceType
  namespace?: string
  name?: string
  subresource?: 'status' | 'scale'
}

const notServed = (what: string) =>
  new ApiError(404, 'NotFound', `the server could not find the requested resource (${what} is not served)`)

/** What a request listener is told of a request, as it reaches the server (before it is answered). */
export interface ApiRequest {
  method: string
  /** The path without a trailing slash, e.g. `/apis/apps/v1/namespaces/demo/deployments`. */
  path: string
  query: URLSearchParams
  /** A watch (`?watch=1`), rather than a list or get. */
  watch: boolean
}

const methodNotAllowed = () =>
  new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')

/** The HTTP face of the sandbox: kube-apiserver's REST paths over the generic store. */
export class ApiServer {
  private readonly server: Server
  private readonly watches = new Set<WatchConnection>()
  faults: FaultSettings = {}
  /** Told of every request as it reaches the server (see Sandbox.onRequest). */
  readonly requestListeners = new Set<(request: ApiRequest) => void>()
  /** Real milliseconds between watch bookmarks (a minute of simulated time, as real servers do). */
  bookmarkEveryMs = 60_000
  url = ''

  constructor(
    private readonly store: Store,
    private readonly validator: Validator,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => this.fail(res, err))
    })
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => resolve())
    })
    const { port: bound } = this.server.address() as AddressInfo
    this.url = `http://127.0.0.1:${bound}`
    return this.url
  }

  async close(): Promise<void> {
    this.closeWatches()
    this.server.closeAllConnections?.()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  get openWatches(): number {
    return this.watches.size
  }

  closeWatches(): void {
    for (const w of [...this.watches]) w.close()
  }

  expireWatches(): void {
    this.store.compact()
    for (const w of [...this.watches]) w.expire()
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox')
    const path = url.pathname.replace(/\/+$/, '') || '/'
    if (this.requestListeners.size > 0) {
      const request = {
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        watch: flag(url.searchParams.get('watch')),
      }
      for (const listener of this.requestListeners) listener(request)
    }
    const body = await readBody(req)
    // Discovery and OpenAPI are spared by faults unless asked: clients cache them and retry differently.
    const discovery =
      !path.startsWith('/api') || /^\/api(\/v1)?$/.test(path) || /^\/apis(\/[^/]+){0,2}$/.test(path)
    if (await this.injectFault(res, discovery)) return

    if (path === '/version') return void send(res, 200, versionInfo)
    if (path === '/healthz' || path === '/readyz' || path === '/livez') return sendText(res, 200, 'ok')
    if (path === '/api') return void send(res, 200, apiVersions(req.headers.host ?? ''))
    if (path === '/apis') return void send(res, 200, apiGroupList(this.store.registry))
    if (path === '/openapi/v3') return void send(res, 200, openApiRoot(this.store.registry))
    if (path === '/openapi/v2') return openApiV2(req, res)
    if (path.startsWith('/openapi/v3/')) {
      const doc = openApiGroupVersion(this.store.registry, path.slice('/openapi/v3/'.length))
      if (!doc) throw notServed(`the OpenAPI document ${path}`)
      return void send(res, 200, doc)
    }
    const gv = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path)
    if (gv) {
      const list = gv[1]
        ? apiResourceList(this.store.registry, '', 'v1')
        : apiResourceList(this.store.registry, gv[2]!, gv[3]!)
      if (!list) throw notServed(`the group version ${gv[1] ?? `${gv[2]}/${gv[3]}`}`)
      return void send(res, 200, list)
    }
    const r = this.route(path)
    const q = url.searchParams
    if (r.rt.verbs) {
      // The review kinds are computed on create and never stored.
      if (req.method !== 'POST' || r.name) throw methodNotAllowed()
      return void send(res, 201, review(r.rt, decodeObject(req, body)))
    }
    if (r.subresource === 'scale') return this.scale(req, res, r, q, body)
    switch (req.method) {
      case 'GET':
        if (r.name) return this.get(req, res, r)
        if (flag(q.get('watch'))) return this.watch(req, res, r, q)
        return this.list(req, res, r, q)
      case 'POST':
        return this.create(req, res, r, q, body)
      case 'PUT':
        return this.replace(req, res, r, q, body)
      case 'PATCH':
        return this.patch(req, res, r, q, body)
      case 'DELETE':
        return this.remove(req, res, r, q, body)
      default:
        throw methodNotAllowed()
    }
  }

  private async injectFault(res: ServerResponse, discovery: boolean): Promise<boolean> {
    const f = this.faults
    if (f.latencyMs) await new Promise((r) => setTimeout(r, f.latencyMs))
    if (discovery && !f.includeDiscovery) return false
    if (f.failNext && f.failNext > 0) f.failNext--
    else if (!f.errorRate || Math.random() >= f.errorRate) return false
    const status = f.errorStatus ?? 500
    const reason =
      status === 429 ? 'TooManyRequests' : status === 503 ? 'ServiceUnavailable' : 'InternalError'
    const err = new ApiError(
      status,
      reason,
      `sandbox fault: injected ${status}`,
      status === 429 ? { retryAfterSeconds: 1 } : {},
    )
    if (status === 429 || status === 503) res.setHeader('Retry-After', '1')
    this.fail(res, err)
    return true
  }

  // /api/v1/[namespaces/NS/]PLURAL[/NAME[/SUB]] and /apis/G/V/[namespaces/NS/]PLURAL[/NAME[/SUB]]
  private route(path: string): Route {
    const parts = path.split('/').slice(1).map(decodeURIComponent)
    let group: string
    let version: string
    let rest: string[]
    if (parts[0] === 'api') {
      group = ''
      version = parts[1] ?? ''
      rest = parts.slice(2)
    } else if (parts[0] === 'apis') {
      group = parts[1] ?? ''
      version = parts[2] ?? ''
      rest = parts.slice(3)
    } else throw notServed(`the path ${path}`)
    let namespace: string | undefined
    // namespaces/NAME/status is the Namespace's own subresource, not a namespaced collection.
    if (
      rest[0] === 'namespaces' &&
      rest.length >= 3 &&
      !(group === '' && rest.length === 3 && rest[2] === 'status')
    ) {
      namespace = rest[1]
      rest = rest.slice(2)
    }
    const gv = group ? `${group}/${version}` : version
    const rt = this.store.registry.byPlural(group, version, rest[0] ?? '')
    if (!rt) throw notServed(`the resource "${rest[0] ?? ''}" in ${gv}`)
    if (rest.length > 3 || (namespace && !rt.namespaced)) throw notServed(`the path ${path}`)
    const route: Route = { rt }
    if (namespace) route.namespace = namespace
    if (rest[1]) route.name = rest[1]
    if (rest[2]) {
      const ok =
        (rest[2] === 'status' && rt.statusSubresource) || (rest[2] === 'scale' && rt.scaleSubresource)
      if (!ok) throw notServed(`the subresource ${rt.plural}/${rest[2]}`)
      route.subresource = rest[2] as 'status' | 'scale'
    }
    return route
  }

  private get(req: IncomingMessage, res: ServerResponse, r: Route): void {
    const obj = this.store.mustGet(r.rt, r.namespace, r.name!)
    send(res, 200, wantsTable(req) ? toTable(r.rt, [obj], obj.metadata.resourceVersion) : obj)
  }

  private list(req: IncomingMessage, res: ServerResponse, r: Route, q: URLSearchParams): void {
    const items = this.store.list(r.rt, r.namespace, matcher(q))
    const rv = this.store.resourceVersion
    if (wantsTable(req)) return void send(res, 200, toTable(r.rt, items, rv))
    send(res, 200, {
      kind: `${r.rt.kind}List`,
      apiVersion: groupVersion(r.rt),
      metadata: { resourceVersion: rv },
      items,
    })
  }

  private watch(req: IncomingMessage, res: ServerResponse, r: Route, q: URLSearchParams): void {
    const timeout = Number(q.get('timeoutSeconds') ?? MAX_WATCH_SECONDS)
    const rv = q.get('resourceVersion')
    const initialEvents = q.has('sendInitialEvents') ? flag(q.get('sendInitialEvents')) : undefined
    if (initialEvents !== undefined) checkWatchList(r.rt, q, initialEvents)
    serveWatch(
      this.store,
      res,
      {
        rt: r.rt,
        ...(r.namespace ? { namespace: r.namespace } : {}),
        match: matcher(q),
        ...(rv !== null ? { resourceVersion: rv } : {}),
        bookmarks: flag(q.get('allowWatchBookmarks')),
        ...(initialEvents !== undefined ? { sendInitialEvents: initialEvents } : {}),
        bookmarkEveryMs: this.bookmarkEveryMs,
        // `kubectl get -w` asks for Tables: each event carries a one-row Table, as on a real server.
        ...(wantsTable(req)
          ? { transform: (o: Obj) => toTable(r.rt, [o], o.metadata?.resourceVersion ?? '') }
          : {}),
        timeoutSeconds:
          Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, MAX_WATCH_SECONDS) : MAX_WATCH_SECONDS,
      },
      (conn) => {
        this.watches.add(conn)
        return () => this.watches.delete(conn)
      },
    )
  }

  private create(
    req: IncomingMessage,
    res: ServerResponse,
    r: Route,
    q: URLSearchParams,
    body: Buffer,
  ): void {
    if (r.name) throw methodNotAllowed()
    const obj = decodeObject(req, body)
    this.checkIdentity(r, obj)
    if (r.namespace) obj.metadata = { ...obj.metadata, namespace: r.namespace }
    obj.metadata ??= {}
    this.validate(r.rt, obj)
    trackCreate(r.rt, obj, this.writer(req, q, 'Update'))
    this.commitCreate(res, r, q, obj)
  }

  /** The last steps of every create: a dry run answers with the object, otherwise it is stored. */
  private commitCreate(res: ServerResponse, r: Route, q: URLSearchParams, obj: Obj): void {
    if (dryRun(q)) return void send(res, 201, obj)
    const created = this.store.create(r.rt, obj)
    this.afterWrite(r.rt, created)
    send(res, 201, created)
  }

  /** The last steps of every update, through the status subresource or not. */
  private commitUpdate(res: ServerResponse, r: Route, q: URLSearchParams, obj: Obj): void {
    if (dryRun(q)) return void send(res, 200, obj)
    const updated = this.store.update(r.rt, obj, { status: r.subresource === 'status' })
    this.afterWrite(r.rt, updated)
    send(res, 200, updated)
  }

  private replace(
    req: IncomingMessage,
    res: ServerResponse,
    r: Route,
    q: URLSearchParams,
    body: Buffer,
  ): void {
    if (!r.name) throw methodNotAllowed()
    const obj = decodeObject(req, body)
    this.checkIdentity(r, obj)
    obj.metadata = { ...obj.metadata, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) }
    if (obj.metadata.name !== r.name)
      throw badRequest('the name of the object does not match the name on the URL')
    // Custom resources do not allow unconditional updates.
    if (!r.rt.builtin && !obj.metadata.resourceVersion) {
      throw invalid(r.rt, r.name, [
        { field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' },
      ])
    }
    const current = this.store.mustGet(r.rt, r.namespace, r.name)
    if (!r.subresource) this.validate(r.rt, obj)
    trackUpdate(r.rt, current, obj, this.writer(req, q, 'Update', r.subresource))
    this.commitUpdate(res, r, q, obj)
  }

  private patch(req: IncomingMessage, res: ServerResponse, r: Route, q: URLSearchParams, body: Buffer): void {
    if (!r.name) throw methodNotAllowed()
    const type = patchType(req, r.rt)
    const write = this.writer(req, q, type === APPLY ? 'Apply' : 'Update', r.subresource)
    if (type === APPLY && !q.get('fieldManager'))
      throw invalid(r.rt, r.name, [
        { field: 'fieldManager', message: 'Required value: is required for apply patch' },
      ])
    if (type !== APPLY && q.has('force'))
      throw invalid(r.rt, r.name, [
        { field: 'force', message: 'Forbidden: may not be specified for non-apply patch' },
      ])
    const current = this.store.get(r.rt, r.namespace, r.name)
    if (!current) {
      // Server-side apply creates what is missing; kubectl sends no POST.
      if (type !== APPLY || r.subresource) throw notFound(r.rt, r.name)
      const obj = parseApply(body)
      this.checkIdentity(r, obj)
      obj.metadata = { ...obj.metadata, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) }
      this.validate(r.rt, obj)
      trackCreate(r.rt, obj, write)
      this.commitCreate(res, r, q, obj)
      return
    }
    let next: Obj
    if (type === APPLY) {
      const applied = parseApply(body)
      this.checkIdentity(r, applied)
      next = apply(r.rt, current, applied, write, flag(q.get('force')))
    } else {
      next = patched(r.rt, current, type, body)
      trackUpdate(r.rt, current, next, write)
    }
    next.metadata = { ...next.metadata, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) }
    // A patch without a resourceVersion applies to whatever is current.
    next.metadata.resourceVersion ??= current.metadata.resourceVersion
    if (!r.subresource) this.validate(r.rt, next)
    this.commitUpdate(res, r, q, next)
  }

  /** `/scale`: an autoscaling/v1 Scale read from and written into the object's replicas. */
  private scale(req: IncomingMessage, res: ServerResponse, r: Route, q: URLSearchParams, body: Buffer): void {
    const current = this.store.mustGet(r.rt, r.namespace, r.name!)
    if (req.method === 'GET') return void send(res, 200, scaleOf(current))
    let scale: Obj
    if (req.method === 'PUT') scale = decodeObject(req, body)
    else if (req.method === 'PATCH') {
      const type = patchType(req, r.rt)
      scale =
        type === APPLY
          ? (mergePatch(scaleOf(current), parseApply(body)) as Obj)
          : patched(r.rt, scaleOf(current), type, body)
    } else throw methodNotAllowed()
    const next = applyScale(r.rt, current, scale)
    trackUpdate(r.rt, current, next, this.writer(req, q, 'Update', 'scale'))
    if (dryRun(q)) return void send(res, 200, scaleOf(next))
    send(res, 200, scaleOf(this.store.update(r.rt, next)))
  }

  private remove(
    req: IncomingMessage,
    res: ServerResponse,
    r: Route,
    q: URLSearchParams,
    body: Buffer,
  ): void {
    if (r.subresource) throw methodNotAllowed()
    const opts = deleteOptions(req, body, q)
    if (!r.name) {
      const items = this.store.list(r.rt, r.namespace, matcher(q))
      if (!opts.dryRun)
        for (const o of items)
          this.store.delete(r.rt, o.metadata.namespace, o.metadata.name, opts.propagation)
      return void send(res, 200, {
        kind: `${r.rt.kind}List`,
        apiVersion: groupVersion(r.rt),
        metadata: { resourceVersion: this.store.resourceVersion },
        items,
      })
    }
    const current = this.store.mustGet(r.rt, r.namespace, r.name)
    const pre = opts.preconditions
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${r.rt.plural}${r.rt.group ? `.${r.rt.group}` : ''} "${r.name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
      )
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion)
      throw conflict(r.rt, r.name)
    if (opts.dryRun) return void send(res, 200, current)
    send(res, 200, this.store.delete(r.rt, r.namespace, r.name, opts.propagation))
  }

  private writer(
    req: IncomingMessage,
    q: URLSearchParams,
    operation: Write['operation'],
    subresource?: string,
  ): Write {
    return {
      manager: managerOf(q.get('fieldManager'), req.headers['user-agent']),
      operation,
      ...(subresource ? { subresource } : {}),
    }
  }

  private checkIdentity(r: Route, obj: Obj): void {
    if (obj.kind && obj.kind !== r.rt.kind)
      throw badRequest(`the kind "${obj.kind}" does not match the resource ${r.rt.plural}`)
    if (obj.apiVersion && obj.apiVersion !== groupVersion(r.rt)) {
      throw badRequest(`the apiVersion "${obj.apiVersion}" does not match ${groupVersion(r.rt)}`)
    }
    const ns = obj.metadata?.namespace
    if (r.namespace && ns && ns !== r.namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      )
    }
  }

  private validate(rt: ResourceType, obj: Obj): void {
    this.validator.check(rt, obj)
  }

  // A CRD created through the API starts serving its kind, as on a real cluster.
  private afterWrite(rt: ResourceType, obj: Obj): void {
    if (rt.kind === 'CustomResourceDefinition') for (const t of typesFromCrd(obj)) this.store.registry.add(t)
  }

  private fail(res: ServerResponse, err: unknown): void {
    if (res.headersSent) {
      res.end()
      return
    }
    if (err instanceof ApiError) return void send(res, err.code, err.toStatus())
    console.error('sandbox: internal error', err)
    send(
      res,
      500,
      new ApiError(
        500,
        'InternalError',
        `Internal error occurred: ${(err as Error)?.message ?? err}`,
      ).toStatus(),
    )
  }
}
