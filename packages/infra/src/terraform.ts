import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { basename, delimiter, isAbsolute, join, resolve } from 'node:path'
import {
  ConfigurationError,
  formatDuration,
  inert,
  mask,
  ProgramNotFoundError,
  type SpawnResult,
  spawnArgv,
  tail,
} from '@canary-delivery/action-kit'
import {
  type Diagnostic,
  describeDiagnostic,
  describeLock,
  type LockInfo,
  mainError,
  parseLockInfo,
  parseTextDiagnostics,
  parseUiLine,
} from './diagnostics'
import { type PlanJson, parsePlanJson } from './plan-json'

/** Terraform failed; the message is one line a person can act on. */
export class TerraformError extends Error {
  override name = 'TerraformError'
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message)
  }
}

/** Another run holds the state lock. Nothing was released: the lock is not ours. */
export class StateLockedError extends TerraformError {
  override name = 'StateLockedError'
  constructor(
    message: string,
    readonly lock: LockInfo,
  ) {
    super(message)
  }
}

/** The runner asked us to stop while Terraform ran; Terraform was passed the signal and exited. */
export class TerraformInterruptedError extends TerraformError {
  override name = 'TerraformInterruptedError'
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Finds the program `binary` names: a path (relative to `base`), or a name on PATH. When
 * hashicorp/setup-terraform's wrapper stands in for `terraform` (it moves the real program to
 * `terraform-bin` beside it and prints extra lines that break `show -json` and exit codes), the
 * real program is used.
 */
export function resolveBinary(
  binary: string,
  base: string,
  path = process.env.PATH ?? '',
): { file: string; note?: string } {
  if (binary.includes('/')) {
    const file = isAbsolute(binary) ? binary : resolve(base, binary)
    if (!isExecutableFile(file))
      throw new ConfigurationError(`Input 'binary': ${binary} is not an executable file`)
    return { file }
  }
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const file = join(dir, binary)
    if (!isExecutableFile(file)) continue
    const real = join(dir, `${binary}-bin`)
    if (binary === 'terraform' && isExecutableFile(real))
      return { file: real, note: `using ${real}: the terraform on PATH is setup-terraform's wrapper` }
    return { file }
  }
  throw new ConfigurationError(
    `Input 'binary': '${binary}' was not found on PATH; install it first (hashicorp/setup-terraform, or opentofu/setup-opentofu with binary: tofu) or give its path`,
  )
}

export interface TerraformOptions {
  /** The program, as `resolveBinary` found it. */
  file: string
  workingDirectory: string
  /** How the working directory is called in messages (relative to the workspace). */
  label: string
  /** Added to the inherited environment (undefined removes a variable). */
  env?: Record<string, string | undefined>
  /** Lines for the log; they arrive masked and inert (Terraform's output is not ours). */
  log: (line: string) => void
}

export interface PlanArguments {
  planFile: string
  varFiles: readonly string[]
  variables: readonly { name: string; value: string }[]
  lockTimeoutMs: number
}

interface RunOptions {
  /** Terraform's machine-readable UI: progress lines and diagnostics as JSON. */
  json?: boolean
  /** Standard output is data (show, output): do not log it. */
  data?: boolean
  exitCodes?: readonly number[]
  lockTimeoutMs?: number
}

const lockTimeoutArgument = (ms: number) => `-lock-timeout=${Math.ceil(ms / 1000)}s`

/** One Terraform (or OpenTofu) working directory, run with argv arrays only. */
export class Terraform {
  constructor(private readonly options: TerraformOptions) {}

  private say(text: string): void {
    for (const line of text.split(/\r?\n/)) this.options.log(inert(mask(line)))
  }

  private get program(): string {
    return basename(this.options.file).replace(/-bin$/, '')
  }

  private async run(
    args: string[],
    options: RunOptions = {},
  ): Promise<SpawnResult & { diagnostics: Diagnostic[] }> {
    const diagnostics: Diagnostic[] = []
    const onLine = (line: string) => {
      const message = options.json ? parseUiLine(line) : undefined
      if (!message) return this.say(line)
      if (message.diagnostic) {
        diagnostics.push(message.diagnostic)
        if (message.diagnostic.severity === 'warning')
          this.say(`Warning: ${describeDiagnostic(message.diagnostic)}`)
        return
      }
      if (message.type !== 'version') this.say(message.message)
    }
    let result: SpawnResult
    try {
      result = await spawnArgv(this.options.file, args, {
        cwd: this.options.workingDirectory,
        env: this.options.env,
        onStdoutLine: options.data ? undefined : onLine,
        onStderrLine: onLine,
      })
    } catch (error) {
      if (error instanceof ProgramNotFoundError)
        throw new ConfigurationError(`Input 'binary': ${this.options.file} could not be started (not found)`)
      throw error
    }
    const command = `${this.program} ${args[0]}`
    if (result.interrupted)
      throw new TerraformInterruptedError(
        `Stopped by ${result.interrupted}: ${command} in ${this.options.label} was interrupted and exited (code ${result.exitCode}); nothing further was run`,
      )
    if (!options.json)
      diagnostics.push(...parseTextDiagnostics(result.stderr), ...parseTextDiagnostics(result.stdout))
    if (!(options.exitCodes ?? [0]).includes(result.exitCode))
      throw this.failure(command, result, diagnostics, options)
    return { ...result, diagnostics }
  }

