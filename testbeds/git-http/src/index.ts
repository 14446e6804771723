export {
  type Fault,
  type GitHttpServer,
  type GitHttpServerOptions,
  type GitService,
  type HeldRequest,
  type RecordedRequest,
  type RequestMatch,
  startGitHttpServer,
} from './server'
