/**
 * Writes src/proto/messages.ts: for every message reachable from the kinds the sandbox serves, its field
 * numbers, wire types, JSON names and list/map semantics, read from the Kubernetes sources (the
 * generated.proto files for numbers and types, the Go types for JSON names, pointers, omitempty and the
 * +listType/+listMapKey/+structType/+mapType markers). Facts only: no comments or descriptions are kept.
 *
 *   tsx testbeds/sandbox/scripts/proto-schema.ts API_DIR APIMACHINERY_DIR APIEXTENSIONS_DIR
 *
 * with checkouts of k8s.io/api, k8s.io/apimachinery and k8s.io/apiextensions-apiserver.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const [apiDir, machineryDir, extDir] = process.argv.slice(2)
if (!apiDir || !machineryDir || !extDir) {
  console.error('usage: proto-schema.ts API_DIR APIMACHINERY_DIR APIEXTENSIONS_DIR')
  process.exit(2)
}

/** The messages of the kinds the sandbox serves; everything they reference is included. */
const ROOTS = [
  'core/v1.Namespace',
  'core/v1.Service',
  'core/v1.ConfigMap',
  'core/v1.Secret',
  'core/v1.Event',
  'core/v1.ServiceAccount',
  'core/v1.Pod',
  'core/v1.PersistentVolumeClaim',
  'core/v1.Node',
  'core/v1.Endpoints',
  'apps/v1.Deployment',
  'apps/v1.ReplicaSet',
  'apps/v1.StatefulSet',
  'apps/v1.DaemonSet',
  'apps/v1.ControllerRevision',
  'batch/v1.Job',
  'batch/v1.CronJob',
  'autoscaling/v1.Scale',
  'autoscaling/v2.HorizontalPodAutoscaler',
  'rbac/v1.ClusterRole',
  'rbac/v1.ClusterRoleBinding',
  'rbac/v1.Role',
  'rbac/v1.RoleBinding',
  'networking/v1.NetworkPolicy',
  'networking/v1.Ingress',
  'networking/v1.IngressClass',
  'policy/v1.PodDisruptionBudget',
  'admissionregistration/v1.ValidatingWebhookConfiguration',
  'admissionregistration/v1.MutatingWebhookConfiguration',
  'authorization/v1.SelfSubjectAccessReview',
  'authorization/v1.SelfSubjectRulesReview',
  'authentication/v1.SelfSubjectReview',
  'coordination/v1.Lease',
  'storage/v1.StorageClass',
  'apiextensions/v1.CustomResourceDefinition',
  'meta/v1.DeleteOptions',
]

interface ProtoField {
  num: number
  name: string
  type: string
  repeated: boolean
  map?: string
}

/** `k8s.io.api.core.v1` → `core/v1`; apimachinery's packages by their last element. */
function shortPackage(pkg: string): string {
  const api = /^k8s\.io\.api\.([a-z0-9]+)\.(v[a-z0-9]+)$/.exec(pkg)
  if (api) return `${api[1]}/${api[2]}`
  if (pkg === 'k8s.io.apimachinery.pkg.apis.meta.v1') return 'meta/v1'
  if (pkg === 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1') return 'apiextensions/v1'
  return pkg.split('.').pop()!
}

const messages = new Map<string, ProtoField[]>()
const goDirs = new Map<string, string>()

function readProto(file: string, goDir: string): void {
  const text = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '')
  const pkg = shortPackage(/^package ([\w.]+);/m.exec(text)![1]!)
  goDirs.set(pkg, goDir)
  for (const m of text.matchAll(/^message (\w+) \{([^}]*)\}/gm)) {
    const fields: ProtoField[] = []
    for (const f of m[2]!.matchAll(
      /(optional|repeated)?\s*(map<\s*string\s*,\s*([\w.]+)\s*>|[\w.]+)\s+(\w+)\s*=\s*(\d+)/g,
    )) {
      const ref = (t: string) =>
        t.startsWith('.')
          ? `${shortPackage(t.slice(1, t.lastIndexOf('.')))}${t.slice(t.lastIndexOf('.'))}`
          : /^[A-Z]/.test(t)
            ? `${pkg}.${t}`
            : t
      const field: ProtoField = {
        num: Number(f[5]),
        name: f[4]!,
        type: f[3] ? ref(f[3]) : ref(f[2]!),
        repeated: f[1] === 'repeated',
      }
      if (f[3]) field.map = 'string'
      fields.push(field)
    }
    messages.set(`${pkg}.${m[1]}`, fields)
  }
}

for (const dir of readdirSync(apiDir!, { withFileTypes: true })) {
  if (!dir.isDirectory()) continue
  for (const v of readdirSync(join(apiDir!, dir.name), { withFileTypes: true })) {
    const file = join(apiDir!, dir.name, v.name, 'generated.proto')
    try {
      readProto(file, join(apiDir!, dir.name, v.name))
    } catch {}
  }
}
for (const p of ['pkg/apis/meta/v1', 'pkg/api/resource', 'pkg/runtime', 'pkg/util/intstr'])
  readProto(join(machineryDir!, p, 'generated.proto'), join(machineryDir!, p))
readProto(
  join(extDir!, 'pkg/apis/apiextensions/v1/generated.proto'),
  join(extDir!, 'pkg/apis/apiextensions/v1'),
)

interface GoField {
  json: string
  keepZero: boolean
  inline: boolean
  markers: string[]
}

