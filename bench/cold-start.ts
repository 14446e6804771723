/**
 * How fast each action's bundle starts: `pnpm bench:cold-start [--runs 20] [--node 24] [--reference FILE]…`.
 *
 * Every step of every actions/<name>/action.yml (main, and post where there is one) runs as a
 * runner starts it, with the runner's files but no inputs, so that it stops at its first input
 * check: the time from spawning node to its exit, against `node -e 0` (node's own floor) in the same
 * round, and against each --reference bundle (e.g. a copy of actions/checkout's dist/index.js).
 * Rounds alternate the subjects (paired runs, a warm-up round first); the table shows medians.
 * A reference runs as its own package.json says (CommonJS or ESM): give the file inside its checkout.
 * Peak memory (maxRSS) comes from separate runs, so that its probe costs the timed runs nothing.
 * Prints numbers; asserts nothing.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { repoRoot, resolveNode } from '@canary-delivery/action-runner'
import { parse } from 'yaml'

export interface Subject {
  /** What the table calls it: `bump-gitops-tag`, `wait-for-canary (post)`, `reference: index.js`. */
  name: string
  /** The arguments after the node binary. */
  args: string[]
  reference?: boolean
  /** A post step: it runs with the state its main step saved, as the runner passes it (STATE_*). */
  after?: Subject
}

export interface ColdStart {
  name: string
  medianMs: number
  /** The median over rounds of this subject's time ÷ node's floor in the same round. */
  floorRatio: number
  /** The same against the first reference, when one was given. */
  referenceRatio?: number
  peakMb: number
  /** How the last run ended: its first error annotation, or why it is not an input check. */
  ending: string
}

/** Every step of every action under actions/ (those still to come included, once they have a dist/). */
export function actionSubjects(root = repoRoot): Subject[] {
  const base = join(root, 'actions')
  return readdirSync(base)
    .sort()
    .flatMap((name) => {
      const file = join(base, name, 'action.yml')
      if (!existsSync(file)) return []
      const runs = (parse(readFileSync(file, 'utf8')) as { runs?: Record<string, string> }).runs ?? {}
      const steps = (['pre', 'main', 'post'] as const)
        .filter((step) => runs[step] && existsSync(join(base, name, runs[step]!)))
        .map((step) => ({
          step,
          subject: {
            name: step === 'main' ? name : `${name} (${step})`,
            args: [join(base, name, runs[step]!)],
          },
        }))
      const main = steps.find(({ step }) => step === 'main')?.subject
      return steps.map(
        ({ step, subject }): Subject => (step === 'post' && main ? { ...subject, after: main } : subject),
      )
    })
}

/**
 * What a run shows for itself: the input error it stopped at, or that it stopped elsewhere (a bundle
 * that crashes while loading would look fast).
 */
function ending(code: number | null, stdout: string, stderr: string): string {
  const error = /^::error(?: [^:]*)?::(.*)$/m.exec(stdout)?.[1]
  if (error) return error.replace(/%0A/g, ' ').slice(0, 60)
  const detail = stderr.trim().split('\n').at(-1) ?? ''
  return code === 0
    ? 'succeeded'
    : `exit ${code} without an input error ${detail ? `(${detail.slice(0, 60)})` : ''}`.trim()
}

/** The runner's state file (`name=value` lines, or `name<<DELIMITER` … `DELIMITER`) as STATE_ variables. */
export function savedState(text: string): NodeJS.ProcessEnv {
  const state: NodeJS.ProcessEnv = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1)
      state[`STATE_${heredoc[1]}`] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (line.includes('=')) {
      state[`STATE_${line.slice(0, line.indexOf('='))}`] = line.slice(line.indexOf('=') + 1)
    }
  }
  return state
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** A runner's environment for one step: its files, a workspace and RUNNER_TEMP, and no inputs. */
function stepEnvironment(folder: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env))
    if (!/^(INPUT_|STATE_|GITHUB_|RUNNER_|ACTIONS_)/.test(key)) env[key] = value
  const workspace = join(folder, 'workspace')
  const temp = join(folder, 'temp')
  mkdirSync(workspace, { recursive: true })
  mkdirSync(temp, { recursive: true })
  for (const name of ['OUTPUT', 'STATE', 'ENV', 'PATH', 'STEP_SUMMARY']) {
    const file = join(temp, name.toLowerCase())
    writeFileSync(file, '')
    env[`GITHUB_${name}`] = file
  }
  return { ...env, GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_WORKSPACE: workspace, RUNNER_TEMP: temp }
}

