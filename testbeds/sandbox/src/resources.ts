import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CRD_FILES, crdDir as flaggerCrdDir } from '@canary-delivery/flagger/crd-files'
import { parseAllDocuments } from 'yaml'
import { BUILTIN_KINDS } from './builtins'
import { parsedOnce } from './disk-cache'
import type { ResourceType } from './resource-type'

export type { ResourceType } from './resource-type'

export const groupVersion = (rt: { group: string; version: string }): string =>
  rt.group === '' ? rt.version : `${rt.group}/${rt.version}`

/** The Flux CRDs; Flagger's and APISIX's come from the flagger package, which validates against the same files. */
export const crdDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'crds')

let parsedCrds: readonly Record<string, unknown>[] | undefined

/**
 * The CRD manifests the sandbox serves (Flagger 1.44, Flux, APISIX), read once per process (see
 * parsedOnce); each call gets its own copy, as the store and the registry keep what they are given.
 */
export function loadBundledCrds(): Record<string, unknown>[] {
  parsedCrds ??= parseCrdFiles()
  return structuredClone(parsedCrds) as Record<string, unknown>[]
}

function parseCrdFiles(): Record<string, unknown>[] {
  const files = [
    ...CRD_FILES.map((file) => join(flaggerCrdDir, file)),
    ...readdirSync(crdDir)
      .filter((file) => file.endsWith('.yaml'))
      .sort()
      .map((file) => join(crdDir, file)),
  ]
  const texts = files.map((file) => readFileSync(file, 'utf8'))
  return parsedOnce('crds', texts, () =>
    texts
      .flatMap((text) => parseAllDocuments(text).map((doc) => doc.toJS() as Record<string, unknown> | null))
      .filter((value): value is Record<string, unknown> => value?.kind === 'CustomResourceDefinition'),
  )
}

// biome-ignore lint/suspicious/noExplicitAny: CRD documents are free-form YAML
type Any = any

/** The resource types a CRD serves; only its storage version is served, which keeps one store per kind. */
export function typesFromCrd(crd: Any): ResourceType[] {
  const spec = crd?.spec
  if (!spec?.group || !spec.names?.plural || !Array.isArray(spec.versions)) return []
  const version = spec.versions.find((v: Any) => v.storage) ?? spec.versions[0]
  if (!version) return []
  const rt: ResourceType = {
    group: spec.group,
    version: version.name,
    kind: spec.names.kind,
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    namespaced: spec.scope !== 'Cluster',
    statusSubresource: Boolean(version.subresources?.status),
    builtin: false,
  }
  if (spec.names.shortNames) rt.shortNames = spec.names.shortNames
  if (spec.names.categories) rt.categories = spec.names.categories
  if (version.schema?.openAPIV3Schema) rt.schema = version.schema.openAPIV3Schema
  if (version.additionalPrinterColumns) rt.printerColumns = version.additionalPrinterColumns
  return [rt]
}

/** Every kind the server knows, looked up by group/version/plural or by apiVersion+kind. */
export class Registry {
  private readonly types: ResourceType[] = []
  /** Counts changes, so what is derived from the kinds (OpenAPI documents) can be cached until the next. */
  generation = 0

  constructor() {
    for (const rt of BUILTIN_KINDS) this.add(rt)
  }

  /**
   * Serves a kind, or updates one already served in place: the store, its listeners and controllers
   * hold on to the same ResourceType object, so a re-applied CRD must not leave them a stale one.
   */
  add(rt: ResourceType): void {
    this.generation++
    const existing = this.types.find((t) => t.group === rt.group && t.plural === rt.plural)
    if (!existing) {
      this.types.push(rt)
      return
    }
    for (const key of Object.keys(existing) as (keyof ResourceType)[]) if (!(key in rt)) delete existing[key]
    Object.assign(existing, rt)
  }

  remove(group: string, plural: string): void {
    const i = this.types.findIndex((t) => t.group === group && t.plural === plural && !t.builtin)
    if (i < 0) return
    this.types.splice(i, 1)
    this.generation++
  }

  all(): readonly ResourceType[] {
    return this.types
  }

  byPlural(group: string, version: string, plural: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.version === version && t.plural === plural)
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.types.find((t) => groupVersion(t) === apiVersion && t.kind === kind)
  }

  groups(): { group: string; version: string }[] {
    const seen = new Map<string, { group: string; version: string }>()
    for (const t of this.types) seen.set(groupVersion(t), { group: t.group, version: t.version })
    return [...seen.values()]
  }
}
