import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type ChartRepository,
  type LoopbackLayout,
  loopbackLayout,
  type Sandbox,
  type Scenario,
  serveChartRepository,
  startSandbox,
} from '@canary-delivery/sandbox'
import { sharedChartsDir } from '@canary-delivery/tools'
import { createAppWorkspace, type LocalChainApp } from './app-workspace'
import { holdUntilFollowed, waitForInitialized } from './clusters'
import type { ChainCluster } from './deliver'
import { gitopsRepository, type LocalGitops, withStartingImage } from './gitops'
import { INITIALIZED_WITHIN_MS } from './local-chain'
import { bootstrapEnvironment, type EnvironmentReady } from './story-bootstrap'
import type { ClusterAddresses, Infrastructure } from './story-infra'

export interface WholeStoryOptions {
  apps: LocalChainApp[]
  /** Every environment: a host from Terraform and a cluster bootstrap-addons takes to ready. */
  environments: string[]
  /** The environments a release goes through, in order (each runs the apps). */
  delivery: string[]
  timeScale: number
  scenario?: Scenario
}

/**
 * The stage of the whole story, before anything runs: an empty (`bare`) sandbox cluster per
 * environment, the real add-on charts served on 127.0.0.1, and one GitOps repository made from the
 * reference layout with an overlay per environment pointing it at this machine
 * (`clusters/<env>-loopback`), the apps at their starting tags.
 */
export interface WholeStory {
  root: string
  options: WholeStoryOptions
  sandboxes: Record<string, Sandbox>
  charts: ChartRepository
  layout: LoopbackLayout
  gitops: LocalGitops
  /** The app repository's checkout, with a delivery file per app. */
  workspace: string
  config(app: string): string
  /** Where each environment's cluster listens, for Terraform's hosts. */
  addresses(): ClusterAddresses
  stop(): Promise<void>
}

export async function startWholeStory(options: WholeStoryOptions): Promise<WholeStory> {
  const chartsDir = sharedChartsDir()
  if (!chartsDir)
    throw new Error(
      'the real add-on charts are missing: expected ../shared/fixtures/charts beside the repository',
    )
  const missing = options.delivery.filter((e) => !options.environments.includes(e))
  if (missing.length) throw new Error(`delivery environments without a cluster: ${missing.join(', ')}`)
  const root = mkdtempSync(join(tmpdir(), 'canary-story-'))
  const sandboxes: Record<string, Sandbox> = {}
  let charts: ChartRepository | undefined
  let layout: LoopbackLayout | undefined
  let stopping: Promise<void> | undefined
  // Once, however often it is asked (the demo's end and an interrupt may both ask).
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(Object.values(sandboxes).map((sandbox) => sandbox.stop()))
      await charts?.stop()
      layout?.remove()
      rmSync(root, { recursive: true, force: true })
    })())
  try {
    charts = await serveChartRepository(chartsDir)
    layout = loopbackLayout({ chartsUrl: charts.url, clusters: options.environments })
    for (const app of options.apps)
      for (const environment of options.delivery) {
        const file = `apps/${app.name}/${environment}/release.yaml`
        layout.write(file, withStartingImage(layout.read(file), app))
      }
    layout.commit('the apps at their starting tags')
    const gitops = gitopsRepository(fileURLToPath(layout.url))
    const { workspace, config } = createAppWorkspace(root, options.apps, options.delivery, gitops)
    await Promise.all(
      options.environments.map(async (environment) => {
        sandboxes[environment] = await startSandbox({
          bare: true,
          timeScale: options.timeScale,
          scenario: options.scenario,
          // Flux's git and helm take no simulated time, however busy the machine (see README.md).
          instantFluxWork: true,
        })
      }),
    )
    return {
      root,
      options,
      sandboxes,
      charts,
      layout,
      gitops,
      workspace,
      config,
      addresses: () =>
        Object.fromEntries(
          options.environments.map((environment) => {
            const url = new URL(sandboxes[environment]!.url)
            return [environment, { address: url.hostname, port: Number(url.port) }]
          }),
        ),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * bootstrap-addons on every environment at once (each cluster is on its own), each given the
 * kubeconfig made from its host in provision-infra's outputs.
 */
export async function bootstrapEnvironments(
  story: WholeStory,
  infra: Infrastructure,
  tell: {
    onLine?: (environment: string, line: string) => void
    /** As each environment's run ends. */
    onReady?: (ready: EnvironmentReady) => void
    /** Cancels the runs as GitHub cancels a job. */
    signal?: AbortSignal
  } = {},
): Promise<Record<string, EnvironmentReady>> {
  const workspace = join(story.root, 'infra-repository')
  mkdirSync(workspace, { recursive: true })
  const ready = await Promise.all(
    story.options.environments.map(async (environment) => {
      const ready = await bootstrapEnvironment({
        environment,
        kubeconfig: infra.kubeconfig(environment),
        gitopsUrl: story.layout.url,
        chartsUrl: story.charts.url,
        workspace,
        verify: story.options.delivery.includes(environment) ? 'canary' : 'gateway',
        onLine: (line) => tell.onLine?.(environment, line),
        signal: tell.signal,
      })
      tell.onReady?.(ready)
      return ready
    }),
  )
  return Object.fromEntries(ready.map((r) => [r.environment, r]))
}

/**
 * The delivery environments' clusters as the deliver workflow sees them (the kubeconfig from their
 * hosts), once Flagger has initialized every app in each.
 */
export async function deliveryClusters(
  story: WholeStory,
  infra: Infrastructure,
  signal?: AbortSignal,
): Promise<ChainCluster[]> {
  await Promise.all(
    story.options.delivery.flatMap((environment) =>
      story.options.apps.map((app) =>
        waitForInitialized(
          story.sandboxes[environment]!,
          app.namespace,
          app.name,
          INITIALIZED_WITHIN_MS,
          signal,
        ),
      ),
    ),
  )
  return story.options.delivery.map((environment) => ({
    environment,
    kubeconfig: infra.kubeconfig(environment),
    holdClock: (namespace: string) => holdUntilFollowed(story.sandboxes[environment]!, namespace),
  }))
}
