// Writes crds/openapi.json: the openAPIV3Schema of every served version of the CRDs in crds/, by
// `group/version/Kind`, unchanged. The bundle imports the JSON; the YAML files stay the source.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CRD_FILES, crdDir, extractSchemas } from '../src/crd-files'

const schemas = extractSchemas(CRD_FILES.map((file) => join(crdDir, file)))
writeFileSync(join(crdDir, 'openapi.json'), `${JSON.stringify(schemas, null, 2)}\n`)
console.log(`crds/openapi.json: ${Object.keys(schemas).join(', ')}`)
