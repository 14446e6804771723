import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Obj, REFERENCE_CHART, REFERENCE_LAYOUT } from '@canary-delivery/sandbox'
import { parseAllDocuments, stringify } from 'yaml'
import { git } from './git'

/** The reference layout and app chart, as the sandbox knows them. */
export const REFERENCE_GITOPS = REFERENCE_LAYOUT
export { REFERENCE_CHART }

export interface LocalApp {
  /** An app of the reference layout (apps/<name>/ exists there). */
  name: string
  image: string
  /** The tag the repository starts with (what runs before the first release). */
  tag: string
}

export interface LocalGitops {
  /** The bare repository Flux (the sandbox) fetches and bump-gitops-tag pushes to. */
  bare: string
  url: string
  branch: string
  /** The release file of an app in an environment, relative to the repository root. */
  releaseFile(app: string, environment: string): string
  /** The file's content on the branch's current head. */
  read(path: string): Promise<string>
  /** One line per commit on the branch, newest first. */
  log(): Promise<string[]>
  /** The image tag an app's release file holds in an environment. */
  tag(app: string, environment: string): Promise<string>
}

/** The YAML documents of `text`, each edited in place, written out again. */
function rewriteDocuments(text: string, edit: (doc: Obj) => void): string {
  const documents = parseAllDocuments(text).map((d) => d.toJS() as Obj)
  for (const doc of documents) edit(doc)
  return documents.map((doc) => stringify(doc)).join('---\n')
}

const rewriteFile = (file: string, edit: (doc: Obj) => void) =>
  writeFileSync(file, rewriteDocuments(readFileSync(file, 'utf8'), edit))

/** A release file of the reference layout with the app's image at its starting tag. */
export function withStartingImage(releaseFile: string, app: LocalApp): string {
  return rewriteDocuments(releaseFile, (doc) => {
    if (doc.kind !== 'HelmRelease') return
    doc.spec.values.image = { repository: app.image, tag: app.tag }
  })
}

/**
 * A GitOps repository in `dir`, made from the reference layout: the chosen apps' release files as
 * they are (with the starting image), the app chart from this repository, and the add-ons left out
 * (the sandbox models APISIX, Flagger and the load tester itself).
 */
export async function createLocalGitops(
  dir: string,
  apps: LocalApp[],
  environments: string[],
): Promise<LocalGitops> {
  const work = join(dir, 'gitops-seed')
  const bare = join(dir, 'gitops.git')
  const url = pathToFileURL(bare).href
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  cpSync(REFERENCE_CHART, join(work, 'workflows-examples/charts/app'), { recursive: true })

  for (const app of apps) {
    for (const environment of environments) {
      const source = join(REFERENCE_GITOPS, 'apps', app.name, environment)
      if (!existsSync(source)) throw new Error(`the reference layout has no apps/${app.name}/${environment}`)
      const target = join(work, 'apps', app.name, environment)
      cpSync(source, target, { recursive: true })
      const release = join(target, 'release.yaml')
      writeFileSync(release, withStartingImage(readFileSync(release, 'utf8'), app))
    }
  }
  // Flux's own sync objects are what the sandbox's bootstrap creates (GitRepository and
  // Kustomization "flux-system" on this repository, path clusters/<env>), so the apps Kustomization
  // points at that source, and the app chart comes from this same repository.
  const chartSource = parseAllDocuments(
    readFileSync(join(REFERENCE_GITOPS, 'infrastructure/sources/app-chart/app-chart.yaml'), 'utf8'),
  )[0]!.toJS()
  chartSource.spec = { interval: '1m', url, ref: { branch: 'main' } }
  for (const environment of environments) {
    const cluster = join(work, 'clusters', environment)
    mkdirSync(join(cluster, 'apps'), { recursive: true })
    cpSync(join(REFERENCE_GITOPS, 'clusters', environment, 'apps.yaml'), join(cluster, 'apps.yaml'))
    rewriteFile(join(cluster, 'apps.yaml'), (doc) => {
      delete doc.spec.dependsOn
      doc.spec.sourceRef.name = 'flux-system'
    })
    writeFileSync(join(cluster, 'app-chart.yaml'), stringify(chartSource))
    writeFileSync(
      join(cluster, 'kustomization.yaml'),
      stringify({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: ['app-chart.yaml', 'apps.yaml'],
      }),
    )
    writeFileSync(
      join(cluster, 'apps/kustomization.yaml'),
      stringify({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: apps.map((app) => `../../../apps/${app.name}/${environment}`),
      }),
    )
  }

  await git(dir, ['init', '--quiet', '--bare', '--initial-branch=main', bare])
  await git(work, ['init', '--quiet', '--initial-branch=main'])
  await git(work, ['add', '--all'])
  await git(work, ['commit', '--quiet', '-m', 'reference layout for the local chain'])
  await git(work, ['push', '--quiet', bare, 'main'])
  rmSync(work, { recursive: true, force: true })

  return gitopsRepository(bare)
}

/** What the chain reads from a local GitOps repository (a bare one, branch main). */
export function gitopsRepository(bare: string): LocalGitops {
  return {
    bare,
    url: pathToFileURL(bare).href,
    branch: 'main',
    releaseFile: (app, environment) => `apps/${app}/${environment}/release.yaml`,
    read: (path) => git(bare, ['show', `main:${path}`]),
    log: async () => (await git(bare, ['log', '--format=%h %s', 'main'])).split('\n'),
    tag: async (app, environment) => {
      const text = await git(bare, ['show', `main:apps/${app}/${environment}/release.yaml`])
      const release = parseAllDocuments(text)
        .map((d) => d.toJS())
        .find((doc) => doc?.kind === 'HelmRelease')
      return String(release?.spec?.values?.image?.tag ?? '')
    },
  }
}
