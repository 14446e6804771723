export { type AppWorkspace, createAppWorkspace, type LocalChainApp } from './app-workspace'
export { canaryOf, fluxChartOf, holdUntilFollowed, primaryImage, waitForInitialized } from './clusters'
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
  gitopsRepository,
  type LocalApp,
  type LocalGitops,
  REFERENCE_CHART,
  REFERENCE_GITOPS,
} from './gitops'
export { type LocalChain, type LocalChainOptions, startLocalChain } from './local-chain'
export { bootstrapEnvironment, type EnvironmentReady } from './story-bootstrap'
export {
  type ClusterAddresses,
  type InfraLine,
  type Infrastructure,
  provisionInfrastructure,
  STORY_MODULE,
} from './story-infra'
export {
  bootstrapEnvironments,
  deliveryClusters,
  startWholeStory,
  type WholeStory,
  type WholeStoryOptions,
} from './whole-story'
