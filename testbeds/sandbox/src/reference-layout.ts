import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { repoRoot } from '@canary-delivery/tools'
import { stringify } from 'yaml'
import type { Obj } from './util'

/** The reference GitOps layout and the app chart its apps use, in this repository. */
export const REFERENCE_LAYOUT = join(repoRoot, 'workflows-examples/gitops')
export const REFERENCE_CHART = join(repoRoot, 'workflows-examples/charts/app')

/** A copy of the reference layout in a local bare repository, pointed at this machine. */
export interface LoopbackLayout {
  /** The bare repository (file:// URL) Flux fetches. */
  url: string
  /** The cluster path the sync Kustomization applies: `./clusters/<cluster>-loopback` (the first cluster's). */
  path: string
  /** The `gitops` GitRepository and `cluster` Kustomization a bootstrap creates, as YAML. */
  bootstrap: string
  read(path: string): string
  write(path: string, text: string): void
  /** Rewrites the overlays with more patches for the `addons` Kustomization to apply. */
  patchAddons(patches: Obj[]): void
  /** Commits everything and pushes it to the bare repository. */
  commit(message: string): void
  remove(): void
}

/**
 * The reference layout's `clusters/<cluster>` for a cluster on this machine, as a user would point
 * it there without changing the committed files: a copy of the layout (and of the app chart, at the
 * tag its GitRepository pins) in a local repository, plus an overlay `clusters/<cluster>-loopback`
 * that sets the sync's URL and path and gives the `addons` Kustomization patches of its own: the Helm
 * repositories on `chartsUrl`, the app chart from the same local repository (a cluster without apps
 * has no app chart source, and that patch selects nothing). `clusters` puts several clusters in the
 * one repository, an overlay each (`path` and `bootstrap` are then the first's).
 */
export function loopbackLayout(options: {
  chartsUrl: string
  cluster?: string
  clusters?: string[]
}): LoopbackLayout {
  const clusters = options.clusters?.length ? options.clusters : [options.cluster ?? 'sit']
  const cluster = clusters[0]!
  const dir = mkdtempSync(join(tmpdir(), 'loopback-layout-'))
  const work = join(dir, 'work')
  const bare = join(dir, 'gitops.git')
  const url = pathToFileURL(bare).href
  const pathOf = (name: string) => `./clusters/${name}-loopback`
  const path = pathOf(cluster)
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-C', work, '-c', 'user.name=sandbox', '-c', 'user.email=sandbox@example.com', ...args],
      {
        encoding: 'utf8',
      },
    )
  const replace = (at: string, value: unknown) => stringify([{ op: 'replace', path: at, value }])
  const overlay = (extra: Obj[]) => {
    const addons = [
      { target: { kind: 'HelmRepository' }, patch: replace('/spec/url', options.chartsUrl) },
      { target: { kind: 'GitRepository', name: 'app-chart' }, patch: replace('/spec/url', url) },
      ...extra,
    ]
    for (const name of clusters)
      writeFileSync(
        join(work, pathOf(name), 'kustomization.yaml'),
        stringify({
          apiVersion: 'kustomize.config.k8s.io/v1beta1',
          kind: 'Kustomization',
          resources: [`../${name}`],
          patches: [
            { target: { kind: 'GitRepository', name: 'gitops' }, patch: replace('/spec/url', url) },
            {
              target: { kind: 'Kustomization', name: 'cluster' },
              patch: replace('/spec/path', pathOf(name)),
            },
            {
              target: { kind: 'Kustomization', name: 'addons' },
              patch: stringify([{ op: 'add', path: '/spec/patches', value: addons }]),
            },
          ],
        }),
      )
  }
  const layout: LoopbackLayout = {
    url,
    path,
    bootstrap: [
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'gitops', namespace: 'flux-system' },
        spec: { interval: '1m', url, ref: { branch: 'main' } },
      },
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'cluster', namespace: 'flux-system' },
        spec: { interval: '10m', path, prune: true, sourceRef: { kind: 'GitRepository', name: 'gitops' } },
      },
    ]
      .map((o) => stringify(o))
      .join('---\n'),
    read: (file) => readFileSync(join(work, file), 'utf8'),
    write: (file, text) => writeFileSync(join(work, file), text),
    patchAddons: (patches) => overlay(patches),
    commit(message) {
      git('add', '--all')
      git('commit', '--quiet', '-m', message)
      git('push', '--quiet', bare, 'main')
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
  try {
    cpSync(REFERENCE_LAYOUT, work, { recursive: true })
    cpSync(REFERENCE_CHART, join(work, 'workflows-examples/charts/app'), { recursive: true })
    for (const name of clusters) mkdirSync(join(work, pathOf(name)))
    overlay([])
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', work])
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare])
    layout.commit(`the reference layout's ${clusters.join(', ')}, on this machine`)
    // The app chart's GitRepository pins the tag the actions repository would have.
    const tag = /tag:\s*(\S+)/.exec(
      readFileSync(join(work, 'infrastructure/sources/app-chart/app-chart.yaml'), 'utf8'),
    )?.[1]
    if (tag) {
      git('tag', tag)
      git('push', '--quiet', bare, tag)
    }
  } catch (err) {
    layout.remove()
    throw err
  }
  return layout
}
