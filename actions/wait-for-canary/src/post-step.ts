import { existsSync, rmSync } from 'node:fs'

// The post step runs after every job, so it stays light: it removes the kubeconfig the main step
// wrote, and only when the main step could not finish its commit status (killed, or cancelled past
// the runner's patience) does it load the GitHub client to say where the rollout stood.

const state = (name: string) => process.env[`STATE_${name}`] ?? ''

const kubeconfig = state('kubeconfig-path')
if (kubeconfig && existsSync(kubeconfig)) {
  rmSync(kubeconfig, { force: true })
  process.stdout.write('Removed the kubeconfig written by the main step\n')
}

const standing = state('standing')
if (standing && state('reported') !== 'true') {
  const { finishReport } = await import('./post-report')
  await finishReport(standing, state('status-context'), Number(state('check-run-id')) || undefined)
}
