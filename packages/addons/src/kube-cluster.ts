import {
  KubeApiError,
  KubeClient,
  type KubeObject,
  type PreparedKubeconfig,
  watchResource,
} from '@canary-delivery/kube'
import { type Cluster, type ClusterWatch, FIELD_MANAGER } from './cluster'

/** The Cluster the action uses: the suite's own Kubernetes client, every request bounded by `signal`. */
export function openCluster(
  prepared: PreparedKubeconfig,
  options: {
    signal: AbortSignal
    registerSecret: (value: string) => void
    onRetry?: (message: string) => void
  },
): Cluster {
  const client = new KubeClient({
    access: prepared.access,
    signal: options.signal,
    registerSecret: options.registerSecret,
    onRetry: options.onRetry,
  })
  const notFound = (error: unknown) => error instanceof KubeApiError && error.status === 404
  return {
    find: (path) => client.find(path),
    list: async <T extends KubeObject>(path: string, query: Record<string, string> = {}) => {
      try {
        return (await client.list<T>(path, query)).items
      } catch (error) {
        if (notFound(error)) return []
        throw error
      }
    },
    apply: (path, object, { dryRun = false } = {}) =>
      client.send<KubeObject>('PATCH', path, {
        query: { fieldManager: FIELD_MANAGER, force: 'true', ...(dryRun ? { dryRun: 'All' } : {}) },
        body: JSON.stringify(object),
        contentType: 'application/apply-patch+yaml',
      }),
    annotate: (path, annotations) =>
      client.send<KubeObject>('PATCH', path, {
        body: JSON.stringify({ metadata: { annotations } }),
        contentType: 'application/merge-patch+json',
      }),
    watch<T extends KubeObject>(path: string, onChange: (type: string, object: T) => void): ClusterWatch {
      const watch = watchResource<T>({
        client,
        path,
        onChange: (change) => onChange(change.type, change.object),
      })
      return { synced: watch.synced, stop: () => watch.stop() }
    },
    async serves(groupVersion, plural) {
      const list = await client.find<{ resources?: { name: string }[] }>(`/apis/${groupVersion}`)
      return Boolean(list?.resources?.some((r) => r.name === plural))
    },
    close: () => client.close(),
  }
}
