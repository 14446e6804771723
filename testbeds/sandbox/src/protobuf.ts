import { ApiError } from './errors'
import type { Obj } from './util'

/**
 * Just enough of Kubernetes' protobuf encoding for kubectl's typed creates (`kubectl create namespace`,
 * `create configmap`, `create secret generic`), which client-go 1.32 sends as protobuf and cannot
 * retry as JSON: the "k8s\0" envelope (runtime.Unknown), ObjectMeta, ConfigMap data and Secret data.
 */
export function decodeProtobuf(body: Buffer): Obj {
  if (body.length < 4 || body.readUInt32BE(0) !== 0x6b387300) throw unsupported()
  const unknown = fields(body.subarray(4))
  const typeMeta = fields(first(unknown, 1) ?? Buffer.alloc(0))
  const apiVersion = str(first(typeMeta, 1))
  const kind = str(first(typeMeta, 2))
  const raw = fields(first(unknown, 2) ?? Buffer.alloc(0))
  const obj: Obj = { apiVersion, kind, metadata: objectMeta(first(raw, 1)) }
  if (kind === 'ConfigMap') {
    const data = stringMap(raw, 2)
    if (Object.keys(data).length) obj.data = data
    const binary = bytesMap(raw, 3)
    if (Object.keys(binary).length) obj.binaryData = binary
  } else if (kind === 'Secret') {
    const data = bytesMap(raw, 2)
    if (Object.keys(data).length) obj.data = data
    const type = first(raw, 3)
    if (type) obj.type = str(type)
  } else if (kind !== 'Namespace') {
    throw unsupported(kind)
  }
  return obj
}

const unsupported = (kind?: string) =>
  new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (the sandbox decodes protobuf only for Namespace, ConfigMap and Secret${kind ? `, not ${kind}` : ''}: use kubectl apply -f)`,
  )

type Fields = Map<number, Buffer[]>

function fields(buf: Buffer): Fields {
  const out: Fields = new Map()
  let i = 0
  const varint = () => {
    let result = 0
    let shift = 0
    for (;;) {
      if (i >= buf.length) throw unsupported()
      const b = buf[i++]!
      result += (b & 0x7f) * 2 ** shift
      if (b < 0x80) return result
      shift += 7
    }
  }
  while (i < buf.length) {
    const tag = varint()
    const field = Math.floor(tag / 8)
    const wire = tag & 7
    if (wire === 0) {
      varint()
      continue
    }
    if (wire !== 2) throw unsupported()
    const len = varint()
    const value = buf.subarray(i, i + len)
    i += len
    out.set(field, [...(out.get(field) ?? []), value])
  }
  return out
}

const first = (f: Fields, n: number) => f.get(n)?.[0]
const str = (b: Buffer | undefined) => (b ? b.toString('utf8') : '')

function objectMeta(buf: Buffer | undefined): Obj {
  const f = fields(buf ?? Buffer.alloc(0))
  const meta: Obj = {}
  if (first(f, 1)) meta.name = str(first(f, 1))
  if (first(f, 2)) meta.generateName = str(first(f, 2))
  if (first(f, 3)) meta.namespace = str(first(f, 3))
  const labels = stringMap(f, 11)
  if (Object.keys(labels).length) meta.labels = labels
  const annotations = stringMap(f, 12)
  if (Object.keys(annotations).length) meta.annotations = annotations
  return meta
}

function stringMap(f: Fields, n: number): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of f.get(n) ?? []) {
    const e = fields(entry)
    out[str(first(e, 1))] = str(first(e, 2))
  }
  return out
}

function bytesMap(f: Fields, n: number): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of f.get(n) ?? []) {
    const e = fields(entry)
    out[str(first(e, 1))] = (first(e, 2) ?? Buffer.alloc(0)).toString('base64')
  }
  return out
}
