import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ControllerContext } from '../context'
import { kind } from '../context'

export interface GitopsOptions {
  /** A local git repository (or a plain directory) for Flux to reconcile. */
  dir: string
  /** Path inside it for the root Kustomization. Default `./`. */
  path?: string
}

/** The flux-system GitRepository and Kustomization on a local repository, as `flux bootstrap` leaves them. */
export function bootstrapGitops(ctx: ControllerContext, gitops: string | GitopsOptions): void {
  const opts = typeof gitops === 'string' ? { dir: gitops } : gitops
  const ns = ctx.registry.byKind('v1', 'Namespace')!
  if (!ctx.store.get(ns, undefined, 'flux-system'))
    ctx.store.create(ns, { metadata: { name: 'flux-system' } })
  const branch = headBranch(opts.dir)
  ctx.store.create(kind(ctx.registry, 'source.toolkit.fluxcd.io', 'gitrepositories'), {
    metadata: { name: 'flux-system', namespace: 'flux-system' },
    spec: {
      interval: '1m0s',
      url: `file://${resolve(opts.dir)}`,
      ...(branch ? { ref: { branch } } : {}),
    },
  })
  ctx.store.create(kind(ctx.registry, 'kustomize.toolkit.fluxcd.io', 'kustomizations'), {
    metadata: { name: 'flux-system', namespace: 'flux-system' },
    spec: {
      interval: '10m0s',
      path: opts.path ?? './',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
    },
  })
}

/** The branch HEAD names, in a work tree (`.git/HEAD`) or a bare repository (`HEAD`), read without running git. */
function headBranch(dir: string): string | undefined {
  for (const file of [join(dir, '.git', 'HEAD'), join(dir, 'HEAD')]) {
    try {
      const head = readFileSync(file, 'utf8').trim()
      return head.startsWith('ref: refs/heads/') ? head.slice('ref: refs/heads/'.length) : undefined
    } catch {}
  }
  return undefined
}
