// `pnpm demo`: the whole chain on one machine. Three sandbox clusters (sit, uat, prod) reconcile a
// local GitOps repository made from the reference layout; the bundled actions run through the
// runner in the order of the reusable deliver workflow. A good release goes through all three; a
// bad one fails its canary in sit, is reverted in Git and never reaches uat.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { type Sandbox, startSandbox } from '@canary-delivery/sandbox'
import { stringify } from 'yaml'
import { type ChainEvent, deliverRelease, type EnvironmentOutcome } from './deliver'
import { createLocalGitops } from './gitops'
import { waitForInitialized, primaryImage } from './clusters'

const { values: args } = parseArgs({
  options: {
    'time-scale': { type: 'string', default: '0.01' },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
})
const timeScale = Number(args['time-scale'])
if (!(timeScale > 0 && timeScale <= 1)) {
  console.error(`demo: --time-scale must be a number in (0, 1], got '${args['time-scale']}'`)
  process.exit(2)
}

const APP = 'python-demo'
const IMAGE = 'registry.example.com/demo/python-demo'
const ENVIRONMENTS = ['sit', 'uat', 'prod']
const STARTING_TAG = '1f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e'
const GOOD_TAG = '7a3e5c1b9d2f4a6c8e0b1d3f5a7c9e2b4d6f8a0c'
const BAD_TAG = 'c0ffee5badc0de0123456789abcdef0123456789'

const started = Date.now()
const clock = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`
const say = (text: string) => console.log(`${clock()}  ${text}`)

const root = mkdtempSync(join(tmpdir(), 'canary-demo-'))
const sandboxes: Sandbox[] = []
let exitCode = 0
try {
  say(`a local GitOps repository from workflows-examples/gitops (${APP} in ${ENVIRONMENTS.join(', ')})`)
  const gitops = await createLocalGitops(root, [{ name: APP, image: IMAGE, tag: STARTING_TAG }], ENVIRONMENTS)

  const workspace = join(root, 'app-repository')
  mkdirSync(join(workspace, '.github'), { recursive: true })
  const config = '.github/delivery.yaml'
  writeFileSync(
    join(workspace, config),
    stringify({
      app: APP,
      image: IMAGE,
      gitops: { repository: gitops.url, branch: 'main', file: 'apps/{app}/{environment}/release.yaml' },
      defaults: { namespace: 'demo-python' },
      environments: [
        { name: 'sit', canary: { strategy: 'canary', profile: 'sit' } },
        { name: 'uat', canary: { strategy: 'canary', profile: 'uat' } },
        { name: 'prod', canary: { strategy: 'canary', profile: 'prod' } },
      ],
    }),
  )

  // The bad build answers 42% of requests successfully and slowly, whatever cluster it runs in.
  const scenario = { images: { [`${IMAGE}:${BAD_TAG}`]: { successRate: 42, latencyMs: 900 } } }
  for (const environment of ENVIRONMENTS) {
    sandboxes.push(await startSandbox({ timeScale, scenario, gitops: { dir: gitops.bare, path: `clusters/${environment}` } }))
  }
  say(`three sandbox clusters on 127.0.0.1 (time runs ${1 / timeScale}× faster); Flux installs ${APP}`)
  await Promise.all(sandboxes.map((sandbox) => waitForInitialized(sandbox, 'demo-python', APP, 60_000)))
  say(`Flagger initialized ${APP} in every cluster, running ${STARTING_TAG.slice(0, 7)}`)

  const clusters = ENVIRONMENTS.map((environment, i) => ({ environment, kubeconfig: sandboxes[i]!.kubeconfig }))
  const show = (event: ChainEvent) => {
    const interesting =
      args.verbose ||
      (event.step === 'wait-for-canary' && /^\s*\d|result|Error|rolled back|promoted|phase/i.test(event.line)) ||
      /^Error:/.test(event.line)
    if (interesting && !event.line.startsWith('$ ')) say(`${event.environment.padEnd(4)} ${event.step.padEnd(20)} ${event.line.trim()}`)
  }
  const env = { WAIT_FOR_CANARY_STALE_GRACE_MS: String(Math.max(200, 180_000 * timeScale)) }

  say(`── release 1: ${GOOD_TAG.slice(0, 7)} (a good build) ──`)
  const good = await deliverRelease({ config, tag: GOOD_TAG, clusters, workspace, env, onEvent: show })
  for (const outcome of good) say(`${outcome.environment.padEnd(4)} → ${describe(outcome)}`)

  say(`── release 2: ${BAD_TAG.slice(0, 7)} (a bad build) ──`)
  const bad = await deliverRelease({ config, tag: BAD_TAG, clusters, workspace, env, onEvent: show })
  for (const outcome of bad) say(`${outcome.environment.padEnd(4)} → ${describe(outcome)}`)

  console.log('\nwhere things stand')
  const rows: string[][] = [['environment', 'release 1', 'release 2', 'tag in Git', 'primary runs']]
  for (const [i, environment] of ENVIRONMENTS.entries()) {
    const file = await gitops.read(gitops.releaseFile(APP, environment))
    const inGit = /tag:\s*"?([\w.-]+)"?/.exec(file.split('image:')[1] ?? '')?.[1] ?? '?'
    const running = primaryImage(sandboxes[i]!, 'demo-python', APP)?.split(':').pop() ?? '?'
    rows.push([environment, good[i]!.result, bad[i]!.result, inGit.slice(0, 7), running.slice(0, 7)])
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  for (const row of rows) console.log(`  ${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}`)
  console.log('\nGitOps history (newest first)')
  for (const line of (await gitops.log()).slice(0, 8)) console.log(`  ${line}`)

  const expected =
    good.every((o) => o.result === 'succeeded') &&
    bad[0]!.result === 'failed' &&
    !!bad[0]!.revertCommit &&
    bad.slice(1).every((o) => o.result === 'skipped')
  console.log(`\n${expected ? 'demo finished as expected' : 'demo did NOT go as expected'} in ${((Date.now() - started) / 1000).toFixed(1)}s`)
  if (!expected) exitCode = 1
} catch (error) {
  console.error(`demo: ${(error as Error).stack ?? error}`)
  exitCode = 1
} finally {
  await Promise.all(sandboxes.map((sandbox) => sandbox.stop()))
  if (args.keep) console.log(`kept ${root}`)
  else rmSync(root, { recursive: true, force: true })
}
process.exit(exitCode)

function describe(outcome: EnvironmentOutcome): string {
  const parts = [outcome.result]
  if (outcome.result === 'skipped') return 'skipped: an earlier environment failed'
  if (outcome.canaryWeight) parts.push(`max weight ${outcome.canaryWeight}%`)
  if (outcome.failedChecks && outcome.failedChecks !== '0') parts.push(`${outcome.failedChecks} failed checks`)
  parts.push(`in ${(outcome.durationMs / 1000).toFixed(1)}s`)
  if (outcome.error) parts.push(`(${outcome.error})`)
  if (outcome.revertCommit) parts.push(`→ Git reverted to ${outcome.previousTag?.slice(0, 7)} in ${outcome.revertCommit.slice(0, 7)}`)
  return parts.join(', ')
}
