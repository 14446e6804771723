// Runs every committed bundle through the action runner, on Node 24 by default (what GitHub runs),
// with no inputs: each must load and stop at its own input checks with a clear ::error:: line, not
// crash while loading (an ESM/CommonJS mix-up, a missing module). `pnpm smoke-bundles [--node 24|current]`
import { relative } from 'node:path'
import { parseArgs } from 'node:util'
import { repoRoot, resolveNode, runBundledAction } from '@canary-delivery/action-runner'
import { actionDirs } from './bundles'

const { values } = parseArgs({ options: { node: { type: 'string', default: '24' } } })
const node = resolveNode(values.node)
const version = (await import('node:child_process'))
  .execFileSync(node, ['--version'], { encoding: 'utf8' })
  .trim()
const LOAD_FAILURE =
  /ERR_REQUIRE_ESM|ERR_MODULE_NOT_FOUND|Cannot find module|SyntaxError|ReferenceError|is not a function/

let failures = 0
for (const dir of actionDirs()) {
  const name = relative(repoRoot, dir)
  const result = await runBundledAction({ actionDir: dir, node, inputs: {}, timeoutMs: 60_000 })
  const main = result.steps.find((step) => step.step === 'main')!
  const errors = result.annotations.filter((a) => a.level === 'error' && a.step === 'main')
  const loadFailure = LOAD_FAILURE.exec(`${main.stderr}\n${main.stdout}`)
  if (loadFailure || (main.exitCode !== 0 && errors.length !== 1)) {
    failures++
    console.error(`FAIL  ${name} on node ${version}: exit ${main.exitCode}\n${main.stderr || main.stdout}`)
  } else {
    console.log(
      `ok    ${name} on node ${version}: ${main.exitCode === 0 ? 'succeeded' : `stopped at its input check: ${errors[0]!.message}`}`,
    )
  }
}
if (failures > 0) process.exitCode = 1
