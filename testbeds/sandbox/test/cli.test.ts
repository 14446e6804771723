import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { sharedChartsDir, waitFor } from './helpers'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const cli = join(root, 'testbeds', 'sandbox', 'src', 'cli.ts')

describe('pnpm sandbox (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the kubeconfig, serves the API, logs controller changes and stops on SIGTERM', async () => {
    const kubeconfig = join(dir, 'kubeconfig')
    const child = spawn(tsx, [cli, '--kubeconfig', kubeconfig, '--time-scale', '0.01'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      await waitFor(
        'the start-up line',
        () => out.includes('sandbox API server on http://127.0.0.1:'),
        60_000,
      )
      expect(statSync(kubeconfig).mode & 0o777).toBe(0o600)
      const server = /server: (http:\/\/127\.0\.0\.1:\d+)/.exec(readFileSync(kubeconfig, 'utf8'))![1]!
      const res = await fetch(`${server}/apis/apps/v1/namespaces/default/deployments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          metadata: { name: 'web' },
          spec: {
            selector: { matchLabels: { app: 'web' } },
            template: {
              metadata: { labels: { app: 'web' } },
              spec: { containers: [{ name: 'web', image: 'nginx' }] },
            },
          },
        }),
      })
      expect(res.status).toBe(201)
      await waitFor('a controller log line', () =>
        out.includes('deployment default/web: 1/1 ready (generation 1)'),
      )
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(out).toContain('SIGTERM: stopping')
  })

  it('names the bad input and exits non-zero', async () => {
    const child = spawn(tsx, [cli, '--kubeconfig', join(dir, 'k'), '--time-scale', 'fast'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    child.stderr.on('data', (d) => {
      err += d
    })
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(2)
    expect(err.trim()).toBe('sandbox: --time-scale: expected a positive number, got "fast"')
  })

  it('serves a folder of charts beside the sandbox with --charts, and names a folder that is not there', async () => {
    const child = spawn(
      tsx,
      [cli, '--kubeconfig', join(dir, 'kc'), '--bare', '--charts', sharedChartsDir()],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const url = await waitFor(
        'the chart repository line',
        () => /chart repository of .* on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1],
        60_000,
      )
      expect(await (await fetch(`${url}/index.yaml`)).text()).toContain('flagger-1.44.0.tgz')
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)

    const missing = join(dir, 'no-charts')
    const bad = spawn(tsx, [cli, '--kubeconfig', join(dir, 'k2'), '--charts', missing], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    bad.stderr.on('data', (d) => {
      err += d
    })
    expect(await new Promise<number | null>((resolve) => bad.on('exit', resolve))).toBe(2)
    expect(err.trim()).toBe(`sandbox: --charts: ${missing} is not a directory of packaged charts`)
  })
})