export async function measureColdStarts(options: {
  node: string
  subjects: Subject[]
  runs: number
  onRound?: (round: number) => void
}): Promise<ColdStart[]> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-cold-start-'))
  const probe = join(folder, 'peak-memory.cjs')
  // Loaded before the bundle in the memory runs only: writes the process's peak RSS on exit.
  writeFileSync(
    probe,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_PEAK_FILE, String(process.resourceUsage().maxRSS)))\n",
  )
  try {
    const env = stepEnvironment(folder)
    const floor: Subject = { name: 'node -e 0', args: ['-e', '0'] }
    const all = [floor, ...options.subjects]
    const run = (subject: Subject, extra: string[] = [], extraEnv: NodeJS.ProcessEnv = {}) => {
      const started = performance.now()
      const result = spawnSync(options.node, [...extra, ...subject.args], {
        cwd: env.GITHUB_WORKSPACE,
        env: { ...env, ...extraEnv },
        stdio: 'pipe',
        timeout: 60_000,
      })
      return {
        ms: performance.now() - started,
        ending: ending(result.status, String(result.stdout), String(result.stderr)),
      }
    }
    // A post step's state: what its main step wrote to GITHUB_STATE in a run of its own.
    const stepState = new Map<Subject, NodeJS.ProcessEnv>()
    for (const subject of all) {
      if (!subject.after) continue
      writeFileSync(env.GITHUB_STATE!, '')
      run(subject.after)
      stepState.set(subject, savedState(readFileSync(env.GITHUB_STATE!, 'utf8')))
      writeFileSync(env.GITHUB_STATE!, '')
    }
    const times = new Map(all.map((subject) => [subject, [] as number[]]))
    const endings = new Map<Subject, string>()
    for (let round = 0; round <= options.runs; round++) {
      // Round 0 warms the file cache and is not counted; the order turns each round.
      const order = all.map((_, i) => all[(i + round) % all.length]!)
      for (const subject of order) {
        const { ms, ending } = run(subject, [], stepState.get(subject))
        endings.set(subject, ending)
        if (round > 0) times.get(subject)!.push(ms)
      }
      if (round > 0) options.onRound?.(round)
    }
    const reference = options.subjects.find((subject) => subject.reference)
    const ratioTo = (subject: Subject, base: Subject) =>
      median(times.get(subject)!.map((ms, round) => ms / times.get(base)![round]!))
    const peakMb = (subject: Subject) => {
      const file = join(folder, 'peak')
      const peaks = Array.from({ length: 5 }, () => {
        run(subject, ['--require', probe], { ...stepState.get(subject), BENCH_PEAK_FILE: file })
        return Number(readFileSync(file, 'utf8')) / 1024
      })
      return median(peaks)
    }
    return all.map((subject) => ({
      name: subject.name,
      medianMs: median(times.get(subject)!),
      floorRatio: ratioTo(subject, floor),
      ...(reference ? { referenceRatio: ratioTo(subject, reference) } : {}),
      peakMb: peakMb(subject),
      ending: endings.get(subject) ?? '',
    }))
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/** The table as Markdown. */
export function coldStartTable(results: ColdStart[], node: string, runs: number): string {
  const hasReference = results.some((r) => r.referenceRatio !== undefined)
  const lines = [
    `Cold start to the first input check on ${node}, medians of ${runs} paired runs:`,
    '',
    `| step | median | × node -e 0 |${hasReference ? ' × reference |' : ''} peak memory | stopped at |`,
    `| --- | --- | --- |${hasReference ? ' --- |' : ''} --- | --- |`,
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.medianMs.toFixed(0)} ms | ${r.floorRatio.toFixed(2)} |${
          hasReference ? ` ${r.referenceRatio!.toFixed(2)} |` : ''
        } ${r.peakMb.toFixed(0)} MB | ${r.ending.replaceAll('|', '\\|')} |`,
    ),
  ]
  return lines.join('\n')
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '20' },
      node: { type: 'string', default: '24' },
      reference: { type: 'string', multiple: true, default: [] },
    },
  })
  const runs = Number(values.runs)
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`cold-start: --runs must be a whole number of at least 1, got '${values.runs}'`)
    process.exit(2)
  }
  for (const file of values.reference) {
    if (!existsSync(file)) {
      console.error(
        `cold-start: --reference ${file}: no such file (give a bundle, e.g. checkout's dist/index.js)`,
      )
      process.exit(2)
    }
  }
  const node = resolveNode(values.node)
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()
  const subjects = [
    ...actionSubjects(),
    ...values.reference.map((file) => ({
      name: `reference: ${relative(process.cwd(), file) || basename(dirname(file))}`,
      args: [resolve(file)],
      reference: true,
    })),
  ]
  const results = await measureColdStarts({
    node,
    subjects,
    runs,
    onRound: (round) => process.stderr.write(`\rround ${round}/${runs}`),
  })
  process.stderr.write('\n')
  console.log(coldStartTable(results, `node ${version}`, runs))
}
