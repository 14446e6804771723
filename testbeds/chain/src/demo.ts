// `pnpm demo`: the whole chain on one machine. Three sandbox clusters (sit, uat, prod) reconcile a
// local GitOps repository made from the reference layout and install the reference chart with real
// helm; the bundled actions run through the runner in the order of the reusable deliver workflow.
// A good release goes through all three; a bad one fails its canary in sit, is reverted in Git and
// never reaches uat. As in the chain tests, a cluster's time stands still while the runner starts
// the steps, so the demo tells the same story on a busy machine (testbeds/chain/README.md).
import { parseArgs } from 'node:util'
import { primaryImage } from './clusters'
import { type ChainEvent, deliverRelease, type EnvironmentOutcome } from './deliver'
import { type LocalChain, startLocalChain } from './local-chain'

const { values: args } = parseArgs({
  options: {
    'time-scale': { type: 'string', default: '0.01' },
    verbose: { type: 'boolean', default: false },
  },
})
const timeScale = Number(args['time-scale'])
if (!(timeScale > 0 && timeScale <= 1)) {
  console.error(`demo: --time-scale must be a number from 0 (excluded) to 1, got '${args['time-scale']}'`)
  process.exit(2)
}

const APP = 'python-demo'
const NAMESPACE = 'demo-python'
const IMAGE = 'registry.example.com/demo/python-demo'
const ENVIRONMENTS = ['sit', 'uat', 'prod']
const STARTING_TAG = '1f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e'
const GOOD_TAG = '7a3e5c1b9d2f4a6c8e0b1d3f5a7c9e2b4d6f8a0c'
const BAD_TAG = 'c0ffee5badc0de0123456789abcdef0123456789'
// Through the APISIX gateway with the app's host, as the example delivery files do: Flagger's APISIX
// metrics count only requests that pass through the route.
const loadTest = (environment: string) =>
  `hey -z 1m -q 10 -c 2 -host ${APP}.${environment}.example.com http://apisix-gateway.apisix/`

const started = Date.now()
const say = (text: string) =>
  console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s  ${text}`)
const short = (tag: string | undefined) => (tag ?? '?').slice(0, 7)

/** The lines a person follows: what each step did, and every change of the canary. */
function show(event: ChainEvent) {
  const line = event.line.trim()
  const wanted = args.verbose
    ? !line.startsWith('$ ')
    : (event.step === 'render-canary-values' && /^canary on|^A\/B|^blue/.test(line)) ||
      ((event.step === 'bump-gitops-tag' || event.step === 'revert') && /^pushed|^no change/.test(line)) ||
      (event.step === 'wait-for-canary' &&
        /^\[\d\d:\d\d\]/.test(line) &&
        !/HelmRelease|is from an earlier run/.test(line))
  if (wanted) say(`${event.environment.padEnd(4)} ${event.step.padEnd(20)} ${line}`)
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

let chain: LocalChain | undefined
let exitCode = 0
try {
  say(
    `starting: a GitOps repository from workflows-examples/gitops and three sandbox clusters (time ×${1 / timeScale})`,
  )
  chain = await startLocalChain({
    apps: [
      {
        name: APP,
        namespace: NAMESPACE,
        image: IMAGE,
        tag: STARTING_TAG,
        canary: Object.fromEntries(ENVIRONMENTS.map((env) => [env, { loadTest: loadTest(env) }])),
      },
    ],
    environments: ENVIRONMENTS,
    timeScale,
    // The bad build answers 42% of requests successfully, and slowly, in any cluster.
    scenario: { images: { [`${IMAGE}:${BAD_TAG}`]: { successRate: 42, latencyMs: 900 } } },
  })
  say(
    `Flux installed ${APP} with the reference chart and Flagger initialized it in sit, uat and prod (${short(STARTING_TAG)})`,
  )

  const release = async (title: string, tag: string) => {
    say(`── ${title}: ${short(tag)} ──`)
    const outcomes = await deliverRelease({
      config: chain!.config(APP),
      tag,
      clusters: chain!.clusters,
      workspace: chain!.workspace,
      env: { WAIT_FOR_CANARY_STALE_GRACE_MS: String(Math.max(200, 180_000 * timeScale)) },
      onEvent: show,
    })
    for (const outcome of outcomes) say(`${outcome.environment.padEnd(4)} → ${describe(outcome)}`)
    return outcomes
  }
  const good = await release('release 1, a good build', GOOD_TAG)
  const bad = await release('release 2, a bad build', BAD_TAG)

  console.log('\nWhere things stand')
  const rows = [['environment', 'release 1', 'release 2', 'tag in Git', 'primary runs']]
  for (const [i, environment] of ENVIRONMENTS.entries()) {
    const inGit = await chain.gitops.tag(APP, environment)
    const running = primaryImage(chain.sandboxes[environment]!, NAMESPACE, APP)?.split(':').pop()
    rows.push([environment, good[i]!.result, bad[i]!.result, short(inGit), short(running)])
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)))
  for (const row of rows) console.log(`  ${row.map((cell, c) => cell.padEnd(widths[c]!)).join('   ')}`)
  console.log('\nThe GitOps repository, newest first')
  for (const line of (await chain.gitops.log()).slice(0, 7)) console.log(`  ${line}`)

  const asExpected =
    good.every((o) => o.result === 'succeeded') &&
    bad[0]!.result === 'failed' &&
    !!bad[0]!.revertCommit &&
    bad.slice(1).every((o) => o.result === 'skipped')
  console.log(
    `\n${asExpected ? 'The demo went as expected' : 'The demo did NOT go as expected'} (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  )
  if (!asExpected) exitCode = 1
} catch (error) {
  console.error(`demo: ${(error as Error).stack ?? String(error)}`)
  exitCode = 1
} finally {
  await chain?.stop()
}
process.exit(exitCode)
