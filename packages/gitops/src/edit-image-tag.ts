import { ConfigurationError } from '@canary-delivery/action-kit'
import { parseImageRef } from '@canary-delivery/image-ref'
import { type ChosenField, chooseTagField, describeField } from './choose-field'
import { parseValuesInput, type ValuesInput } from './values-input'
import { type ValuesRoot, valuesSplices } from './values-merge'
import { type ScalarPlan, verifyEdit } from './verify-edit'
import { excerpt, type FieldChange, parseDocuments, scalarText } from './yaml-documents'
import { applySplices, renderScalar, type Splice } from './yaml-text'

export interface EditRequest {
  /** The file's text, exactly as read. */
  content: string
  /** How the file is named in messages. */
  fileName: string
  tag: string
  /** The image repository: picks among several images, and replaces the repository name where it differs. */
  image?: string
  /** The app: among equally likely fields, the one in the document or image named after it wins. */
  app?: string
  /** An explicit field: `spec.values.image.tag`, `images[name=app].newTag`, optionally `HelmRelease/app:` or `doc[1].` first. */
  field?: string
  /**
   * Written under `spec.values` of a HelmRelease (or the top of a plain values file). As YAML text,
   * the comments of blocks that are added are kept; a whole HelmRelease gives its spec.values.
   */
  values?: ValuesInput
}

export interface EditResult {
  content: string
  changed: boolean
  /** The tag before the edit (for an `image: repo:tag` string, its tag part). */
  previousTag?: string
  /** The field that holds the tag, e.g. `HelmRelease/podinfo spec.values.image.tag`. */
  field: string
  /** Every field whose value changed. */
  changes: FieldChange[]
}

/**
 * Writes `tag` (and optionally `values`) into a YAML file with the smallest possible change: only the
 * bytes of the edited scalars differ, everything else (comments, order, quoting, line endings,
 * anchors) is kept. The file is parsed once; the result is parsed again and compared with the
 * intended change, and any other difference is refused.
 */
export function editImageTag(request: EditRequest): EditResult {
  const { content, fileName } = request
  const docs = parseDocuments(content, fileName)
  const chosen = chooseTagField(docs, content, request)
  const target = chosen.candidate
  const { plans, previousTag } = planTag(chosen, request, describeField(docs, target))

  const changes: FieldChange[] = []
  const splices: Splice[] = []
  for (const plan of plans) {
    if (scalarText(plan.node) === plan.value && typeof plan.node.value === 'string') continue
    if (!plan.node.range) throw new Error('internal: scalar without a source range')
    splices.push({
      start: plan.node.range[0],
      end: plan.node.range[1],
      text: renderScalar(plan.node, plan.value),
    })
    changes.push({
      field: describeField(docs, { ...target, path: plan.path }),
      from: scalarText(plan.node),
      to: plan.value,
    })
  }

  let valuesRoot: ValuesRoot | undefined
  const { data: values, source } = parseValuesInput(request.values)
  if (values && Object.keys(values).length > 0) {
    const merge = valuesSplices(content, docs, target.docIndex, values, source, changes, fileName)
    valuesRoot = merge.root
    splices.push(...merge.splices)
  }

  const result = applySplices(content, splices)
  const field = describeField(docs, target)
  verifyEdit(content, result, docs, plans, valuesRoot, values, fileName)
  return { content: result, changed: result !== content, previousTag, field, changes }
}

/** The scalars to set: the tag (or the reference holding it) and, when `image` moves, the repository. */
function planTag(
  { candidate: target, replaceRepository }: ChosenField,
  { tag, image, fileName }: EditRequest,
  field: string,
): { plans: ScalarPlan[]; previousTag: string | undefined } {
  const at = { docIndex: target.docIndex, path: target.path, node: target.node }
  const current = scalarText(target.node)
  if (target.kind === 'ref') {
    const ref = parseImageRef(current ?? '')
    if (!ref)
      throw new ConfigurationError(`${fileName}: ${field} is not an image reference ('${excerpt(current)}')`)
    const repository = replaceRepository && image ? image : ref.repository
    return { plans: [{ ...at, value: `${repository}:${tag}` }], previousTag: ref.tag }
  }
  const plans: ScalarPlan[] = [{ ...at, value: tag }]
  const repoNode = target.repositoryNode
  if (replaceRepository && image && repoNode) {
    const value =
      repoNode.prefix && image.startsWith(repoNode.prefix) ? image.slice(repoNode.prefix.length) : image
    plans.push({ docIndex: target.docIndex, path: repoNode.path, node: repoNode.node, value })
  }
  return { plans, previousTag: current }
}
