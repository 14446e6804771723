import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
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
