// The part of `pnpm demo` both paths tell: two releases of one app through sit, uat and prod — a
// good build promoted everywhere, a bad one failed in sit, reverted in Git and never in uat — and
// the table of where each environment stands afterwards.
import type { Sandbox, Scenario } from '@canary-delivery/sandbox'
import type { LocalChainApp } from './app-workspace'
import { primaryImage } from './clusters'
import { type ChainCluster, type ChainEvent, deliverRelease, type EnvironmentOutcome } from './deliver'
import type { LocalGitops } from './gitops'

export const APP = 'python-demo'
export const NAMESPACE = 'demo-python'
export const IMAGE = 'registry.example.com/demo/python-demo'
export const DELIVERY_ENVIRONMENTS = ['sit', 'uat', 'prod']
const STARTING_TAG = '1f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e'
const GOOD_TAG = '7a3e5c1b9d2f4a6c8e0b1d3f5a7c9e2b4d6f8a0c'
const BAD_TAG = 'c0ffee5badc0de0123456789abcdef0123456789'
// Through the APISIX gateway with the app's host, as the example delivery files do: Flagger's APISIX
// metrics count only requests that pass through the route.
const loadTest = (environment: string) =>
  `hey -z 1m -q 10 -c 2 -host ${APP}.${environment}.example.com http://apisix-gateway.apisix/`

/** The app the demo releases, at the tag the GitOps repository starts with. */
export const DEMO_APP: LocalChainApp = {
  name: APP,
  namespace: NAMESPACE,
  image: IMAGE,
  tag: STARTING_TAG,
  canary: Object.fromEntries(DELIVERY_ENVIRONMENTS.map((env) => [env, { loadTest: loadTest(env) }])),
}

/** The bad build answers 42% of requests successfully, and slowly, in any cluster. */
export const DEMO_SCENARIO: Scenario = {
  images: { [`${IMAGE}:${BAD_TAG}`]: { successRate: 42, latencyMs: 900 } },
}

export const short = (tag: string | undefined) => (tag ?? '?').slice(0, 7)

/** Progress lines, each with the seconds since the demo started. */
export function clock(started = Date.now()) {
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1)
  return {
    seconds,
    say: (text: string) => console.log(`${seconds().padStart(5)}s  ${text}`),
  }
}

/** How the demo learns it was interrupted, and cancels what runs. */
interface Interruption {
  /** Aborted at the first interrupt: the runner cancels the running steps as GitHub does. */
  signal: AbortSignal
  interrupted(): boolean
  /** Stops listening (the demo's end). */
  end(): void
}

/**
 * Ctrl-C, SIGTERM, or a reader of the output that went away: the first cancels the running steps,
 * after which the demo unwinds, stops the clusters and removes its folders as at any end; a second
 * stops at once (`stopNow`, then exit 130).
 */
function watchInterrupts(stopNow: () => Promise<void> | undefined): Interruption {
  const controller = new AbortController()
  let count = 0
  const interrupt = (why: string) => {
    count++
    if (count === 1) {
      process.stderr.write(`\ndemo: ${why}: cancelling the running steps, then stopping the clusters\n`)
      controller.abort(new Error(`interrupted (${why})`))
    } else if (count === 2) {
      Promise.resolve(stopNow()).finally(() => process.exit(130))
    }
  }
  const onSignal = (signal: NodeJS.Signals) => interrupt(signal)
  const onOutputError = () => interrupt('its output was closed')
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  process.stdout.on('error', onOutputError)
  return {
    signal: controller.signal,
    interrupted: () => count > 0,
    end() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}

/**
 * Runs one telling of the demo and gives its exit code: 0 when it went as expected, 1 when not (or
 * on an error, said in one line by `explain`), 130 when interrupted. `stop` (the clusters and the
 * temporary folders) at every end.
 */
export async function runDemo(
  stop: () => Promise<void> | undefined,
  tell: (signal: AbortSignal) => Promise<boolean>,
  explain: (error: unknown) => string = (error) => `demo: ${(error as Error).stack ?? String(error)}`,
): Promise<number> {
  const interruption = watchInterrupts(stop)
  try {
    const asExpected = await tell(interruption.signal)
    return interruption.interrupted() ? 130 : asExpected ? 0 : 1
  } catch (error) {
    console.error(interruption.interrupted() ? 'demo: interrupted' : explain(error))
    return interruption.interrupted() ? 130 : 1
  } finally {
    await stop()
    interruption.end()
  }
}

/** Rows as aligned columns, the first row the header. */
export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)))
  for (const row of rows) console.log(`  ${row.map((cell, c) => cell.padEnd(widths[c]!)).join('   ')}`)
}

