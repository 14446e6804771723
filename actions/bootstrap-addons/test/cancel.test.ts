import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BootstrapEnvironment, leftovers, runAction, startEnvironment } from './helpers'

// A run cancelled as GitHub cancels it, while helm installs Flux: the kubeconfig was a private file
// while the run lasted, and it is gone afterwards.
let env: BootstrapEnvironment
let runnerTemp: string

beforeAll(async () => {
  env = await startEnvironment({ timeScale: 0.05 })
  runnerTemp = mkdtempSync(join(tmpdir(), 'bootstrap-cancel-'))
})
afterAll(async () => {
  await env?.stop()
  rmSync(runnerTemp, { recursive: true, force: true })
})

describe('cancelled by the runner', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'removes the kubeconfig on %s, and stops helm',
    async (signal) => {
      const cancel = new AbortController()
      let kubeconfigMode: number | undefined
      const result = await runAction(env.inputs, {
        runnerTemp,
        cancel: cancel.signal,
        cancelSignal: signal,
        onLogLine: (line) => {
          if (!line.includes('upgrade --install flux') || cancel.signal.aborted) return
          const [folder] = leftovers(runnerTemp)
          const file =
            folder && readdirSync(join(runnerTemp, folder)).find((f) => f.startsWith('kubeconfig-'))
          if (file) kubeconfigMode = statSync(join(runnerTemp, folder, file)).mode & 0o777
          cancel.abort()
        },
      })
      expect(kubeconfigMode).toBe(0o600)
      expect(result.exitCode).not.toBe(0)
      expect(result.log).toContain(`${signal} received: asking 1 running program(s) to stop cleanly`)
      expect(result.outputs.result).toBe('failed')
      expect(leftovers(runnerTemp)).toEqual([])
      expect(result.log).not.toContain('current-context')
    },
    180_000,
  )
})
