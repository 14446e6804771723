import type { IncomingMessage } from 'node:http'
import { BUILTIN_COLUMNS, type Column, created } from './printers'
import type { ResourceType } from './resources'
import type { Obj } from './util'

export const wantsTable = (req: IncomingMessage): boolean => /as=Table/.test(String(req.headers.accept ?? ''))

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
        // Built-in printers give `Created At` as a timestamp; other date cells become ages, as on a server.
        return c.type === 'date' && c.name !== 'Created At' ? age(v) : (v ?? '')
      }),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  }
}

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
  const builtin = rt.builtin ? BUILTIN_COLUMNS[`${rt.group}/${rt.kind}`] : undefined
  if (builtin) return builtin
  if (rt.kind === 'Event') return eventColumns
  return [created]
}

const eventColumns: Column[] = [
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
