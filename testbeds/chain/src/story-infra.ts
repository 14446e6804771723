import { cpSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type RunResult, repoRoot, runBundledAction } from '@canary-delivery/action-runner'
import type { Hosts } from '@canary-delivery/infra'
import { kubeconfigFor } from '@canary-delivery/sandbox'
import { offlineTerraformEnv, terraformVersion } from '@canary-delivery/tools'

/** The Terraform module whose hosts are the sandbox clusters (terraform_data only: nothing to download). */
export const STORY_MODULE = join(repoRoot, 'testbeds/chain/terraform')

/** One line provision-infra printed, and in which of its runs. */
export interface InfraLine {
  command: 'plan' | 'apply' | 'check'
  line: string
}

/** Where each environment's cluster listens: what the module is told to make hosts of. */
export type ClusterAddresses = Record<string, { address: string; port: number }>

export interface Infrastructure {
  /** The plan's fingerprint, as the plan run printed it for review. */
  planned: string
  /** The fingerprint of the plan the apply run applied (it applies only the reviewed one). */
  applied: string
  /** The apply run's result (`applied`). */
  result: string
  /** provision-infra's `hosts` output: environment → host. */
  hosts: Hosts
  /** The module's `api_ports` output: environment → the API server's port on its host. */
  apiPorts: Record<string, number>
  /** The kubeconfig of an environment's cluster, made from its host and port as the outputs give them. */
  kubeconfig(environment: string): string
  /** provision-infra `check` on the applied state: its result (`no-changes` when nothing drifted). */
  check(): Promise<string>
}

/**
 * provision-infra as the infra workflow runs it, on the local module: `plan` (its fingerprint is what
 * a person reviews), then `apply` given that fingerprint, which plans again and applies only when
 * the two agree. Terraform is the real one on PATH, offline; the state lives under `root`.
 */
export async function provisionInfrastructure(options: {
  root: string
  clusters: ClusterAddresses
  onLine?: (line: InfraLine) => void
  /** Cancels the running step as GitHub cancels a job. */
  signal?: AbortSignal
}): Promise<Infrastructure> {
  terraformVersion()
  const workspace = join(options.root, 'infra-repository')
  mkdirSync(join(options.root, 'terraform-state'), { recursive: true })
  cpSync(STORY_MODULE, join(workspace, 'terraform'), { recursive: true })
  const env = offlineTerraformEnv(join(options.root, 'terraform-cli'))
  // HCL, as `-var` takes it; the addresses are this machine's, so nothing here is secret.
  const clusters = Object.entries(options.clusters)
    .map(([name, c]) => `${name}={address=${JSON.stringify(c.address)},api_port=${c.port}}`)
    .join(',')
  const run = async (command: InfraLine['command'], extra: Record<string, string> = {}) => {
    const result = await runBundledAction({
      actionDir: join(repoRoot, 'actions/provision-infra'),
      workspace,
      env,
      inputs: {
        command,
        'working-directory': 'terraform',
        environment: 'local',
        variables: `clusters={${clusters}}`,
        'backend-config': `path=${join(options.root, 'terraform-state', '{environment}.tfstate')}`,
        comment: 'false',
        token: '',
        ...extra,
      },
      onLogLine: (line) => options.onLine?.({ command, line }),
      cancel: options.signal,
    })
    return result
  }

  const plan = await run('plan')
  const planned = plan.outputs['plan-fingerprint']
  if (plan.exitCode !== 0 || !planned) throw new Error(`provision-infra plan failed: ${problems(plan)}`)
  const apply = await run('apply', { 'plan-fingerprint': planned })
  if (apply.exitCode !== 0 || apply.outputs.result !== 'applied')
    throw new Error(
      `provision-infra apply ended ${apply.outputs.result ?? 'without a result'}: ${problems(apply)}`,
    )
  const hosts = JSON.parse(apply.outputs.hosts ?? '{}') as Hosts
  const apiPorts = (JSON.parse(apply.outputs.outputs ?? '{}') as { api_ports?: Record<string, number> })
    .api_ports
  return {
    planned,
    applied: apply.outputs['plan-fingerprint'] ?? '',
    result: apply.outputs.result,
    hosts,
    apiPorts: apiPorts ?? {},
    kubeconfig(environment) {
      const host = hosts[environment]
      const port = apiPorts?.[environment]
      if (!host || !port)
        throw new Error(`provision-infra's outputs have no host and API port for '${environment}'`)
      // The sandbox speaks plain HTTP; a k3s host's would be https://<address>:6443.
      return kubeconfigFor(`http://${host.address}:${port}`)
    },
    async check() {
      const result = await run('check')
      return result.outputs.result ?? `failed: ${problems(result)}`
    },
  }
}

/** A failed run's error annotations, in one line. */
const problems = (result: RunResult) =>
  result.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('; ') || `exit code ${result.exitCode}`
