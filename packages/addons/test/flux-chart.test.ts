import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import {
  type ChartRepository,
  type Sandbox,
  serveChartRepository,
  startSandbox,
} from '@canary-delivery/sandbox'
import { ensureHelm, sharedChartsDir } from '@canary-delivery/tools'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  applyFlux,
  currentFluxRelease,
  type FluxChartSettings,
  type HelmRun,
  planFlux,
  showFluxChart,
} from '../src/flux-chart'
import { helmEnvironment, resolveHelm } from '../src/helm'

const chartsDir = sharedChartsDir()
if (!chartsDir)
  throw new Error('the real charts are missing: expected ../shared/fixtures/charts beside the repository')

let sandbox: Sandbox
let charts: ChartRepository
let scratch: string
let run: HelmRun

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'flux-chart-test-'))
  sandbox = await startSandbox({ bare: true, timeScale: 0.05 })
  charts = await serveChartRepository(chartsDir)
  const helm = await resolveHelm({ version: '4.1.4', given: ensureHelm(), log: () => {} })
  run = {
    helm,
    env: helmEnvironment(join(scratch, 'helm'), sandbox.kubeconfigPath),
    workDir: scratch,
    log: () => {},
  }
})
afterAll(async () => {
  await sandbox?.stop()
  await charts?.stop()
  rmSync(scratch, { recursive: true, force: true })
})

const chart = (overrides: Partial<FluxChartSettings> = {}): FluxChartSettings => ({
  repository: charts.url,
  version: '2.18.3',
  namespace: 'flux-system',
  values: {},
  ...overrides,
})

describe('the pinned helm', () => {
  it('refuses a helm of another version than helm-version, naming both', async () => {
    await expect(resolveHelm({ version: '4.1.3', given: ensureHelm(), log: () => {} })).rejects.toThrow(
      `Input 'helm' names ${ensureHelm()}, which is helm v4.1.4, not v4.1.3 (input 'helm-version'); the action runs only the helm it pins`,
    )
  })

  describe('installed from a download checked against its pinned sha256', () => {
    let server: Server
    let base: string
    let archive: Buffer
    beforeAll(async () => {
      // get.helm.sh's layout: helm-v<version>-<os>-<arch>.tar.gz holding <os>-<arch>/helm.
      const platform = `${process.platform === 'darwin' ? 'darwin' : 'linux'}-${process.arch === 'arm64' ? 'arm64' : 'amd64'}`
      const staging = join(scratch, 'staging')
      mkdirSync(join(staging, platform), { recursive: true })
      writeFileSync(join(staging, platform, 'helm'), readFileSync(ensureHelm()), { mode: 0o755 })
      // Compressed at gzip's fastest level: the test is about the download and its checksum, and
      // tar's default level spent seconds of CPU on the 60 MB binary.
      const tarball = execFileSync('tar', ['-cf', '-', '-C', staging, platform], { maxBuffer: 256 << 20 })
      archive = gzipSync(tarball, { level: 1 })
      server = createServer((req, res) => {
        if (req.url === `/helm-v4.1.4-${platform}.tar.gz`) res.end(archive)
        else res.writeHead(404).end()
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const pinned = (sha: string) => ({
      '4.1.4': Object.fromEntries(
        ['linux-amd64', 'linux-arm64', 'darwin-amd64', 'darwin-arm64'].map((p) => [p, sha]),
      ),
    })

    it('refuses an archive whose sha256 is not the pinned one, and installs nothing', async () => {
      const toolCache = join(scratch, 'tools-refused')
      const path = process.env.PATH
      process.env.PATH = join(scratch, 'no-helm-here')
      try {
        await expect(
          resolveHelm({
            version: '4.1.4',
            toolCache,
            downloadBase: base,
            checksums: pinned('0'.repeat(64)),
            log: () => {},
          }),
        ).rejects.toThrow(
          /^Refused http:\/\/127\.0\.0\.1:\d+\/helm-v4\.1\.4-\w+-\w+\.tar\.gz: its sha256 is [0-9a-f]{64}, not the pinned 0{64}; nothing was installed$/,
        )
      } finally {
        process.env.PATH = path
      }
      expect(() => readFileSync(join(toolCache, 'helm'))).toThrow()
    })

    it('installs the pinned version when PATH has none, and asks the installed binary its version', async () => {
      const toolCache = join(scratch, 'tools')
      const sha = createHash('sha256').update(archive).digest('hex')
      const path = process.env.PATH
      process.env.PATH = join(scratch, 'no-helm-here')
      try {
        const helm = await resolveHelm({
          version: '4.1.4',
          toolCache,
          downloadBase: base,
          checksums: pinned(sha),
          log: () => {},
        })
        expect(helm).toMatchObject({ version: 'v4.1.4', origin: 'downloaded' })
        expect(dirname(helm.file).startsWith(join(toolCache, 'helm', '4.1.4'))).toBe(true)
        const again = await resolveHelm({
          version: '4.1.4',
          toolCache,
          downloadBase: 'http://127.0.0.1:9',
          checksums: pinned(sha),
          log: () => {},
        })
        expect(again).toMatchObject({ file: helm.file, origin: 'tool cache' })
      } finally {
        process.env.PATH = path
      }
    })
  })
})

describe('Flux from the flux2 chart with the real helm', () => {
  it('reads the chart before installing anything, and names the input of an unknown version', async () => {
    expect(await showFluxChart(run, chart())).toEqual({ appVersion: '2.8.5' })
    await expect(showFluxChart(run, chart({ version: '9.9.9' }))).rejects.toThrow(
      /^Input 'flux-chart-version': http:\/\/127\.0\.0\.1:\d+ has no flux2 chart at version 9\.9\.9 \(helm: .*\)$/,
    )
    expect(await currentFluxRelease(run, 'flux-system')).toBeUndefined()
  })

  it('installs, then plans nothing for the same version and values, and an upgrade for other values', async () => {
    expect(planFlux(undefined, chart(), '2.8.5')).toMatchObject({ action: 'install' })
    await applyFlux(run, chart({ values: { logLevel: 'info' } }), 180_000)
    const installed = await currentFluxRelease(run, 'flux-system')
    expect(installed).toMatchObject({
      chartVersion: '2.18.3',
      appVersion: '2.8.5',
      status: 'deployed',
      revision: 1,
    })
    expect(installed?.values).toEqual({ logLevel: 'info' })
    expect(planFlux(installed, chart({ values: { logLevel: 'info' } }), '2.8.5')).toEqual({
      action: 'none',
      changes: [],
      current: installed,
      appVersion: '2.8.5',
    })
    expect(planFlux(installed, chart({ values: { logLevel: 'debug' } }), '2.8.5')).toMatchObject({
      action: 'upgrade',
      changes: ['values changed: logLevel'],
    })
    expect(
      planFlux(installed, chart({ version: '2.18.4', values: { logLevel: 'info' } }), '2.8.6').changes,
    ).toEqual(['chart flux2 2.18.3 → 2.18.4 (Flux 2.8.5 → 2.8.6)'])
  }, 240_000)
})
