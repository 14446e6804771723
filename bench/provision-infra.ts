// How long provision-infra's bundle takes with the real terraform, and how much of that is ours:
// `npx tsx bench/provision-infra.ts`. Prints numbers; asserts nothing.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { runBundledAction } from '../testbeds/action-runner/src/index'
import { offlineTerraformEnv } from '../testbeds/tools/src/index'

const root = resolve(import.meta.dirname, '..')
const actionDir = join(root, 'actions/provision-infra')
const fixtures = join(actionDir, 'test/fixtures')
const dir = mkdtempSync(join(tmpdir(), 'bench-provision-'))
const env = offlineTerraformEnv(dir)
const rounds = 3

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
}

/** The bare terraform commands the action runs, timed alone: what no action can save. */
function bareTerraform(module: string, state: string): number {
  const cwd = join(dir, `bare-${module}-${Math.random().toString(36).slice(2)}`)
  cpSync(join(fixtures, module), cwd, { recursive: true })
  const run = (...args: string[]) =>
    execFileSync('terraform', args, { cwd, env: { ...process.env, ...env }, stdio: 'ignore' })
  const started = performance.now()
  run('version', '-json')
  run('init', '-input=false', '-no-color', `-backend-config=path=${state}`)
  try {
    run(
      'plan',
      '-input=false',
      '-json',
      '-detailed-exitcode',
      '-out=p.tfplan',
      ...(module === 'hosts' ? ['-var-file=environments/sit.tfvars'] : []),
    )
  } catch {
    // exit code 2: changes
  }
  run('show', '-json', 'p.tfplan')
  run('show', '-no-color', 'p.tfplan')
  return performance.now() - started
}

async function timeAction(
  module: string,
  inputs: Record<string, string>,
  workspace: string,
): Promise<number> {
  const started = performance.now()
  const result = await runBundledAction({
    actionDir,
    workspace,
    env,
    inputs: { 'working-directory': module, environment: 'sit', ...inputs },
  })
  const elapsed = performance.now() - started
  if (result.exitCode !== 0)
    throw new Error(`${module}: ${result.annotations.map((a) => a.message).join('; ')}`)
  return elapsed
}

try {
  for (const module of ['hosts', 'big']) {
    const bare: number[] = []
    const plans: number[] = []
    for (let i = 0; i < rounds; i++) {
      const workspace = join(dir, `ws-${module}-${i}`)
      cpSync(join(fixtures, module), join(workspace, module), { recursive: true })
      const state = `path=${join(workspace, 'sit.tfstate')}`
      bare.push(bareTerraform(module, join(workspace, 'bare.tfstate')))
      plans.push(await timeAction(module, { 'backend-config': state }, workspace))
    }
    console.log(
      `${module.padEnd(6)} plan through the bundle: ${median(plans).toFixed(0).padStart(5)} ms; the same terraform commands alone: ${median(bare).toFixed(0).padStart(5)} ms (median of ${rounds})`,
    )
  }

  const workspace = join(dir, 'ws-apply')
  cpSync(join(fixtures, 'hosts'), join(workspace, 'hosts'), { recursive: true })
  const backend = { 'backend-config': `path=${join(workspace, 'sit.tfstate')}` }
  const plan = await runBundledAction({
    actionDir,
    workspace,
    env,
    inputs: { 'working-directory': 'hosts', environment: 'sit', ...backend },
  })
  const applied = await timeAction(
    'hosts',
    { ...backend, command: 'apply', 'plan-fingerprint': plan.outputs['plan-fingerprint']! },
    workspace,
  )
  const unchanged = await timeAction('hosts', { ...backend, command: 'apply' }, workspace)
  console.log(
    `hosts  apply of the reviewed plan (re-plan, compare, apply, outputs): ${applied.toFixed(0)} ms`,
  )
  console.log(
    `hosts  apply with nothing to change (plan, outputs):                 ${unchanged.toFixed(0)} ms`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
