import { execFile } from 'node:child_process'
import { appendFileSync, cpSync, mkdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = join(import.meta.dirname, '../..')
// At the fixture's own depth, because ncc numbers modules by their paths relative to the action.
const copy = join(root, 'test/fixtures/actions', `.check-dist-${process.pid}`)

async function checkDist(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      join(root, 'node_modules/.bin/tsx'),
      ['scripts/check-dist.ts', copy],
      { cwd: root },
    )
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, output: e.stdout + e.stderr }
  }
}

// A copy of the fixture action (sharing its installed dependencies), so that tampering with its
// committed bundle cannot disturb other tests.
beforeAll(() => {
  const source = join(root, 'test/fixtures/actions/kit-probe')
  mkdirSync(copy, { recursive: true })
  for (const entry of ['action.yml', 'package.json', 'src', 'dist'])
    cpSync(join(source, entry), join(copy, entry), { recursive: true })
  symlinkSync(join(source, 'node_modules'), join(copy, 'node_modules'))
})
afterAll(() => rmSync(copy, { recursive: true, force: true }))

describe('the stale-dist check', () => {
  it('passes when the committed bundle is what a fresh build produces', async () => {
    const { code, output } = await checkDist()
    expect(output).toMatch(/ok {4}test\/fixtures\/actions\/\.check-dist-\d+\/dist matches a fresh build/)
    expect(code).toBe(0)
  })

  it('fails, naming the file, when the committed bundle differs or lacks a file', async () => {
    appendFileSync(join(copy, 'dist/index.js'), '\n// edited by hand\n')
    unlinkSync(join(copy, 'dist/licenses.txt'))
    const { code, output } = await checkDist()
    expect(code).toBe(1)
    expect(output).toMatch(
      /stale test\/fixtures\/actions\/\.check-dist-\d+\/dist: index\.js differs; licenses\.txt is missing/,
    )
    expect(output).toContain("run 'pnpm build' and commit dist/")
  })
})
