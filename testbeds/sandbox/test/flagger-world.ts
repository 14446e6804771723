import { afterAll, beforeAll } from 'vitest'
import { type Sandbox, type SandboxOptions, type Scenario, startSandbox } from '../src/index'
import type { Obj } from '../src/util'
import { waitFor } from './helpers'

/**
 * A sandbox at a hundredth of real time for Flagger model tests, driven through the store: one
 * namespace per test, each with a Deployment `app` and its Canary on the kubernetes provider.
 */
export interface FlaggerWorld {
  sandbox: Sandbox
  canary(ns: string): Obj
  /** The Canary's event messages, oldest first. */
  events(ns: string): string[]
  phase(ns: string, want: string): Promise<unknown>
  setImage(ns: string, image: string): void
  patchCanary(ns: string, change: (c: Obj) => void): void
  primaryImage(ns: string): string
  deployment(ns: string, name: string): Obj
  /** Creates the namespace, the Deployment and the Canary, and waits for Initialized. */
  setup(ns: string, analysis: Obj, image?: string): Promise<void>
}

/** Images that misbehave: slow answers, pods that never get ready, a closed promotion gate. */
export const SCENARIO: Scenario = {
  images: {
    'example.com/slow:*': { latencyMs: 900 },
    'example.com/stuck:*': { ready: false },
    'example.com/gated:*': { webhooks: { 'confirm-promotion': false } },
  },
}

/** A world for the tests of one describe block: started before them, stopped after. */
export function useFlaggerWorld(options: SandboxOptions = {}): () => FlaggerWorld {
  let world: FlaggerWorld | undefined
  beforeAll(async () => {
    world = await startFlaggerWorld(options)
  })
  afterAll(async () => {
    await world?.sandbox.stop()
  })
  return () => world!
}

export async function startFlaggerWorld(options: SandboxOptions = {}): Promise<FlaggerWorld> {
  const sandbox = await startSandbox({ timeScale: 0.01, scenario: SCENARIO, ...options })
  const rt = (apiVersion: string, kind: string) => sandbox.store.registry.byKind(apiVersion, kind)!
  const deployments = () => rt('apps/v1', 'Deployment')
  const canaries = () => rt('flagger.app/v1beta1', 'Canary')
  const world: FlaggerWorld = {
    sandbox,
    canary: (ns) => sandbox.store.get(canaries(), ns, 'app')!,
    events: (ns) =>
      sandbox.store
        .list(rt('v1', 'Event'), ns)
        .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
        .map((e) => e.message as string),
    phase: (ns, want) => waitFor(`phase ${want} in ${ns}`, () => world.canary(ns)?.status?.phase === want),
    setImage(ns, image) {
      const d = sandbox.store.get(deployments(), ns, 'app')!
      d.spec.template.spec.containers[0].image = image
      sandbox.store.update(deployments(), d)
    },
    patchCanary(ns, change) {
      const c = world.canary(ns)
      change(c)
      sandbox.store.update(canaries(), c)
    },
    primaryImage: (ns) => world.deployment(ns, 'app-primary').spec.template.spec.containers[0].image,
    deployment: (ns, name) => sandbox.store.get(deployments(), ns, name)!,
    async setup(ns, analysis, image = 'example.com/app:1') {
      sandbox.store.create(rt('v1', 'Namespace'), { metadata: { name: ns } })
      sandbox.store.create(deployments(), {
        metadata: { name: 'app', namespace: ns },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'app' } },
          template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'app', image }] } },
        },
      })
      sandbox.store.create(canaries(), {
        metadata: { name: 'app', namespace: ns },
        spec: {
          provider: 'kubernetes',
          targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' },
          service: { port: 80 },
          progressDeadlineSeconds: 60,
          analysis: {
            interval: '10s',
            threshold: 2,
            metrics: [
              { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
              { name: 'request-duration', thresholdRange: { max: 500 }, interval: '30s' },
            ],
            ...analysis,
          },
        },
      })
      await world.phase(ns, 'Initialized')
    },
  }
  return world
}
