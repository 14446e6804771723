/**
 * Benchmark for bump-gitops-tag: `pnpm bench:bump [--files 1000,20000,100000] [--runs 5]
 * [--concurrent 0] [--json]`.
 *
 * For each repository size it builds a synthetic GitOps repository (a bare repository with N files,
 * served with partial fetch enabled as GitHub does), then makes paired runs of
 *   - one bump through the action's bundle, run as GitHub runs it (Node 24 when installed), and
 *   - the naive script: full clone, sed, commit, push (bash),
 * each pair editing a different app, alternating which goes first, and prints the medians and the
 * median of the per-pair ratios. Then, once: the git processes one bump starts, the size of its log
 * with debug logging on, the time to edit a file of 100,000 keys and to refuse an alias bomb, and
 * optionally K bumps of K apps at once (`--concurrent K`). Prints numbers; asserts nothing.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { node24Binary, runBundledAction } from '@canary-delivery/action-runner'
// Not a dependency of the root package: the one function is imported from its source.
import { editImageTag } from '../packages/gitops/src/index'

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '1000,20000,100000' },
    runs: { type: 'string', default: '5' },
    concurrent: { type: 'string', default: '0' },
    json: { type: 'boolean', default: false },
    // Another build of the action to measure the same way, e.g. a folder holding an earlier dist/.
    action: { type: 'string' },
  },
})
const SIZES = args.files.split(',').map(Number)
const RUNS = Number(args.runs)
const CONCURRENT = Number(args.concurrent)
const actionDir = resolve(args.action ?? join(import.meta.dirname, '../actions/bump-gitops-tag'))
const node = node24Binary() ?? process.execPath
const work = mkdtempSync(join(tmpdir(), 'bench-bump-'))
const git = (cwd: string, ...a: string[]) =>
  execFileSync('git', a, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
const say = (line: string) => {
  if (!args.json) console.log(line)
}

const release = (app: string) =>
  [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    `  name: ${app}`,
    `  namespace: ${app}`,
    'spec:',
    '  interval: 5m',
    '  chart:',
    '    spec:',
    '      chart: app',
    '      version: 1.2.3',
    '  values:',
    '    image:',
    `      repository: ghcr.io/acme/${app}`,
    '      tag: "1.0.0"',
    '    replicas: 2',
    '',
  ].join('\n')

const appName = (i: number) => `app${String(i).padStart(5, '0')}`

/** N files in one commit, written with git fast-import (a loop of `git add` would take minutes). */
function makeRepository(bare: string, files: number): void {
  git(work, 'init', '-q', '--bare', '-b', 'main', bare)
  const chunks = [
    'commit refs/heads/main',
    'committer seed <seed@example.com> 1700000000 +0000',
    'data 4',
    'seed',
  ]
  let written = 0
  for (let i = 0; written < files; i++) {
    const app = appName(i)
    const contents: [string, string][] = [
      [`apps/${app}/release.yaml`, release(app)],
      [`apps/${app}/kustomization.yaml`, 'resources:\n  - release.yaml\n  - service.yaml\n  - config.yaml\n'],
      [`apps/${app}/service.yaml`, `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\n`],
      [
        `apps/${app}/config.yaml`,
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}\ndata:\n  ID: "${i}"\n`,
      ],
    ]
    for (const [path, content] of contents) {
      if (written++ >= files) break
      chunks.push(`M 100644 inline ${path}`, `data ${Buffer.byteLength(content)}`, content)
    }
  }
  const result = spawnSync('git', ['fast-import', '--quiet'], {
    cwd: bare,
    input: `${chunks.join('\n')}\n`,
    maxBuffer: 1 << 28,
  })
  if (result.status !== 0) throw new Error(`fast-import failed: ${result.stderr}`)
  git(bare, 'config', 'uploadpack.allowFilter', 'true')
  git(bare, 'gc', '-q')
}

/** The naive way, as a workflow step would write it: full clone, sed, commit, push. */
const NAIVE = `
git clone -q "$1" "$2"
sed -i 's/tag: "1.0.0"/tag: "1.0.1"/' "$2/apps/$3/release.yaml"
git -C "$2" -c user.name=bench -c user.email=bench@example.com commit -qam "$3 prod: 1.0.0 → 1.0.1"
git -C "$2" push -q origin HEAD:main
rm -rf "$2"
`

function naive(bare: string, app: string): Promise<number> {
  const started = performance.now()
  const child = spawn('bash', ['-e', '-c', NAIVE, 'naive', `file://${bare}`, join(work, 'naive'), app], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  return new Promise((done, fail) =>
    child.on('close', (code) =>
      code === 0 ? done(performance.now() - started) : fail(new Error(`the naive script exited ${code}`)),
    ),
  )
}

const inputs = (bare: string, app: string, tag = '1.0.1') => ({
  repository: bare,
  file: 'apps/{app}/release.yaml',
  app,
  environment: 'prod',
  tag,
  'max-attempts': '50',
})

async function bump(bare: string, app: string, env: Record<string, string> = {}, debug = false) {
  const started = performance.now()
  const result = await runBundledAction({
    actionDir,
    node,
    inputs: inputs(bare, app),
    env,
    debug,
    timeoutMs: 600_000,
  })
  if (result.exitCode !== 0) throw new Error(`bump failed:\n${result.log}`)
  return { ms: performance.now() - started, result }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

interface SizeResult {
  files: number
  bumpMs: number
  naiveMs: number
  ratio: number
  ratios: number[]
}

/**
 * Git processes one bump starts (the `start` events of git's trace2: those the action starts
 * itself have a session id of their own, git's helpers one under their parent's), and its log
 * with debug logging on.
 */
async function processesAndLog(bare: string, app: string) {
  const trace = join(work, 'trace2.json')
  rmSync(trace, { force: true })
  await bump(bare, app, { GIT_TRACE2_EVENT: trace })
  const starts = readFileSync(trace, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"event":"start"'))
    .map((line) => JSON.parse(line) as { sid: string })
  const debugged = await bump(bare, appName(Number(app.slice(3)) + 1), {}, true)
  return {
    processes: starts.filter((start) => !start.sid.includes('/')).length,
    processesWithHelpers: starts.length,
    debugLogBytes: Buffer.byteLength(debugged.result.log),
  }
}

function editOf100kKeys(): { editMs: number; aliasBombMs: number } {
  const keys = Array.from({ length: 100_000 }, (_, i) => `  KEY_${i}: value-${i}`)
  const content = `image:\n  repository: ghcr.io/acme/app\n  tag: "1.0.0"\nenv:\n${keys.join('\n')}\n`
  const edits = [0, 1, 2].map(() => {
    const started = performance.now()
    editImageTag({ content, fileName: 'big.yaml', tag: '1.0.1' })
    return performance.now() - started
  })
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
  for (let i = 1; i < 10; i++)
    levels.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]`,
    )
  const bomb = `${levels.join('\n')}\nimage:\n  repository: a/b\n  tag: v1\n`
  const started = performance.now()
  try {
    editImageTag({ content: bomb, fileName: 'bomb.yaml', tag: 'v2' })
  } catch {}
  return { editMs: median(edits), aliasBombMs: performance.now() - started }
}

try {
  say(`node for the bundle: ${node === process.execPath ? process.version : `Node 24 (${node})`}`)
  say(`${cpus().length} CPUs, ${git(work, '--version').trim()}, ${RUNS} paired runs per size`)
  const sizes: SizeResult[] = []
  let extra:
    | { processes: number; processesWithHelpers: number; debugLogBytes: number; files: number }
    | undefined
  for (const files of SIZES) {
    const bare = join(work, `gitops-${files}.git`)
    const built = performance.now()
    makeRepository(bare, files)
    say(`\n${files} files: repository built in ${seconds(performance.now() - built)}`)
    // Warm the file cache and both paths once, uncounted.
    await bump(bare, appName(0))
    await naive(bare, appName(1))
    const pairs: { bump: number; naive: number }[] = []
    for (let run = 0; run < RUNS; run++) {
      const [forBump, forNaive] = [appName(2 + 2 * run), appName(3 + 2 * run)]
      const pair = { bump: 0, naive: 0 }
      if (run % 2 === 0) {
        pair.bump = (await bump(bare, forBump)).ms
        pair.naive = await naive(bare, forNaive)
      } else {
        pair.naive = await naive(bare, forNaive)
        pair.bump = (await bump(bare, forBump)).ms
      }
      pairs.push(pair)
      say(`  run ${run + 1}: bump ${seconds(pair.bump)}, naive ${seconds(pair.naive)}`)
    }
    const ratios = pairs.map((p) => p.bump / p.naive)
    sizes.push({
      files,
      bumpMs: median(pairs.map((p) => p.bump)),
      naiveMs: median(pairs.map((p) => p.naive)),
      ratio: median(ratios),
      ratios,
    })
    if (files === Math.max(...SIZES))
      extra = { files, ...(await processesAndLog(bare, appName(2 + 2 * RUNS))) }
    rmSync(bare, { recursive: true, force: true })
  }
  const yaml = editOf100kKeys()

  let concurrent: { runs: number; ms: number; failed: number; maxAttempts: number } | undefined
  if (CONCURRENT > 0) {
    const bare = join(work, 'gitops-concurrent.git')
    makeRepository(bare, 20_000)
    const apps = Array.from({ length: CONCURRENT }, (_, i) => appName(100 + i))
    const started = performance.now()
    const results = await Promise.all(
      apps.map((app) =>
        runBundledAction({ actionDir, node, inputs: inputs(bare, app, '2.0.0'), timeoutMs: 600_000 }),
      ),
    )
    const attempts = results.map((r) => Number(/\| attempts \| (\d+)/.exec(r.summary)?.[1] ?? 1))
    concurrent = {
      runs: CONCURRENT,
      ms: performance.now() - started,
      failed: results.filter((r) => r.exitCode !== 0).length,
      maxAttempts: Math.max(...attempts),
    }
  }

  if (args.json) {
    console.log(JSON.stringify({ node, sizes, ...extra, ...yaml, concurrent }, null, 2))
  } else {
    console.log(
      '\n| files | one bump (median) | naive clone + sed + commit + push (median) | bump ÷ naive (median of pairs) |',
    )
    console.log('| ---: | ---: | ---: | ---: |')
    for (const s of sizes) {
      console.log(`| ${s.files} | ${seconds(s.bumpMs)} | ${seconds(s.naiveMs)} | ${s.ratio.toFixed(3)} |`)
    }
    if (extra) {
      console.log(
        `\ngit processes one bump starts (${extra.files} files, git's trace2): ${extra.processes}; with git's own helpers and the local server's side: ${extra.processesWithHelpers}`,
      )
      console.log(`its log with debug logging on: ${extra.debugLogBytes} bytes`)
    }
    console.log(`edit of a file of 100,000 keys (2.4 MB): ${seconds(yaml.editMs)} (median of 3, in-process)`)
    console.log(
      `an alias bomb of 10 levels (<1 KB) refused in ${yaml.aliasBombMs.toFixed(1)} ms (in-process)`,
    )
    if (concurrent) {
      console.log(
        `${concurrent.runs} concurrent bumps of ${concurrent.runs} apps, one branch: ${seconds(concurrent.ms)}, ${concurrent.runs - concurrent.failed}/${concurrent.runs} succeeded, at most ${concurrent.maxAttempts} attempts`,
      )
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
