// Users run the committed bundles (`uses: owner/repo/actions/<name>@ref`), so each dist/ must be
// what its sources build to now. Every action is built once per run, here, and the check's own
// behaviour is tested against those same builds.
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
import { actionDirs, bundleAll, compareDist, repoRoot } from '../../scripts/bundles'

const run = promisify(execFile)
const scratch = mkdtempSync(join(tmpdir(), 'check-dist-test-'))
const freshOf = (dir: string) => join(scratch, 'fresh', relative(repoRoot, dir))
const dirs = actionDirs()
const probe = join(repoRoot, 'test/fixtures/actions/kit-probe')

beforeAll(() => bundleAll(dirs, freshOf), 300_000)
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('every committed bundle', () => {
  it.each(dirs.map((dir) => [relative(repoRoot, dir), dir]))(
    '%s/dist is what its sources build to',
    (_, dir) => {
      expect(compareDist(join(dir, 'dist'), freshOf(dir)), "run 'pnpm build' and commit dist/").toEqual([])
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
      const listed = readFileSync(join(freshOf(dir), 'licenses.txt'), 'utf8')
      const missing = packagesNamedIn(freshOf(dir)).filter(
        (name) => !new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `, 'm').test(listed),
      )
      expect(missing).toEqual([])
    },
  )

  it('of a split bundle lists what only a lazily loaded chunk holds (ajv in render-canary-values)', () => {
    const render = freshOf(join(repoRoot, 'actions/render-canary-values'))
    const chunks = readdirSync(render).filter((name) => /^\d+\.index\.js$/.test(name))
    expect(chunks.length).toBeGreaterThan(0)
    expect(readFileSync(join(render, 'index.js'), 'utf8')).not.toContain('node_modules/ajv/dist/ajv.js')
    expect(readFileSync(join(render, 'licenses.txt'), 'utf8')).toMatch(/^ajv \d+\.\d+\.\d+\nMIT\n/m)
  })
})

describe('the stale-dist check', () => {
  it('names a file that differs, one that is missing and one no longer produced', () => {
    const tampered = join(scratch, 'tampered')
    cpSync(join(probe, 'dist'), tampered, { recursive: true })
    appendFileSync(join(tampered, 'index.js'), '\n// edited by hand\n')
    unlinkSync(join(tampered, 'licenses.txt'))
    writeFileSync(join(tampered, '123.index.js'), 'export const id = 123\n')
    expect(compareDist(tampered, freshOf(probe))).toEqual([
      'index.js differs',
      'licenses.txt is missing',
      '123.index.js is not produced any more',
    ])
  })

  it('as a command: one line per stale bundle, what to run, exit code 1', async () => {
    // A copy of the fixture action (sharing its installed dependencies) at the fixture's own depth,
    // as ncc numbers modules by their paths relative to the action.
    const copy = join(repoRoot, 'test/fixtures/actions', `.check-dist-${process.pid}`)
    mkdirSync(copy, { recursive: true })
    try {
      for (const entry of ['action.yml', 'package.json', 'src', 'dist'])
        cpSync(join(probe, entry), join(copy, entry), { recursive: true })
      symlinkSync(join(probe, 'node_modules'), join(copy, 'node_modules'))
      appendFileSync(join(copy, 'dist/index.js'), '\n// edited by hand\n')
      const failure = await run(join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/check-dist.ts', copy], {
        cwd: repoRoot,
      }).then(
        () => ({ code: 0, output: '' }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          output: error.stdout + error.stderr,
        }),
      )
      expect(failure.code).toBe(1)
      expect(failure.output).toMatch(
        /stale test\/fixtures\/actions\/\.check-dist-\d+\/dist: index\.js differs\n/,
      )
      expect(failure.output).toContain("1 bundle(s) out of date: run 'pnpm build' and commit dist/")
    } finally {
      rmSync(copy, { recursive: true, force: true })
    }
  })
})
