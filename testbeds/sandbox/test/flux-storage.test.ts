import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startSandbox } from '../src/index'

describe('stopping the sandbox', () => {
  it('leaves no files behind, even while Flux is still cloning the gitops repository', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'gitops-busy-'))
    const scratch = mkdtempSync(join(tmpdir(), 'sandbox-tmp-'))
    const savedTmp = process.env.TMPDIR
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args])
    try {
      // Enough files that a clone takes a while, so stop() lands in the middle of one.
      for (let i = 0; i < 400; i++) writeFileSync(join(repo, `file-${i}.yaml`), `index: ${i}\n`.repeat(50))
      execFileSync('git', ['init', '--quiet', '--initial-branch=main', repo])
      git('add', '.')
      git('commit', '--quiet', '-m', 'many files')
      process.env.TMPDIR = scratch
      for (const delayMs of [0, 5, 10, 20, 40, 80]) {
        const sandbox = await startSandbox({ timeScale: 0.01, gitops: { dir: repo, path: '.' } })
        await new Promise((r) => setTimeout(r, delayMs))
        await sandbox.stop()
        expect(readdirSync(scratch), `after a stop ${delayMs} ms into the start`).toEqual([])
      }
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = savedTmp
      rmSync(repo, { recursive: true, force: true })
      rmSync(scratch, { recursive: true, force: true })
    }
  })
})
