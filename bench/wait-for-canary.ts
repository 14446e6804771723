// Benchmark: how soon a person sees a canary change in the job log, and how many API requests a
// rollout costs, for the wait-for-canary bundle (watches) and for the loop Flagger's docs suggest
// (`kubectl get` every few seconds until the run starts, then `kubectl wait --for=condition=promoted`).
//
//   pnpm bench:wait [--rollouts 3] [--time-scale 0.1] [--poll-seconds 5]
//
// Flagger runs in the sandbox on a scaled clock (0.1: a 10s analysis interval lasts 1s). The
// kubectl loop's sleep is scaled the same way, so its period keeps its real ratio to the interval;
// its delays are also printed at real scale (÷ time scale). The action's delays do not depend on
// the clock (it is told of each change), so they are printed as measured.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import { runBundledAction } from '@canary-delivery/action-runner'
import { type CanaryPhase, isCanaryPhase } from '@canary-delivery/flagger'
import { kubeconfigFor, type Sandbox, startSandbox } from '@canary-delivery/sandbox'
import { type RecordingProxy, startRecordingProxy } from '../test/support/recording-proxy'

const exec = promisify(execFile)
const { values: args } = parseArgs({
  options: {
    rollouts: { type: 'string', default: '3' },
    'time-scale': { type: 'string', default: '0.1' },
    'poll-seconds': { type: 'string', default: '5' },
  },
})
const ROLLOUTS = Number(args.rollouts)
const SCALE = Number(args['time-scale'])
const POLL_MS = Number(args['poll-seconds']) * 1000 * SCALE
const NS = 'bench'
const IMAGE = 'ghcr.io/acme/podinfo'
const ACTION_DIR = resolve(import.meta.dirname, '../actions/wait-for-canary')
const KUBECTL = ['/usr/lib/google-cloud-sdk/bin/kubectl.1.32', 'kubectl'].find(
  (k) => k === 'kubectl' || existsSync(k),
)!

// biome-ignore lint/suspicious/noExplicitAny: sandbox objects are untyped JSON
type Obj = Record<string, any>

interface Change {
  at: number
  phase: CanaryPhase
  weight: number
}
interface Seen {
  at: number
  phase: CanaryPhase
  weight: number
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)]!
}

/** For each change, how long until the observer first showed that state (undefined: never shown). */
function delays(changes: Change[], seen: Seen[]): (number | undefined)[] {
  return changes.map((change, i) => {
    const next = changes[i + 1]?.at ?? Number.POSITIVE_INFINITY
    const shown = seen.find(
      (s) =>
        s.at >= change.at && s.phase === change.phase && s.weight === change.weight && s.at < next + 60_000,
    )
    // A state shown only after the canary had already moved on still counts, with its delay.
    return shown ? shown.at - change.at : undefined
  })
}

class Bench {
  private constructor(
    readonly sandbox: Sandbox,
    private changes: Change[] = [],
  ) {}

  static async start(): Promise<Bench> {
    const sandbox = await startSandbox({ timeScale: SCALE })
    const bench = new Bench(sandbox)
    const reg = sandbox.store.registry
    const canaryType = reg.byKind('flagger.app/v1beta1', 'Canary')!
    let last = ''
    sandbox.store.subscribe((event) => {
      if (event.rt !== canaryType) return
      const status: Obj = event.object.status ?? {}
      const phase: CanaryPhase = status.phase ?? ''
      const key = `${phase}|${status.canaryWeight ?? 0}`
      if (key === last) return
      last = key
      bench.changes.push({ at: Date.now(), phase, weight: status.canaryWeight ?? 0 })
    })
    sandbox.store.create(reg.byKind('v1', 'Namespace')!, { metadata: { name: NS } })
    sandbox.store.create(reg.byKind('apps/v1', 'Deployment')!, {
      metadata: { name: 'podinfo', namespace: NS, labels: { app: 'podinfo' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'podinfo' } },
        template: {
          metadata: { labels: { app: 'podinfo' } },
          spec: { containers: [{ name: 'podinfod', image: `${IMAGE}:0.0.0` }] },
        },
      },
    })
    sandbox.store.create(canaryType, {
      metadata: { name: 'podinfo', namespace: NS },
      spec: {
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
        progressDeadlineSeconds: 120,
        service: { port: 9898 },
        analysis: { interval: '10s', threshold: 2, maxWeight: 50, stepWeight: 10 },
      },
    })
    await bench.until(() => bench.phase() === 'Initialized')
    return bench
  }

  phase(): CanaryPhase | undefined {
    return this.sandbox.store.get(
      this.sandbox.store.registry.byKind('flagger.app/v1beta1', 'Canary')!,
      NS,
      'podinfo',
    )?.status?.phase
  }

  setTag(tag: string): void {
    const rt = this.sandbox.store.registry.byKind('apps/v1', 'Deployment')!
    const target = this.sandbox.store.get(rt, NS, 'podinfo')!
    target.spec.template.spec.containers[0].image = `${IMAGE}:${tag}`
    this.sandbox.store.update(rt, target)
  }

  async until(check: () => boolean, timeoutMs = 600_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out')
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  /** Changes from now on (the previous rollout's are dropped). */
  takeChanges(): Change[] {
    const taken = this.changes
    this.changes = []
    return taken
  }
}

interface RunMeasure {
  delays: (number | undefined)[]
  /** Delay of the first line showing the new run (Progressing). */
  startDelay?: number
  requests: number
  result: string
}