  private failure(
    command: string,
    result: SpawnResult,
    diagnostics: Diagnostic[],
    options: RunOptions,
  ): TerraformError {
    const main = mainError(diagnostics)
    const lock = main && /state lock/i.test(main.summary) ? parseLockInfo(main.detail) : undefined
    if (lock) {
      const waited = options.lockTimeoutMs
        ? ` after waiting ${formatDuration(options.lockTimeoutMs)} (lock-timeout)`
        : ''
      return new StateLockedError(
        mask(
          `The state of ${this.options.label} is locked by ${describeLock(lock)}; ${command} gave up${waited} and released nothing. ` +
            `Run again when that run has finished; if it died, remove its lock with '${this.program} force-unlock ${lock.id}' in ${this.options.label}.`,
        ),
        lock,
      )
    }
    const errors = diagnostics.filter((d) => d.severity === 'error')
    for (const error of errors) this.say(`Error: ${describeDiagnostic(error)}`)
    // Terraform's general "problems during initialisation" error adds nothing to a located one.
    const others = (main?.file ? errors.filter((d) => d.file) : errors).length - 1
    const reason = main
      ? `${describeDiagnostic(main)}${others > 0 ? ` (and ${others} more error${others > 1 ? 's' : ''} in the log)` : ''}`
      : tail(result.stderr || result.stdout, 1).trim() || `exit code ${result.exitCode}`
    return new TerraformError(mask(`${command} failed in ${this.options.label}: ${reason}`), diagnostics)
  }

  /** `terraform version -json`: the program's name and version. */
  async version(): Promise<{ name: string; version: string }> {
    const result = await this.run(['version', '-json'], { data: true })
    let version = 'unknown'
    try {
      version = String(
        (JSON.parse(result.stdout) as { terraform_version?: string }).terraform_version ?? version,
      )
    } catch {
      version = result.stdout.trim().split('\n')[0]?.replace(/^\D+/, '') || version
    }
    return { name: /tofu/i.test(this.program) ? 'OpenTofu' : 'Terraform', version }
  }

  /** Init without questions; `-reconfigure` so that a leftover `.terraform` never migrates state. */
  async init(backendConfigFile?: string): Promise<void> {
    await this.run([
      'init',
      '-input=false',
      '-no-color',
      '-reconfigure',
      ...(backendConfigFile ? [`-backend-config=${backendConfigFile}`] : []),
    ])
  }

  async selectWorkspace(name: string): Promise<void> {
    await this.run(['workspace', 'select', '-or-create=true', '-no-color', name])
  }

  /** A saved plan; true when Terraform reports changes (exit code 2 of `-detailed-exitcode`). */
  async plan(args: PlanArguments): Promise<boolean> {
    const result = await this.run(
      [
        'plan',
        '-input=false',
        '-json',
        '-detailed-exitcode',
        lockTimeoutArgument(args.lockTimeoutMs),
        `-out=${args.planFile}`,
        ...args.varFiles.map((file) => `-var-file=${file}`),
        ...args.variables.map(({ name, value }) => `-var=${name}=${value}`),
      ],
      { json: true, exitCodes: [0, 2], lockTimeoutMs: args.lockTimeoutMs },
    )
    return result.exitCode === 2
  }

  async showJson(planFile: string): Promise<PlanJson> {
    const result = await this.run(['show', '-json', planFile], { data: true })
    try {
      return parsePlanJson(result.stdout)
    } catch (error) {
      throw new TerraformError(`${this.program} show -json printed no plan: ${(error as Error).message}`)
    }
  }

  /** The plan as Terraform shows it to people, without colours. */
  async showText(planFile: string): Promise<string> {
    return (await this.run(['show', '-no-color', planFile], { data: true })).stdout
  }

  /** Applies exactly the saved plan (Terraform refuses one whose state has moved on since). */
  async apply(planFile: string, lockTimeoutMs: number): Promise<void> {
    await this.run(['apply', '-input=false', '-json', lockTimeoutArgument(lockTimeoutMs), planFile], {
      json: true,
      lockTimeoutMs,
    })
  }

  /** The root module's outputs, from the state. */
  async outputs(): Promise<Record<string, { value: unknown; sensitive?: boolean }>> {
    const result = await this.run(['output', '-json'], { data: true })
    const text = result.stdout.trim()
    return text ? (JSON.parse(text) as Record<string, { value: unknown; sensitive?: boolean }>) : {}
  }
}

/** The default var file when the caller names none: `environments/<environment>.tfvars`, when it exists. */
export function defaultVarFile(workingDirectory: string, environment: string): string | undefined {
  const candidate = `environments/${environment}.tfvars`
  return existsSync(join(workingDirectory, candidate)) ? candidate : undefined
}
