export {
  type ClusterAccess,
  describeCredentials,
  EXEC_API_VERSIONS,
  type ExecPlugin,
  type RawKubeconfig,
  resolveAccess,
  type UserCredentials,
} from './access'
export {
  isTransient,
  KubeApiError,
  KubeClient,
  type KubeClientOptions,
  type ObjectList,
  type RawWatchEvent,
  type WatchHandle,
} from './client'
export { ExecCredentialSource, ExecPluginError, type IssuedCredential } from './exec-credential'
export {
  decodeKubeconfig,
  type KubeconfigOptions,
  kubeconfigSecrets,
  loadAccess,
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
