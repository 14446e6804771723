import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parse as parseYaml } from 'yaml'
import { apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery'
import { ApiError, badRequest, invalid, notFound } from './errors'
import type { FaultSettings } from './faults'
import { openApiGroupVersion, openApiRoot } from './openapi'
import { applyMerge, jsonPatch, mergePatch, PatchTestFailed, strategicMerge } from './patch'
import { decodeProtobuf, PROTOBUF } from './proto/decode'
import { groupVersion, type ResourceType, typesFromCrd } from './resources'
import { fieldMatcher, labelMatcher } from './selectors'
import type { Store } from './store'
import { toTable, wantsTable } from './table'
import { isObj, type Obj } from './util'
import type { Validator } from './validation'
import { serveWatch, type WatchConnection } from './watch'

const MAX_WATCH_SECONDS = 1800

interface Route {
  rt: ResourceType
  namespace?: string
  name?: string
  subresource?: string
}

/** The HTTP face of the sandbox: kube-apiserver's REST paths over the generic store. */
export class ApiServer {
  private readonly server: Server
  private readonly watches = new Set<WatchConnection>()
  faults: FaultSettings = {}
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
    const body = await readBody(req)
    const path = url.pathname.replace(/\/+$/, '') || '/'
    // Discovery and OpenAPI are spared by faults unless asked: clients cache them and retry differently.
    const discovery =
      !path.startsWith('/api') || /^\/api(\/v1)?$/.test(path) || /^\/apis(\/[^/]+){0,2}$/.test(path)
    if (await this.injectFault(res, discovery)) return

    if (path === '/version') return void send(res, 200, versionInfo)
    if (path === '/healthz' || path === '/readyz' || path === '/livez') return sendText(res, 200, 'ok')
    if (path === '/api') return void send(res, 200, apiVersions(req.headers.host ?? ''))
    if (path === '/apis') return void send(res, 200, apiGroupList(this.store.registry))
    if (path === '/openapi/v3') return void send(res, 200, openApiRoot(this.store.registry))
    if (path.startsWith('/openapi/v3/')) {
      const doc = openApiGroupVersion(this.store.registry, path.slice('/openapi/v3/'.length))
      return doc
        ? send(res, 200, doc)
        : this.fail(res, new ApiError(404, 'NotFound', 'the server could not find the requested resource'))
    }
    const gv = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path)
    if (gv) {
      const list = gv[1]
        ? apiResourceList(this.store.registry, '', 'v1')
        : apiResourceList(this.store.registry, gv[2]!, gv[3]!)
      return list
        ? send(res, 200, list)
        : this.fail(res, new ApiError(404, 'NotFound', 'the server could not find the requested resource'))
    }
    const route = this.route(path)
    if (!route) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource')
    const q = url.searchParams
    switch (req.method) {
      case 'GET':
        if (route.name) return this.get(req, res, route)
        if (flag(q.get('watch'))) return this.watch(req, res, route, q)
        return this.list(req, res, route, q)
      case 'POST':
        return this.create(req, res, route, q, body)
      case 'PUT':
        return this.replace(req, res, route, q, body)
      case 'PATCH':
        return this.patch(req, res, route, q, body)
      case 'DELETE':
        return this.remove(res, route, q)
      default:
        throw new ApiError(
          405,
          'MethodNotAllowed',
          `the server does not allow this method on the requested resource`,
        )
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
  private route(path: string): Route | undefined {
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
    } else return undefined
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
    const rt = this.store.registry.byPlural(group, version, rest[0] ?? '')
    if (!rt || rest.length > 3) return undefined
    if (namespace && !rt.namespaced) return undefined
    const route: Route = { rt }
    if (namespace) route.namespace = namespace
    if (rest[1]) route.name = rest[1]
    if (rest[2]) {
      if (rest[2] !== 'status' || !rt.statusSubresource) return undefined
      route.subresource = rest[2]
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
    if (r.name)
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      )
    const obj = decodeObject(req, body)
    this.checkIdentity(r, obj)
    if (r.namespace) obj.metadata = { ...obj.metadata, namespace: r.namespace }
    this.validate(r.rt, obj)
    if (dryRun(q)) return void send(res, 201, obj)
    const created = this.store.create(r.rt, obj)
    this.afterWrite(r.rt, created)
    send(res, 201, created)
  }

  private replace(
    req: IncomingMessage,
    res: ServerResponse,
    r: Route,
    q: URLSearchParams,
    body: Buffer,
  ): void {
    if (!r.name)
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      )
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
    if (!r.subresource) this.validate(r.rt, obj)
    if (dryRun(q)) return void send(res, 200, obj)
    const updated = this.store.update(r.rt, obj, { status: r.subresource === 'status' })
    this.afterWrite(r.rt, updated)
    send(res, 200, updated)
  }

  private patch(req: IncomingMessage, res: ServerResponse, r: Route, q: URLSearchParams, body: Buffer): void {
    if (!r.name)
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      )
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim()
    const accepted = [
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/apply-patch+yaml',
    ]
    if (r.rt.builtin) accepted.push('application/strategic-merge-patch+json')
    if (!accepted.includes(type)) {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `${type || 'the request'} is not supported by ${groupVersion(r.rt)}, Kind=${r.rt.kind}: the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
      )
    }
    const manager = q.get('fieldManager')
    if (type === 'application/apply-patch+yaml') {
      if (!manager)
        throw invalid(r.rt, r.name, [
          { field: 'fieldManager', message: 'Required value: is required for apply patch' },
        ])
    } else if (q.has('force')) {
      throw invalid(r.rt, r.name, [
        { field: 'force', message: 'Forbidden: may not be specified for non-apply patch' },
      ])
    }
    const current = this.store.get(r.rt, r.namespace, r.name)
    if (!current) {
      // Server-side apply creates what is missing; kubectl sends no POST.
      if (type !== 'application/apply-patch+yaml' || r.subresource) throw notFound(r.rt, r.name)
      const obj = parseApply(body)
      this.checkIdentity(r, obj)
      obj.metadata = { ...obj.metadata, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) }
      this.validate(r.rt, obj)
      if (dryRun(q)) return void send(res, 201, obj)
      const created = this.store.create(r.rt, obj)
      this.afterWrite(r.rt, created)
      return void send(res, 201, created)
    }
    let next: Obj
    try {
      switch (type) {
        case 'application/json-patch+json':
          next = jsonPatch(current, parseJson(body, true))
          break
        case 'application/merge-patch+json':
          next = mergePatch(current, parseJson(body)) as Obj
          break
        case 'application/strategic-merge-patch+json':
          next = strategicMerge(current, parseJson(body)) as Obj
          break
        default: {
          const applied = parseApply(body)
          this.checkIdentity(r, applied)
          next = applyMerge(current, applied, r.rt.builtin)
        }
      }
    } catch (err) {
      if (err instanceof PatchTestFailed) throw invalid(r.rt, r.name, [{ field: '', message: err.message }])
      throw err
    }
    if (!isObj(next)) throw badRequest('the patch did not produce an object')
    next.metadata = { ...next.metadata, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) }
    // A patch without a resourceVersion applies to whatever is current.
    next.metadata.resourceVersion ??= current.metadata.resourceVersion
    if (!r.subresource) this.validate(r.rt, next)
    if (dryRun(q)) return void send(res, 200, next)
    const updated = this.store.update(r.rt, next, { status: r.subresource === 'status' })
    this.afterWrite(r.rt, updated)
    send(res, 200, updated)
  }

  private remove(res: ServerResponse, r: Route, q: URLSearchParams): void {
    if (!r.name) {
      const items = this.store.list(r.rt, r.namespace, matcher(q))
      if (!dryRun(q)) for (const o of items) this.store.delete(r.rt, o.metadata.namespace, o.metadata.name)
      return void send(res, 200, {
        kind: `${r.rt.kind}List`,
        apiVersion: groupVersion(r.rt),
        metadata: { resourceVersion: this.store.resourceVersion },
        items,
      })
    }
    if (dryRun(q)) return void send(res, 200, this.store.mustGet(r.rt, r.namespace, r.name))
    send(res, 200, this.store.delete(r.rt, r.namespace, r.name))
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

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(text)
}

// Boolean query parameters as apimachinery reads them: absent, 0 or false is false, anything else true.
const flag = (v: string | null): boolean => v !== null && v !== '0' && v.toLowerCase() !== 'false'

/** The apiserver's rules for watch-list parameters (apimachinery's ListOptions validation). */
function checkWatchList(rt: ResourceType, q: URLSearchParams, initialEvents: boolean): void {
  const causes: { field: string; message: string }[] = []
  if (q.get('resourceVersionMatch') !== 'NotOlderThan')
    causes.push({
      field: 'resourceVersionMatch',
      message: `Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan`,
    })
  if (initialEvents && !flag(q.get('allowWatchBookmarks')))
    causes.push({
      field: 'allowWatchBookmarks',
      message: 'Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true',
    })
  if (causes.length) throw invalid(rt, '', causes, 'ListOptions.meta.k8s.io')
}

const dryRun = (q: URLSearchParams) => q.getAll('dryRun').includes('All')

const matcher = (q: URLSearchParams) => {
  const labels = labelMatcher(q.get('labelSelector'))
  const fields = fieldMatcher(q.get('fieldSelector'))
  return (o: Obj) => labels(o) && fields(o)
}

/** A create or update body in any media type a real server takes for built-in kinds (JSON when unsaid). */
function decodeObject(req: IncomingMessage, body: Buffer): Obj {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === PROTOBUF) return decodeProtobuf(body)
  if (type === 'application/yaml') return parseApply(body)
  if (type === 'application/json' || type === '') return parseJson(body)
  throw new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, ${PROTOBUF}`,
  )
}

function parseJson(body: Buffer, allowArray = false): Obj {
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch (err) {
    throw badRequest(`the body of the request could not be decoded as JSON: ${(err as Error).message}`)
  }
  if (!(isObj(value) || (allowArray && Array.isArray(value))))
    throw badRequest('the body of the request must be a JSON object')
  return value as Obj
}

function parseApply(body: Buffer): Obj {
  let value: unknown
  try {
    value = parseYaml(body.toString('utf8'))
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message}`)
  }
  if (!isObj(value)) throw badRequest('the apply patch must be an object')
  return value
}
