import type { Controller, ControllerContext } from '../context'
import { bootstrapGitops, type GitopsOptions } from './bootstrap'
import { gitRepositoryController } from './git-repository'
import { helmChartController } from './helm-chart'
import { helmReleaseController } from './helm-release'
import { helmRepositoryController } from './helm-repository'
import { kustomizationController } from './kustomization'
import { FluxStorage } from './storage'

export type { GitopsOptions } from './bootstrap'
export { build } from './kustomize-build'

/**
 * Flux's source, kustomize and helm controllers as far as the suite observes them, sharing one
 * artifact storage; with `gitops`, the flux-system sync objects on that repository.
 */
export function fluxControllers(ctx: ControllerContext, gitops?: string | GitopsOptions): Controller {
  const storage = new FluxStorage()
  const controllers = [
    gitRepositoryController(ctx, storage),
    helmRepositoryController(ctx, storage),
    helmChartController(ctx, storage),
    kustomizationController(ctx, storage),
    helmReleaseController(ctx, storage),
  ]
  if (gitops) bootstrapGitops(ctx, gitops)
  return {
    async stop() {
      for (const c of controllers) c.stop()
      await storage.remove()
    },
  }
}
