// Writes the input and output tables of every action's README from its action.yml, so that the two
// never disagree: `pnpm readme [--check] [action-dir ...]`. With --check nothing is written and every
// README whose tables differ is named. The tables sit between markers; the prose around them is kept:
//
//   <!-- BEGIN inputs: generated from action.yml by pnpm readme -->
//   | input | default | meaning |
//   …
//   <!-- END inputs -->
//
// A README without the markers gets them around the first table under its `## Inputs` (`## Outputs`)
// heading. The default column shows `required: true`, a literal `default:`, or else a description's
// closing "Default: …" sentence (a default that depends on other inputs or the delivery file).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { type ActionDefinition, type ActionInput, loadActionDefinition } from '@canary-delivery/action-runner'

export const repoRoot = resolve(import.meta.dirname, '..')

type Section = 'inputs' | 'outputs'

const begin = (section: Section) => `<!-- BEGIN ${section}: generated from action.yml by pnpm readme -->`
const end = (section: Section) => `<!-- END ${section} -->`
const MARKED = (section: Section) =>
  new RegExp(`<!-- BEGIN ${section}\\b[^>]*-->[\\s\\S]*?<!-- END ${section} -->`)

/** A README that cannot take its tables: no markers and no heading to put them under. */
export class ReadmeError extends Error {
  override readonly name = 'ReadmeError'
}

/** Every folder under actions/ with an action.yml, the actions still to come included. */
export function actionDirs(root = repoRoot): string[] {
  const base = join(root, 'actions')
  if (!existsSync(base)) return []
  return readdirSync(base)
    .sort()
    .map((name) => join(base, name))
    .filter((dir) => existsSync(join(dir, 'action.yml')))
}

/** One line of text for a table cell: white space folded, pipes escaped. */
function cellText(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')
}

function code(value: string): string {
  if (value === '') return "`''`"
  return value.includes('`') ? `\`\` ${value} \`\`` : `\`${value}\``
}

/** Aligned like the formatter leaves Markdown tables, so that a regenerated README reads well as text. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (text: string) => [...text].length
  const widths = headers.map((header, i) => Math.max(3, width(header), ...rows.map((row) => width(row[i]!))))
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell + ' '.repeat(widths[i]! - width(cell))).join(' | ')} |`
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** What the default column says, and the description without what moved there. */
function defaultOf(input: ActionInput): { shown: string; description: string } {
  const description = cellText(input.description)
  if (input.required === true || String(input.required) === 'true')
    return { shown: '**required**', description }
  if (input.default !== undefined) return { shown: code(String(input.default)), description }
  const at = description.lastIndexOf('Default: ')
  if (at < 0 || (at > 0 && !/[.;:!?)…]\s$/.test(description.slice(0, at)))) return { shown: '', description }
  return {
    shown: description.slice(at + 'Default: '.length).replace(/\.$/, ''),
    description: description.slice(0, at).trim(),
  }
}

export function inputsTable(definition: Pick<ActionDefinition, 'inputs'>): string {
  const rows = Object.entries(definition.inputs).map(([name, input]) => {
    const { shown, description } = defaultOf(input)
    return [code(name), shown, description]
  })
  return markdownTable(['input', 'default', 'meaning'], rows)
}

export function outputsTable(definition: Pick<ActionDefinition, 'outputs'>): string {
  const rows = Object.entries(definition.outputs).map(([name, output]) => [
    code(name),
    cellText(output.description),
  ])
  return rows.length ? markdownTable(['output', 'meaning'], rows) : 'This action sets no outputs.'
}

/** Puts `body` between the section's markers, adding them around the table under its heading if need be. */
function placeSection(readme: string, section: Section, body: string, action: string): string {
  const block = `${begin(section)}\n${body}\n${end(section)}`
  if (MARKED(section).test(readme)) return readme.replace(MARKED(section), () => block)
  const lines = readme.split('\n')
  const heading = lines.findIndex((line) => new RegExp(`^#{2,3}\\s+${section}\\s*$`, 'i').test(line))
  if (heading < 0) {
    throw new ReadmeError(
      `${action}: README.md has no ${section} table: put '${begin(section)}' and '${end(section)}' where it goes, or a '## ${section[0]!.toUpperCase()}${section.slice(1)}' heading`,
    )
  }
  let next = lines.findIndex((line, i) => i > heading && /^#{1,6}\s/.test(line))
  if (next < 0) next = lines.length
  const first = lines.findIndex((line, i) => i > heading && i < next && line.startsWith('|'))
  if (first < 0) {
    lines.splice(heading + 1, 0, '', block)
    return lines.join('\n')
  }
  let last = first
  while (last + 1 < next && lines[last + 1]!.startsWith('|')) last++
  lines.splice(first, last - first + 1, block)
  return lines.join('\n')
}

/** The README as it should be: its prose as written, its tables from action.yml. */
export function renderReadme(readme: string, definition: ActionDefinition, action: string): string {
  let text = placeSection(readme, 'inputs', inputsTable(definition), action)
  if (Object.keys(definition.outputs).length > 0 || MARKED('outputs').test(text))
    text = placeSection(text, 'outputs', outputsTable(definition), action)
  return text
}

/**
 * Brings each action's README in line with its action.yml (or, with `check`, only reports).
 * Returns one line per README that was (or would be) changed, naming its action.
 */
export function updateReadmes(dirs: readonly string[], { check = false } = {}): string[] {
  const changed: string[] = []
  for (const dir of dirs) {
    const action = basename(dir)
    const file = join(dir, 'README.md')
    if (!existsSync(file)) throw new ReadmeError(`${action}: no README.md beside its action.yml`)
    const readme = readFileSync(file, 'utf8')
    const wanted = renderReadme(readme, loadActionDefinition(dir), action)
    if (wanted === readme) continue
    changed.push(
      check
        ? `${action}: README.md's input/output tables differ from action.yml; run 'pnpm readme' and commit it`
        : `${action}: README.md tables rewritten from action.yml`,
    )
    if (!check) writeFileSync(file, wanted)
  }
  return changed
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2)
  const check = args.includes('--check')
  const named = args.filter((arg) => arg !== '--check').map((dir) => resolve(dir))
  try {
    const lines = updateReadmes(named.length ? named : actionDirs(), { check })
    for (const line of lines) (check ? console.error : console.log)(line)
    if (check && lines.length > 0) process.exitCode = 1
    else if (lines.length === 0) console.log('every README table matches its action.yml')
  } catch (error) {
    console.error(error instanceof ReadmeError ? error.message : error)
    process.exitCode = 1
  }
}
