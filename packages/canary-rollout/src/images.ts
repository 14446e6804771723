import {
  hasTagOrDigest,
  isWantedImage,
  parseImageRef,
  tagOrDigest,
  type WantedImage,
} from '@canary-delivery/image-ref'
import type { KubeObject } from '@canary-delivery/kube'

export interface Workload extends KubeObject {
  spec?: { template?: { spec?: { containers?: { name: string; image?: string }[] } } }
}

/** What the new revision must run: a tag (or a digest), a full image reference, or both. */
export interface ExpectedImage {
  tag?: string
  image?: string
}

/** The expectation as one wanted revision; an image without tag or digest takes `tag`. */
function wantedOf(expected: ExpectedImage): WantedImage | undefined {
  const version = expected.tag ? tagOrDigest(expected.tag) : {}
  if (!expected.image) return version
  const image = parseImageRef(expected.image)
  if (!image) return undefined
  return image.tag !== undefined || image.digest !== undefined
    ? image
    : { ...version, repository: image.repository }
}

/** Whether one container image reference is the expected one. */
export function imageMatches(ref: string, expected: ExpectedImage): boolean {
  const running = parseImageRef(ref)
  const wanted = wantedOf(expected)
  // An image without tag or digest proves nothing about the revision (callers reject it).
  return running !== undefined && wanted !== undefined && isWantedImage(running, wanted)
}

export function containerImages(workload: Workload | undefined): string[] {
  return (workload?.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').filter(Boolean)
}

/** Whether the workload's pod template runs the expected image in one of its containers. */
export function carriesImage(workload: Workload | undefined, expected: ExpectedImage): boolean {
  return containerImages(workload).some((ref) => imageMatches(ref, expected))
}

export function describeExpected(expected: ExpectedImage): string {
  if (expected.image && expected.tag && !hasTagOrDigest(expected.image))
    return `${expected.image}${tagOrDigest(expected.tag).digest ? '@' : ':'}${expected.tag}`
  return expected.image ?? `tag ${expected.tag}`
}
