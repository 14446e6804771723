import { badRequest } from './errors'
import type { Obj } from './util'

export type Matcher = (obj: Obj) => boolean

const always: Matcher = () => true

/** Label selectors: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x,y)`, `a`, `!a`, joined by commas. */
export function labelMatcher(selector: string | null | undefined): Matcher {
  if (!selector) return always
  const terms = splitTerms(selector)
  const tests = terms.map((term): Matcher => {
    const labels = (o: Obj): Record<string, string> => o.metadata?.labels ?? {}
    let m = /^\s*([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)\s*$/.exec(term)
    if (m) {
      const [, key, op, list] = m as unknown as [string, string, string, string]
      const values = list.split(',').map((v) => v.trim())
      return op === 'in'
        ? (o) => key in labels(o) && values.includes(labels(o)[key]!)
        : (o) => !(key in labels(o)) || !values.includes(labels(o)[key]!)
    }
    m = /^\s*([^\s!=]+)\s*(==|=|!=)\s*([^\s]*)\s*$/.exec(term)
    if (m) {
      const [, key, op, value] = m as unknown as [string, string, string, string]
      return op === '!=' ? (o) => labels(o)[key] !== value : (o) => labels(o)[key] === value
    }
    m = /^\s*(!?)([^\s!=]+)\s*$/.exec(term)
    if (m) {
      const [, not, key] = m as unknown as [string, string, string]
      return not ? (o) => !(key in labels(o)) : (o) => key in labels(o)
    }
    throw badRequest(`unable to parse requirement: ${term}`)
  })
  return (o) => tests.every((t) => t(o))
}

/** Field selectors: `path=value`, `path==value`, `path!=value`; any dotted path into the object. */
export function fieldMatcher(selector: string | null | undefined): Matcher {
  if (!selector) return always
  const tests = splitTerms(selector).map((term): Matcher => {
    const m = /^\s*([^\s!=]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term)
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`)
    const [, path, op, value] = m as unknown as [string, string, string, string]
    const read = (o: Obj) => {
      let cur: unknown = o
      for (const part of path.split('.'))
        cur = cur && typeof cur === 'object' ? (cur as Obj)[part] : undefined
      return cur === undefined || cur === null ? '' : String(cur)
    }
    return op === '!=' ? (o) => read(o) !== value : (o) => read(o) === value
  })
  return (o) => tests.every((t) => t(o))
}

// Commas inside `in (a,b)` do not split terms.
function splitTerms(selector: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of selector) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      out.push(cur)
      cur = ''
    } else cur += ch
  }
  if (cur.trim()) out.push(cur)
  return out.filter((t) => t.trim() !== '')
}

/** The label and field selectors of a list, watch or delete-collection request. */
export const matcher = (q: URLSearchParams) => {
  const labels = labelMatcher(q.get('labelSelector'))
  const fields = fieldMatcher(q.get('fieldSelector'))
  return (o: Obj) => labels(o) && fields(o)
}
