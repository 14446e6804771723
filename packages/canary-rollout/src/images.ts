import type { KubeObject } from '@canary-delivery/kube'

export interface Workload extends KubeObject {
  spec?: { template?: { spec?: { containers?: { name: string; image?: string }[] } } }
}

/** What the new revision must run: a tag, a full image reference, or both. */
export interface ExpectedImage {
  tag?: string
  image?: string
}

const stripRegistryDefault = (ref: string) => ref.replace(/^(docker\.io\/)?(library\/)?/, '')

/** The reference without its tag or digest. */
export function repositoryOf(ref: string): string {
  const at = ref.indexOf('@')
  const base = at >= 0 ? ref.slice(0, at) : ref
  const colon = base.lastIndexOf(':')
  return colon > base.lastIndexOf('/') ? base.slice(0, colon) : base
}

export function hasTagOrDigest(ref: string): boolean {
  return ref.includes('@') || repositoryOf(ref) !== ref
}

/** Whether one container image reference is the expected one. */
export function imageMatches(ref: string, expected: ExpectedImage): boolean {
  if (expected.image) {
    const wanted =
      expected.tag && !hasTagOrDigest(expected.image) ? `${expected.image}:${expected.tag}` : expected.image
    // An image without tag or digest proves nothing about the revision (callers reject it).
    return hasTagOrDigest(wanted) && stripRegistryDefault(ref) === stripRegistryDefault(wanted)
  }
  if (expected.tag) return ref.endsWith(`:${expected.tag}`) || ref.endsWith(`@${expected.tag}`)
  return false
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
    return `${expected.image}:${expected.tag}`
  return expected.image ?? `tag ${expected.tag}`
}
