// The delivery chain as users run it: the bundled actions through the runner, in the reusable
// workflow's order, against sandbox clusters that install the reference chart with real helm from a
// local GitOps repository made from the reference layout. A good build promoted environment after
// environment and a bad one stopped in sit with Git reverted is the whole story's test
// (whole-story.test.ts), on clusters bootstrap-addons made ready; here, the orders of two releases.
import {
  canaryOf as canaryIn,
  deliverRelease,
  type LocalChain,
  primaryImage,
  startLocalChain,
} from '@canary-delivery/chain'
import { afterEach, describe, expect, it } from 'vitest'

const TIME_SCALE = 0.01
// A test runs a dozen bundles and three clusters' worth of git and helm: minutes when the machine is
// busy. What the tests see does not depend on that (testbeds/chain/README.md), only how long it takes.
const TEST_TIMEOUT_MS = 600_000
const env = { WAIT_FOR_CANARY_STALE_GRACE_MS: '1800' }
const python = {
  name: 'python-demo',
  namespace: 'demo-python',
  image: 'registry.example.com/demo/python-demo',
  tag: 'v1.0.0',
}
const go = {
  name: 'go-demo',
  namespace: 'demo-go',
  image: 'registry.example.com/demo/go-demo',
  tag: 'v1.0.0',
}

let chain: LocalChain | undefined
afterEach(async () => {
  await chain?.stop()
  chain = undefined
})

const canaryOf = (c: LocalChain, environment: string, app: { name: string; namespace: string }) =>
  canaryIn(c.sandboxes[environment]!, app.namespace, app.name)

describe('the delivery chain', { timeout: TEST_TIMEOUT_MS }, () => {
  it('releases two apps at the same time into one GitOps repository without losing either', async () => {
    chain = await startLocalChain({ apps: [python, go], environments: ['sit', 'uat'], timeScale: TIME_SCALE })
    const c = chain
    const [first, second] = await Promise.all([
      deliverRelease({
        config: c.config(python.name),
        tag: 'v2.0.0',
        clusters: c.clusters,
        workspace: c.workspace,
        env,
      }),
      deliverRelease({
        config: c.config(go.name),
        tag: 'v7.1.0',
        clusters: c.clusters,
        workspace: c.workspace,
        env,
      }),
    ])
    expect(first.map((o) => o.result)).toEqual(['succeeded', 'succeeded'])
    expect(second.map((o) => o.result)).toEqual(['succeeded', 'succeeded'])
    for (const environment of ['sit', 'uat']) {
      expect(await c.gitops.tag(python.name, environment)).toBe('v2.0.0')
      expect(await c.gitops.tag(go.name, environment)).toBe('v7.1.0')
      expect(primaryImage(c.sandboxes[environment]!, go.namespace, go.name)).toBe(`${go.image}:v7.1.0`)
      expect(primaryImage(c.sandboxes[environment]!, python.namespace, python.name)).toBe(
        `${python.image}:v2.0.0`,
      )
    }
  })

  it('does not report the first release as promoted when a second one replaces it mid-analysis', async () => {
    // uat's profile gives the first release several intervals of analysis to be interrupted in.
    chain = await startLocalChain({ apps: [python], environments: ['uat'], timeScale: TIME_SCALE })
    const c = chain
    const first = deliverRelease({
      config: c.config(python.name),
      tag: 'v2.0.0',
      clusters: c.clusters,
      workspace: c.workspace,
      env,
      // Ends the first wait should the second release never replace its tag.
      waitTimeout: '240s',
    })
    let firstEnded = false
    const ended = () => {
      firstEnded = true
    }
    first.then(ended, ended)
    // Start the second release once Flagger is analysing the first one. The sandbox runs in this
    // process, so a look every 50 ms comes between two analysis steps (600 ms apart) however busy
    // the machine is, and deliverRelease holds uat's clock before it returns.
    for (;;) {
      const status = canaryOf(c, 'uat', python)?.status
      if (status?.phase === 'Progressing' && status.canaryWeight > 0) break
      if (firstEnded)
        throw new Error(`the first release ended before Flagger analysed it: ${JSON.stringify(await first)}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const second = await deliverRelease({
      config: c.config(python.name),
      tag: 'v2.1.0',
      clusters: c.clusters,
      workspace: c.workspace,
      env,
    })
    const firstOutcome = (await first)[0]!
    expect(second[0]!.result).toBe('succeeded')
    expect(primaryImage(c.sandboxes.uat!, python.namespace, python.name)).toBe(`${python.image}:v2.1.0`)
    expect(firstOutcome.result).toBe('failed')
    expect(firstOutcome.error).toMatch(
      /python-demo:v2\.0\.0 was replaced before Flagger promoted it: python-demo now runs .*:v2\.1\.0/,
    )
    // The first release's revert must not undo the second: Git keeps v2.1.0.
    expect(firstOutcome.revertCommit).toBeUndefined()
    expect(await c.gitops.tag(python.name, 'uat')).toBe('v2.1.0')
  })
})
