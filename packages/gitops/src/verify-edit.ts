import type { Document, Scalar } from 'yaml'
import type { ValuesRoot } from './values-merge'
import { isPlainObject, type PathSegment, parseDocuments, plainData, sameData } from './yaml-documents'
import { eolOf } from './yaml-text'

/** One scalar the edit sets, and its new value. */
export interface ScalarPlan {
  docIndex: number
  path: PathSegment[]
  node: Scalar
  value: string
}

/**
 * Re-parses the result and refuses anything but the intended change. The expectation is built on
 * `docs`, the parse of `before`, by setting the planned values in place (so anchors carry to their
 * aliases): the caller must be done reading them.
 */
export function verifyEdit(
  before: string,
  after: string,
  docs: Document.Parsed[],
  plans: ScalarPlan[],
  valuesRoot: ValuesRoot | undefined,
  values: Record<string, unknown> | undefined,
  fileName: string,
): void {
  let reparsed: Document.Parsed[]
  try {
    reparsed = parseDocuments(after, fileName)
  } catch (error) {
    throw new Error(
      `refusing the edit of ${fileName}: the result does not parse (${(error as Error).message})`,
    )
  }
  if (reparsed.length !== docs.length)
    throw new Error(`refusing the edit of ${fileName}: the number of documents changed`)
  for (const plan of plans) plan.node.value = plan.value
  const want = plainData(docs, fileName)
  if (valuesRoot && values) {
    const doc = want[valuesRoot.docIndex] as Record<string, unknown>
    // Each top-level key given replaces the one there; the rest of the values stay.
    if (valuesRoot.path.length === 0) want[valuesRoot.docIndex] = { ...doc, ...values }
    else {
      const spec = (doc.spec ?? {}) as Record<string, unknown>
      doc.spec = {
        ...spec,
        values: { ...(isPlainObject(spec.values) ? spec.values : {}), ...values },
      }
    }
  }
  const got = plainData(reparsed, fileName)
  if (!sameData(got, want)) {
    throw new Error(
      `refusing the edit of ${fileName}: re-reading it shows changes beyond the intended fields`,
    )
  }
  if (eolOf(before) !== eolOf(after) && before.includes('\n'))
    throw new Error(`refusing the edit of ${fileName}: line endings changed`)
}
