import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { type ActionDefinition, loadActionDefinition } from './action-definition'
import { parseKeyValueFile, parsePathFile } from './file-commands'
import { node24Binary } from './paths'
import { parseWorkflowCommand } from './workflow-commands'

export type StepName = 'pre' | 'main' | 'post'

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  message: string
  properties: Record<string, string>
  step: StepName
}

export interface StepResult {
  step: StepName
  exitCode: number
  /** What the step printed, secrets masked, workflow commands kept as printed. */
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  state: Record<string, string>
}

export interface RunResult {
  /** 0 when every step that ran succeeded; otherwise the first failing step's exit code. */
  exitCode: number
  /** The main step's outputs (post-step outputs are not step outputs on GitHub either). */
  outputs: Record<string, string>
  /** The job summary: every step's summary, in order. */
  summary: string
  annotations: Annotation[]
  /** Variables the steps exported through GITHUB_ENV, and directories added through GITHUB_PATH. */
  exportedEnv: Record<string, string>
  addedPath: string[]
  /** Values registered with ::add-mask:: */
  masks: string[]
  steps: StepResult[]
  /** The log as a person reads it on GitHub, masked. */
  log: string
}

export interface GitHubContext {
  repository: string
  sha: string
  ref: string
  runId: string
  runNumber: string
  runAttempt: string
  serverUrl: string
  apiUrl: string
  graphqlUrl: string
  eventName: string
  event: unknown
  actor: string
  workflow: string
  job: string
  token: string
}

export interface RunOptions {
  /** The action's folder (holding action.yml). */
  actionDir: string
  /** Inputs as a workflow's `with:` gives them. */
  inputs?: Record<string, string | number | boolean>
  /** The job's environment (`env:`), on top of this process's environment. */
  env?: Record<string, string>
  /**
   * The Node binary to run the bundle with. By default the one `runs.using` names, as GitHub's
   * runner picks it: Node 24 for `node24` (from the test/node24 package), this process's otherwise.
   */
  node?: string
  workspace?: string
  /** Kept after the run when given; otherwise a fresh folder is made and removed. */
  runnerTemp?: string
  github?: Partial<GitHubContext>
  /** Show ::debug:: lines in the log, as ACTIONS_STEP_DEBUG does. */
  debug?: boolean
  timeoutMs?: number
  /** Each log line as it is printed, for live progress. */
  onLogLine?: (line: string, step: StepName) => void
  /**
   * Cancels the running step as GitHub does: the first signal to the step's own process (not its
   * children), SIGTERM 7.5 s later if it still runs, SIGKILL 2.5 s after that.
   */
  cancel?: AbortSignal
  /** The first signal of a cancellation: SIGINT as GitHub sends it, or SIGTERM (a machine shutting down). */
  cancelSignal?: 'SIGINT' | 'SIGTERM'
  /**
   * Each step's process once it has started, e.g. to signal it as a cancelled job would: GitHub's
   * runner sends SIGINT to the step's process alone, SIGTERM 7.5 s later, and kills it 2.5 s after.
   */
  onSpawn?: (child: ChildProcess, step: StepName) => void
}

const DEFAULT_GITHUB: GitHubContext = {
  repository: 'local/app',
  sha: '0000000000000000000000000000000000000000',
  ref: 'refs/heads/main',
  runId: '1',
  runNumber: '1',
  runAttempt: '1',
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  graphqlUrl: 'https://api.github.com/graphql',
  eventName: 'workflow_dispatch',
  event: {},
  actor: 'local-runner',
  workflow: 'local',
  job: 'local',
  token: '',
}

/** The environment variable GitHub sets for an input: spaces to underscores, upper case. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Evaluates the `${{ … }}` expressions GitHub allows in input defaults, for the contexts we model. */
export function expandDefault(text: string, contexts: Record<string, Record<string, string>>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const match = /^(github|runner|env)\.([A-Za-z0-9_]+)$/.exec(expression)
    if (!match) throw new Error(`unsupported expression in an input default: \${{ ${expression} }}`)
    return contexts[match[1]!]?.[match[2]!] ?? ''
  })
}

