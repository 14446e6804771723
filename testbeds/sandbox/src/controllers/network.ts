import { createHash } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { labelMatcher } from '../selectors'
import type { Obj } from '../util'
import type { ControllerContext } from './context'
import { isPodReady } from './pods'

/** Where a k3s pod's resolver asks; Go names it in every failed lookup. */
export const CLUSTER_DNS = '10.43.0.10:53'

/** A connection attempt's outcome: the Service and its ready pods, or the error Go's dialer gives. */
export type Dial = { ok: true; service: Obj; backends: Obj[] } | { ok: false; error: string }

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/**
 * What a pod in `fromNamespace` reaches at host:port inside the cluster: a Service (by short name,
 * `name.namespace`, `.svc` or the full cluster domain) with at least one ready pod behind its
 * selector. Anything else fails the way it fails in a pod: an unknown name at the cluster's DNS, a
 * Service with nothing ready behind it refuses the connection.
 */
export function dialService(ctx: ControllerContext, host: string, port: number, fromNamespace: string): Dial {
  const name = host.replace(/\.$/, '')
  const parts = name.split('.')
  const suffix = parts.slice(2).join('.')
  const isService =
    parts.length === 1 || (parts.length >= 2 && ['', 'svc', 'svc.cluster.local'].includes(suffix))
  const services = ctx.registry.byKind('v1', 'Service')!
  const service = isService ? ctx.store.get(services, parts[1] ?? fromNamespace, parts[0]!) : undefined
  if (!service) return { ok: false, error: `dial tcp: lookup ${host} on ${CLUSTER_DNS}: no such host` }
  const refused = {
    ok: false as const,
    error: `dial tcp ${clusterIP(service)}:${port}: connect: connection refused`,
  }
  const selector: Obj | undefined = service.spec?.selector
  if (!selector || Object.keys(selector).length === 0) return refused
  if (!(service.spec?.ports ?? []).some((p: Obj) => p.port === port)) return refused
  const backends = readyPods(ctx, service.metadata.namespace, selector)
  return backends.length > 0 ? { ok: true, service, backends } : refused
}

/** Dials the host and port of an http(s) URL, as seen from a pod in `fromNamespace`. */
export function dialUrl(ctx: ControllerContext, url: string, fromNamespace: string): Dial {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, error: `parse "${url}": invalid URI for request` }
  }
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80))
  return dialService(ctx, parsed.hostname, port, fromNamespace)
}

/** The ready pods behind a Service's selector: its endpoints. */
function readyPods(ctx: ControllerContext, namespace: string, selector: Obj): Obj[] {
  const matches = labelMatcher(
    Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  )
  const pods = ctx.registry.byKind('v1', 'Pod')
  return pods ? ctx.store.list(pods, namespace, (p) => matches(p) && isPodReady(p)) : []
}

/** A Service's cluster IP, or a stable made-up one in k3s's service range when the server set none. */
export function clusterIP(service: Obj): string {
  const ip = service.spec?.clusterIP
  if (typeof ip === 'string' && ip !== '' && ip !== 'None') return ip
  const h = createHash('sha256').update(`${service.metadata.namespace}/${service.metadata.name}`).digest()
  return `10.43.${h[0]}.${(h[1]! % 253) + 1}`
}

/** Bytes from an http(s) URL for a controller, with the errors Go's HTTP client gives. */
export function httpGet(url: string, timeoutMs = 60_000, maxBytes = 50 * 1024 * 1024): Promise<Buffer> {
  const parsed = new URL(url)
  // The sandbox has no way out: only this machine's loopback answers, where tests serve charts.
  if (!LOOPBACK.has(parsed.hostname)) {
    return Promise.reject(
      new Error(`Get "${url}": dial tcp: lookup ${parsed.hostname} on ${CLUSTER_DNS}: no such host`),
    )
  }
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80')
  const get = parsed.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = get(url, { method: 'GET', timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume()
        reject(new HttpStatusError(url, res.statusCode ?? 0, res.statusMessage ?? ''))
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBytes) {
          req.destroy()
          reject(new Error(`Get "${url}": response exceeds ${maxBytes} bytes`))
        } else chunks.push(chunk)
      })
      res.on('end', () => resolve(Buffer.concat(chunks)))
      res.on('error', (err) => reject(new Error(`Get "${url}": ${err.message}`)))
    })
    req.on('timeout', () => {
      req.destroy()
      reject(
        new Error(`Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`),
      )
    })
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED')
        reject(new Error(`Get "${url}": dial tcp ${parsed.hostname}:${port}: connect: connection refused`))
      else reject(new Error(`Get "${url}": ${err.message}`))
    })
    req.end()
  })
}

/** A non-200 answer; Helm's getter reports it as `failed to fetch <url> : <status>`. */
export class HttpStatusError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    statusText: string,
  ) {
    super(`failed to fetch ${url} : ${status} ${statusText}`)
  }
}