/** What the releases need: the clusters the deliver workflow reaches, the delivery file, Git. */
export interface ReleaseTarget {
  clusters: ChainCluster[]
  workspace: string
  config(app: string): string
  gitops: LocalGitops
  sandboxes: Record<string, Sandbox>
}

export interface Releases {
  good: EnvironmentOutcome[]
  bad: EnvironmentOutcome[]
  /** The good build promoted everywhere; the bad one failed in sit, reverted, the rest skipped. */
  asExpected: boolean
}

/** The two releases, each environment's steps told as they happen. */
export async function runReleases(
  target: ReleaseTarget,
  options: { timeScale: number; verbose: boolean; say: (text: string) => void; signal?: AbortSignal },
): Promise<Releases> {
  const { say } = options
  const show = (event: ChainEvent) => {
    const line = event.line.trim()
    const wanted = options.verbose
      ? !line.startsWith('$ ')
      : (event.step === 'render-canary-values' && /^canary on|^A\/B|^blue/.test(line)) ||
        ((event.step === 'bump-gitops-tag' || event.step === 'revert') && /^pushed|^no change/.test(line)) ||
        (event.step === 'wait-for-canary' &&
          /^\[\d\d:\d\d\]/.test(line) &&
          !/HelmRelease|is from an earlier run/.test(line))
    if (wanted) say(`${event.environment.padEnd(4)} ${event.step.padEnd(20)} ${line}`)
  }
  const release = async (title: string, tag: string) => {
    say(`── ${title}: ${short(tag)} ──`)
    const outcomes = await deliverRelease({
      config: target.config(APP),
      tag,
      clusters: target.clusters,
      workspace: target.workspace,
      env: { WAIT_FOR_CANARY_STALE_GRACE_MS: String(Math.max(200, 180_000 * options.timeScale)) },
      onEvent: show,
      signal: options.signal,
    })
    for (const outcome of outcomes) say(`${outcome.environment.padEnd(4)} → ${describe(outcome)}`)
    return outcomes
  }
  const good = await release('release 1, a good build', GOOD_TAG)
  options.signal?.throwIfAborted()
  const bad = await release('release 2, a bad build', BAD_TAG)
  const asExpected =
    good.every((o) => o.result === 'succeeded') &&
    bad[0]!.result === 'failed' &&
    !!bad[0]!.revertCommit &&
    bad.slice(1).every((o) => o.result === 'skipped')
  return { good, bad, asExpected }
}

function describe(outcome: EnvironmentOutcome): string {
  if (outcome.result === 'skipped') return 'skipped: an earlier environment failed'
  const parts = [outcome.result]
  if (outcome.canaryWeight) parts.push(`reached ${outcome.canaryWeight}%`)
  if (outcome.failedChecks && outcome.failedChecks !== '0')
    parts.push(`${outcome.failedChecks} failed checks`)
  parts.push(`in ${(outcome.durationMs / 1000).toFixed(1)}s`)
  if (outcome.revertCommit)
    parts.push(`Git reverted to ${short(outcome.previousTag)} (${short(outcome.revertCommit)})`)
  return parts.join(', ')
}

/** Per delivery environment: each release's result, the tag in Git and the image the primary runs. */
export async function releaseRows(target: ReleaseTarget, releases: Releases): Promise<string[][]> {
  const rows = [['environment', 'release 1', 'release 2', 'tag in Git', 'primary runs']]
  for (const [i, outcome] of releases.good.entries()) {
    const environment = outcome.environment
    const inGit = await target.gitops.tag(APP, environment)
    const running = primaryImage(target.sandboxes[environment]!, NAMESPACE, APP)?.split(':').pop()
    rows.push([environment, outcome.result, releases.bad[i]!.result, short(inGit), short(running)])
  }
  return rows
}

/** The GitOps repository's newest commits, and the verdict line. */
export async function printEnding(
  target: ReleaseTarget,
  releases: Releases,
  seconds: string,
  asExpected = releases.asExpected,
): Promise<void> {
  console.log('\nThe GitOps repository, newest first')
  for (const line of (await target.gitops.log()).slice(0, 7)) console.log(`  ${line}`)
  console.log(
    `\n${asExpected ? 'The demo went as expected' : 'The demo did NOT go as expected'} (${seconds}s)`,
  )
}
