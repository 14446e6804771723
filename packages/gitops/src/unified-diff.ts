/** One line of the comparison: kept (` `), removed (`-`) or added (`+`). */
interface Op {
  type: ' ' | '-' | '+'
  line: string
}

/**
 * Line edits Myers' algorithm looks for before it gives up and shows the rest of the middle as
 * replaced: far above any tag or values edit, and it keeps a hostile rewrite's cost bounded.
 */
const MAX_EDITS = 1_000

/** A line without its file's final newline carries this mark (it never occurs in text). */
const NO_EOL = '\u0000'

function linesOf(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  else lines[lines.length - 1] += NO_EOL
  return lines
}

/**
 * The unified diff of a file before and after an edit, as `git diff` shows it (`-U2` by default),
 * computed here instead of by another git process. Lines the two share at either end are skipped
 * at once, so a one-line edit of a huge file costs one pass over it.
 */
export function unifiedDiff(before: string, after: string, path: string, context = 2): string {
  if (before === after) return ''
  const a = linesOf(before)
  const b = linesOf(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const middleA = a.slice(start, endA)
  const middleB = b.slice(start, endB)
  const middle = myers(middleA, middleB) ?? [
    ...middleA.map((line): Op => ({ type: '-', line })),
    ...middleB.map((line): Op => ({ type: '+', line })),
  ]
  const ops: Op[] = [
    ...a.slice(0, start).map((line): Op => ({ type: ' ', line })),
    ...middle,
    ...a.slice(endA).map((line): Op => ({ type: ' ', line })),
  ]
  return [`--- a/${path}`, `+++ b/${path}`, ...hunks(ops, a, context)].join('\n')
}

/**
 * Git's default hunk heading: the nearest line above that starts with a letter, `_` or `$` (for
 * YAML, the top-level key the hunk is in), cut to 80 characters. `heading[i]`: the one above line i.
 */
function headings(lines: string[]): string[] {
  const heading: string[] = ['']
  lines.forEach((line, i) => {
    heading.push(/^[A-Za-z_$]/.test(line) ? line.replace(NO_EOL, '').slice(0, 80).trimEnd() : heading[i]!)
  })
  return heading
}

/** The hunks with their `@@ -start,count +start,count @@ heading` lines, as git writes them. */
function hunks(ops: Op[], before: string[], context: number): string[] {
  const heading = headings(before)
  const oldAt = new Int32Array(ops.length + 1)
  const newAt = new Int32Array(ops.length + 1)
  ops.forEach((op, i) => {
    oldAt[i + 1] = oldAt[i]! + (op.type === '+' ? 0 : 1)
    newAt[i + 1] = newAt[i]! + (op.type === '-' ? 0 : 1)
  })
  const changed = ops.flatMap((op, i) => (op.type === ' ' ? [] : [i]))
  const out: string[] = []
  for (let c = 0; c < changed.length; ) {
    let last = c
    // Changes whose contexts would touch or overlap share one hunk.
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= 2 * context + 1) last++
    const from = Math.max(0, changed[c]! - context)
    const to = Math.min(ops.length, changed[last]! + context + 1)
    const range = (at: Int32Array) => {
      const count = at[to]! - at[from]!
      const first = count === 0 ? at[from]! : at[from]! + 1
      return count === 1 ? `${first}` : `${first},${count}`
    }
    const above = heading[oldAt[from]!]
    out.push(`@@ -${range(oldAt)} +${range(newAt)} @@${above ? ` ${above}` : ''}`)
    for (let i = from; i < to; i++) {
      const { type, line } = ops[i]!
      if (line.endsWith(NO_EOL)) out.push(`${type}${line.slice(0, -1)}`, '\\ No newline at end of file')
      else out.push(`${type}${line}`)
    }
    c = last + 1
  }
  return out
}

/** Myers' shortest edit script between two line lists, or undefined past MAX_EDITS edits. */
function myers(a: string[], b: string[]): Op[] | undefined {
  const n = a.length
  const m = b.length
  const max = Math.min(n + m, MAX_EDITS)
  const offset = max + 1
  // v[k + offset]: the furthest x reached on diagonal k = x - y.
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  const at = (snapshot: Int32Array, d: number, k: number) => snapshot[k + d + 1]!
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2))
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!)
      let x = down ? v[k + 1 + offset]! : v[k - 1 + offset]! + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[k + offset] = x
      if (x < n || y < m) continue
      // Walk back through the snapshots, from the end to the start.
      const ops: Op[] = []
      for (let step = d; step > 0; step--) {
        const snapshot = trace[step]!
        const here = x - y
        const wentDown =
          here === -step || (here !== step && at(snapshot, step, here - 1) < at(snapshot, step, here + 1))
        const prevK = wentDown ? here + 1 : here - 1
        const prevX = at(snapshot, step, prevK)
        const prevY = prevX - prevK
        for (; x > prevX && y > prevY; y--) ops.push({ type: ' ', line: a[--x]! })
        if (wentDown) ops.push({ type: '+', line: b[--y]! })
        else ops.push({ type: '-', line: a[--x]! })
      }
      for (; x > 0 && y > 0; y--) ops.push({ type: ' ', line: a[--x]! })
      return ops.reverse()
    }
  }
  return undefined
}
