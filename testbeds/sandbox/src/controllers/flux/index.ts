import type { Controller, ControllerContext } from '../context'
import { together, whileInstalled } from '../installed'
import { bootstrapGitops, type GitopsOptions } from './bootstrap'
import { gitRepositoryController } from './git-repository'
import { helmChartController } from './helm-chart'
import { helmReleaseController } from './helm-release'
import { helmRepositoryController } from './helm-repository'
import { ReleaseStorage } from './helm-storage'
import { kustomizationController } from './kustomization'
import { FluxStorage } from './storage'

export type { GitopsOptions } from './bootstrap'
export { build } from './kustomize-build'

/**
 * Flux's source, kustomize and helm controllers as far as the suite observes them, sharing one
 * artifact storage; with `gitops`, the flux-system sync objects on that repository. With
 * `instantWork`, simulated time stands still while their git, helm and downloads run.
 */
export function fluxControllers(
  ctx: ControllerContext,
  gitops?: string | GitopsOptions,
  instantWork = false,
): Controller {
  const storage = new FluxStorage(instantWork ? ctx.clock : undefined)
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

/**
 * Flux as a bare cluster gets it from the flux2 chart: source-controller, kustomize-controller and
 * helm-controller each model runs while its Deployment runs, on the CRDs that were installed. Artifacts
 * and Helm's release storage outlive a controller's restart, as they do on a cluster.
 */
export function installedFlux(ctx: ControllerContext, instantWork = false): Controller {
  const storage = new FluxStorage(instantWork ? ctx.clock : undefined)
  const releases = new ReleaseStorage()
  const parts = [
    whileInstalled(ctx, 'source-controller', () =>
      together([
        () => gitRepositoryController(ctx, storage),
        () => helmRepositoryController(ctx, storage),
        () => helmChartController(ctx, storage),
      ]),
    ),
    whileInstalled(ctx, 'kustomize-controller', () => kustomizationController(ctx, storage)),
    whileInstalled(ctx, 'helm-controller', () => helmReleaseController(ctx, storage, releases)),
  ]
  return {
    async stop() {
      await Promise.all(parts.map((p) => p.stop()))
      await storage.remove()
    },
  }
}
