/**
 * Text the suite did not write (cluster events, file contents, tool output, some inputs) must never
 * act as a workflow command. The runner reads a command from a line that starts with `::` once
 * leading whitespace is trimmed, and from `##[name]` anywhere in a line; `\r` and `\n` both end a line.
 * A word joiner (U+2060, invisible) between the two characters keeps the text readable and makes it inert.
 */
const WORD_JOINER = '\u2060'

function inertLine(line: string): string {
  const neutral = line.replaceAll('##[', `#${WORD_JOINER}#[`)
  const lead = /^\s*/.exec(neutral)![0]
  return neutral.startsWith('::', lead.length)
    ? `${lead}:${WORD_JOINER}${neutral.slice(lead.length + 1)}`
    : neutral
}

/** One line, whatever the text holds: line breaks become ` ⏎ ` and commands are neutralised. */
export function inert(text: string): string {
  return inertLine(String(text).replace(/\r\n|\r|\n/g, ' ⏎ '))
}

/** Several lines, kept as lines (`\r\n` and a lone `\r` become `\n`), each neutralised. */
export function inertLines(text: string): string {
  return String(text)
    .split(/\r\n|\r|\n/)
    .map(inertLine)
    .join('\n')
}
