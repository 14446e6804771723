/**
 * Every benchmark, one table: `pnpm bench [--reference FILE] [--runs 20] [--files 1000,20000,100000]
 * [--only cold-start,bump,wait,demo]`.
 *
 * - cold start of every step of every actions/<name>/action.yml on Node 24 (bench/cold-start.ts):
 *   a multiple of `node -e 0`, and a ratio to the --reference bundle when one is given (e.g. a
 *   checkout of actions/checkout's dist/index.js, inside its checkout so its package.json applies);
 * - one bump against the naive full clone + edit + commit + push, for each repository size
 *   (bench/bump-gitops-tag.ts --files N);
 * - wait-for-canary's delay from a canary change to its log line, and API requests per rollout,
 *   against the kubectl loop (bench/wait-for-canary.ts);
 * - the demo's wall time: the whole story (five clusters from empty, with its phases) and
 *   `--delivery-only`.
 *
 * The benchmark scripts are run as they are, each in its own process. A script may write its numbers
 * as JSON lines (`{"measure": "...", "value": 1.5, "unit": "s"}`) to the file named by
 * BENCH_RESULTS_FILE; without that, the runner reads the tables they print. Prints numbers; asserts nothing.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { resolveNode } from '@canary-delivery/action-runner'
import { actionSubjects, coldStartTable, measureColdStarts } from './cold-start'

const root = resolve(import.meta.dirname, '..')
const PARTS = ['cold-start', 'bump', 'wait', 'demo'] as const

const { values } = parseArgs({
  options: {
    reference: { type: 'string' },
    runs: { type: 'string', default: '20' },
    files: { type: 'string', default: '1000,20000,100000' },
    only: { type: 'string', default: PARTS.join(',') },
  },
})
const fail = (message: string): never => {
  console.error(`bench: ${message}`)
  process.exit(2)
}
const runs = Number(values.runs)
if (!Number.isInteger(runs) || runs < 1)
  fail(`--runs must be a whole number of at least 1, got '${values.runs}'`)
const sizes = values.files.split(',').map(Number)
if (sizes.some((n) => !Number.isInteger(n) || n < 1))
  fail(`--files must be whole numbers separated by commas, got '${values.files}'`)
const only = values.only.split(',')
for (const part of only)
  if (!(PARTS as readonly string[]).includes(part)) fail(`--only takes ${PARTS.join(', ')}; got '${part}'`)
if (values.reference && !existsSync(values.reference)) fail(`--reference ${values.reference}: no such file`)

interface Row {
  measure: string
  value: string
  compared: string
}
const rows: Row[] = []
const problems: string[] = []

/** Runs a script to its end with BENCH_RESULTS_FILE set; its output, the JSON lines it wrote, its time. */
function runScript(
  args: string[],
): Promise<{ code: number; output: string; json: Record<string, unknown>[]; seconds: number }> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-run-'))
  const resultsFile = join(scratch, 'results.jsonl')
  const started = performance.now()
  return new Promise((done) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), args, {
      cwd: root,
      env: { ...process.env, BENCH_RESULTS_FILE: resultsFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk))
    child.on('close', (code) => {
      const json = existsSync(resultsFile)
        ? readFileSync(resultsFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Record<string, unknown>)
        : []
      rmSync(scratch, { recursive: true, force: true })
      done({
        code: code ?? 1,
        output: Buffer.concat(output).toString('utf8'),
        json,
        seconds: (performance.now() - started) / 1000,
      })
    })
  })
}

/** The rows of a `console.table` print-out, as objects keyed by its header. */
function readConsoleTable(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((line) => line.startsWith('│'))
  const cells = (line: string) =>
    line
      .split('│')
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/^'(.*)'$/, '$1'))
  const [header, ...body] = lines.map(cells)
  return body.map((row) => Object.fromEntries((header ?? []).map((name, i) => [name, row[i] ?? ''])))
}

/** A number from the JSON lines the script wrote, else from its printed table. */
function measured(
  json: Record<string, unknown>[],
  measure: RegExp,
  printed: RegExp,
  output: string,
): number | undefined {
  const line = json.find((entry) => measure.test(String(entry.measure)))
  if (line && typeof line.value === 'number') return line.value
  const match = printed.exec(output)
  return match ? Number(match[1]) : undefined
}

const last = (output: string) => output.trim().split('\n').slice(-3).join(' / ')

