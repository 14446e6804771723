// Cold start of wait-for-canary's bundle on Node 24: how long until the first input error, and how
// long the post step takes (it removes the kubeconfig), each as a multiple of `node -e 0` on the
// same Node, and peak memory. Paired runs (node's floor, then the bundle, alternating) so that a busy
// machine slows both alike; the medians are printed. Asserts nothing.
//
//   pnpm bench:wait-start [--runs 20] [--node 24|current|PATH] [--reference other/dist/index.js]
//                         [--bundle another/build/of/wait-for-canary/index.js]
//
// `--reference` adds another action's bundle run the same way (its first input error), e.g.
// actions/checkout's dist/index.js, and prints our ratio to it. `--bundle` measures another build
// of this action (an experiment) instead of the committed dist/.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { resolveNode } from '@canary-delivery/action-runner'

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    node: { type: 'string', default: '24' },
    reference: { type: 'string' },
    bundle: { type: 'string' },
  },
})
const RUNS = Number(args.runs)
const NODE = resolveNode(args.node)
const BUNDLE = resolve(
  args.bundle ?? resolve(import.meta.dirname, '../actions/wait-for-canary/dist/index.js'),
)
const TIME = '/usr/bin/time'

const temp = mkdtempSync(join(tmpdir(), 'wait-start-'))
const files = Object.fromEntries(
  ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'].map((name) => {
    const path = join(temp, name)
    writeFileSync(path, '')
    return [name, path]
  }),
)
const stepEnv: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? temp,
  GITHUB_ACTIONS: 'true',
  GITHUB_WORKSPACE: temp,
  RUNNER_TEMP: temp,
  ...files,
}
const kubeconfig = join(temp, 'kubeconfig-bench.yaml')

interface Sample {
  ms: number
  maxRssKb: number
}

/** One run of `argv` under /usr/bin/time (peak RSS) when it exists, timed from spawn to exit. */
function measure(argv: string[], env: Record<string, string>, expectFailure: boolean): Sample {
  const withTime = existsSync(TIME)
  const command = withTime ? [TIME, '-f', 'maxrss=%M', ...argv] : argv
  const started = process.hrtime.bigint()
  const result = spawnSync(command[0]!, command.slice(1), { env, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const failed = result.status !== 0
  if (failed !== expectFailure)
    throw new Error(`${argv.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`)
  const rss = /maxrss=(\d+)/.exec(result.stderr)
  // Anything else on stderr (a deprecation warning) would be in a user's log.
  const stray = result.stderr.replace(/(Command exited with non-zero status \d+\n)?maxrss=\d+\n?/, '').trim()
  if (stray) warnings.add(stray.replace(/\(node:\d+\)/g, '(node)'))
  return { ms, maxRssKb: rss ? Number(rss[1]) : Number.NaN }
}
const warnings = new Set<string>()

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

type Case = { name: string; argv: string[]; env: Record<string, string>; fails: boolean; before?: () => void }
const cases: Case[] = [
  // No inputs at all: the first input error ('name' is required).
  { name: 'main: first input error', argv: [NODE, BUNDLE], env: stepEnv, fails: true },
  {
    name: 'post: removes the kubeconfig',
    argv: [NODE, BUNDLE],
    env: { ...stepEnv, 'STATE_is-post': 'true', 'STATE_kubeconfig-path': kubeconfig },
    fails: false,
    before: () => writeFileSync(kubeconfig, 'apiVersion: v1\n', { mode: 0o600 }),
  },
]
if (args.reference)
  cases.push({ name: 'reference', argv: [NODE, resolve(args.reference)], env: stepEnv, fails: true })

try {
  const floor: Sample[] = []
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]))
  const ratios = new Map<string, number[]>(cases.map((c) => [c.name, []]))
  // One warm-up of each, so the first pair does not pay for a cold file cache.
  measure([NODE, '-e', '0'], stepEnv, false)
  for (const c of cases) {
    c.before?.()
    measure(c.argv, c.env, c.fails)
  }
  for (let i = 0; i < RUNS; i++) {
    for (const c of cases) {
      const base = measure([NODE, '-e', '0'], stepEnv, false)
      floor.push(base)
      c.before?.()
      const sample = measure(c.argv, c.env, c.fails)
      samples.get(c.name)!.push(sample)
      ratios.get(c.name)!.push(sample.ms / base.ms)
    }
  }
  const floorMs = median(floor.map((s) => s.ms))
  console.log(`wait-for-canary cold start on Node ${args.node}, ${RUNS} paired runs each (medians)`)
  console.log(
    `  node -e 0                          ${floorMs.toFixed(1).padStart(6)} ms   peak ${(median(floor.map((s) => s.maxRssKb)) / 1024).toFixed(0)} MB`,
  )
  for (const c of cases) {
    const s = samples.get(c.name)!
    console.log(
      `  ${c.name.padEnd(34)} ${median(s.map((x) => x.ms))
        .toFixed(1)
        .padStart(
          6,
        )} ms   ${median(ratios.get(c.name)!).toFixed(2)}× node   peak ${(median(s.map((x) => x.maxRssKb)) / 1024).toFixed(0)} MB`,
    )
  }
  if (args.reference) {
    const ours = median(samples.get(cases[0]!.name)!.map((s) => s.ms))
    const theirs = median(samples.get('reference')!.map((s) => s.ms))
    console.log(`  ratio to the reference            ${(ours / theirs).toFixed(2)}×`)
  }
  console.log(
    warnings.size
      ? `  stderr (would reach a user's log):\n${[...warnings].map((w) => `    ${w}`).join('\n')}`
      : '  nothing on stderr',
  )
} finally {
  rmSync(temp, { recursive: true, force: true })
}
