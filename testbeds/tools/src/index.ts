export {
  ensureHelm,
  ensureKubectl,
  ensureTool,
  repoRoot,
  sharedChartsDir,
  type Tool,
  toolsCacheDir,
} from './tools'
export { type ZipEntry, ZipFile } from './zip'
