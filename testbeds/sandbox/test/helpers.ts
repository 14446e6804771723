import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureHelm } from '@canary-delivery/tools'
import type { Sandbox } from '../src/index'

export const fixture = (name: string) => join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name)

export interface Kubectl {
  (...args: string[]): Promise<string>
  /** Runs and resolves with the exit code and output instead of throwing. */
  result(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>
  cleanup(): void
}

/** The real kubectl against a sandbox, with its own discovery cache so ports never mix. */
export function kubectlFor(sandbox: Sandbox): Kubectl {
  const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-cache-'))
  const env = { ...process.env, KUBECONFIG: sandbox.kubeconfigPath, KUBECACHEDIR: cacheDir }
  const result = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('kubectl', args, { env, timeout: 120_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
        resolve({ code, stdout, stderr })
      })
    })
  const run = (async (...args: string[]) => {
    const r = await result(...args)
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr || r.stdout}`)
    return r.stdout
  }) as Kubectl
  run.result = result
  run.cleanup = () => rmSync(cacheDir, { recursive: true, force: true })
  return run
}

export interface Helm {
  (...args: string[]): Promise<string>
  /** Runs and resolves with the exit code and output instead of throwing. */
  result(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>
  /** The environment helm runs with (KUBECONFIG, private cache, config and data folders). */
  env: NodeJS.ProcessEnv
  cleanup(): void
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
  const binary = ensureHelm()
  const result = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(binary, args, { env, timeout: 180_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
        resolve({ code, stdout, stderr })
      })
    })
  const run = (async (...args: string[]) => {
    const r = await result(...args)
    if (r.code !== 0) throw new Error(`helm ${args.join(' ')} failed (${r.code}): ${r.stderr || r.stdout}`)
    return r.stdout
  }) as Helm
  run.result = result
  run.env = env
  run.cleanup = () => rmSync(home, { recursive: true, force: true })
  return run
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
