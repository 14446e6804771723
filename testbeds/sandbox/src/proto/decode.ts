import { ApiError } from '../errors'
import type { Obj } from '../util'
import { type FieldSpec, message, messageOf } from './schema'

/** The media type client-go's typed clients send for built-in kinds. */
export const PROTOBUF = 'application/vnd.kubernetes.protobuf'

const MAGIC = 0x6b387300 // "k8s\0"

/**
 * Decodes a Kubernetes protobuf body into the object's JSON form: the `k8s\0` envelope (a runtime.Unknown
 * with typeMeta, raw, contentEncoding, contentType), then the raw message by the schema of its kind.
 * Zero values the Go struct would omit from JSON are omitted, so the result reads as the JSON a client
 * would have sent. Anything it cannot read is a 415 naming what is missing, never a 500.
 */
export function decodeProtobuf(body: Buffer): Obj {
  if (body.length < 4 || body.readUInt32BE(0) !== MAGIC) {
    throw unsupported('the body does not start with the protobuf envelope magic "k8s\\0"')
  }
  const envelope = read(body.subarray(4))
  const typeMeta = read(bytesOf(envelope, 1))
  const apiVersion = bytesOf(typeMeta, 1).toString('utf8')
  const kind = bytesOf(typeMeta, 2).toString('utf8')
  const encoding = bytesOf(envelope, 3).toString('utf8')
  if (encoding) throw unsupported(`the content encoding "${encoding}" is not supported`)
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion]
  // DeleteOptions travels under every group's version (`v1`, `apps/v1`); its message is meta/v1's.
  const spec = message(kind === 'DeleteOptions' ? 'meta/v1.DeleteOptions' : messageOf(group!, version!, kind))
  if (!kind || !spec) {
    throw unsupported(
      `no protobuf schema for ${kind || 'an object without kind'} in ${apiVersion || 'no apiVersion'}`,
    )
  }
  return { apiVersion, kind, ...(convertMessage(spec.name, bytesOf(envelope, 2)) as Obj) }
}

