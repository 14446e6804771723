import { inertLines } from './inert'
import { mask } from './secrets'
import { appendSummary, debug, info } from './step'

/** Makes a value safe inside a Markdown table cell. */
export function cell(value: unknown): string {
  if (value === undefined || value === null || value === '') return '–'
  return String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const line = (cells: readonly unknown[]) => `| ${cells.map(cell).join(' | ')} |`
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n')
}

/** A collapsed section; the body is Markdown. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${escapeHtml(summary)}</summary>\n\n${body.trim()}\n\n</details>`
}

export function mermaid(diagram: string): string {
  return `\`\`\`mermaid\n${diagram.trim()}\n\`\`\``
}

/** A fenced block whose fence is longer than any run of backticks inside, so the text cannot close it. */
export function codeBlock(code: string, language = ''): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((run) => run[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${language}\n${code.replace(/\n$/, '')}\n${fence}`
}

export function heading(text: string, level: 1 | 2 | 3 | 4 = 2): string {
  return `${'#'.repeat(level)} ${text}`
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Joins sections with blank lines, masks secrets and appends them to the job summary. */
export async function writeSummary(...sections: readonly (string | undefined | false)[]): Promise<void> {
  const markdown = sections.filter(Boolean).join('\n\n')
  if (appendSummary(`${mask(markdown)}\n`)) return
  debug('GITHUB_STEP_SUMMARY is not set; the summary goes to the log only')
  // In the log, the summary's text (values, file contents) must not act as workflow commands.
  info(inertLines(mask(markdown)))
}