if (only.includes('cold-start')) {
  process.stderr.write('cold start …\n')
  const node = resolveNode('24')
  const subjects = [
    ...actionSubjects(root),
    ...(values.reference ? [{ name: 'reference', args: [resolve(values.reference)], reference: true }] : []),
  ]
  const results = await measureColdStarts({ node, subjects, runs })
  console.log(`${coldStartTable(results, 'Node 24', runs)}\n`)
  for (const result of results.filter((r) => r.name !== 'node -e 0')) {
    rows.push({
      measure: `cold start: ${result.name}`,
      value: `${result.medianMs.toFixed(0)} ms, ${result.peakMb.toFixed(0)} MB`,
      compared: `${result.floorRatio.toFixed(2)}× node -e 0${
        result.referenceRatio !== undefined ? `, ${result.referenceRatio.toFixed(2)}× reference` : ''
      }`,
    })
  }
}

if (only.includes('bump')) {
  for (const files of sizes) {
    process.stderr.write(`bump, ${files} files …\n`)
    const { code, output, json } = await runScript([
      'bench/bump-gitops-tag.ts',
      '--files',
      String(files),
      '--concurrent',
      '2',
    ])
    const one = measured(json, /^one bump/, /^\| one bump[^|]*\| ([\d.]+) s \|/m, output)
    const naive = measured(json, /^plain|^naive/, /^\| plain full clone[^|]*\| ([\d.]+) s \|/m, output)
    if (code !== 0 || one === undefined || naive === undefined) {
      problems.push(`bump at ${files} files: exit ${code}: ${last(output)}`)
      continue
    }
    rows.push({
      measure: `bump, ${files.toLocaleString('en')} files`,
      value: `${one.toFixed(2)} s`,
      compared: `${(one / naive).toFixed(2)}× the naive clone (${naive.toFixed(2)} s)`,
    })
  }
}

if (only.includes('wait')) {
  process.stderr.write('wait-for-canary …\n')
  const { code, output } = await runScript(['bench/wait-for-canary.ts'])
  const table = readConsoleTable(output)
  const action = table.find((row) => /wait-for-canary/.test(row.approach ?? ''))
  const loop = table.find((row) => /kubectl/.test(row.approach ?? ''))
  if (code !== 0 || !action) problems.push(`wait-for-canary: exit ${code}: ${last(output)}`)
  else {
    const describe = (row: Record<string, string> | undefined) =>
      row
        ? `${row['changes shown']} changes shown, ${row['delay median']} median, ${row['delay p95']} p95, ${row['API requests / rollout']} requests`
        : '–'
    rows.push({
      measure: 'wait-for-canary: change → log line; API requests per rollout',
      value: describe(action),
      compared: `kubectl loop: ${describe(loop)}`,
    })
  }
}

if (only.includes('demo')) {
  for (const [measure, args] of [
    ['demo: five clusters from empty, then sit → uat → prod and a revert', []],
    ['demo --delivery-only: sit, uat and prod, then a revert', ['--delivery-only']],
  ] as const) {
    process.stderr.write(`${measure} …\n`)
    const { code, output, seconds } = await runScript(['testbeds/chain/src/demo.ts', ...args])
    if (code !== 0) problems.push(`${measure}: exit ${code}: ${last(output)}`)
    else
      rows.push({
        measure,
        value: `${seconds.toFixed(1)} s`,
        // The whole story prints how long each of its phases took.
        compared: /^phases: (.*)$/m.exec(output)?.[1] ?? 'wall time',
      })
  }
}

const width = (key: keyof Row) => Math.max(key.length, ...rows.map((row) => row[key].length))
const line = (row: Row) =>
  `| ${row.measure.padEnd(width('measure'))} | ${row.value.padEnd(width('value'))} | ${row.compared.padEnd(width('compared'))} |`
console.log(line({ measure: 'measure', value: 'value', compared: 'compared' }))
console.log(
  `| ${'-'.repeat(width('measure'))} | ${'-'.repeat(width('value'))} | ${'-'.repeat(width('compared'))} |`,
)
for (const row of rows) console.log(line(row))
console.log(
  `\nNode 24 for the actions; ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}); ${new Date().toISOString().slice(0, 10)}`,
)
for (const problem of problems) console.error(`not measured: ${problem}`)
if (problems.length > 0) process.exitCode = 1
