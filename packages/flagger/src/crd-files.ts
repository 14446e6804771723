import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'

/** The verbatim CRDs this package validates against (see crds/SOURCES.md). Not bundled: tests and scripts only. */
export const CRD_FILES = ['flagger-1.44.0-crds.yaml', 'apisix-apisixroutes-v2.yaml']
export const crdDir = join(dirname(fileURLToPath(import.meta.url)), '../crds')

interface CrdDocument {
  kind?: string
  spec?: {
    group: string
    names: { kind: string }
    versions: { name: string; served?: boolean; schema?: { openAPIV3Schema?: unknown } }[]
  }
}

/** `group/version/Kind` → openAPIV3Schema, for every served version. */
export function extractSchemas(files: string[]): Record<string, unknown> {
  const schemas: Record<string, unknown> = {}
  for (const file of files) {
    for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = document.toJS() as CrdDocument | null
      if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec) continue
      for (const version of crd.spec.versions) {
        if (version.served === false || !version.schema?.openAPIV3Schema) continue
        schemas[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = version.schema.openAPIV3Schema
      }
    }
  }
  return schemas
}
