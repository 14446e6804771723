import { MESSAGES } from './messages'

/** One field of a built-in kind's message, as the generated table describes it. */
export interface FieldSpec {
  num: number
  /** The JSON name (`$ref`, `x-kubernetes-list-type` and the like where the proto name differs). */
  json: string
  /** A scalar (`string`, `int32`, …) or a message name (`core/v1.PodSpec`). */
  type: string
  repeated: boolean
  /** A map from string keys to `type`. */
  map: boolean
  /** A zero value is part of the object (a Go pointer, or a field without omitempty). */
  keepZero: boolean
  /** Go embeds it: its fields appear in the parent's JSON. */
  inline: boolean
  /** Keys of an associative list (`+listType=map`). */
  listMapKeys?: string[]
  /** A list of unique scalars (`+listType=set`). */
  set: boolean
  /** Owned as a whole by server-side apply (`+structType=atomic`, `+mapType=atomic`). */
  atomic: boolean
}

export interface MessageSpec {
  name: string
  fields: FieldSpec[]
  byNumber: Map<number, FieldSpec>
  byJson: Map<string, FieldSpec>
  atomic: boolean
}

export const SCALARS = new Set([
  'string',
  'bool',
  'bytes',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'double',
  'float',
])

const parsed = new Map<string, MessageSpec>()

/** The message of a built-in type by name, or undefined when the sandbox does not know it. */
export function message(name: string): MessageSpec | undefined {
  const cached = parsed.get(name)
  if (cached) return cached
  const text = MESSAGES[name]
  if (text === undefined) return undefined
  const spec: MessageSpec = { name, fields: [], byNumber: new Map(), byJson: new Map(), atomic: false }
  for (const part of text.split(';').filter(Boolean)) {
    if (part === 'atomic') {
      spec.atomic = true
      continue
    }
    const [num, json, rawType, ...flags] = part.split(' ') as [string, string, string, ...string[]]
    const repeated = rawType.startsWith('[]')
    const map = rawType.startsWith('{}')
    const keys = flags.filter((f) => f.startsWith('k=')).map((f) => f.slice(2))
    const field: FieldSpec = {
      num: Number(num),
      json,
      type: repeated || map ? rawType.slice(2) : rawType,
      repeated,
      map,
      keepZero: flags.includes('p'),
      inline: flags.includes('i'),
      set: flags.includes('set'),
      atomic: flags.includes('atomic'),
      ...(keys.length ? { listMapKeys: keys } : {}),
    }
    spec.fields.push(field)
    spec.byNumber.set(field.num, field)
    spec.byJson.set(json, field)
  }
  parsed.set(name, spec)
  return spec
}

/** API groups as the generated table names their packages: `rbac.authorization.k8s.io` → `rbac`. */
export function messageOf(group: string, version: string, kind: string): string {
  const pkg = group === '' ? 'core' : group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '')
  return `${pkg}/${version}.${kind}`
}

/** Whether the generated table has the message of this kind. */
export const hasMessage = (group: string, version: string, kind: string): boolean =>
  MESSAGES[messageOf(group, version, kind)] !== undefined
