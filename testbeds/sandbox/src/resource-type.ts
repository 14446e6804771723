/** One servable kind: what discovery advertises and how the store treats it. */
export interface ResourceType {
  group: string
  version: string
  kind: string
  plural: string
  singular: string
  namespaced: boolean
  shortNames?: string[]
  categories?: string[]
  statusSubresource: boolean
  /** Built-in kinds accept strategic merge patches; custom resources answer 415. */
  builtin: boolean
  /** The `/scale` subresource. */
  scaleSubresource?: boolean
  /** Verbs when not the usual eight (the review kinds take only `create`). */
  verbs?: string[]
  /** openAPIV3Schema of a custom resource, used for validation. */
  schema?: Record<string, unknown>
  printerColumns?: { name: string; type: string; jsonPath: string; priority?: number }[]
}
