// Users run the committed bundles (`uses: owner/repo/actions/<name>@ref`), so each dist/ must be
// what its sources build to now. A bundle whose build record still holds is current without a
// build; any other is built here, once per run, and compared. The check's own behaviour is tested
// on the small fixture action, built once.
import { execFile } from 'node:child_process'
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUILD_RECORD } from '../../scripts/build-record'
import { actionDirs, bundle, compareDist, repoRoot, staleBundles } from '../../scripts/bundles'

const run = promisify(execFile)
const scratch = mkdtempSync(join(tmpdir(), 'check-dist-test-'))
const freshOf = (dir: string) => join(scratch, 'fresh', relative(repoRoot, dir))
const dirs = actionDirs()
const probe = join(repoRoot, 'test/fixtures/actions/kit-probe')
let stale: Awaited<ReturnType<typeof staleBundles>>

beforeAll(async () => {
  stale = await staleBundles(dirs, freshOf)
  if (!stale.get(probe)!.built) await bundle(probe, freshOf(probe))
}, 300_000)
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('every committed bundle', () => {
  it.each(dirs.map((dir) => [relative(repoRoot, dir), dir]))(
    '%s/dist is what its sources build to',
    (_, dir) => {
      expect(stale.get(dir)!.problems, "run 'pnpm build' and commit dist/").toEqual([])
    },
  )
})

/** Packages the bundle's own comments name (`… MODULE: ../../node_modules/.pnpm/<pkg>@<version>/…`), in every chunk. */
function packagesNamedIn(outDir: string): string[] {
  const names = new Set<string>()
  for (const file of readdirSync(outDir).filter((name) => name.endsWith('.js'))) {
    const code = readFileSync(join(outDir, file), 'utf8')
    for (const match of code.matchAll(
      /MODULE: [^\n]*?node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//g,
    ))
      names.add(match[1]!)
  }
  return [...names].sort()
}

describe('licenses.txt', () => {
  it.each(dirs.map((dir) => [relative(repoRoot, dir), dir]))(
    '%s: names every package its code comes from, in any chunk',
    (_, dir) => {
      const listed = readFileSync(join(dir, 'dist/licenses.txt'), 'utf8')
      const missing = packagesNamedIn(join(dir, 'dist')).filter(
        (name) => !new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `, 'm').test(listed),
      )
      expect(missing).toEqual([])
    },
  )

  it('of a split bundle lists what only a lazily loaded chunk holds (ajv in render-canary-values)', () => {
    const render = join(repoRoot, 'actions/render-canary-values/dist')
    const chunks = readdirSync(render).filter((name) => /^\d+\.index\.js$/.test(name))
    expect(chunks.length).toBeGreaterThan(0)
    expect(readFileSync(join(render, 'index.js'), 'utf8')).not.toContain('node_modules/ajv/dist/ajv.js')
    expect(readFileSync(join(render, 'licenses.txt'), 'utf8')).toMatch(/^ajv \d+\.\d+\.\d+\nMIT\n/m)
  })
})

describe('the stale-dist check', () => {
  it('names a file that differs, one that is missing and one no longer produced', () => {
    // The committed dist/ of the fixture action is what its sources build to (checked above).
    const tampered = join(scratch, 'tampered')
    cpSync(join(probe, 'dist'), tampered, { recursive: true })
    appendFileSync(join(tampered, 'index.js'), '\n// edited by hand\n')
    unlinkSync(join(tampered, 'licenses.txt'))
    writeFileSync(join(tampered, '123.index.js'), 'export const id = 123\n')
    expect(compareDist(tampered, join(probe, 'dist'))).toEqual([
      'index.js differs',
      'licenses.txt is missing',
      '123.index.js is not produced any more',
    ])
  })

  describe('as a command, on copies of the fixture action', () => {
    // Copies at the fixture's own depth (ncc numbers modules by their paths relative to the action),
    // sharing its installed dependencies; one run of the command checks them all.
    const copyOf = (name: string) =>
      join(repoRoot, 'test/fixtures/actions', `.check-dist-${process.pid}-${name}`)
    const copies = {
      unchanged: copyOf('unchanged'),
      sourceChanged: copyOf('source-changed'),
      distEdited: copyOf('dist-edited'),
      recordOutdated: copyOf('record-outdated'),
    }
    let result: { code: number; stdout: string; stderr: string }
    const line = (copy: string) =>
      `${result.stdout}${result.stderr}`
        .split('\n')
        .find((l) => l.includes(`${relative(repoRoot, copy)}/dist`))

    beforeAll(async () => {
      for (const copy of Object.values(copies)) {
        mkdirSync(copy, { recursive: true })
        for (const entry of ['action.yml', 'package.json', 'src', 'dist'])
          cpSync(join(probe, entry), join(copy, entry), { recursive: true })
        symlinkSync(join(probe, 'node_modules'), join(copy, 'node_modules'))
      }
      appendFileSync(join(copies.sourceChanged, 'src/main.ts'), '\n// a comment the bundle keeps\n')
      appendFileSync(join(copies.distEdited, 'dist/index.js'), '\n// edited by hand\n')
      const record = join(copies.recordOutdated, 'dist', BUILD_RECORD)
      writeFileSync(
        record,
        readFileSync(record, 'utf8').replace(/"inputs": "[0-9a-f]+"/, `"inputs": "${'0'.repeat(64)}"`),
      )
      result = await run(
        join(repoRoot, 'node_modules/.bin/tsx'),
        ['scripts/check-dist.ts', ...Object.values(copies)],
        { cwd: repoRoot },
      ).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ ...error }),
      )
    }, 120_000)
    afterAll(() => {
      for (const copy of Object.values(copies)) rmSync(copy, { recursive: true, force: true })
    })

    it('trusts a bundle whose build record holds, without building it', () => {
      expect(line(copies.unchanged)).toMatch(
        /^ok {4}.*\/dist is what its build record says, and the sources are as they were$/,
      )
    })

    it('builds one whose source changed, and names the file that differs', () => {
      expect(line(copies.sourceChanged)).toMatch(/^stale .*-source-changed\/dist: index\.js differs$/)
    })

    it('builds one whose dist was edited by hand, and names the file', () => {
      expect(line(copies.distEdited)).toMatch(/^stale .*-dist-edited\/dist: index\.js differs$/)
    })

    it('passes one whose build record alone is out of date, and says what makes the check fast again', () => {
      expect(line(copies.recordOutdated)).toMatch(
        /^ok {4}.*-record-outdated\/dist matches a fresh build \(its build record is out of date: after 'pnpm build' the check needs no build\)$/,
      )
    })

    it('ends with what to run, and exit code 1', () => {
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/\n2 bundle\(s\) out of date: run 'pnpm build' and commit dist\/\n$/)
    })
  })
})