async function measureAction(bench: Bench, tag: string, proxy: RecordingProxy): Promise<RunMeasure> {
  const seen: Seen[] = []
  const runnerTemp = mkdtempSync(join(tmpdir(), 'bench-runner-'))
  let flux: (() => void) | undefined
  const started = new Promise<void>((r) => {
    flux = r
  })
  bench.takeChanges()
  const result = runBundledAction({
    actionDir: ACTION_DIR,
    inputs: { kubeconfig: kubeconfigFor(proxy.url), namespace: NS, name: 'podinfo', tag, timeout: '30m' },
    runnerTemp,
    onLogLine: (line) => {
      const at = Date.now()
      if (/waiting for Flux to apply/.test(line)) flux?.()
      const m = /^\[\d\d:\d\d\] (\w+)\s+(\d+)%/.exec(line)
      if (m && isCanaryPhase(m[1])) seen.push({ at, phase: m[1], weight: Number(m[2]) })
    },
  })
  await started
  bench.takeChanges()
  bench.setTag(tag)
  const run = await result
  rmSync(runnerTemp, { recursive: true, force: true })
  const changes = bench.takeChanges()
  const measured = delays(changes, seen)
  return {
    delays: measured,
    startDelay: measured[changes.findIndex((c) => c.phase === 'Progressing')],
    requests: proxy.requests.length,
    result: run.outputs.result ?? `exit ${run.exitCode}`,
  }
}

async function measureKubectlLoop(bench: Bench, tag: string, proxy: RecordingProxy): Promise<RunMeasure> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-kubectl-'))
  const kubeconfig = join(dir, 'kubeconfig')
  writeFileSync(kubeconfig, kubeconfigFor(proxy.url), { mode: 0o600 })
  // A CI job starts with an empty discovery cache.
  const env = { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache') }
  const kubectl = (...argv: string[]) => exec(KUBECTL, argv, { env, timeout: 3_600_000 })
  const seen: Seen[] = []
  bench.takeChanges()
  let first = true
  let last = ''
  // until kubectl get canary/podinfo | grep -q Progressing; do sleep 5; done
  for (;;) {
    const { stdout } = await kubectl(
      'get',
      'canary/podinfo',
      '-n',
      NS,
      '-o',
      'jsonpath={.status.phase} {.status.canaryWeight}',
    )
    const at = Date.now()
    const [phase = '', weight = '0'] = stdout.trim().split(' ')
    if (stdout !== last) {
      if (isCanaryPhase(phase)) seen.push({ at, phase, weight: Number(weight) })
      last = stdout
    }
    if (first) {
      first = false
      bench.setTag(tag) // Flux applies the change once the loop is running, as for the action.
    } else if (phase === 'Progressing') break
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
  // kubectl wait prints nothing until the condition is met.
  await kubectl('wait', 'canary/podinfo', '-n', NS, '--for=condition=promoted', '--timeout=30m')
  seen.push({ at: Date.now(), phase: 'Succeeded', weight: 0 })
  rmSync(dir, { recursive: true, force: true })
  const changes = bench.takeChanges()
  const measured = delays(changes, seen)
  const start = changes.findIndex((c) => c.phase === 'Progressing')
  return {
    delays: measured,
    startDelay: measured[start],
    requests: proxy.requests.length,
    result: 'succeeded',
  }
}

function report(name: string, runs: RunMeasure[], scale: number) {
  const all = runs.flatMap((r) => r.delays)
  const shown = all.filter((d): d is number => d !== undefined).sort((a, b) => a - b)
  const starts = runs
    .map((r) => r.startDelay)
    .filter((d): d is number => d !== undefined)
    .sort((a, b) => a - b)
  const requests = runs.map((r) => r.requests)
  const fmt = (ms: number) =>
    Number.isNaN(ms) ? '–' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`
  return {
    approach: name,
    'changes shown': `${shown.length}/${all.length}`,
    'delay median': fmt(percentile(shown, 50)),
    'delay p95': fmt(percentile(shown, 95)),
    // The poll's share of the delay scales with the clock; the watch's does not.
    'run start seen after (real scale)': `${fmt(percentile(starts, 50) / scale)} median, ${fmt(percentile(starts, 95) / scale)} p95`,
    'API requests / rollout': Math.round(requests.reduce((a, b) => a + b, 0) / requests.length),
    results: [...new Set(runs.map((r) => r.result))].join(', '),
  }
}

const bench = await Bench.start()
const actionRuns: RunMeasure[] = []
const loopRuns: RunMeasure[] = []
try {
  for (let i = 1; i <= ROLLOUTS; i++) {
    let proxy = await startRecordingProxy(bench.sandbox.url)
    actionRuns.push(await measureAction(bench, `1.${i}.0`, proxy))
    await proxy.stop()
    proxy = await startRecordingProxy(bench.sandbox.url)
    loopRuns.push(await measureKubectlLoop(bench, `2.${i}.0`, proxy))
    await proxy.stop()
    process.stderr.write(`rollout ${i}/${ROLLOUTS} measured\n`)
  }
} finally {
  await bench.sandbox.stop()
}

console.log(
  `wait-for-canary benchmark: ${ROLLOUTS} rollouts each, Flagger interval 10s at time scale ${SCALE}`,
)
console.log(`kubectl: ${KUBECTL}`)
console.table([
  report('wait-for-canary (watch)', actionRuns, 1),
  report(`kubectl get every ${args['poll-seconds']}s + kubectl wait`, loopRuns, SCALE),
])