function evaluateCondition(condition: string | undefined, failed: boolean): boolean {
  const expression = (condition ?? 'always()').replace(/^\$\{\{\s*|\s*\}\}$/g, '').trim()
  switch (expression) {
    case 'always()':
    case '!cancelled()':
      return true
    case 'success()':
      return !failed
    case 'failure()':
      return failed
    case 'cancelled()':
      return false
    default:
      throw new Error(`unsupported condition: ${expression}`)
  }
}

/** Removes variables that belong to the runner, so an outer run cannot leak into the step. */
function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue
    if (/^(INPUT_|STATE_|GITHUB_|RUNNER_|ACTIONS_)/.test(key)) continue
    env[key] = value
  }
  return env
}

class Masker {
  readonly values: string[] = []
  add(value: string) {
    for (const candidate of [value, value.trim()])
      if (candidate && !this.values.includes(candidate)) this.values.push(candidate)
    this.values.sort((a, b) => b.length - a.length)
  }
  apply(text: string): string {
    let result = text
    for (const value of this.values) result = result.split(value).join('***')
    return result
  }
}

/** The Node a runner starts for `runs.using`; without the Node 24 package, this process's. */
function nodeFor(using: string): string {
  return (using === 'node24' ? node24Binary() : undefined) ?? process.execPath
}

