/**
 * What a step says to the runner: workflow commands on standard output (`::name props::message`)
 * and file commands (appending to the files named by GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV,
 * GITHUB_PATH and GITHUB_STEP_SUMMARY). The suite's own small implementation of that protocol:
 * `@actions/core` loads an HTTP client for OIDC tokens at start-up, which no step here needs and
 * which cost every step about 20 ms before it read its first input.
 */
import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'
import { delimiter } from 'node:path'

/** Where an annotation points, in the runner's terms. */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

type FileCommand = 'GITHUB_OUTPUT' | 'GITHUB_STATE' | 'GITHUB_ENV' | 'GITHUB_PATH' | 'GITHUB_STEP_SUMMARY'

/** A value as the runner receives it: text as it is, anything else as JSON. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

// The runner decodes these escapes: a message or property can never end the command's line.
const escapeData = (text: string) =>
  text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
const escapeProperty = (text: string) => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')

function issue(name: string, message: string, properties: Record<string, unknown> = {}): void {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(asText(value))}`)
    .join(',')
  process.stdout.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`)
}

/** Appends to a file command's file; false when the runner named none (a very old runner, or none). */
function appendTo(variable: FileCommand, text: string): boolean {
  const file = process.env[variable]
  if (!file) return false
  appendFileSync(file, text, 'utf8')
  return true
}

/**
 * `name<<delimiter` / value / `delimiter`, with a delimiter that occurs in neither, so that no value
 * can end itself early and smuggle in another output. (Chosen by checking, not with node:crypto,
 * whose loading alone cost a step about 20 ms.)
 */
function keyValue(name: string, value: string): string {
  let end = `ghadelimiter_${Date.now().toString(36)}`
  while (name.includes(end) || value.includes(end)) end += Math.random().toString(36).slice(2)
  return `${name}<<${end}${EOL}${value}${EOL}${end}${EOL}`
}

function annotation(level: 'error' | 'warning' | 'notice', message: string, at: AnnotationProperties) {
  issue(level, message, {
    title: at.title,
    file: at.file,
    line: at.startLine,
    endLine: at.endLine,
    col: at.startColumn,
    endColumn: at.endColumn,
  })
}

export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`)
}

/** Shown only when the run has step debugging on. */
export function debug(message: string): void {
  issue('debug', message)
}

export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1'
}

export function notice(message: string, at: AnnotationProperties = {}): void {
  annotation('notice', message, at)
}

export function warning(message: string, at: AnnotationProperties = {}): void {
  annotation('warning', message, at)
}

export function error(message: string, at: AnnotationProperties = {}): void {
  annotation('error', message, at)
}

/** An error annotation, and the step fails once the process ends. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

export function setSecret(value: string): void {
  issue('add-mask', value)
}

export function setOutput(name: string, value: unknown): void {
  if (appendTo('GITHUB_OUTPUT', keyValue(name, asText(value)))) return
  process.stdout.write(EOL)
  issue('set-output', asText(value), { name })
}

/** Kept for the post step of the same action, which reads it with getState. */
export function saveState(name: string, value: unknown): void {
  if (!appendTo('GITHUB_STATE', keyValue(name, asText(value)))) issue('save-state', asText(value), { name })
}

export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? ''
}

/** Sets a variable for this process and for the job's later steps. */
export function exportVariable(name: string, value: unknown): void {
  const text = asText(value)
  process.env[name] = text
  if (!appendTo('GITHUB_ENV', keyValue(name, text))) issue('set-env', text, { name })
}

/** Puts a folder first on PATH, for this process and for the job's later steps. */
export function addPath(folder: string): void {
  if (!appendTo('GITHUB_PATH', `${folder}${EOL}`)) issue('add-path', folder)
  process.env.PATH = `${folder}${delimiter}${process.env.PATH ?? ''}`
}

export function startGroup(title: string): void {
  issue('group', title)
}

export function endGroup(): void {
  issue('endgroup', '')
}

/** Appends Markdown to the job summary; false when the runner gave no summary file. */
export function appendSummary(markdown: string): boolean {
  return appendTo('GITHUB_STEP_SUMMARY', markdown)
}
