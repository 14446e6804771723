import { afterAll, beforeAll } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index'
import { type Helm, helmFor, type Kubectl, kubectlFor } from './helpers'

/** A bare sandbox with the real helm and kubectl on it, and the lines its controllers log. */
export interface BareCluster {
  sandbox: Sandbox
  helm: Helm
  kubectl: Kubectl
  lines: string[]
}

/**
 * A bare sandbox for the tests of one describe block, after `before` (say, a repository to
 * reconcile) and before `after`; SANDBOX_DEBUG=1 prints what the controllers logged.
 */
export function useBareCluster(
  timeScale: number,
  hooks: { before?: () => void | Promise<void>; after?: () => void | Promise<void> } = {},
): BareCluster {
  const cluster = { lines: [] as string[] } as BareCluster
  beforeAll(async () => {
    await hooks.before?.()
    cluster.sandbox = await startSandbox({ timeScale, bare: true, log: (line) => cluster.lines.push(line) })
    cluster.helm = helmFor(cluster.sandbox)
    cluster.kubectl = kubectlFor(cluster.sandbox)
  })
  afterAll(async () => {
    if (process.env.SANDBOX_DEBUG) console.log(cluster.lines.join('\n'))
    cluster.helm?.cleanup()
    cluster.kubectl?.cleanup()
    await cluster.sandbox?.stop()
    await hooks.after?.()
  })
  return cluster
}
