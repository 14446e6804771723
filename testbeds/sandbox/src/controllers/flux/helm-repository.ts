import { createHash } from 'node:crypto'
import { timestamp } from '../../util'
import { type Controller, type ControllerContext, kind } from '../context'
import { periodic } from '../periodic'
import { conditions, handled, writeStatus } from './status'

/** source-controller's HelmRepository reconciler: Ready, with a revision made from the URL. */
export function helmRepositoryController(ctx: ControllerContext): Controller {
  const helmRepos = kind(ctx.registry, 'source.toolkit.fluxcd.io', 'helmrepositories')
  const reconciler = periodic(ctx, helmRepos, 600_000, (repo) => {
    const gen = repo.metadata.generation
    const revision = `sha256:${createHash('sha256').update(String(repo.spec?.url)).digest('hex')}`
    const message =
      repo.spec?.type === 'oci' ? 'Helm repository is Ready' : `stored artifact: revision '${revision}'`
    writeStatus(ctx, helmRepos, repo, {
      ...(repo.status ?? {}),
      observedGeneration: gen,
      ...handled(repo),
      ...(repo.spec?.type === 'oci'
        ? {}
        : { artifact: { revision, digest: revision, lastUpdateTime: timestamp(), path: '', url: '' } }),
      url: repo.spec?.url,
      conditions: conditions(repo.status?.conditions, gen, [['Ready', 'True', 'Succeeded', message]]),
    })
  })
  return { stop: () => reconciler.stop() }
}
