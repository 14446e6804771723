// Bundles every action into its committed dist/ folder: `pnpm build [action-dir ...]`.
import { rmSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { actionDirs, bundle, repoRoot } from './bundles'

const targets = process.argv.length > 2 ? process.argv.slice(2).map((dir) => resolve(dir)) : actionDirs()
for (const dir of targets) {
  const started = Date.now()
  rmSync(join(dir, 'dist'), { recursive: true, force: true })
  await bundle(dir, join(dir, 'dist'))
  console.log(`bundled ${relative(repoRoot, dir)}/dist in ${((Date.now() - started) / 1000).toFixed(1)}s`)
}
