// bootstrap-addons, measured: how fast the bundle starts (to its first input error, against `node -e
// 0`, on Node 24 and this Node), and how long it takes a bare sandbox from empty to ready, phase by
// phase, and a rerun that changes nothing. Prints numbers; asserts nothing.
//
//   npx tsx bench/bootstrap-addons.ts [--runs 3] [--time-scale 0.02]
//
// The add-on charts come from ../shared/fixtures/charts beside the repository (never copied into it).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { loopbackLayout, serveChartRepository, startSandbox } from '@canary-delivery/sandbox'
import { node24Binary, runBundledAction } from '../testbeds/action-runner/src/index'
import { ensureHelm, sharedChartsDir } from '../testbeds/tools/src/index'

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'time-scale': { type: 'string', default: '0.02' } },
})
const RUNS = Number(args.runs)
const SCALE = Number(args['time-scale'])
const actionDir = resolve(import.meta.dirname, '../actions/bootstrap-addons')
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Wall time of a process from spawn to exit, median of 9 after one warm-up. */
function startup(node: string, args: string[], env: NodeJS.ProcessEnv): number {
  const times: number[] = []
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now()
    try {
      execFileSync(node, args, { env, stdio: 'ignore' })
    } catch {
      // the bundle exits 1 on the missing input: that is the measured path
    }
    if (i > 0) times.push(performance.now() - t0)
  }
  return median(times)
}

console.log('cold start: the main step to its first input error (no environment), against node -e 0')
for (const [label, node] of [
  ['Node 24', node24Binary()],
  ['this Node', process.execPath],
] as const) {
  if (!node) {
    console.log(`${label.padEnd(10)} not installed (pnpm install provides Node 24)`)
    continue
  }
  const scratch = mkdtempSync(join(tmpdir(), 'bench-bootstrap-start-'))
  const env = {
    ...process.env,
    GITHUB_OUTPUT: join(scratch, 'output'),
    GITHUB_STATE: join(scratch, 'state'),
    GITHUB_STEP_SUMMARY: join(scratch, 'summary'),
    RUNNER_TEMP: scratch,
  }
  const bare = startup(node, ['-e', '0'], env)
  const action = startup(node, [join(actionDir, 'dist/index.js')], env)
  const post = startup(node, [join(actionDir, 'dist/index.js')], { ...env, 'STATE_is-post': 'true' })
  rmSync(scratch, { recursive: true, force: true })
  console.log(
    `${label.padEnd(10)} node -e 0 ${bare.toFixed(0).padStart(4)} ms · main step ${action.toFixed(0).padStart(4)} ms (${(action / bare).toFixed(2)}×) · post step ${post.toFixed(0).padStart(4)} ms (${(post / bare).toFixed(2)}×)`,
  )
}

const real = sharedChartsDir()
if (!real) {
  console.error(
    'bench: the real charts are missing: expected ../shared/fixtures/charts beside the repository',
  )
  process.exit(2)
}
const phases = new Map<string, number[]>()
const totals: { first: number[]; rerun: number[] } = { first: [], rerun: [] }
/** The phases table of the summary: `| connect | 1s |` rows. */
function recordPhases(summary: string) {
  for (const [, name, took] of summary.matchAll(/^\| (\w+) \| ([^|]+) \|$/gm)) {
    const ms = /^(\d+)ms$/.test(took!.trim())
      ? Number(took!.trim().slice(0, -2))
      : [...took!.matchAll(/(\d+)([hms])/g)].reduce(
          (sum, [, n, unit]) =>
            sum + Number(n) * { h: 3_600_000, m: 60_000, s: 1000 }[unit as 'h' | 'm' | 's'],
          0,
        )
    phases.set(name!, [...(phases.get(name!) ?? []), ms])
  }
}

const folder = mkdtempSync(join(tmpdir(), 'bench-bootstrap-charts-'))
for (const file of readdirSync(real).filter((f) => f.endsWith('.tgz')))
  symlinkSync(join(real, file), join(folder, file))
const charts = await serveChartRepository(folder)
try {
  for (let run = 0; run < RUNS; run++) {
    const layout = loopbackLayout({ chartsUrl: charts.url, cluster: 'sit' })
    const sandbox = await startSandbox({ bare: true, timeScale: SCALE })
    try {
      const once = async () => {
        const t0 = performance.now()
        const result = await runBundledAction({
          actionDir,
          timeoutMs: 600_000,
          inputs: {
            environment: 'sit',
            kubeconfig: sandbox.kubeconfig,
            'gitops-repository': layout.url,
            'gitops-path': 'clusters/sit-loopback',
            'flux-chart-repository': charts.url,
            timeout: '8m',
          },
          env: { PATH: [dirname(ensureHelm()), process.env.PATH ?? ''].join(delimiter) },
        })
        if (result.outputs.result !== 'ready')
          throw new Error(
            `bench: the run ended ${result.outputs.result}: ${result.annotations.map((a) => a.message).join('; ')}`,
          )
        return { ms: performance.now() - t0, summary: result.summary }
      }
      const first = await once()
      totals.first.push(first.ms)
      recordPhases(first.summary)
      totals.rerun.push((await once()).ms)
    } finally {
      await sandbox.stop()
      layout.remove()
    }
  }
} finally {
  await charts.stop()
  rmSync(folder, { recursive: true, force: true })
}
console.log(`\na bare sandbox to ready through the bundle (time scale ${SCALE}, median of ${RUNS} runs)`)
for (const [name, ms] of phases) console.log(`  ${name.padEnd(8)} ${median(ms).toFixed(0).padStart(7)} ms`)
console.log(
  `  ${'total'.padEnd(8)} ${median(totals.first).toFixed(0).padStart(7)} ms (the bundle, process start to exit)`,
)
console.log(`a rerun that changes nothing: ${median(totals.rerun).toFixed(0)} ms`)
