import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { isObj, type Obj, timestamp } from '../../util'
import { type Controller, type ControllerContext, kind } from '../context'
import { HttpStatusError, httpGet } from '../network'
import { periodic } from '../periodic'
import { conditions, fetchFailed, handled, writeStatus } from './status'
import type { FluxStorage } from './storage'

/** How soon source-controller retries a failed fetch (simulated). */
const RETRY_MS = 10_000

/** Where source-controller serves artifacts inside the cluster, as Flux writes it into statuses. */
export const ARTIFACT_HOST = 'http://source-controller.flux-system.svc.cluster.local.'

/**
 * source-controller's HelmRepository reconciler: fetches `index.yaml` over HTTP from the repository's
 * URL every interval and stores it as the artifact whose digest is the revision, with Flux's
 * conditions and messages. An OCI repository is static, as in Flux 2.x: no artifact and no conditions
 * (the HelmChart pulls from the registry itself).
 */
export function helmRepositoryController(ctx: ControllerContext, storage: FluxStorage): Controller {
  const helmRepos = kind(ctx.registry, 'source.toolkit.fluxcd.io', 'helmrepositories')
  const reconciler = periodic(ctx, helmRepos, 600_000, async (repo) => {
    const { namespace, name } = repo.metadata
    const gen = repo.metadata.generation
    const old: Obj = repo.status ?? {}
    if (repo.spec?.type === 'oci') {
      if (Object.keys(old).length > 0) writeStatus(ctx, helmRepos, repo, {})
      return
    }
    const url = String(repo.spec?.url ?? '')
    const fail = (reason: string, message: string, stalled: boolean) => {
      writeStatus(ctx, helmRepos, repo, {
        ...fetchFailed(old, gen, reason, message, stalled),
        ...handled(repo),
      })
      ctx.log(`helmrepository ${namespace}/${name}: ${message}`)
      return stalled ? undefined : RETRY_MS
    }
    if (url.startsWith('oci://')) {
      return fail(
        'URLInvalid',
        "invalid Helm repository URL: 'oci' URL scheme cannot be used with 'default' HelmRepository type",
        true,
      )
    }
    let body: Buffer
    try {
      body = await storage.writing(httpGet(indexUrl(url), 60_000))
    } catch (err) {
      const cause = err instanceof HttpStatusError ? err.message : (err as Error).message
      return fail(
        'Failed',
        `failed to fetch Helm repository index: failed to cache index to temporary file: ${cause}`,
        false,
      )
    }
    try {
      const index = parseYaml(body.toString('utf8'), { maxAliasCount: 100 })
      if (!isObj(index) || !isObj(index.entries)) throw new Error('no API version specified')
    } catch (err) {
      return fail(
        'IndexationFailed',
        `failed to load Helm repository from index YAML: ${(err as Error).message}`,
        false,
      )
    }
    const hex = createHash('sha256').update(body).digest('hex')
    const revision = `sha256:${hex}`
    const dir = join(storage.dirFor('HelmRepository', namespace, name), hex)
    if (old.artifact?.revision !== revision) {
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, 'index.yaml'), body)
      storage.store('HelmRepository', namespace, name, { dir, revision })
      ctx.log(`helmrepository ${namespace}/${name}: stored index revision ${revision}`)
    } else if (!storage.artifact('HelmRepository', namespace, name)) {
      storage.store('HelmRepository', namespace, name, { dir, revision })
    }
    const path = `helmrepository/${namespace}/${name}/index-${hex}.yaml`
    const message = `stored artifact: revision '${revision}'`
    writeStatus(ctx, helmRepos, repo, {
      ...old,
      observedGeneration: gen,
      ...handled(repo),
      artifact:
        old.artifact?.revision === revision
          ? old.artifact
          : {
              digest: revision,
              lastUpdateTime: timestamp(),
              path,
              revision,
              size: body.length,
              url: `${ARTIFACT_HOST}/${path}`,
            },
      url: `${ARTIFACT_HOST}/helmrepository/${namespace}/${name}/index.yaml`,
      conditions: conditions(old.conditions, gen, [
        ['Ready', 'True', 'Succeeded', message],
        ['ArtifactInStorage', 'True', 'Succeeded', message],
      ]).filter((c) => c.type !== 'FetchFailed' && c.type !== 'Stalled'),
    })
  })
  return { stop: () => reconciler.stop() }
}

/** `<url>/index.yaml`, as Helm resolves it against the repository URL with a trailing slash. */
export function indexUrl(url: string): string {
  return new URL('index.yaml', url.endsWith('/') ? url : `${url}/`).href
}
