export {
  isTransient,
  KubeApiError,
  KubeClient,
  type KubeClientOptions,
  type ObjectList,
  type RawWatchEvent,
  type WatchHandle,
} from './client'
export {
  decodeKubeconfig,
  type KubeconfigOptions,
  kubeconfigSecrets,
  type PreparedKubeconfig,
  prepareKubeconfig,
  removeKubeconfig,
} from './kubeconfig'
export {
  type Change,
  type ChangeType,
  type KubeObject,
  type ResourceWatch,
  type ResourceWatchOptions,
  type WatchStats,
  watchResource,
} from './watch'