/** Runs a bundled action's pre, main and post steps from its dist/ as the GitHub runner does. */
export async function runBundledAction(options: RunOptions): Promise<RunResult> {
  const actionDir = resolve(options.actionDir)
  const definition = loadActionDefinition(actionDir)
  const node = options.node ?? nodeFor(definition.runs.using)
  const ownTemp = options.runnerTemp === undefined
  const runnerTemp = options.runnerTemp ?? mkdtempSync(join(tmpdir(), 'runner-temp-'))
  const workspace = resolve(options.workspace ?? process.cwd())
  const github = { ...DEFAULT_GITHUB, ...options.github }
  const masker = new Masker()
  if (github.token) masker.add(github.token)
  const annotations: Annotation[] = []
  const log: string[] = []
  const print = (line: string, step: StepName) => {
    const masked = masker.apply(line)
    log.push(masked)
    options.onLogLine?.(masked, step)
  }

  try {
    mkdirSync(runnerTemp, { recursive: true })
    const commandFiles = join(runnerTemp, '_runner_file_commands')
    mkdirSync(commandFiles, { recursive: true })
    const eventPath = join(runnerTemp, '_github_event.json')
    writeFileSync(eventPath, JSON.stringify(github.event))

    const githubEnv: Record<string, string> = {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION: 'run-action',
      GITHUB_ACTION_REPOSITORY: '',
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: github.repository,
      GITHUB_REPOSITORY_OWNER: github.repository.split('/')[0] ?? '',
      GITHUB_SHA: github.sha,
      GITHUB_REF: github.ref,
      GITHUB_REF_NAME: github.ref.replace(/^refs\/(heads|tags)\//, ''),
      GITHUB_RUN_ID: github.runId,
      GITHUB_RUN_NUMBER: github.runNumber,
      GITHUB_RUN_ATTEMPT: github.runAttempt,
      GITHUB_SERVER_URL: github.serverUrl,
      GITHUB_API_URL: github.apiUrl,
      GITHUB_GRAPHQL_URL: github.graphqlUrl,
      GITHUB_EVENT_NAME: github.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_ACTOR: github.actor,
      GITHUB_WORKFLOW: github.workflow,
      GITHUB_JOB: github.job,
      RUNNER_TEMP: runnerTemp,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64',
      RUNNER_NAME: 'local-runner',
      RUNNER_TOOL_CACHE: join(runnerTemp, '_tool'),
    }
    if (options.debug) {
      githubEnv.ACTIONS_STEP_DEBUG = 'true'
      githubEnv.RUNNER_DEBUG = '1'
    }

    const inputEnv = resolveInputs(
      definition,
      options.inputs ?? {},
      {
        github: {
          token: github.token,
          repository: github.repository,
          sha: github.sha,
          workspace,
          server_url: github.serverUrl,
          run_id: github.runId,
        },
        runner: { temp: runnerTemp, os: 'Linux' },
        env: { ...options.env },
      },
      (message) => {
        annotations.push({ level: 'warning', message, properties: {}, step: 'main' })
        print(`Warning: ${message}`, 'main')
      },
    )

    const exportedEnv: Record<string, string> = {}
    const addedPath: string[] = []
    const state: Record<string, string> = {}
    const steps: StepResult[] = []
    let failedCode = 0

    const plan: { step: StepName; script: string; condition?: string }[] = []
    if (definition.runs.pre)
      plan.push({ step: 'pre', script: definition.runs.pre, condition: definition.runs['pre-if'] })
    plan.push({ step: 'main', script: definition.runs.main })
    if (definition.runs.post)
      plan.push({ step: 'post', script: definition.runs.post, condition: definition.runs['post-if'] })

    for (const { step, script, condition } of plan) {
      if (step !== 'main' && !evaluateCondition(condition, failedCode !== 0)) continue
      if (step === 'main' && failedCode !== 0) continue
      const files = {
        GITHUB_OUTPUT: join(commandFiles, `set_output_${randomUUID()}`),
        GITHUB_STATE: join(commandFiles, `save_state_${randomUUID()}`),
        GITHUB_ENV: join(commandFiles, `set_env_${randomUUID()}`),
        GITHUB_PATH: join(commandFiles, `add_path_${randomUUID()}`),
        GITHUB_STEP_SUMMARY: join(commandFiles, `step_summary_${randomUUID()}`),
      }
      for (const file of Object.values(files)) writeFileSync(file, '')
      const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))
      const base = { ...baseEnvironment(), ...options.env, ...exportedEnv }
      const env: Record<string, string> = {
        ...base,
        ...githubEnv,
        ...inputEnv,
        ...stateEnv,
        ...files,
        PATH: [...addedPath, base.PATH ?? ''].filter(Boolean).join(delimiter),
      }
      if (github.token && !env.GITHUB_TOKEN) env.GITHUB_TOKEN = github.token
      const result = await runStep(step, node, join(actionDir, script), workspace, env, {
        timeoutMs: options.timeoutMs,
        // A cancelled job's post steps still run (post-if: always()), and are not cancelled themselves.
        cancel: step === 'post' ? undefined : options.cancel,
        cancelSignal: options.cancelSignal ?? 'SIGINT',
        masker,
        debug: options.debug ?? false,
        print,
        annotate: (annotation) => annotations.push(annotation),
        onSpawn: options.onSpawn,
      })
      const outputs = Object.fromEntries(
        parseKeyValueFile(readFileSync(files.GITHUB_OUTPUT, 'utf8'), 'GITHUB_OUTPUT'),
      )
      const stepState = Object.fromEntries(
        parseKeyValueFile(readFileSync(files.GITHUB_STATE, 'utf8'), 'GITHUB_STATE'),
      )
      Object.assign(state, stepState)
      Object.assign(
        exportedEnv,
        Object.fromEntries(parseKeyValueFile(readFileSync(files.GITHUB_ENV, 'utf8'), 'GITHUB_ENV')),
      )
      addedPath.unshift(...parsePathFile(readFileSync(files.GITHUB_PATH, 'utf8')).reverse())
      const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
      if (Buffer.byteLength(summary) > 1024 * 1024) {
        print(`Warning: the ${step} step's summary is over 1 MiB; GitHub would not show it`, step)
      }
      steps.push({ ...result, outputs, summary: masker.apply(summary), state: stepState })
      if (result.exitCode !== 0 && failedCode === 0) failedCode = result.exitCode
    }

    const main = steps.find((s) => s.step === 'main')
    return {
      exitCode: failedCode,
      outputs: Object.fromEntries(Object.entries(main?.outputs ?? {}).map(([k, v]) => [k, masker.apply(v)])),
      summary: steps
        .map((s) => s.summary)
        .filter(Boolean)
        .join(''),
      annotations,
      exportedEnv,
      addedPath,
      masks: masker.values,
      steps,
      log: log.join('\n'),
    }
  } finally {
    if (ownTemp) rmSync(runnerTemp, { recursive: true, force: true })
  }
}

