import { parseArgs } from 'node:util'
import { resolveActionDir, resolveNode } from './paths'
import { runBundledAction } from './runner'

const USAGE = `usage: pnpm run-action <action> [--input name=value ...] [--env NAME=value ...]
                        [--node 24|current|PATH (default: runs.using)] [--workspace DIR] [--debug] [--json]

Runs actions/<action>/dist/index.js (or the action in a folder) the way a GitHub runner does,
then prints its outputs and job summary and exits with its exit code.`

function pairs(values: string[] | undefined, flag: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const item of values ?? []) {
    const eq = item.indexOf('=')
    if (eq <= 0) throw new Error(`${flag} expects name=value, got '${item}'`)
    result[item.slice(0, eq)] = item.slice(eq + 1)
  }
  return result
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      input: { type: 'string', short: 'i', multiple: true },
      env: { type: 'string', short: 'e', multiple: true },
      node: { type: 'string' },
      workspace: { type: 'string' },
      debug: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help || positionals.length !== 1) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  const result = await runBundledAction({
    actionDir: resolveActionDir(positionals[0]!),
    inputs: pairs(values.input, '--input'),
    env: pairs(values.env, '--env'),
    // Without --node, the Node the action's runs.using names, as GitHub's runner picks it.
    node: values.node === undefined ? undefined : resolveNode(values.node),
    workspace: values.workspace,
    debug: values.debug,
    github: { token: process.env.GITHUB_TOKEN ?? '' },
    onLogLine: values.json ? undefined : (line) => console.log(line),
  })
  if (values.json) {
    console.log(
      JSON.stringify(
        {
          exitCode: result.exitCode,
          outputs: result.outputs,
          summary: result.summary,
          annotations: result.annotations,
        },
        null,
        2,
      ),
    )
    return result.exitCode
  }
  const outputs = Object.entries(result.outputs)
  console.log(`\n── outputs ${'─'.repeat(50)}`)
  if (outputs.length === 0) console.log('(none)')
  for (const [name, value] of outputs)
    console.log(value.includes('\n') ? `${name}:\n  ${value.replace(/\n/g, '\n  ')}` : `${name}: ${value}`)
  if (result.summary.trim()) console.log(`\n── job summary ${'─'.repeat(46)}\n${result.summary.trimEnd()}`)
  console.log(`\n── exit code ${result.exitCode}`)
  return result.exitCode
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(`run-action: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 2
  },
)
