import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'

/** A verbatim public file from fixtures/real-world (INDEX.tsv says where its tag is). */
export const realWorld = (name: string) =>
  readFileSync(join(import.meta.dirname, 'fixtures/real-world', name), 'utf8')

/** The lines that differ between two texts of the same length in lines. */
export function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n')
  const b = after.split('\n')
  expect(b.length).toBe(a.length)
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]))
}
