import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The monorepo's root folder. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/** An action by name (`actions/<name>`) or by path. */
export function resolveActionDir(nameOrPath: string): string {
  const byName = join(repoRoot, 'actions', nameOrPath)
  if (!nameOrPath.includes('/') && existsSync(join(byName, 'action.yml'))) return byName
  const byPath = resolve(nameOrPath)
  if (existsSync(join(byPath, 'action.yml')) || existsSync(join(byPath, 'action.yaml'))) return byPath
  throw new Error(
    `no action '${nameOrPath}': expected actions/${nameOrPath}/action.yml or a folder holding an action.yml`,
  )
}

/**
 * The Node 24 binary that GitHub's runners use, installed from the npm registry by the
 * test/node24 workspace package. Undefined when it is not installed.
 */
export function node24Binary(): string | undefined {
  const binary = join(repoRoot, 'test/node24/node_modules/node/bin/node')
  return existsSync(binary) ? binary : undefined
}

/** `24` → the Node 24 binary; `current` → this process's; anything else is a path. */
export function resolveNode(choice: string | undefined): string {
  if (choice === undefined || choice === 'current') return process.execPath
  if (choice === '24') {
    const binary = node24Binary()
    if (!binary)
      throw new Error('Node 24 is not installed: run pnpm install (the test/node24 package provides it)')
    return binary
  }
  return resolve(choice)
}
