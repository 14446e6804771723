import type { CanaryPhase } from '@canary-delivery/flagger'
import type { Obj, Sandbox } from '@canary-delivery/sandbox'

/** Phases of a Canary that has a promoted revision and no run under way. */
const SETTLED: readonly CanaryPhase[] = ['Initialized', 'Succeeded']

function find(
  sandbox: Sandbox,
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
): Obj | undefined {
  const type = sandbox.store.registry.byKind(apiVersion, kind)
  return type ? sandbox.store.get(type, namespace, name) : undefined
}

/** The app's Flagger Canary in a sandbox cluster, as the API server holds it. */
export function canaryOf(sandbox: Sandbox, namespace: string, name: string): Obj | undefined {
  return find(sandbox, 'flagger.app/v1beta1', 'Canary', namespace, name)
}

/** Waits until Flux has installed the app and Flagger has initialized its canary. */
export async function waitForInitialized(
  sandbox: Sandbox,
  namespace: string,
  name: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    signal?.throwIfAborted()
    const phase: CanaryPhase | undefined = canaryOf(sandbox, namespace, name)?.status?.phase
    if (phase && SETTLED.includes(phase)) return
    if (Date.now() > deadline)
      throw new Error(
        `canary ${namespace}/${name} not initialized after ${timeoutMs} ms (phase ${phase ?? 'none'})`,
      )
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The image the primary (what serves traffic) runs. */
export function primaryImage(sandbox: Sandbox, namespace: string, name: string): string | undefined {
  return find(sandbox, 'apps/v1', 'Deployment', namespace, `${name}-primary`)?.spec?.template?.spec
    ?.containers?.[0]?.image
}

/**
 * The flux2 chart a cluster runs (`flux2-2.18.3`), from the `helm.sh/chart` label the chart puts on
 * Flux's controllers.
 */
export function fluxChartOf(sandbox: Sandbox, namespace = 'flux-system'): string | undefined {
  return find(sandbox, 'apps/v1', 'Deployment', namespace, 'helm-controller')?.metadata?.labels?.[
    'helm.sh/chart'
  ]
}

/**
 * Holds a sandbox cluster's simulated time until wait-for-canary follows the app in `namespace`:
 * until it watches two Deployments there (the target and its primary), which it does once it has
 * their lists, so what it took as its starting point is the cluster before the change. Returns the
 * release, for steps that end before that.
 */
export function holdUntilFollowed(sandbox: Sandbox, namespace: string): () => void {
  const deployments = `/apis/apps/v1/namespaces/${namespace}/deployments`
  const watched = new Set<string>()
  const releaseClock = sandbox.clock.hold()
  const stopListening = sandbox.onRequest((request) => {
    if (!request.watch || request.path !== deployments) return
    watched.add(request.query.get('fieldSelector') ?? '')
    if (watched.size >= 2) release()
  })
  const release = () => {
    stopListening()
    releaseClock()
  }
  return release
}