/** Go struct fields by message and protobuf name: JSON name, pointer/omitempty, markers above the field. */
const goFields = new Map<string, Map<string, GoField>>()
const goStructMarkers = new Map<string, string[]>()
function readGo(pkg: string, dir: string): void {
  for (const file of readdirSync(dir).filter((f) => /^types.*\.go$/.test(f))) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n')
    let current: string | undefined
    let markers: string[] = []
    for (const line of lines) {
      const start = /^type (\w+) struct \{/.exec(line)
      if (start) {
        current = `${pkg}.${start[1]}`
        goStructMarkers.set(current, markers)
        goFields.set(current, new Map())
        markers = []
        continue
      }
      if (/^\s*\/\/\s*\+/.test(line)) {
        markers.push(line.replace(/^\s*\/\/\s*\+/, '').trim())
        continue
      }
      if (/^\s*\/\//.test(line) || line.trim() === '') continue
      if (line.startsWith('}')) current = undefined
      const tag = /^\s*(?:(\w+)\s+)?(\S+)\s+`([^`]*)`/.exec(line)
      if (current && tag) {
        const json = /json:"([^"]*)"/.exec(tag[3]!)?.[1] ?? ''
        const proto = /protobuf:"[^"]*name=(\w+)/.exec(tag[3]!)?.[1]
        if (proto) {
          const [jsonName, ...opts] = json.split(',')
          goFields.get(current)!.set(proto, {
            json: jsonName ?? '',
            keepZero: tag[2]!.startsWith('*') || !opts.includes('omitempty'),
            // An embedded struct without a JSON name is inlined, like one tagged `,inline`.
            inline: opts.includes('inline') || (!tag[1] && !jsonName),
            // The struct tags of strategic merge also make a list associative for server-side apply.
            markers: [
              ...markers,
              ...(/patchStrategy:"[^"]*merge/.test(tag[3]!)
                ? [
                    /patchMergeKey:"(\w+)"/.exec(tag[3]!)?.[1]
                      ? `patchMergeKey=${/patchMergeKey:"(\w+)"/.exec(tag[3]!)![1]}`
                      : 'patchStrategy=merge',
                  ]
                : []),
            ],
          })
        }
      }
      markers = []
    }
  }
}
for (const [pkg, dir] of goDirs) readGo(pkg, dir)

const SCALARS = new Set(['string', 'bool', 'bytes', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float'])
const out = new Map<string, string>()
const queue = [...ROOTS]
while (queue.length > 0) {
  const name = queue.shift()!
  if (out.has(name)) continue
  const fields = messages.get(name)
  if (!fields) throw new Error(`no message ${name}`)
  const go = goFields.get(name) ?? new Map<string, GoField>()
  const parts: string[] = []
  for (const f of fields) {
    const g = go.get(f.name)
    const flags: string[] = []
    if (g?.keepZero && !f.repeated && !f.map && SCALARS.has(f.type)) flags.push('p')
    if (g?.inline) flags.push('i')
    const markers = g?.markers ?? []
    const listType = markers.map((m) => /^listType=(\w+)/.exec(m)?.[1]).find(Boolean)
    const keys = markers.map((m) => /^listMapKey=(\w+)/.exec(m)?.[1]).filter(Boolean)
    const mergeKey = markers.map((m) => /^patchMergeKey=(\w+)/.exec(m)?.[1]).find(Boolean)
    if (f.repeated && !listType && keys.length === 0) {
      // Without list markers, structured-merge-diff reads a strategic merge key as the list's key.
      if (mergeKey) keys.push(mergeKey)
      else if (markers.includes('patchStrategy=merge')) flags.push('set')
    }
    if (listType === 'set') flags.push('set')
    for (const key of keys) flags.push(`k=${key}`)
    if (markers.some((m) => /^(mapType|structType)=atomic/.test(m)) || listType === 'atomic')
      flags.push('atomic')
    if (!SCALARS.has(f.type)) queue.push(f.type)
    const type = f.map ? `{}${f.type}` : f.repeated ? `[]${f.type}` : f.type
    const json = g?.json || f.name
    parts.push([f.num, json, type, ...flags].join(' '))
  }
  if ((goStructMarkers.get(name) ?? []).includes('structType=atomic')) parts.unshift('atomic')
  out.set(name, parts.join(';'))
}

const commit = (dir: string) => execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD']).toString().trim()
const here = dirname(fileURLToPath(import.meta.url))
const target = join(here, '..', 'src', 'proto', 'messages.ts')
const body = [...out.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([k, v]) => `  '${k}': '${v}',`)
  .join('\n')
writeFileSync(
  target,
  `// Generated by testbeds/sandbox/scripts/proto-schema.ts from k8s.io/api ${commit(apiDir)},
// k8s.io/apimachinery ${commit(machineryDir)} and k8s.io/apiextensions-apiserver ${commit(extDir)}.
// Each message: \`number jsonName type [flags]\` per field, joined by ';'. A type is a scalar, a message
// (\`group/version.Name\`), \`[]T\` (repeated) or \`{}T\` (map from string). Flags: p = a zero value is
// kept (a pointer, or no omitempty), i = inlined into the parent in JSON, k=key = a list-map key,
// set = a list of unique values, atomic = owned as a whole by server-side apply.

export const MESSAGES: Record<string, string> = {
${body}
}
`,
)
console.log(`wrote ${out.size} messages to ${target}`)
