import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Sandbox, type Scenario, startSandbox } from '@canary-delivery/sandbox'
import { createAppWorkspace, type LocalChainApp } from './app-workspace'
import { holdUntilFollowed, waitForInitialized } from './clusters'
import type { ChainCluster } from './deliver'
import { createLocalGitops, type LocalGitops } from './gitops'

/** Real time for Flux to install every app and Flagger to initialize it, on a busy machine too. */
export const INITIALIZED_WITHIN_MS = 180_000

export interface LocalChainOptions {
  apps: LocalChainApp[]
  environments: string[]
  timeScale: number
  scenario?: Scenario
  /** Ends the wait for the apps to be initialized. */
  signal?: AbortSignal
}

export interface LocalChain {
  root: string
  gitops: LocalGitops
  /** The app repository's checkout: GITHUB_WORKSPACE for the actions. */
  workspace: string
  sandboxes: Record<string, Sandbox>
  clusters: ChainCluster[]
  /** The delivery file of an app, relative to the workspace. */
  config(app: string): string
  stop(): Promise<void>
}

/**
 * Everything the chain needs on one machine: a GitOps repository from the reference layout, one
 * sandbox cluster per environment reconciling it, and a delivery file per app. Returns once Flagger
 * has initialized every app in every cluster.
 */
export async function startLocalChain(options: LocalChainOptions): Promise<LocalChain> {
  const root = mkdtempSync(join(tmpdir(), 'canary-chain-'))
  const sandboxes: Record<string, Sandbox> = {}
  let stopping: Promise<void> | undefined
  // Once, however often it is asked (the demo's end and an interrupt may both ask).
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(Object.values(sandboxes).map((sandbox) => sandbox.stop()))
      rmSync(root, { recursive: true, force: true })
    })())
  try {
    const gitops = await createLocalGitops(root, options.apps, options.environments)
    const { workspace, config } = createAppWorkspace(root, options.apps, options.environments, gitops)
    for (const environment of options.environments) {
      sandboxes[environment] = await startSandbox({
        timeScale: options.timeScale,
        scenario: options.scenario,
        gitops: { dir: gitops.bare, path: `clusters/${environment}` },
        // Flux's git and helm take no simulated time, however busy the machine (see README.md).
        instantFluxWork: true,
      })
    }
    await Promise.all(
      Object.values(sandboxes).flatMap((sandbox) =>
        options.apps.map((app) =>
          waitForInitialized(sandbox, app.namespace, app.name, INITIALIZED_WITHIN_MS, options.signal),
        ),
      ),
    )
    const clusters = options.environments.map((environment) => ({
      environment,
      kubeconfig: sandboxes[environment]!.kubeconfig,
      holdClock: (namespace: string) => holdUntilFollowed(sandboxes[environment]!, namespace),
    }))
    return { root, gitops, workspace, sandboxes, clusters, config, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