const unsupported = (why: string) =>
  new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, ${PROTOBUF} (${why})`,
  )

interface WireField {
  wire: number
  /** varint value, or the bytes of a length-delimited or fixed-size field */
  value: bigint | Buffer
}

/** The fields of one message, in wire order. */
function read(buf: Buffer): Map<number, WireField[]> {
  const out = new Map<number, WireField[]>()
  let i = 0
  const varint = (): bigint => {
    let result = 0n
    let shift = 0n
    for (;;) {
      if (i >= buf.length || shift > 63n) throw unsupported('a varint runs past the end of its message')
      const b = buf[i++]!
      result |= BigInt(b & 0x7f) << shift
      if (b < 0x80) return result
      shift += 7n
    }
  }
  const take = (n: number): Buffer => {
    if (i + n > buf.length) throw unsupported('a field runs past the end of its message')
    const b = buf.subarray(i, i + n)
    i += n
    return b
  }
  while (i < buf.length) {
    const tag = Number(varint())
    const num = tag >>> 3
    const wire = tag & 7
    let value: bigint | Buffer
    if (wire === 0) value = varint()
    else if (wire === 2) value = take(Number(varint()))
    else if (wire === 1) value = take(8)
    else if (wire === 5) value = take(4)
    else throw unsupported(`wire type ${wire} of field ${num} is not supported`)
    const list = out.get(num)
    if (list) list.push({ wire, value })
    else out.set(num, [{ wire, value }])
  }
  return out
}

const bytesOf = (fields: Map<number, WireField[]>, num: number): Buffer => {
  const v = fields.get(num)?.at(-1)?.value
  return Buffer.isBuffer(v) ? v : Buffer.alloc(0)
}

const varintOf = (fields: Map<number, WireField[]>, num: number): bigint => {
  const v = fields.get(num)?.at(-1)?.value
  return typeof v === 'bigint' ? v : 0n
}

function parseRaw(raw: Buffer): unknown {
  if (raw.length === 0) return undefined
  try {
    return JSON.parse(raw.toString('utf8'))
  } catch {
    throw unsupported('an embedded raw object is not JSON')
  }
}

/** Types whose JSON form is not their message's fields. */
const SPECIAL: Record<string, (buf: Buffer) => unknown> = {
  'intstr.IntOrString': (buf) => {
    const f = read(buf)
    return varintOf(f, 1) === 1n ? bytesOf(f, 3).toString('utf8') : Number(BigInt.asIntN(32, varintOf(f, 2)))
  },
  'resource.Quantity': (buf) => bytesOf(read(buf), 1).toString('utf8'),
  'meta/v1.Time': (buf) => time(buf, false),
  'meta/v1.MicroTime': (buf) => time(buf, true),
  'meta/v1.FieldsV1': (buf) => parseRaw(bytesOf(read(buf), 1)),
  'runtime.RawExtension': (buf) => parseRaw(bytesOf(read(buf), 1)),
  'apiextensions/v1.JSON': (buf) => parseRaw(bytesOf(read(buf), 1)),
  'authentication/v1.ExtraValue': (buf) =>
    (read(buf).get(1) ?? []).map((w) => (w.value as Buffer).toString('utf8')),
  'apiextensions/v1.JSONSchemaPropsOrBool': (buf) => {
    const f = read(buf)
    return f.has(2)
      ? convertMessage('apiextensions/v1.JSONSchemaProps', bytesOf(f, 2))
      : varintOf(f, 1) !== 0n
  },
  'apiextensions/v1.JSONSchemaPropsOrArray': (buf) => {
    const f = read(buf)
    if (f.has(1)) return convertMessage('apiextensions/v1.JSONSchemaProps', bytesOf(f, 1))
    return (f.get(2) ?? []).map((w) => convertMessage('apiextensions/v1.JSONSchemaProps', w.value as Buffer))
  },
  'apiextensions/v1.JSONSchemaPropsOrStringArray': (buf) => {
    const f = read(buf)
    if (f.has(1)) return convertMessage('apiextensions/v1.JSONSchemaProps', bytesOf(f, 1))
    return (f.get(2) ?? []).map((w) => (w.value as Buffer).toString('utf8'))
  },
}

/** metav1.Time: seconds precision RFC 3339 (MicroTime: microseconds); the zero time is null, as in JSON. */
function time(buf: Buffer, micro: boolean): string | null {
  const f = read(buf)
  const seconds = Number(BigInt.asIntN(64, varintOf(f, 1)))
  const nanos = Number(varintOf(f, 2))
  if (seconds === 0 && nanos === 0) return null
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19)
  return micro ? `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso}Z`
}

function convertMessage(name: string, buf: Buffer): unknown {
  const special = SPECIAL[name]
  if (special) return special(buf)
  const spec = message(name)
  if (!spec) throw unsupported(`no protobuf schema for ${name}`)
  const out: Obj = {}
  for (const [num, values] of read(buf)) {
    const field = spec.byNumber.get(num)
    if (!field) continue // a newer client's field this schema does not know: dropped, as an older server would
    const value = convertField(field, values)
    if (value === undefined) continue
    if (field.inline && value && typeof value === 'object') Object.assign(out, value)
    else out[field.json] = value
  }
  return out
}

function convertField(field: FieldSpec, values: WireField[]): unknown {
  if (field.map) {
    const out: Obj = {}
    for (const entry of values) {
      const e = read(entry.value as Buffer)
      const key = bytesOf(e, 1).toString('utf8')
      out[key] = e.has(2) ? single(field.type, e.get(2)!.at(-1)!) : zero(field.type)
    }
    return out
  }
  if (field.repeated) {
    const out: unknown[] = []
    for (const w of values) {
      // Repeated numbers may come packed in one length-delimited field.
      if (w.wire === 2 && isNumeric(field.type)) out.push(...unpack(field.type, w.value as Buffer))
      else out.push(single(field.type, w))
    }
    return out
  }
  const value = single(field.type, values.at(-1)!)
  if (!field.keepZero && isZero(value)) return undefined
  return value
}

const isNumeric = (type: string) => /^(u?int(32|64)|bool|double|float)$/.test(type)

function unpack(type: string, buf: Buffer): unknown[] {
  const out: unknown[] = []
  if (type === 'double' || type === 'float') {
    const size = type === 'double' ? 8 : 4
    for (let i = 0; i + size <= buf.length; i += size)
      out.push(type === 'double' ? buf.readDoubleLE(i) : buf.readFloatLE(i))
    return out
  }
  let i = 0
  while (i < buf.length) {
    let v = 0n
    let shift = 0n
    for (;;) {
      const b = buf[i++]!
      v |= BigInt(b & 0x7f) << shift
      if (b < 0x80 || i >= buf.length) break
      shift += 7n
    }
    out.push(single(type, { wire: 0, value: v }))
  }
  return out
}

function single(type: string, w: WireField): unknown {
  const { value } = w
  switch (type) {
    case 'string':
      return (value as Buffer).toString('utf8')
    case 'bytes':
      return (value as Buffer).toString('base64')
    case 'bool':
      return value !== 0n
    case 'int32':
      return Number(BigInt.asIntN(32, value as bigint))
    case 'int64':
      return Number(BigInt.asIntN(64, value as bigint))
    case 'uint32':
    case 'uint64':
      return Number(value as bigint)
    case 'double':
      return (value as Buffer).readDoubleLE(0)
    case 'float':
      return (value as Buffer).readFloatLE(0)
    default:
      if (!Buffer.isBuffer(value)) throw unsupported(`field of type ${type} is not length-delimited`)
      return convertMessage(type, value)
  }
}

function zero(type: string): unknown {
  if (type === 'string') return ''
  if (type === 'bool') return false
  if (isNumeric(type)) return 0
  return type === 'bytes' ? '' : {}
}

const isZero = (v: unknown) => v === '' || v === 0 || v === false || v === undefined
