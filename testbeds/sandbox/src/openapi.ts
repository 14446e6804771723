import type { IncomingMessage, ServerResponse } from 'node:http'
import { versionInfo } from './discovery'
import { type FieldSpec, message, messageOf } from './proto/schema'
import type { Registry, ResourceType } from './resources'
import type { Obj } from './util'

const openApiPath = (g: { group: string; version: string }) =>
  g.group === '' ? `api/${g.version}` : `apis/${g.group}/${g.version}`

/** What clients ask for; the answer names it without the `@`, which is not valid in a media type. */
const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf'
const OPENAPI_V2_PROTOBUF_ANSWER = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf'

/**
 * `GET /openapi/v2`, present and empty: the schemas are in v3. kubectl and helm fetch it (as protobuf)
 * only to validate a kind v3 does not know, and find nothing to check, as on a real cluster for a kind
 * nothing serves; the mapping then fails with "no matches for kind".
 */
export function openApiV2(req: IncomingMessage, res: ServerResponse): void {
  const accept = String(req.headers.accept ?? '')
  if (accept.includes(OPENAPI_V2_PROTOBUF) || accept.includes(OPENAPI_V2_PROTOBUF_ANSWER)) {
    // A gnostic Document with only `swagger: "2.0"` (field 1): no paths, no definitions.
    const body = Buffer.from([0x0a, 0x03, ...Buffer.from('2.0')])
    res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF_ANSWER, 'Content-Length': body.length })
    return void res.end(body)
  }
  const text = JSON.stringify({
    swagger: '2.0',
    info: { title: 'Kubernetes', version: versionInfo.gitVersion },
    paths: {},
    definitions: {},
  })
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

/** `GET /openapi/v3`: one document per group/version, as kube-apiserver lists them. */
export function openApiRoot(registry: Registry): Obj {
  const paths: Obj = {}
  for (const g of registry.groups())
    paths[openApiPath(g)] = { serverRelativeURL: `/openapi/v3/${openApiPath(g)}` }
  return { paths }
}

/**
 * `GET /openapi/v3/<gv>`: a PATCH operation per kind that takes `fieldValidation` (so kubectl and helm
 * leave validation to the server) and the schemas of its kinds, so `kubectl explain` can walk them.
 * Built-in schemas come from the protobuf table (field names, types, list and map semantics; no
 * descriptions), custom resources from their CRD. Strategic merge is left out of the content types on
 * purpose: kubectl then builds its patches from its compiled-in types.
 */
export function openApiGroupVersion(registry: Registry, path: string): Obj | undefined {
  const cached = documents.get(registry)
  if (cached?.generation === registry.generation && cached.docs.has(path)) return cached.docs.get(path)
  const doc = buildGroupVersion(registry, path)
  const entry =
    cached?.generation === registry.generation ? cached : { generation: registry.generation, docs: new Map() }
  entry.docs.set(path, doc)
  documents.set(registry, entry)
  return doc
}

/** Documents already built, per registry, while its kinds stay the same. */
const documents = new WeakMap<Registry, { generation: number; docs: Map<string, Obj | undefined> }>()

function buildGroupVersion(registry: Registry, path: string): Obj | undefined {
  const g = registry.groups().find((x) => openApiPath(x) === path)
  if (!g) return undefined
  const paths: Obj = {}
  const schemas: Obj = {}
  for (const t of registry.all().filter((x) => x.group === g.group && x.version === g.version)) {
    paths[objectPath(t)] = {
      patch: {
        'x-kubernetes-group-version-kind': { group: t.group, version: t.version, kind: t.kind },
        parameters: [
          { name: 'fieldValidation', in: 'query', schema: { type: 'string' } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string' } },
          { name: 'force', in: 'query', schema: { type: 'boolean' } },
        ],
        requestBody: {
          content: {
            'application/json-patch+json': {},
            'application/merge-patch+json': {},
            'application/apply-patch+yaml': {},
          },
        },
        responses: { '200': { description: 'OK' } },
      },
    }
    addKindSchema(t, schemas)
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: versionInfo.gitVersion },
    paths,
    components: { schemas },
  }
}

function objectPath(t: ResourceType): string {
  const base = t.group === '' ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`
  return t.namespaced ? `${base}/namespaces/{namespace}/${t.plural}/{name}` : `${base}/${t.plural}/{name}`
}

/** The definition names kube-apiserver uses: `io.k8s.api.apps.v1.Deployment`, `app.flagger.v1beta1.Canary`. */
function definitionName(messageName: string): string {
  const [pkg, name] = [messageName.slice(0, messageName.lastIndexOf('.')), messageName.split('.').pop()!]
  if (pkg === 'meta/v1') return `io.k8s.apimachinery.pkg.apis.meta.v1.${name}`
  if (pkg === 'intstr') return `io.k8s.apimachinery.pkg.util.intstr.${name}`
  if (pkg === 'resource') return `io.k8s.apimachinery.pkg.api.resource.${name}`
  if (pkg === 'runtime') return `io.k8s.apimachinery.pkg.runtime.${name}`
  if (pkg === 'apiextensions/v1') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.${name}`
  return `io.k8s.api.${pkg.replace('/', '.')}.${name}`
}

