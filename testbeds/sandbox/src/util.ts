import { createHash, randomUUID } from 'node:crypto'

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects are free-form JSON
export type Obj = Record<string, any>

export const clone = <T>(value: T): T => structuredClone(value)

/** RFC 3339 with seconds precision, as metav1.Time serialises. */
export const timestamp = (ms = Date.now()): string => `${new Date(ms).toISOString().slice(0, 19)}Z`

export const uuid = (): string => randomUUID()

/** JSON with sorted keys, so equal objects hash equally. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Obj)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * A short hash in the alphabet Kubernetes uses for generated names (rand.SafeEncodeString), so it looks
 * like Flagger's lastAppliedSpec. Flagger's own value (a Go hash) cannot be reproduced, only compared.
 */
export function specHash(value: unknown): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789'
  const digest = createHash('sha256').update(stableJson(value)).digest()
  let out = ''
  for (let i = 0; i < 10; i++) out += alphabet[digest[i]! % alphabet.length]
  return out
}

export const deepEqual = (a: unknown, b: unknown): boolean => stableJson(a) === stableJson(b)

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `Kind/namespace/name` (or `Kind/name` when cluster-scoped), as messages about an object name it. */
export const objectLabel = (obj: Obj): string =>
  `${obj.kind}/${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata?.name}`
