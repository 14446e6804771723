import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureHelm } from '@canary-delivery/tools'
import { type Sandbox, type SandboxOptions, startSandbox } from '../src/index'

export const fixture = (name: string) => join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name)

export interface Tool {
  (...args: string[]): Promise<string>
  /** Runs and resolves with the exit code and output instead of throwing. */
  result(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>
  /** The environment it runs with. */
  env: NodeJS.ProcessEnv
  cleanup(): void
}

export type Kubectl = Tool
export type Helm = Tool

/** A command-line tool run with a fixed environment; `home` is removed by cleanup(). */
function tool(name: string, binary: string, env: NodeJS.ProcessEnv, home: string): Tool {
  const result = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(binary, args, { env, timeout: 180_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
        resolve({ code, stdout, stderr })
      })
    })
  const run = (async (...args: string[]) => {
    const r = await result(...args)
    if (r.code !== 0) throw new Error(`${name} ${args.join(' ')} failed (${r.code}): ${r.stderr || r.stdout}`)
    return r.stdout
  }) as Tool
  run.result = result
  run.env = env
  run.cleanup = () => rmSync(home, { recursive: true, force: true })
  return run
}

/** The real kubectl against a sandbox, with its own discovery cache so ports never mix. */
export function kubectlFor(sandbox: Sandbox): Kubectl {
  const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-cache-'))
  return tool(
    'kubectl',
    'kubectl',
    { ...process.env, KUBECONFIG: sandbox.kubeconfigPath, KUBECACHEDIR: cacheDir },
    cacheDir,
  )
}

/** The real helm 4 (from testbeds/tools) against a sandbox, with private cache, config and data folders. */
export function helmFor(sandbox: Sandbox, extraEnv: NodeJS.ProcessEnv = {}): Helm {
  const home = mkdtempSync(join(tmpdir(), 'helm-home-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KUBECONFIG: sandbox.kubeconfigPath,
    KUBECACHEDIR: join(home, 'kube-cache'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    ...extraEnv,
  }
  return tool('helm', ensureHelm(), env, home)
}

/** A sandbox with the real helm and kubectl pointed at it; stop() ends all three. */
export async function startWithTools(options: SandboxOptions) {
  const sandbox = await startSandbox(options)
  const helm = helmFor(sandbox)
  const kubectl = kubectlFor(sandbox)
  return {
    sandbox,
    helm,
    kubectl,
    async stop() {
      helm.cleanup()
      kubectl.cleanup()
      await sandbox.stop()
    },
  }
}

/** A temporary folder for files a test writes, with `file(name, text)` returning the path. */
export function scratch(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return {
    dir,
    file(name: string, text: string): string {
      const path = join(dir, name)
      writeFileSync(path, text)
      return path
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** The repository root, where ../shared sits beside the clone on CI. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/**
 * A real add-on chart from ../shared/fixtures/charts (third-party: read there, never copied into the
 * project). Throws naming the path when it is missing.
 */
export function sharedChart(file: string): string {
  const path = join(repoRoot, '..', 'shared', 'fixtures', 'charts', file)
  if (existsSync(path)) return path
  // A linked git worktree sits elsewhere; ../shared is beside the main checkout it belongs to.
  const common = spawnSync(
    'git',
    ['-C', repoRoot, 'rev-parse', '--path-format=absolute', '--git-common-dir'],
    {
      encoding: 'utf8',
    },
  ).stdout?.trim()
  const fromMain = common ? join(dirname(common), '..', 'shared', 'fixtures', 'charts', file) : undefined
  if (fromMain && existsSync(fromMain)) return fromMain
  throw new Error(
    `the real chart ${path} is missing: the chart tests read the add-on charts from ../shared/fixtures/charts beside the repository`,
  )
}

/** Polls until `check` returns a value other than undefined/false; generous by default for loaded machines. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const v = await check()
      if (v !== undefined && v !== false) return v
    } catch (err) {
      last = err
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`)
}

/** The folder of the real add-on charts (../shared/fixtures/charts), for a chart repository serving them. */
export const sharedChartsDir = (): string => dirname(sharedChart('SOURCES.md'))
