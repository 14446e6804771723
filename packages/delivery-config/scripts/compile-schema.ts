// Compiles the delivery file's JSON Schema into validator code once, here, instead of in every
// step that starts: `pnpm --filter @canary-delivery/delivery-config compile-schema [--check]`.
// Compiling with ajv at start-up cost each action 33–35 ms, with or without a delivery file. With
// --check nothing is written; it fails when the committed code is not what the schema compiles to.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { Ajv } from 'ajv'
import standaloneCode from 'ajv/dist/standalone/index.js'

const packageDir = resolve(import.meta.dirname, '..')
export const SCHEMA_FILE = join(packageDir, 'schema/delivery.schema.json')
export const VALIDATOR_FILE = join(packageDir, 'src/generated/delivery-validator.js')

// The compiled code may call a few helpers of ajv's at run time; each is given here as a
// self-contained expression so that the code stands alone.
const RUNTIME: Record<string, string> = {
  // String length in Unicode code points, as JSON Schema counts it (a surrogate pair is one).
  'ajv/dist/runtime/ucs2length':
    '{ default: (text) => { let length = 0; for (const _ of text) length++; return length } }',
}

/** The validator's source: an ES module whose default export is the compiled function. */
export function compileDeliverySchema(schemaText = readFileSync(SCHEMA_FILE, 'utf8')): string {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } })
  const code = standaloneCode(ajv, ajv.compile(JSON.parse(schemaText))).replace(
    /require\("([^"]+)"\)/g,
    (_call, module: string) => {
      const helper = RUNTIME[module]
      if (!helper)
        throw new Error(`the compiled delivery schema needs ${module} at run time: add it to RUNTIME`)
      return `(${helper})`
    },
  )
  return `// Generated from schema/delivery.schema.json by scripts/compile-schema.ts: do not edit.\n${code}\n`
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const fresh = compileDeliverySchema()
  const name = relative(process.cwd(), VALIDATOR_FILE)
  if (process.argv.includes('--check')) {
    const committed = readFileSync(VALIDATOR_FILE, 'utf8')
    if (committed !== fresh) {
      console.error(`${name} is not what the schema compiles to: run the compile-schema script and commit it`)
      process.exitCode = 1
    } else console.log(`ok    ${name} matches the schema`)
  } else {
    writeFileSync(VALIDATOR_FILE, fresh)
    console.log(`wrote ${name} (${fresh.length} bytes)`)
  }
}
