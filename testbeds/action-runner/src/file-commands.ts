/**
 * Reads the files GitHub gives a step for its file commands (GITHUB_OUTPUT, GITHUB_STATE,
 * GITHUB_ENV): `name=value` lines, or `name<<DELIMITER` followed by the value and the delimiter
 * on a line of its own, as the runner parses them.
 */
export function parseKeyValueFile(content: string, file: string): Map<string, string> {
  const result = new Map<string, string>()
  const lines = content.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    const heredoc = line.indexOf('<<')
    const equals = line.indexOf('=')
    if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
      const name = line.slice(0, heredoc)
      const delimiter = line.slice(heredoc + 2)
      const value: string[] = []
      let closed = false
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true
          break
        }
        value.push(lines[i]!)
      }
      if (!closed) throw new Error(`${file}: matching delimiter '${delimiter}' not found for '${name}'`)
      result.set(name, value.join('\n'))
    } else if (equals > 0) {
      result.set(line.slice(0, equals), line.slice(equals + 1))
    } else {
      throw new Error(`${file}: invalid line '${line}' (expected name=value or name<<DELIMITER)`)
    }
  }
  return result
}

/** GITHUB_PATH: one directory per line. */
export function parsePathFile(content: string): string[] {
  return content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
}
