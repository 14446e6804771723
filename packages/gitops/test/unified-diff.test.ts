import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { editImageTag } from '../src/edit-image-tag'
import { unifiedDiff } from '../src/unified-diff'
import { realWorld } from './yaml-helpers'

const dir = mkdtempSync(join(tmpdir(), 'unified-diff-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** What real `git diff -U2` shows for the same two texts, headers named as ours are. */
function gitDiff(before: string, after: string): string {
  writeFileSync(join(dir, 'a'), before)
  writeFileSync(join(dir, 'b'), after)
  try {
    execFileSync('git', ['diff', '--no-index', '--no-color', '-U2', 'a', 'b'], { cwd: dir, encoding: 'utf8' })
    return ''
  } catch (error) {
    return (error as { stdout: string }).stdout
      .replace(/^diff --git .*\n(index .*\n)?/, '')
      .replace('--- a/a', '--- a/f')
      .replace('+++ b/b', '+++ b/f')
      .replace(/\n$/, '')
  }
}

describe('unifiedDiff: the diff of an edit, as git shows it', () => {
  it('matches git for tag and values edits of real files', () => {
    const cases = [
      { file: 'stefanprodan__podinfo__charts__podinfo__values.yaml', tag: '6.9.0' },
      { file: 'svc-design__gitops__apps__demo__go-app__release.yaml', tag: 'abc123' },
      {
        file: 'svc-design__gitops__apps__demo__go-app__release.yaml',
        tag: 'abc124',
        values: 'canary:\n  enabled: true\n  stepWeight: 20\n',
      },
      {
        file: 'onedr0p__home-ops__kubernetes__main__apps__default__qbittorrent__tools__helmrelease.yaml',
        tag: 'v9',
      },
    ]
    for (const c of cases) {
      const before = realWorld(c.file)
      const { content } = editImageTag({ content: before, fileName: c.file, tag: c.tag, values: c.values })
      expect(unifiedDiff(before, content, 'f')).toBe(gitDiff(before, content))
    }
  })

  it('marks a missing final newline, names the section above each hunk, and is empty for no change', () => {
    const before = 'kind: X\nspec:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  e: 5\n  f: 6\n  g: 7'
    const after = 'kind: X\nspec:\n  a: 0\n  b: 2\n  c: 3\n  d: 4\n  e: 5\n  f: 6\n  g: 8\n'
    expect(unifiedDiff(before, after, 'f')).toBe(gitDiff(before, after))
    expect(unifiedDiff(before, after, 'f')).toContain('\\ No newline at end of file')
    expect(unifiedDiff(after, after, 'f')).toBe('')
  })

  it('finds an edit as small as git does in random texts', () => {
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const changed = (diff: string) => diff.split('\n').filter((l) => /^[-+](?![-+]{2} [ab]\/)/.test(l)).length
    for (let round = 0; round < 150; round++) {
      const a = Array.from({ length: Math.floor(random() * 25) }, () => `k${Math.floor(random() * 6)}: v`)
      const b = [...a]
      for (let e = 0; e < 3; e++) {
        const at = Math.floor(random() * (b.length + 1))
        if (random() < 0.5) b.splice(at, 1)
        else b.splice(at, 0, `n${Math.floor(random() * 4)}: v`)
      }
      const before = a.map((l) => `${l}\n`).join('')
      const after = b.map((l) => `${l}\n`).join('')
      expect(changed(unifiedDiff(before, after, 'f'))).toBe(changed(gitDiff(before, after)))
    }
  })

  it('keeps a rewrite of a huge file bounded: past its edit budget the middle shows as replaced', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `k${i}: a`).join('\n')
    const after = Array.from({ length: 20_000 }, (_, i) => `k${i}: b`).join('\n')
    const diff = unifiedDiff(before, after, 'f').split('\n')
    expect(diff.filter((l) => l.startsWith('-k'))).toHaveLength(20_000)
    expect(diff.filter((l) => l.startsWith('+k'))).toHaveLength(20_000)
  })
})
