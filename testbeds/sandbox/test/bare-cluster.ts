import { afterAll, beforeAll } from 'vitest'
import type { Sandbox } from '../src/index'
import { type Helm, type Kubectl, startWithTools } from './helpers'

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
  let stop: (() => Promise<void>) | undefined
  beforeAll(async () => {
    await hooks.before?.()
    const started = await startWithTools({ timeScale, bare: true, log: (line) => cluster.lines.push(line) })
    Object.assign(cluster, { sandbox: started.sandbox, helm: started.helm, kubectl: started.kubectl })
    stop = started.stop
  })
  afterAll(async () => {
    if (process.env.SANDBOX_DEBUG) console.log(cluster.lines.join('\n'))
    await stop?.()
    await hooks.after?.()
  })
  return cluster
}