function resolveInputs(
  definition: ActionDefinition,
  given: Record<string, string | number | boolean>,
  contexts: Record<string, Record<string, string>>,
  warn: (message: string) => void,
): Record<string, string> {
  const env: Record<string, string> = {}
  const declared = Object.keys(definition.inputs)
  const unexpected = Object.keys(given).filter((name) => !declared.includes(name))
  if (unexpected.length > 0) {
    warn(
      `Unexpected input(s) ${unexpected.map((n) => `'${n}'`).join(', ')}, valid inputs are [${declared.map((n) => `'${n}'`).join(', ')}]`,
    )
  }
  for (const [name, input] of Object.entries(definition.inputs)) {
    const value = given[name]
    if (value !== undefined) env[inputVariable(name)] = String(value)
    else env[inputVariable(name)] = input.default === undefined ? '' : expandDefault(input.default, contexts)
    if (value !== undefined && input.deprecationMessage) {
      warn(`Input '${name}' has been deprecated with message: ${input.deprecationMessage}`)
    }
  }
  for (const name of unexpected) env[inputVariable(name)] = String(given[name])
  return env
}

interface StepContext {
  timeoutMs: number | undefined
  cancel: AbortSignal | undefined
  cancelSignal: 'SIGINT' | 'SIGTERM'
  masker: Masker
  debug: boolean
  print: (line: string, step: StepName) => void
  annotate: (annotation: Annotation) => void
  onSpawn?: (child: ChildProcess, step: StepName) => void
}

function runStep(
  step: StepName,
  node: string,
  script: string,
  cwd: string,
  env: Record<string, string>,
  context: StepContext,
): Promise<Omit<StepResult, 'outputs' | 'summary' | 'state'>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(node, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    context.onSpawn?.(child, step)
    const stdout: string[] = []
    const stderr: string[] = []
    let stopToken: string | undefined
    const onStdoutLine = (line: string) => {
      const command = stopToken === undefined ? parseWorkflowCommand(line) : undefined
      if (stopToken !== undefined && line.trim() === `::${stopToken}::`) {
        stopToken = undefined
        return
      }
      if (command?.command === 'add-mask') {
        context.masker.add(command.message)
        return
      }
      stdout.push(context.masker.apply(line))
      if (!command) return context.print(line, step)
      switch (command.command) {
        case 'debug':
          if (context.debug) context.print(`##[debug]${command.message}`, step)
          return
        case 'error':
        case 'warning':
        case 'notice': {
          const message = context.masker.apply(command.message)
          context.annotate({ level: command.command, message, properties: command.properties, step })
          const label = { error: 'Error', warning: 'Warning', notice: 'Notice' }[command.command]
          return context.print(`${label}: ${message}`, step)
        }
        case 'group':
          return context.print(`▸ ${command.message}`, step)
        case 'endgroup':
          return
        case 'stop-commands':
          stopToken = command.message
          return
        case 'set-output':
        case 'save-state':
        case 'set-env':
        case 'add-path':
          return context.print(
            `Error: the \`${command.command}\` command is disabled; use the environment files instead`,
            step,
          )
        default:
          return context.print(line, step)
      }
    }
    lines(child.stdout, onStdoutLine)
    lines(child.stderr, (line) => {
      stderr.push(context.masker.apply(line))
      context.print(line, step)
    })
    const timer =
      context.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            context.print(`Error: the ${step} step exceeded ${context.timeoutMs} ms and was stopped`, step)
            child.kill('SIGKILL')
          }, context.timeoutMs)
    const escalations: NodeJS.Timeout[] = []
    const cancel = () => {
      context.print(`Cancelling: ${context.cancelSignal} to the ${step} step`, step)
      child.kill(context.cancelSignal)
      escalations.push(
        setTimeout(() => child.kill('SIGTERM'), 7_500),
        setTimeout(() => child.kill('SIGKILL'), 10_000),
      )
    }
    if (context.cancel?.aborted) cancel()
    else context.cancel?.addEventListener('abort', cancel, { once: true })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      for (const escalation of escalations) clearTimeout(escalation)
      context.cancel?.removeEventListener('abort', cancel)
      resolvePromise({
        step,
        exitCode: code ?? (signal ? 128 : 1),
        stdout: stdout.join('\n'),
        stderr: stderr.join('\n'),
      })
    })
  })
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void) {
  let buffer = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    buffer += chunk
    let newline = buffer.indexOf('\n')
    while (newline >= 0) {
      onLine(buffer.slice(0, newline).replace(/\r$/, ''))
      buffer = buffer.slice(newline + 1)
      newline = buffer.indexOf('\n')
    }
  })
  stream.on('end', () => {
    if (buffer) onLine(buffer)
  })
}
