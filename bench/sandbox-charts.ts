// Benchmark: how long the real helm 4 takes to install each real add-on chart with --wait into a bare
// sandbox, how much of that is the sandbox's own work (the CPU time of this process, where the sandbox
// runs; helm runs as a child process), and how many API requests an install costs. `helm template` of
// the same chart is the floor: what helm spends without any server.
//
//   pnpm bench:charts [--runs 3] [--time-scale 0.01]
//
// The charts come from ../shared/fixtures/charts beside the repository (never copied into it).
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import { kubeconfigFor, startSandbox } from '@canary-delivery/sandbox'
import { startRecordingProxy } from '../test/support/recording-proxy'
import { ensureHelm } from '../testbeds/tools/src/index'

const exec = promisify(execFile)
const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'time-scale': { type: 'string', default: '0.01' } },
})
const RUNS = Number(args.runs)
const SCALE = Number(args['time-scale'])
const chartsDir = sharedCharts()
if (!existsSync(chartsDir)) {
  console.error(
    `bench: the real charts are missing at ${chartsDir} (../shared/fixtures/charts beside the repository)`,
  )
  process.exit(2)
}

/** ../shared/fixtures/charts beside the repository, or beside the main checkout of a linked worktree. */
function sharedCharts(): string {
  const root = resolve(import.meta.dirname, '..')
  const beside = join(root, '..', 'shared', 'fixtures', 'charts')
  if (existsSync(beside)) return beside
  const common = spawnSync('git', ['-C', root, 'rev-parse', '--path-format=absolute', '--git-common-dir'], {
    encoding: 'utf8',
  }).stdout?.trim()
  return common ? join(dirname(common), '..', 'shared', 'fixtures', 'charts') : beside
}

const charts: { release: string; file: string; namespace: string; values: string[] }[] = [
  { release: 'flux', file: 'flux2-2.18.3.tgz', namespace: 'flux-system', values: [] },
  {
    release: 'flagger',
    file: 'flagger-1.44.0.tgz',
    namespace: 'flagger-system',
    values: ['--set', 'meshProvider=apisix', '--set', 'prometheus.install=true'],
  },
  {
    release: 'apisix',
    file: 'apisix-2.10.0.tgz',
    namespace: 'apisix',
    values: ['--set', 'apisix.prometheus.enabled=true', '--set', 'ingress-controller.enabled=true'],
  },
  { release: 'flagger-loadtester', file: 'loadtester-0.38.0.tgz', namespace: 'flagger-system', values: [] },
  { release: 'flagger-grafana', file: 'grafana-1.7.0.tgz', namespace: 'flagger-system', values: [] },
]

const helm = ensureHelm()
const rows = new Map<
  string,
  { install: number[]; sandboxCpu: number[]; requests: number[]; template: number[] }
>()
for (let run = 0; run < RUNS; run++) {
  const sandbox = await startSandbox({ timeScale: SCALE, bare: true })
  const proxy = await startRecordingProxy(sandbox.url)
  const home = mkdtempSync(join(tmpdir(), 'bench-charts-'))
  const kubeconfig = join(home, 'kubeconfig')
  writeFileSync(kubeconfig, kubeconfigFor(proxy.url), { mode: 0o600 })
  const env = {
    ...process.env,
    KUBECONFIG: kubeconfig,
    KUBECACHEDIR: join(home, 'kube-cache'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
  }
  try {
    for (const c of charts) {
      const chart = join(chartsDir, c.file)
      const t0 = performance.now()
      await exec(helm, ['template', c.release, chart, '-n', c.namespace, ...c.values], {
        env,
        maxBuffer: 64 << 20,
      })
      const template = performance.now() - t0
      const before = proxy.requests.length
      const cpu = process.cpuUsage()
      const t1 = performance.now()
      await exec(
        helm,
        [
          'install',
          c.release,
          chart,
          '-n',
          c.namespace,
          '--create-namespace',
          '--wait',
          '--timeout',
          '300s',
          ...c.values,
        ],
        { env, maxBuffer: 64 << 20 },
      )
      const install = performance.now() - t1
      const used = process.cpuUsage(cpu)
      const row = rows.get(c.release) ?? { install: [], sandboxCpu: [], requests: [], template: [] }
      row.install.push(install)
      row.sandboxCpu.push((used.user + used.system) / 1000)
      row.requests.push(proxy.requests.length - before)
      row.template.push(template)
      rows.set(c.release, row)
    }
  } finally {
    await proxy.stop()
    await sandbox.stop()
    rmSync(home, { recursive: true, force: true })
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
console.log(
  `helm install --wait of the real charts into a bare sandbox (time scale ${SCALE}, median of ${RUNS} runs)`,
)
console.log('chart               install ms  sandbox CPU ms  requests  helm template ms')
for (const [release, r] of rows) {
  console.log(
    `${release.padEnd(18)}  ${median(r.install).toFixed(0).padStart(10)}  ${median(r.sandboxCpu).toFixed(0).padStart(14)}  ${String(median(r.requests)).padStart(8)}  ${median(r.template).toFixed(0).padStart(16)}`,
  )
}
