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

/** Starts the CLI; `output()` is what it wrote to stdout and stderr so far. */
function startCli(...args: string[]) {
  const child = spawn(tsx, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
  })
  child.stderr.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => out, exited }
}

describe('pnpm sandbox (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the kubeconfig, serves the API, logs controller changes and stops on SIGTERM', async () => {
    const kubeconfig = join(dir, 'kubeconfig')
    const { child, output, exited } = startCli('--kubeconfig', kubeconfig, '--time-scale', '0.01')
    try {
      await waitFor(
        'the start-up line',
        () => output().includes('sandbox API server on http://127.0.0.1:'),
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
        output().includes('deployment default/web: 1/1 ready (generation 1)'),
      )
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(output()).toContain('SIGTERM: stopping')
  })

  it('starts bare: an empty k3s-like cluster without the Flux and Flagger CRDs', async () => {
    const kubeconfig = join(dir, 'bare-kubeconfig')
    const { child, output, exited } = startCli('--kubeconfig', kubeconfig, '--bare')
    try {
      await waitFor(
        'the start-up line',
        () => output().includes('sandbox API server on http://127.0.0.1:'),
        60_000,
      )
      const server = /server: (http:\/\/127\.0\.0\.1:\d+)/.exec(readFileSync(kubeconfig, 'utf8'))![1]!
      const json = async (path: string) =>
        (await (await fetch(`${server}${path}`)).json()) as { items?: unknown[]; groups?: { name: string }[] }
      expect((await json('/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).items).toEqual([])
      const groups = (await json('/apis')).groups!.map((g) => g.name)
      expect(groups).toContain('apps')
      expect(groups).not.toContain('flagger.app')
      expect(groups).not.toContain('helm.toolkit.fluxcd.io')
      const nodes = (await json('/api/v1/nodes')).items as { metadata: { name: string } }[]
      expect(nodes.map((n) => n.metadata.name)).toEqual(['sandbox'])
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
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
    const bare = startCli('--kubeconfig', join(dir, 'k'), '--bare', '--gitops', dir)
    expect(await bare.exited).toBe(2)
    expect(bare.output().trim()).toBe(
      'sandbox: --gitops: needs Flux, which a bare sandbox does not have (install it with helm, or start without --bare)',
    )
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
