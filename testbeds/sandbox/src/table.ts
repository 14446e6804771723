import type { IncomingMessage } from 'node:http'
import type { ResourceType } from './resources'
import type { Obj } from './util'

export const wantsTable = (req: IncomingMessage): boolean => /as=Table/.test(String(req.headers.accept ?? ''))

interface Column {
  name: string
  type: string
  priority?: number
  cell: (o: Obj) => unknown
}

/** Server-side printing for `kubectl get`: columns of the CRD's printer columns, or a few for built-ins. */
export function toTable(rt: ResourceType, items: Obj[], resourceVersion: string): Obj {
  const columns: Column[] = [
    { name: 'Name', type: 'string', cell: (o) => o.metadata.name },
    ...columnsFor(rt),
  ]
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.name === 'Name' ? 'name' : '',
      description: '',
      priority: c.priority ?? 0,
    })),
    rows: items.map((o) => ({
      cells: columns.map((c) => {
        const v = c.cell(o)
        return c.type === 'date' ? age(v) : (v ?? '')
      }),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  }
}

const created: Column = { name: 'Age', type: 'date', cell: (o) => o.metadata.creationTimestamp }

function columnsFor(rt: ResourceType): Column[] {
  if (rt.printerColumns) {
    const cols = rt.printerColumns.map((c) => ({
      name: c.name,
      type: c.type,
      ...(c.priority ? { priority: c.priority } : {}),
      cell: (o: Obj) => jsonPath(o, c.jsonPath),
    }))
    return cols.some((c) => c.name === 'Age') ? cols : [...cols, created]
  }
  switch (rt.kind) {
    case 'Deployment':
      return [
        {
          name: 'Ready',
          type: 'string',
          cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`,
        },
        { name: 'Up-to-date', type: 'integer', cell: (o) => o.status?.updatedReplicas ?? 0 },
        { name: 'Available', type: 'integer', cell: (o) => o.status?.availableReplicas ?? 0 },
        created,
      ]
    case 'Event':
      return [
        { name: 'Last Seen', type: 'date', cell: (o) => o.lastTimestamp ?? o.firstTimestamp },
        { name: 'Type', type: 'string', cell: (o) => o.type },
        { name: 'Reason', type: 'string', cell: (o) => o.reason },
        {
          name: 'Object',
          type: 'string',
          cell: (o) => `${String(o.involvedObject?.kind).toLowerCase()}/${o.involvedObject?.name}`,
        },
        { name: 'Message', type: 'string', cell: (o) => o.message },
      ]
    case 'Namespace':
      return [{ name: 'Status', type: 'string', cell: (o) => o.status?.phase }, created]
    default:
      return [created]
  }
}

/** The JSONPath subset CRD printer columns use: `.a.b`, `.a[0].b`, `.a[?(@.type=="Ready")].status`. */
export function jsonPath(obj: Obj, path: string): unknown {
  let cur: unknown[] = [obj]
  const re = /\.([A-Za-z0-9_-]+)|\[(\d+)\]|\[\?\(@\.([A-Za-z0-9_]+)=="([^"]*)"\)\]/g
  for (const m of path.matchAll(re)) {
    cur = cur.flatMap((c) => {
      if (c === null || typeof c !== 'object') return []
      if (m[1] !== undefined) return (c as Obj)[m[1]] === undefined ? [] : [(c as Obj)[m[1]]]
      if (m[2] !== undefined)
        return Array.isArray(c) && c[Number(m[2])] !== undefined ? [c[Number(m[2])]] : []
      return Array.isArray(c) ? c.filter((x) => x && String(x[m[3]!]) === m[4]) : []
    })
  }
  if (cur.length === 0) return undefined
  return cur.length === 1 ? cur[0] : cur.join(',')
}

function age(value: unknown): string {
  if (typeof value !== 'string') return '<unknown>'
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(value)) / 1000))
  if (s < 120) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m${s % 60 ? `${s % 60}s` : ''}`
  const h = Math.floor(m / 60)
  return h < 48 ? `${h}h${m % 60 ? `${m % 60}m` : ''}` : `${Math.floor(h / 24)}d`
}
