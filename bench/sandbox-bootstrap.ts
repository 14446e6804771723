// Benchmark: how long a bare sandbox takes from empty to a finished canary along the bootstrap path —
// the real flux2 chart with helm --wait, then the reference layout's sit cluster through Flux (its
// add-ons from the real charts on a loopback chart repository, rendered with helm template), the
// apps' canaries initialized, and one release of go-demo through its canary — and how much of it is
// this process's CPU (the sandbox and its controllers; helm and git run as child processes).
//
//   pnpm bench:bootstrap [--runs 3] [--time-scale 0.02]
//
// The charts come from ../shared/fixtures/charts beside the repository (never copied into it).
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import {
  kubeconfigFor,
  loopbackLayout,
  type Obj,
  type Sandbox,
  serveChartRepository,
  startSandbox,
} from '@canary-delivery/sandbox'
import { parseAllDocuments, parseDocument } from 'yaml'
import { ensureHelm, sharedChartsDir } from '../testbeds/tools/src/index'

const exec = promisify(execFile)
const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'time-scale': { type: 'string', default: '0.02' } },
})
const RUNS = Number(args.runs)
const SCALE = Number(args['time-scale'])
const chartsDir = sharedChartsDir()
if (!chartsDir) {
  console.error(
    'bench: the real charts are missing: expected ../shared/fixtures/charts beside the repository',
  )
  process.exit(2)
}

/** Polls the store until `check` holds (every 10 ms of real time). */
async function until(what: string, check: () => boolean, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

const ready = (sandbox: Sandbox, apiVersion: string, kind: string, namespace: string, name: string) => () => {
  const rt = sandbox.store.registry.byKind(apiVersion, kind)
  const o = rt && sandbox.store.get(rt, namespace, name)
  return Boolean(
    o?.status?.observedGeneration === o?.metadata.generation &&
      o?.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True'),
  )
}
const phase = (sandbox: Sandbox, want: string) => () => {
  const rt = sandbox.store.registry.byKind('flagger.app/v1beta1', 'Canary')
  return rt !== undefined && sandbox.store.get(rt, 'demo-go', 'go-demo')?.status?.phase === want
}

type Phase = 'flux2 chart' | 'add-ons via Flux' | 'apps initialized' | 'canary run'
const timings = new Map<Phase, { ms: number[]; cpu: number[] }>()
const charts = await serveChartRepository(chartsDir)
try {
  for (let run = 0; run < RUNS; run++) {
    const layout = loopbackLayout({ chartsUrl: charts.url })
    const sandbox = await startSandbox({ timeScale: SCALE, bare: true })
    const home = mkdtempSync(join(tmpdir(), 'bench-bootstrap-'))
    const measure = async (name: Phase, work: () => Promise<void>) => {
      const cpu = process.cpuUsage()
      const t0 = performance.now()
      await work()
      const used = process.cpuUsage(cpu)
      const row = timings.get(name) ?? { ms: [], cpu: [] }
      row.ms.push(performance.now() - t0)
      row.cpu.push((used.user + used.system) / 1000)
      timings.set(name, row)
    }
    try {
      writeFileSync(join(home, 'kubeconfig'), kubeconfigFor(sandbox.url), { mode: 0o600 })
      const env = {
        ...process.env,
        KUBECONFIG: join(home, 'kubeconfig'),
        KUBECACHEDIR: join(home, 'kube-cache'),
        HELM_CACHE_HOME: join(home, 'cache'),
        HELM_CONFIG_HOME: join(home, 'config'),
        HELM_DATA_HOME: join(home, 'data'),
      }
      await measure('flux2 chart', async () => {
        const chart = join(chartsDir, 'flux2-2.18.3.tgz')
        await exec(
          ensureHelm(),
          ['install', 'flux', chart, '-n', 'flux-system', '--create-namespace', '--wait'],
          {
            env,
          },
        )
      })
      await measure('add-ons via Flux', async () => {
        for (const doc of parseAllDocuments(layout.bootstrap)) {
          const o = doc.toJS() as Obj
          sandbox.store.create(sandbox.store.registry.byKind(o.apiVersion, o.kind)!, o)
        }
        await until(
          'the add-ons',
          ready(sandbox, 'kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'addons'),
        )
      })
      await measure('apps initialized', async () => {
        await until(
          'the apps',
          ready(sandbox, 'kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'apps'),
        )
        await until("go-demo's canary initialized", phase(sandbox, 'Initialized'))
      })
      await measure('canary run', async () => {
        const file = 'apps/go-demo/sit/release.yaml'
        const doc = parseDocument(layout.read(file))
        doc.setIn(['spec', 'values', 'image', 'tag'], `v${run + 2}.0.0`)
        layout.write(file, doc.toString())
        layout.commit('a release of go-demo')
        const sources = sandbox.store.registry.byKind('source.toolkit.fluxcd.io/v1', 'GitRepository')!
        const source = sandbox.store.get(sources, 'flux-system', 'gitops')!
        source.metadata.annotations = { 'reconcile.fluxcd.io/requestedAt': `run-${run}` }
        sandbox.store.update(sources, source)
        await until('a run under way', phase(sandbox, 'Progressing'))
        await until('the run promoted', phase(sandbox, 'Succeeded'))
      })
    } finally {
      await sandbox.stop()
      layout.remove()
      rmSync(home, { recursive: true, force: true })
    }
  }
} finally {
  await charts.stop()
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
console.log(`a bare sandbox from empty to a promoted canary (time scale ${SCALE}, median of ${RUNS} runs)`)
console.log('phase               real ms  sandbox CPU ms')
let total = 0
for (const [name, row] of timings) {
  total += median(row.ms)
  console.log(
    `${name.padEnd(18)}  ${median(row.ms).toFixed(0).padStart(7)}  ${median(row.cpu).toFixed(0).padStart(14)}`,
  )
}
console.log(`${'total'.padEnd(18)}  ${total.toFixed(0).padStart(7)}`)
