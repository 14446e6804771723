import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CanarySettings } from '@canary-delivery/flagger'
import { stringify } from 'yaml'
import type { LocalApp, LocalGitops } from './gitops'

export interface LocalChainApp extends LocalApp {
  namespace: string
  /** Canary settings per environment, as the delivery file's `canary:` takes them. */
  canary?: Record<string, CanarySettings>
}

export interface AppWorkspace {
  /** The app repository's checkout: GITHUB_WORKSPACE for the actions. */
  workspace: string
  /** The delivery file of an app, relative to the workspace. */
  config(app: string): string
}

/**
 * The app repository's checkout in `root`: one delivery file per app, its environments in the
 * chain's order, each with the profile of its name, the GitOps repository the local one.
 */
export function createAppWorkspace(
  root: string,
  apps: LocalChainApp[],
  environments: string[],
  gitops: LocalGitops,
): AppWorkspace {
  const workspace = join(root, 'app-repository')
  mkdirSync(join(workspace, '.github'), { recursive: true })
  const config = (app: string) => `.github/delivery-${app}.yaml`
  for (const app of apps) {
    writeFileSync(
      join(workspace, config(app.name)),
      stringify({
        app: app.name,
        image: app.image,
        gitops: {
          repository: gitops.url,
          branch: gitops.branch,
          file: 'apps/{app}/{environment}/release.yaml',
        },
        defaults: { namespace: app.namespace },
        environments: environments.map((name) => ({
          name,
          canary: { strategy: 'canary', profile: name, ...app.canary?.[name] },
        })),
      }),
    )
  }
  return { workspace, config }
}
