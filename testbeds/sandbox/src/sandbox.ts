import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Clock } from './clock'
import { seedCluster } from './controllers/cluster'
import type { Controller, ControllerContext } from './controllers/context'
import { PREINSTALLED } from './controllers/flagger/config'
import { flaggerController, installedFlagger } from './controllers/flagger/index'
import { fluxControllers, type GitopsOptions, installedFlux } from './controllers/flux/index'
import { kubernetesControllers } from './controllers/kubernetes'
import { EventRecorder } from './events'
import type { FaultSettings, Faults } from './faults'
import { loadBundledCrds, Registry, typesFromCrd } from './resources'
import { checkScenario, loadScenario, type Scenario } from './scenario'
import { type ApiRequest, ApiServer } from './server'
import { Store } from './store'
import { Validator } from './validation'

export interface SandboxOptions {
  /** Real time per simulated time: 0.01 runs a 10s analysis interval in 100 ms. Default 1. */
  timeScale?: number
  /** A scenario object, or the path of a scenario JSON file. */
  scenario?: Scenario | string
  /** A local git repository (or plain directory) for Flux to reconcile, with the path inside it. */
  gitops?: string | GitopsOptions
  /** Where to write the kubeconfig (mode 0600). Default: a temporary file removed by stop(). */
  kubeconfigPath?: string
  /** Port to bind on 127.0.0.1. Default: an ephemeral port. */
  port?: number
  /** Receives one line per controller change. Default: silent. */
  log?: (line: string) => void
  /**
   * An empty k3s-like cluster: no Flux or Flagger CRDs, and their behaviour only once their charts are
   * installed (the Flux controllers' and Flagger's Deployments available, configured from Flagger's
   * arguments, on the CRDs installed). Default false: both come pre-installed.
   */
  bare?: boolean
  /**
   * Flux's own work (git, helm template, downloads) takes no simulated time: the clock is held while
   * it runs. Default false: it takes its real time, which at a time scale of 0.01 and on a busy
   * machine can be minutes of simulated time.
   */
  instantFluxWork?: boolean
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** The kubeconfig text (server, insecure-skip-tls-verify, namespace default). */
  kubeconfig: string
  kubeconfigPath: string
  clock: Clock
  store: Store
  /** Replaces the scenario (object or JSON file path); controllers read it on their next step. */
  setScenario(scenario: Scenario | string): void
  readonly scenario: Scenario
  faults: Faults
  /**
   * Calls `listener` with every API request as it reaches the server, before it is answered; returns
   * the function that stops that.
   */
  onRequest(listener: (request: ApiRequest) => void): () => void
  stop(): Promise<void>
}

/** Starts the API server and the controllers; everything binds 127.0.0.1 and stops with stop(). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  if (options.bare && options.gitops)
    throw new Error(
      'gitops needs Flux, which a bare sandbox does not have: install it, or start without bare',
    )
  const clock = new Clock(options.timeScale ?? 1)
  const registry = new Registry()
  const crds = options.bare ? [] : loadBundledCrds()
  for (const crd of crds) for (const t of typesFromCrd(crd)) registry.add(t)
  const store = new Store(registry)
  const crdType = registry.byKind('apiextensions.k8s.io/v1', 'CustomResourceDefinition')!
  for (const crd of crds) store.create(crdType, crd)
  seedCluster(store)

  let scenario: Scenario = resolveScenario(options.scenario)
  const log = options.log ?? (() => {})
  const ctx: ControllerContext = {
    store,
    registry,
    clock,
    events: new EventRecorder(store, registry),
    scenario: () => scenario,
    validator: new Validator(),
    log,
  }
  const server = new ApiServer(store, ctx.validator)
  server.bookmarkEveryMs = clock.real(60_000)
  const url = await server.listen(options.port ?? 0)

  const controllers: Controller[] = kubernetesControllers(ctx)
  // Flux and Flagger come pre-installed; a bare sandbox runs them once their charts are installed.
  const instantFluxWork = options.instantFluxWork ?? false
  if (options.bare) controllers.push(installedFlagger(ctx), installedFlux(ctx, instantFluxWork))
  else
    controllers.push(
      flaggerController(ctx, PREINSTALLED),
      fluxControllers(ctx, options.gitops, instantFluxWork),
    )

  const kubeconfig = kubeconfigFor(url)
  let tempDir: string | undefined
  let kubeconfigPath = options.kubeconfigPath
  if (!kubeconfigPath) {
    tempDir = mkdtempSync(join(tmpdir(), 'sandbox-'))
    kubeconfigPath = join(tempDir, 'kubeconfig')
  }
  writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 })
  chmodSync(kubeconfigPath, 0o600)

  const faults: Faults = {
    set(settings: FaultSettings) {
      server.faults = { ...settings }
    },
    get settings() {
      return server.faults
    },
    openWatches: () => server.openWatches,
    closeWatches: () => server.closeWatches(),
    expireWatches: () => server.expireWatches(),
  }

  let stopped = false
  return {
    url,
    kubeconfig,
    kubeconfigPath,
    clock,
    store,
    setScenario(next) {
      scenario = resolveScenario(next)
    },
    get scenario() {
      return scenario
    },
    faults,
    onRequest(listener) {
      server.requestListeners.add(listener)
      return () => {
        server.requestListeners.delete(listener)
      }
    },
    async stop() {
      if (stopped) return
      stopped = true
      const stopping = controllers.map((c) => c.stop())
      clock.stop()
      await Promise.all(stopping)
      await server.close()
      if (tempDir) rmSync(tempDir, { recursive: true, force: true })
    },
  }
}

function resolveScenario(value: Scenario | string | undefined): Scenario {
  if (value === undefined) return {}
  return typeof value === 'string' ? loadScenario(value) : checkScenario(value)
}

/** A kubeconfig for a plain-HTTP server; client-node requires insecure-skip-tls-verify for http:. */
export function kubeconfigFor(url: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: sandbox',
    '  cluster:',
    `    server: ${url}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: sandbox',
    '  user: {}',
    'contexts:',
    '- name: sandbox',
    '  context:',
    '    cluster: sandbox',
    '    user: sandbox',
    '    namespace: default',
    'current-context: sandbox',
    '',
  ].join('\n')
}
