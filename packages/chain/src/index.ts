export { type ChainCluster, type ChainEvent, deliverRelease, type EnvironmentOutcome, type ReleaseOptions, type Step } from './deliver'
export { git } from './git'
export { createLocalGitops, type LocalApp, type LocalGitops, REFERENCE_CHART, REFERENCE_GITOPS } from './gitops'
export { primaryImage, waitForInitialized } from './clusters'