const crdDefinitionName = (t: ResourceType) =>
  `${t.group.split('.').reverse().join('.')}.${t.version}.${t.kind}`

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

/** Schemas of types whose JSON is not their message's fields. */
const SPECIAL: Record<string, Obj> = {
  'intstr.IntOrString': { type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true },
  'resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
  'meta/v1.Time': { type: 'string', format: 'date-time' },
  'meta/v1.MicroTime': { type: 'string', format: 'date-time' },
  'meta/v1.FieldsV1': { type: 'object' },
  'runtime.RawExtension': { type: 'object' },
  'apiextensions/v1.JSON': { 'x-kubernetes-preserve-unknown-fields': true },
  'apiextensions/v1.JSONSchemaPropsOrArray': { 'x-kubernetes-preserve-unknown-fields': true },
  'apiextensions/v1.JSONSchemaPropsOrBool': { 'x-kubernetes-preserve-unknown-fields': true },
  'apiextensions/v1.JSONSchemaPropsOrStringArray': { 'x-kubernetes-preserve-unknown-fields': true },
  'authentication/v1.ExtraValue': { type: 'array', items: { type: 'string', default: '' } },
}

const SCALAR_SCHEMAS: Record<string, Obj> = {
  string: { type: 'string' },
  bool: { type: 'boolean' },
  bytes: { type: 'string', format: 'byte' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  uint32: { type: 'integer', format: 'int32' },
  uint64: { type: 'integer', format: 'int64' },
  double: { type: 'number', format: 'double' },
  float: { type: 'number', format: 'float' },
}

function addKindSchema(t: ResourceType, schemas: Obj): void {
  const gvk = [{ group: t.group, kind: t.kind, version: t.version }]
  const typeMeta = { apiVersion: { type: 'string' }, kind: { type: 'string' } }
  if (t.builtin) {
    const name = messageOf(t.group, t.version, t.kind)
    if (!message(name)) return
    addMessage(name, schemas)
    const schema = schemas[definitionName(name)]
    schema.properties = { ...typeMeta, ...schema.properties }
    schema['x-kubernetes-group-version-kind'] = gvk
    return
  }
  addMessage('meta/v1.ObjectMeta', schemas)
  const base: Obj = t.schema ? structuredClone(t.schema) : { type: 'object' }
  base.properties = {
    ...typeMeta,
    ...base.properties,
    metadata: { allOf: [ref(definitionName('meta/v1.ObjectMeta'))], default: {} },
  }
  base['x-kubernetes-group-version-kind'] = gvk
  schemas[crdDefinitionName(t)] = base
}

function addMessage(name: string, schemas: Obj): void {
  const def = definitionName(name)
  if (schemas[def]) return
  if (SPECIAL[name]) {
    schemas[def] = SPECIAL[name]
    return
  }
  const spec = message(name)
  if (!spec) return
  const schema: Obj = { type: 'object', properties: {} }
  schemas[def] = schema
  if (spec.atomic) schema['x-kubernetes-map-type'] = 'atomic'
  for (const f of spec.fields) {
    if (f.inline) {
      addMessage(f.type, schemas)
      Object.assign(schema.properties, schemas[definitionName(f.type)]?.properties ?? {})
      continue
    }
    schema.properties[f.json] = fieldSchema(f, schemas)
  }
}

function fieldSchema(f: FieldSpec, schemas: Obj): Obj {
  let item: Obj
  if (SCALAR_SCHEMAS[f.type]) item = { ...SCALAR_SCHEMAS[f.type] }
  else {
    addMessage(f.type, schemas)
    item = { allOf: [ref(definitionName(f.type))] }
  }
  if (f.map) {
    const out: Obj = { type: 'object', additionalProperties: item }
    if (f.atomic) out['x-kubernetes-map-type'] = 'atomic'
    return out
  }
  if (!f.repeated) return item
  const out: Obj = { type: 'array', items: item }
  if (f.listMapKeys) {
    out['x-kubernetes-list-type'] = 'map'
    out['x-kubernetes-list-map-keys'] = f.listMapKeys
  } else if (f.set) out['x-kubernetes-list-type'] = 'set'
  else if (f.atomic) out['x-kubernetes-list-type'] = 'atomic'
  return out
}
