import type { IncomingMessage, ServerResponse } from 'node:http'
import { parse as parseYaml } from 'yaml'
import { ApiError, badRequest } from './errors'
import { decodeProtobuf, PROTOBUF } from './proto/decode'
import type { Propagation } from './store'
import { isObj, type Obj } from './util'

/** Request and response plumbing shared by the API server's handlers. */

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(text)
}

/** Boolean query parameters as apimachinery reads them: absent, 0 or false is false, anything else true. */
export const flag = (v: string | null): boolean => v !== null && v !== '0' && v.toLowerCase() !== 'false'

export const dryRun = (q: URLSearchParams) => q.getAll('dryRun').includes('All')

const mediaType = (req: IncomingMessage) =>
  (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()

/** A create or update body in any media type a real server takes for built-in kinds (JSON when unsaid). */
export function decodeObject(req: IncomingMessage, body: Buffer): Obj {
  const type = mediaType(req)
  if (type === PROTOBUF) return decodeProtobuf(body)
  if (type === 'application/yaml') return parseApply(body)
  if (type === 'application/json' || type === '') return parseJson(body)
  throw new ApiError(
    415,
    'UnsupportedMediaType',
    `${type} is not supported: the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, ${PROTOBUF}`,
  )
}

export function parseJson(body: Buffer, allowArray = false): Obj {
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

export function parseApply(body: Buffer): Obj {
  let value: unknown
  const text = body.toString('utf8')
  try {
    // Clients mostly send JSON (which is YAML too); parsing it as JSON is much faster on big CRDs.
    value = /^\s*\{/.test(text) ? parseJsonOrYaml(text) : parseYaml(text, { maxAliasCount: 100 })
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message}`)
  }
  if (!isObj(value)) throw badRequest('the apply patch must be an object')
  return value
}

function parseJsonOrYaml(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return parseYaml(text, { maxAliasCount: 100 })
  }
}

export interface DeleteOptions {
  propagation?: Propagation
  preconditions?: { uid?: string; resourceVersion?: string }
  dryRun: boolean
}

/** DeleteOptions from the body (JSON, or protobuf from typed clients) and the query, as the apiserver merges them. */
export function deleteOptions(req: IncomingMessage, body: Buffer, q: URLSearchParams): DeleteOptions {
  const opts: Obj =
    body.length === 0 ? {} : mediaType(req) === PROTOBUF ? decodeProtobuf(body) : parseJson(body)
  let policy: string | undefined = q.get('propagationPolicy') ?? opts.propagationPolicy
  const orphan = q.has('orphanDependents') ? flag(q.get('orphanDependents')) : opts.orphanDependents
  if (policy === undefined && orphan !== undefined) policy = orphan ? 'Orphan' : 'Background'
  if (policy !== undefined && !['Background', 'Foreground', 'Orphan'].includes(policy)) {
    throw new ApiError(
      422,
      'Invalid',
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
    )
  }
  return {
    ...(policy ? { propagation: policy as Propagation } : {}),
    ...(isObj(opts.preconditions) ? { preconditions: opts.preconditions } : {}),
    dryRun: dryRun(q) || (Array.isArray(opts.dryRun) && opts.dryRun.includes('All')),
  }
}
