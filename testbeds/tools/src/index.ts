export { helmTemplate, ofKind, type RenderedObject, referenceChartDir, withoutLabels } from './helm-template'
export { offlineTerraformEnv, terraformVersion } from './terraform'
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
