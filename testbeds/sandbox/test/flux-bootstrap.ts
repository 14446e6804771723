import { type ChartRepository, serveChartRepository } from '../src/chart-repository'
import { type LoopbackLayout, loopbackLayout } from '../src/reference-layout'
import type { Obj } from '../src/util'
import { type BareCluster, useBareCluster } from './bare-cluster'
import { scratch, sharedChart, sharedChartsDir, waitFor } from './helpers'

/** A bare cluster, and the reference layout's directory for it with the real charts on 127.0.0.1. */
export interface LoopbackCluster {
  cluster: BareCluster
  /** Set once the describe block's tests start. */
  charts: ChartRepository
  /** Set once the describe block's tests start. */
  layout: LoopbackLayout
}

/** For one describe block: a bare sandbox, the charts of ../shared served, `clusters/<name>` on loopback. */
export function useLoopbackCluster(name: string, timeScale: number): LoopbackCluster {
  const loopback = {} as LoopbackCluster
  loopback.cluster = useBareCluster(timeScale, {
    async before() {
      sharedChart('flux2-2.18.3.tgz') // a clear message naming the path when ../shared is missing
      loopback.charts = await serveChartRepository(sharedChartsDir())
      loopback.layout = loopbackLayout({ chartsUrl: loopback.charts.url, cluster: name })
    },
    async after() {
      await loopback.charts?.stop()
      loopback.layout?.remove()
    },
  })
  return loopback
}

/**
 * What bootstrap-addons does to a bare cluster: the flux2 chart with the real helm, then the sync
 * objects (GitRepository and Kustomization "cluster") of the layout's cluster directory.
 */
export async function bootstrapFlux(cluster: BareCluster, layout: LoopbackLayout): Promise<void> {
  await cluster.helm(
    'install',
    'flux',
    sharedChart('flux2-2.18.3.tgz'),
    '-n',
    'flux-system',
    '--create-namespace',
    '--wait',
    '--timeout',
    '180s',
  )
  const files = scratch('gitops-bootstrap-')
  try {
    await cluster.kubectl('apply', '-f', files.file('bootstrap.yaml', layout.bootstrap))
  } finally {
    files.cleanup()
  }
}

/** An object in the cluster's store, if there is one (and its kind is served). */
export function objectIn(
  cluster: BareCluster,
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
) {
  const rt = cluster.sandbox.store.registry.byKind(apiVersion, kind)
  return rt ? cluster.sandbox.store.get(rt, namespace, name) : undefined
}

/** Waits for an object to be Ready at its current generation, as `flux get` would show it. */
export const readyIn = (
  cluster: BareCluster,
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
) =>
  waitFor(
    `${kind} ${namespace}/${name} Ready`,
    () => {
      const o = objectIn(cluster, apiVersion, kind, namespace, name)
      const c = o?.status?.conditions?.find((x: Obj) => x.type === 'Ready')
      return c?.status === 'True' && o?.status.observedGeneration === o?.metadata.generation && o
    },
    180_000,
  )
