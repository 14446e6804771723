// Bundles every action into its committed dist/ folder: `pnpm build [action-dir ...]`. The code the
// bundles take from generators (the compiled delivery schema) is generated first.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { compileDeliverySchema, VALIDATOR_FILE } from '../packages/delivery-config/scripts/compile-schema'
import { actionDirs, bundle, repoRoot } from './bundles'

const validator = compileDeliverySchema()
if (readFileSync(VALIDATOR_FILE, 'utf8') !== validator) {
  writeFileSync(VALIDATOR_FILE, validator)
  console.log(`compiled ${relative(repoRoot, VALIDATOR_FILE)} from the delivery schema`)
}

const targets = process.argv.length > 2 ? process.argv.slice(2).map((dir) => resolve(dir)) : actionDirs()
for (const dir of targets) {
  const started = Date.now()
  rmSync(join(dir, 'dist'), { recursive: true, force: true })
  await bundle(dir, join(dir, 'dist'))
  console.log(`bundled ${relative(repoRoot, dir)}/dist in ${((Date.now() - started) / 1000).toFixed(1)}s`)
}
