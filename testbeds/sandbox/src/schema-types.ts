import { type FieldSpec, message, messageOf, SCALARS } from './proto/schema'
import type { ResourceType } from './resources'
import { isObj, type Obj } from './util'

/**
 * The shape server-side apply sees in a type: which objects are structs or maps it can own field by
 * field, which lists are associative (by their keys), sets, or atomic. Built-in kinds take it from the
 * protobuf table's markers, custom resources from their CRD schema; what neither describes is
 * "deduced" as structured-merge-diff does (maps granular, lists atomic).
 */
export interface TypeNode {
  kind: 'struct' | 'map' | 'list' | 'set' | 'atomic'
  /** struct: the type of a field (undefined: deduced). */
  field?: (name: string) => TypeNode | undefined
  /** map values, list items. */
  item?: TypeNode
  /** list: the keys of an associative list. */
  keys?: string[]
}

export const DEDUCED: TypeNode = { kind: 'map', field: () => undefined }
const ATOMIC: TypeNode = { kind: 'atomic' }

/** Messages whose JSON is a scalar or a blob, owned as a whole. */
const OPAQUE = new Set([
  'intstr.IntOrString',
  'resource.Quantity',
  'meta/v1.Time',
  'meta/v1.MicroTime',
  'meta/v1.FieldsV1',
  'runtime.RawExtension',
  'apiextensions/v1.JSON',
  'apiextensions/v1.JSONSchemaPropsOrArray',
  'apiextensions/v1.JSONSchemaPropsOrBool',
  'apiextensions/v1.JSONSchemaPropsOrStringArray',
  'authentication/v1.ExtraValue',
])

const messageNodes = new Map<string, TypeNode>()

function messageNode(name: string): TypeNode {
  if (OPAQUE.has(name)) return ATOMIC
  const cached = messageNodes.get(name)
  if (cached) return cached
  const spec = message(name)
  if (!spec) return DEDUCED
  const fields = new Map<string, FieldSpec>()
  const collect = (msg: string) => {
    for (const f of message(msg)?.fields ?? []) {
      if (f.inline) collect(f.type)
      else fields.set(f.json, f)
    }
  }
  collect(name)
  const node: TypeNode = spec.atomic
    ? ATOMIC
    : {
        kind: 'struct',
        field: (n) => {
          const f = fields.get(n)
          return f ? fieldNode(f) : undefined
        },
      }
  messageNodes.set(name, node)
  return node
}

function fieldNode(f: FieldSpec): TypeNode {
  const value = SCALARS.has(f.type) ? ATOMIC : messageNode(f.type)
  if (f.map) return f.atomic ? ATOMIC : { kind: 'map', item: value }
  if (!f.repeated) return value
  if (f.listMapKeys) return { kind: 'list', keys: f.listMapKeys, item: value }
  if (f.set) return { kind: 'set' }
  return ATOMIC
}

function schemaNode(schema: Obj | undefined): TypeNode | undefined {
  if (!isObj(schema)) return undefined
  if (schema['x-kubernetes-int-or-string']) return ATOMIC
  if (schema.type === 'array') {
    const listType = schema['x-kubernetes-list-type']
    if (listType === 'map')
      return {
        kind: 'list',
        keys: schema['x-kubernetes-list-map-keys'] ?? [],
        item: schemaNode(schema.items) ?? DEDUCED,
      }
    return listType === 'set' ? { kind: 'set' } : ATOMIC
  }
  if (schema.type === 'object' || schema.properties || schema.additionalProperties) {
    if (schema['x-kubernetes-map-type'] === 'atomic') return ATOMIC
    if (schema.properties) {
      const props = schema.properties as Obj
      return { kind: 'struct', field: (n) => (n in props ? (schemaNode(props[n]) ?? DEDUCED) : undefined) }
    }
    if (isObj(schema.additionalProperties))
      return { kind: 'map', item: schemaNode(schema.additionalProperties) ?? DEDUCED }
    return DEDUCED
  }
  return schema['x-kubernetes-preserve-unknown-fields'] ? DEDUCED : ATOMIC
}

const rootNodes = new WeakMap<ResourceType, TypeNode>()

/** The type of a whole object of this kind; metadata is always ObjectMeta's. */
export function typeOf(rt: ResourceType): TypeNode {
  const cached = rootNodes.get(rt)
  if (cached) return cached
  const meta = messageNode('meta/v1.ObjectMeta')
  const body = rt.builtin
    ? messageNode(messageOf(rt.group, rt.version, rt.kind))
    : (schemaNode(rt.schema) ?? DEDUCED)
  const node: TypeNode = {
    kind: 'struct',
    field: (n) => (n === 'metadata' ? meta : n === 'apiVersion' || n === 'kind' ? ATOMIC : body.field?.(n)),
  }
  rootNodes.set(rt, node)
  return node
}

/** The type of a child: a struct's field, a map's value, or deduced when the schema is silent. */
export function child(node: TypeNode | undefined, name: string): TypeNode {
  if (!node) return DEDUCED
  if (node.kind === 'struct') return node.field?.(name) ?? DEDUCED
  if (node.kind === 'map') return node.item ?? DEDUCED
  return ATOMIC
}
