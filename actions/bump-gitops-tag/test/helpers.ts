import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { type RunOptions, type RunResult, runBundledAction } from '@canary-delivery/action-runner'

export const actionDir = resolve(import.meta.dirname, '..')
export const realWorldDir = resolve(import.meta.dirname, '../../../packages/gitops/test/fixtures/real-world')
export const realWorld = (name: string) => readFileSync(join(realWorldDir, name), 'utf8')

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** A scratch folder removed by `cleanup()`. */
export function scratch(prefix = 'bump-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A bare repository at `bare` whose main branch holds `files`, serving partial fetches like GitHub. */
export function makeRemote(bare: string, files: Record<string, string>): void {
  const src = `${bare}.src`
  mkdirSync(src, { recursive: true })
  git(src, 'init', '-q', '-b', 'main')
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(src, path)), { recursive: true })
    writeFileSync(join(src, path), content)
  }
  git(src, 'add', '-A')
  git(src, '-c', 'user.name=seed', '-c', 'user.email=seed@example.com', 'commit', '-q', '-m', 'seed')
  mkdirSync(dirname(bare), { recursive: true })
  execFileSync('git', ['clone', '-q', '--bare', src, bare])
  git(bare, 'config', 'uploadpack.allowFilter', 'true')
  rmSync(src, { recursive: true, force: true })
}

export const show = (bare: string, path: string, ref = 'main') => git(bare, 'show', `${ref}:${path}`)
export const head = (bare: string, ref = 'main') => git(bare, 'rev-parse', ref).trim()
export const subjects = (bare: string, ref = 'main') =>
  git(bare, 'log', '--format=%s', ref).trim().split('\n')

export function bump(inputs: Record<string, string>, options: Partial<RunOptions> = {}): Promise<RunResult> {
  return runBundledAction({
    actionDir,
    inputs,
    timeoutMs: 120_000,
    ...options,
    github: {
      repository: 'acme/podinfo',
      sha: 'f'.repeat(40),
      runId: '42',
      token: 'ghs_testTokenForGitops',
      ...options.github,
    },
  })
}

export const errors = (result: RunResult) =>
  result.annotations.filter((a) => a.level === 'error').map((a) => a.message)
