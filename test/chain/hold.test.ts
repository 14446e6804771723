// How the chain holds a sandbox cluster's time while the runner starts the steps: until the wait
// follows the app, i.e. watches its two Deployments, and not a request sooner.
import { holdUntilFollowed } from '@canary-delivery/chain'
import { type Sandbox, startSandbox } from '@canary-delivery/sandbox'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

describe('holdUntilFollowed', () => {
  let sandbox: Sandbox
  const watches: AbortController[] = []
  beforeEach(async () => {
    sandbox = await startSandbox({ timeScale: 0.01 })
  })
  afterEach(async () => {
    for (const watch of watches) watch.abort()
    await sandbox.stop()
  })

  const deployments = (namespace: string, name: string, watch: boolean) =>
    `${sandbox.url}/apis/apps/v1/namespaces/${namespace}/deployments?fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}${watch ? '&watch=1' : ''}`
  const list = async (namespace: string, name: string) => {
    const response = await fetch(deployments(namespace, name, false))
    expect(response.status).toBe(200)
    await response.json()
  }
  const watch = async (namespace: string, name: string) => {
    const abort = new AbortController()
    watches.push(abort)
    expect((await fetch(deployments(namespace, name, true), { signal: abort.signal })).status).toBe(200)
  }

  it('releases the clock once the target and the primary are both watched in the namespace', async () => {
    holdUntilFollowed(sandbox, 'demo')
    expect(sandbox.clock.held).toBe(true)
    await list('demo', 'app')
    await list('demo', 'app-primary')
    await watch('other', 'app')
    await watch('other', 'app-primary')
    await watch('demo', 'app')
    await watch('demo', 'app') // a resumed watch is still one Deployment
    expect(sandbox.clock.held).toBe(true)
    await watch('demo', 'app-primary')
    expect(sandbox.clock.held).toBe(false)
  })

  it('releases at once when the steps end first, and then only its own hold', async () => {
    const release = holdUntilFollowed(sandbox, 'demo')
    const otherRelease = holdUntilFollowed(sandbox, 'other')
    release()
    release()
    expect(sandbox.clock.held).toBe(true)
    await watch('demo', 'app')
    await watch('demo', 'app-primary')
    expect(sandbox.clock.held).toBe(true)
    otherRelease()
    expect(sandbox.clock.held).toBe(false)
  })
})
