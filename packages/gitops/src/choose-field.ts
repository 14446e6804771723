import { ConfigurationError } from '@canary-delivery/action-kit'
import { sameRepository } from '@canary-delivery/image-ref'
import type { Document } from 'yaml'
import { resolveFieldPath } from './field-path'
import { type Candidate, discoverTagFields, RANK } from './tag-fields'
import { docLabel, excerpt, pathText } from './yaml-documents'

/** Candidates an error message lists before it says how many more there are. */
const LISTED = 5

/** What picks the field: an explicit path, or the image and the app among the fields discovered. */
export interface FieldRequest {
  fileName: string
  field?: string
  image?: string
  app?: string
}

/** A field as messages and results name it: `HelmRelease/app spec.values.image.tag`. */
export function describeField(docs: Document.Parsed[], c: Pick<Candidate, 'docIndex' | 'path'>): string {
  const label = docLabel(docs[c.docIndex]!, c.docIndex, docs.length)
  return `${label ? `${label} ` : ''}${pathText(c.path)}`
}

function matchesImage(c: Candidate, image: string): boolean {
  const last = image.split('/').pop()
  return (
    (c.repository !== undefined && sameRepository(c.repository, image)) ||
    (c.matchName !== undefined && sameRepository(c.matchName, image)) ||
    (c.policy !== undefined && c.policy === last)
  )
}

/** The field that gets the tag, and whether `image` names a new repository for it. */
export interface ChosenField {
  candidate: Candidate
  replaceRepository: boolean
}

/** Which field of the file to edit: the explicit `field`, or the best one discovered. */
export function chooseTagField(docs: Document.Parsed[], content: string, request: FieldRequest): ChosenField {
  if (request.field) {
    const candidate = resolveFieldPath(docs, request.field, request.fileName, content)
    const { image } = request
    const moved = !!image && candidate.kind === 'ref' && !sameRepository(candidate.repository ?? '', image)
    return { candidate, replaceRepository: moved }
  }
  const candidates = docs.flatMap((doc, i) => discoverTagFields(content, doc, i))
  return choose(docs, candidates, request)
}

function choose(docs: Document.Parsed[], candidates: Candidate[], request: FieldRequest): ChosenField {
  const { image, fileName } = request
  // A hostile file may hold thousands of candidates: the message names a few.
  const list = (cs: Candidate[]) =>
    cs
      .slice(0, LISTED)
      .map((c) => `${excerpt(describeField(docs, c), 200)} (${excerpt(c.node.value)})`)
      .join(', ') + (cs.length > LISTED ? ` and ${cs.length - LISTED} more` : '')
  if (candidates.length === 0) {
    throw new ConfigurationError(
      `${fileName} has no image tag field (looked for Flux $imagepolicy markers, …image.tag, kustomization images[].newTag and image: repo:tag strings); name one with the 'field' input`,
    )
  }
  let pool = candidates
  const replaceRepository = false
  if (image) {
    const matching = candidates.filter((c) => matchesImage(c, image))
    if (matching.length > 0) pool = matching
    else {
      // No field names this image: with one clear best field, the image moves to the new repository.
      const best = bestTier(candidates)
      if (best.length !== 1 || (!best[0]!.repositoryNode && best[0]!.kind !== 'ref')) {
        throw new ConfigurationError(
          `${fileName} has no image tag field for image '${image}' (found ${list(candidates)})`,
        )
      }
      return { candidate: best[0]!, replaceRepository: true }
    }
  }
  let best = bestTier(pool)
  if (best.length > 1 && request.app) {
    // The release named after the app, or the image whose last path segment is the app's name.
    const last = (repository?: string) => repository?.split('/').pop()
    const named = best.filter(
      (c) =>
        docs[c.docIndex]!.getIn(['metadata', 'name']) === request.app ||
        last(c.repository) === request.app ||
        last(c.matchName) === request.app,
    )
    if (named.length === 1) best = named
  }
  if (best.length > 1) {
    throw new ConfigurationError(
      `${fileName} has ${best.length} equally likely image tag fields: ${list(best)}; choose with the 'image' or 'field' input`,
    )
  }
  return { candidate: best[0]!, replaceRepository }
}

function bestTier(candidates: Candidate[]): Candidate[] {
  const score = (c: Candidate) => RANK[c.via] * 1000 + c.path.length
  const top = candidates.reduce((best, c) => Math.min(best, score(c)), Number.POSITIVE_INFINITY)
  return candidates.filter((c) => score(c) === top)
}
