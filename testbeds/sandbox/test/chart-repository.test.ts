import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ensureHelm, repoRoot } from '@canary-delivery/tools'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { type ChartRepository, packageChart, serveChartRepository } from '../src/chart-repository'
import { sharedChartsDir } from './helpers'

const run = promisify(execFile)

describe('chart repository on 127.0.0.1', () => {
  let repo: ChartRepository
  let home: string
  const helm = async (...args: string[]) => {
    const env = { ...process.env, HELM_CONFIG_HOME: home, HELM_CACHE_HOME: home, HELM_DATA_HOME: home }
    return (await run(ensureHelm(), args, { env })).stdout
  }

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'helm-home-'))
    repo = await serveChartRepository(sharedChartsDir())
  })
  afterAll(async () => {
    await repo?.stop()
    rmSync(home, { recursive: true, force: true })
  })

  it('serves the real charts to the real helm, with the digests helm verifies', async () => {
    await helm('repo', 'add', 'fixtures', repo.url)
    const search = await helm('search', 'repo', 'fixtures/', '-o', 'json')
    expect(
      JSON.parse(search).map((c: { name: string; version: string }) => `${c.name}@${c.version}`),
    ).toEqual([
      'fixtures/apisix@2.10.0',
      'fixtures/flagger@1.44.0',
      'fixtures/flux2@2.18.3',
      'fixtures/grafana@1.7.0',
      'fixtures/loadtester@0.38.0',
    ])
    await helm('pull', 'fixtures/loadtester', '--version', '0.38.0', '--destination', home)
    const index = parse(await (await fetch(`${repo.url}/index.yaml`)).text())
    expect(index.entries.flagger[0]).toMatchObject({
      name: 'flagger',
      version: '1.44.0',
      appVersion: '1.44.0',
      urls: ['flagger-1.44.0.tgz'],
      digest: repo.charts().find((c) => c.name === 'flagger')!.digest,
    })
  })

  it('answers 404 for anything else, as a static chart host does', async () => {
    expect((await fetch(`${repo.url}/flagger-9.9.9.tgz`)).status).toBe(404)
    expect((await fetch(`${repo.url}/../SOURCES.md`)).status).toBe(404)
  })
})

describe('chart repository of a folder the test fills', () => {
  it('indexes charts packaged after it started, and refuses a folder that does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'charts-'))
    const repo = await serveChartRepository(dir)
    try {
      expect(parse(await (await fetch(`${repo.url}/index.yaml`)).text()).entries).toEqual({})
      await packageChart(join(repoRoot, 'workflows-examples/charts/app'), dir)
      const index = parse(await (await fetch(`${repo.url}/index.yaml`)).text())
      expect(index.entries.app.map((e: { version: string }) => e.version)).toEqual(['0.2.0'])
      writeFileSync(join(dir, 'broken-1.0.0.tgz'), 'not a chart')
      const broken = await fetch(`${repo.url}/index.yaml`)
      expect(broken.status).toBe(500)
      expect(await broken.text()).toContain('broken-1.0.0.tgz')
    } finally {
      await repo.stop()
      rmSync(dir, { recursive: true, force: true })
    }
    await expect(serveChartRepository(join(dir, 'nowhere'))).rejects.toThrow(
      `chart repository: ${join(dir, 'nowhere')} is not a directory of packaged charts`,
    )
  })
})
