import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { type RunOptions, type RunResult, runBundledAction } from '@canary-delivery/action-runner'
import { offlineTerraformEnv, terraformVersion } from '@canary-delivery/tools'

export const actionDir = resolve(import.meta.dirname, '..')
const fixtures = join(import.meta.dirname, 'fixtures')

/** A scratch folder holding the workspaces and states of one test file; removed by `cleanup()`. */
export function scratch(prefix = 'provision-test-') {
  terraformVersion()
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const env = offlineTerraformEnv(dir)
  let workspaces = 0
  return {
    dir,
    env,
    /** A fresh workspace holding copies of the named fixture modules, and a folder for its states. */
    workspace(...modules: string[]) {
      const workspace = join(dir, `workspace-${++workspaces}`)
      for (const module of modules)
        cpSync(join(fixtures, module), join(workspace, module), { recursive: true })
      mkdirSync(join(workspace, '.states'), { recursive: true })
      return {
        path: workspace,
        /** The local backend's state file for an environment. */
        state: (environment: string) => join(workspace, '.states', `${environment}.tfstate`),
        /** backend-config that puts each environment's state in `.states/`. */
        backend: `path=${join(workspace, '.states', '{environment}.tfstate')}`,
      }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export type Workspace = ReturnType<ReturnType<typeof scratch>['workspace']>

/** Runs the bundle as GitHub runs it, with the offline terraform environment. */
export function provision(
  env: Record<string, string>,
  workspace: Workspace,
  inputs: Record<string, string>,
  options: Partial<RunOptions> = {},
): Promise<RunResult> {
  return runBundledAction({
    actionDir,
    inputs: { 'backend-config': workspace.backend, ...inputs },
    workspace: workspace.path,
    timeoutMs: 90_000,
    ...options,
    env: { ...env, ...options.env },
    github: {
      repository: 'acme/infra',
      sha: 'c'.repeat(40),
      runId: '77',
      token: 'ghs_provisionTestToken',
      ...options.github,
    },
  })
}

export const errors = (result: RunResult) =>
  result.annotations.filter((a) => a.level === 'error').map((a) => a.message)

/** The resources of a local state, by address, or undefined when nothing was ever written. */
export function resourcesOf(stateFile: string): string[] | undefined {
  if (!existsSync(stateFile) || !readFileSync(stateFile, 'utf8').trim()) return undefined
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
    resources: { type: string; name: string; instances: { index_key?: string | number }[] }[]
  }
  return state.resources
    .flatMap((r) =>
      r.instances.map((i) =>
        i.index_key === undefined
          ? `${r.type}.${r.name}`
          : `${r.type}.${r.name}[${typeof i.index_key === 'string' ? JSON.stringify(i.index_key) : i.index_key}]`,
      ),
    )
    .sort()
}

/** Where the local backend keeps the lock of a state: `.<name>.lock.info` beside it. */
export const lockFile = (stateFile: string) => join(dirname(stateFile), `.${basename(stateFile)}.lock.info`)

/** A pull_request event as GitHub writes it, for the runner's event file. */
export function pullRequestEvent(number: number, headSha: string) {
  return {
    eventName: 'pull_request',
    ref: `refs/pull/${number}/merge`,
    event: { action: 'synchronize', number, pull_request: { number, head: { sha: headSha, ref: 'change' } } },
  }
}
