import { describe, expect, it } from 'vitest'
import { inert, inertLines } from '../src/index'

// A line the runner would take as a command: `::name::` at its start (after whitespace) or `##[name]` anywhere.
const isCommand = (line: string) => /^\s*::[a-z-]+(\s[^:]*)?::/i.test(line) || /##\[[a-z-]+/i.test(line)

describe('inert', () => {
  it('keeps ordinary text as it is', () => {
    expect(inert('Advance podinfo.test canary weight 20')).toBe('Advance podinfo.test canary weight 20')
    expect(inertLines('a: 1\nb: "::"\n')).toBe('a: 1\nb: "::"\n')
  })

  it('turns every line break into a visible mark, so the text stays on our line', () => {
    const text = inert('Halt advancement\n::error::pwned\r::add-mask::x\r\n  ::warning::y')
    expect(text.split(/\r|\n/)).toHaveLength(1)
    expect(text).toContain('Halt advancement ⏎ ')
  })

  it('neutralises a command at the start of the text, after spaces, and ##[ anywhere', () => {
    for (const hostile of [
      '::add-mask::secret',
      '   ::error file=x::boom',
      'see ##[add-mask]secret',
      '\t::set-output name=a::b',
    ]) {
      const out = inert(hostile)
      expect(isCommand(out), out).toBe(false)
      expect(out.replaceAll('\u2060', '')).toBe(hostile)
    }
  })

  it('keeps lines as lines but neutralises each of them', () => {
    const out = inertLines('plan:\n::error::one\r  ::add-mask::two\r\nok ##[warning]three')
    const lines = out.split('\n')
    expect(lines).toHaveLength(4)
    for (const line of lines) expect(isCommand(line), line).toBe(false)
    expect(lines[0]).toBe('plan:')
  })
})
