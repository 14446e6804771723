import { formatDuration } from '@canary-delivery/action-kit'

/** One of Terraform's diagnostics, from its JSON output or from its text output. */
export interface Diagnostic {
  severity: 'error' | 'warning'
  summary: string
  detail: string
  file?: string
  line?: number
}

/** A line of Terraform's machine-readable UI (`-json`): its message and, for diagnostics, the diagnostic. */
export interface UiMessage {
  type: string
  message: string
  diagnostic?: Diagnostic
}

interface RawDiagnostic {
  severity?: string
  summary?: string
  detail?: string
  range?: { filename?: string; start?: { line?: number } }
}

/** Parses one line of `-json` output; undefined for anything that is not such a line. */
export function parseUiLine(line: string): UiMessage | undefined {
  if (!line.startsWith('{')) return undefined
  let data: { type?: unknown; '@message'?: unknown; diagnostic?: RawDiagnostic }
  try {
    data = JSON.parse(line)
  } catch {
    return undefined
  }
  if (typeof data?.type !== 'string') return undefined
  const message: UiMessage = { type: data.type, message: String(data['@message'] ?? '') }
  const raw = data.diagnostic
  if (data.type === 'diagnostic' && raw && typeof raw === 'object') {
    message.diagnostic = {
      severity: raw.severity === 'warning' ? 'warning' : 'error',
      summary: String(raw.summary ?? ''),
      detail: String(raw.detail ?? ''),
      ...(raw.range?.filename ? { file: raw.range.filename } : {}),
      ...(typeof raw.range?.start?.line === 'number' ? { line: raw.range.start.line } : {}),
    }
  }
  return message
}

const BOX = /^[│╷╵]\s?/
const HEADER = /^(Error|Warning): (.*)$/
const LOCATION = /^\s*on (.+?) line (\d+)/
const SNIPPET = /^\s+(\d+:|[│├]|\.\.\.)/

/**
 * Diagnostics from Terraform's text output (`-no-color`), as `init` prints them:
 * `Error: <summary>`, a blank line, `  on <file> line <n>, in …:`, the source lines, the detail.
 */
export function parseTextDiagnostics(text: string): Diagnostic[] {
  const lines = text.split(/\r?\n/).map((line) => line.replace(BOX, ''))
  const found: Diagnostic[] = []
  for (let i = 0; i < lines.length; i++) {
    const header = HEADER.exec(lines[i]!)
    if (!header) continue
    const diagnostic: Diagnostic = {
      severity: header[1] === 'Warning' ? 'warning' : 'error',
      summary: header[2]!.trim(),
      detail: '',
    }
    let j = i + 1
    // A summary may run over several lines, up to the first blank one.
    while (j < lines.length && lines[j]!.trim() && !HEADER.test(lines[j]!))
      diagnostic.summary += ` ${lines[j++]!.trim()}`
    const detail: string[] = []
    for (; j < lines.length && !HEADER.test(lines[j]!); j++) {
      const line = lines[j]!
      const location = LOCATION.exec(line)
      if (location && diagnostic.file === undefined) {
        diagnostic.file = location[1]!
        diagnostic.line = Number(location[2])
        continue
      }
      if (SNIPPET.test(line)) continue
      if (!line.trim()) {
        if (detail.length) break
        continue
      }
      detail.push(line.trim())
    }
    diagnostic.detail = detail.join(' ')
    found.push(diagnostic)
    i = j - 1
  }
  return found
}

function firstSentences(text: string, limit = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`
}

/** `main.tf:5: Invalid expression: Expected the start of an expression …` on one line. */
export function describeDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.file ? `${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''}: ` : ''
  const detail = diagnostic.detail ? `: ${firstSentences(diagnostic.detail)}` : ''
  return `${where}${firstSentences(diagnostic.summary, 400)}${detail}`
}

/**
 * The diagnostic worth showing: the error that points at the earliest place in the code, else the
 * first error. Terraform adds general errors ("Terraform encountered problems during initialisation
 * …") next to the ones that say what is wrong, and reports some (missing variables) in no fixed order.
 */
export function mainError(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const located = errors
    .filter((d) => d.file)
    .sort((a, b) => (a.file! < b.file! ? -1 : a.file! > b.file! ? 1 : (a.line ?? 0) - (b.line ?? 0)))
  return located[0] ?? errors[0]
}

/** The lock record Terraform prints when it cannot take the state lock. */
export interface LockInfo {
  id: string
  path?: string
  operation?: string
  who?: string
  version?: string
  created?: Date
  createdText?: string
}

const LOCK_FIELD = /^\s*(ID|Path|Operation|Who|Version|Created|Info):[ \t]*(.*)$/gm

export function parseLockInfo(text: string): LockInfo | undefined {
  const fields: Record<string, string> = {}
  for (const [, key, value] of text.matchAll(LOCK_FIELD)) if (!(key! in fields)) fields[key!] = value!.trim()
  if (!fields.ID) return undefined
  const info: LockInfo = { id: fields.ID }
  if (fields.Path) info.path = fields.Path
  if (fields.Operation) info.operation = fields.Operation.replace(/^OperationType/, '').toLowerCase()
  if (fields.Who) info.who = fields.Who
  if (fields.Version) info.version = fields.Version
  if (fields.Created) {
    info.createdText = fields.Created
    // Go's time format: 2026-11-30 06:06:52.239419462 +0000 UTC
    const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.\d+)? ([+-]\d\d)(\d\d)/.exec(fields.Created)
    if (match) {
      const date = new Date(`${match[1]}T${match[2]}${match[3]}:${match[4]}`)
      if (!Number.isNaN(date.getTime())) info.created = date
    }
  }
  return info
}

/** `root@runner (apply) since 2026-11-30 06:06:52 UTC, 3m 5s ago, lock ID 3b14c3f1-…` */
export function describeLock(info: LockInfo, now = new Date()): string {
  const since = info.created
    ? `since ${info.created
        .toISOString()
        .replace('T', ' ')
        .replace(
          /\.\d+Z$/,
          ' UTC',
        )}, ${formatDuration(Math.max(0, now.getTime() - info.created.getTime()))} ago`
    : info.createdText
      ? `since ${info.createdText}`
      : 'since an unknown time'
  const holder = info.who ?? 'an unknown holder'
  const operation = info.operation ? ` (${info.operation})` : ''
  const version = info.version ? `, Terraform ${info.version}` : ''
  return `${holder}${operation} ${since}${version}, lock ID ${info.id}`
}
