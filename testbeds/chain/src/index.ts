export { canaryOf, holdUntilFollowed, primaryImage, waitForInitialized } from './clusters'
export {
  type ChainCluster,
  type ChainEvent,
  deliverRelease,
  type EnvironmentOutcome,
  type ReleaseOptions,
  type Step,
} from './deliver'
export { git } from './git'
export {
  createLocalGitops,
  type LocalApp,
  type LocalGitops,
  REFERENCE_CHART,
  REFERENCE_GITOPS,
} from './gitops'
export { type LocalChain, type LocalChainApp, type LocalChainOptions, startLocalChain } from './local-chain'
