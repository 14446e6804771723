import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseKeyValueFile, parsePathFile, parseWorkflowCommand } from '@canary-delivery/action-runner'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { execArgv, type StepFolders, step, writablePath, writeFileAtomically, writeSummary } from '../src'

const scratch = mkdtempSync(join(tmpdir(), 'action-kit-step-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

// What the step printed, line by line, while a test ran.
let printed: string[] = []
const saved = { ...process.env }
beforeEach(() => {
  printed = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(...String(chunk).split('\n').filter(Boolean))
    return true
  })
  for (const name of ['OUTPUT', 'STATE', 'ENV', 'PATH', 'STEP_SUMMARY']) {
    const file = join(mkdtempSync(join(scratch, 'files-')), name)
    writeFileSync(file, '')
    process.env[`GITHUB_${name}`] = file
  }
})
afterEach(() => {
  vi.restoreAllMocks()
  process.env = { ...saved }
  process.exitCode = undefined
})

const fileOf = (name: string) => readFileSync(process.env[`GITHUB_${name}`]!, 'utf8')

describe('the commands a step sends, as the runner reads them', () => {
  it('annotations keep line breaks, percent signs, colons and commas inside their one line', () => {
    step.notice('two\nlines: 100%', { title: 'a, b: c', file: 'src/x.ts', startLine: 3, startColumn: 7 })
    step.setFailed('it broke\r\n::add-mask::nothing')
    expect(printed).toHaveLength(2)
    expect(parseWorkflowCommand(printed[0]!)).toEqual({
      command: 'notice',
      properties: { title: 'a, b: c', file: 'src/x.ts', line: '3', col: '7' },
      message: 'two\nlines: 100%',
    })
    expect(parseWorkflowCommand(printed[1]!)).toEqual({
      command: 'error',
      properties: {},
      message: 'it broke\r\n::add-mask::nothing',
    })
    expect(process.exitCode).toBe(1)
  })

  it('outputs, state and variables arrive whole, over several lines', () => {
    step.setOutput('values', 'canary:\n  enabled: true\n')
    step.setOutput('count', 3)
    step.saveState('clone', '/tmp/x')
    step.exportVariable('GREETING', 'hello\nworld')
    expect(Object.fromEntries(parseKeyValueFile(fileOf('OUTPUT'), 'GITHUB_OUTPUT'))).toEqual({
      values: 'canary:\n  enabled: true\n',
      count: '3',
    })
    expect(Object.fromEntries(parseKeyValueFile(fileOf('STATE'), 'GITHUB_STATE'))).toEqual({
      clone: '/tmp/x',
    })
    expect(Object.fromEntries(parseKeyValueFile(fileOf('ENV'), 'GITHUB_ENV'))).toEqual({
      GREETING: 'hello\nworld',
    })
    expect(process.env.GREETING).toBe('hello\nworld')
    expect(printed).toEqual([])
  })

  it('a value cannot end itself early and set another output, whatever delimiter it guesses', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000)
    const forged = `x\nghadelimiter_${(1_700_000_000_000).toString(36)}\nforged<<EOF\nyes\nEOF`
    step.setOutput('value', forged)
    expect(Object.fromEntries(parseKeyValueFile(fileOf('OUTPUT'), 'GITHUB_OUTPUT'))).toEqual({
      value: forged,
    })
  })

  it('adds a folder to PATH now and for the later steps, and appends to the summary', () => {
    step.addPath('/opt/tool/bin')
    expect(parsePathFile(fileOf('PATH'))).toEqual(['/opt/tool/bin'])
    expect(process.env.PATH!.split(':')[0]).toBe('/opt/tool/bin')
    expect(step.appendSummary('## one\n')).toBe(true)
    expect(step.appendSummary('## two\n')).toBe(true)
    expect(fileOf('STEP_SUMMARY')).toBe('## one\n## two\n')
  })

  it('falls back to workflow commands when the runner names no files', () => {
    delete process.env.GITHUB_OUTPUT
    delete process.env.GITHUB_STEP_SUMMARY
    step.setOutput('a', 'b')
    expect(printed.map((line) => parseWorkflowCommand(line))).toEqual([
      { command: 'set-output', properties: { name: 'a' }, message: 'b' },
    ])
    expect(step.appendSummary('x')).toBe(false)
  })

  it('reads state saved by main in the post step, and debug only when the run debugs', () => {
    process.env.STATE_clone = '/tmp/x'
    expect(step.getState('clone')).toBe('/tmp/x')
    expect(step.getState('other')).toBe('')
    expect(step.isDebug()).toBe(false)
    process.env.RUNNER_DEBUG = '1'
    expect(step.isDebug()).toBe(true)
  })
})

describe('the job summary', () => {
  it('goes to the log when the runner gives no summary file, where its text cannot act as a command', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await writeSummary('## values', '```yaml\nloadTest: |\n  x\n::add-mask::canary\n  ##[error]boom\n```')
    const commands = printed.map((line) => parseWorkflowCommand(line)?.command)
    expect(commands.filter((command) => command !== 'debug' && command !== undefined)).toEqual([])
    expect(printed.join('\n')).not.toMatch(/##\[error/)
    expect(printed.join('\n').replaceAll('\u2060', '')).toContain('::add-mask::canary')
  })
})

describe('execArgv without a shell', () => {
  it('says in one line that a program is not installed', async () => {
    await expect(execArgv('no-such-program-here', ['--version'], { quiet: true })).rejects.toThrow(
      'no-such-program-here --version could not start: no-such-program-here is not installed (not found on PATH)',
    )
  })
})

describe('where a step may write', () => {
  const folders = (): StepFolders => {
    const base = mkdtempSync(join(scratch, 'folders-'))
    const result = { workspace: join(base, 'workspace'), runnerTemp: join(base, 'temp') }
    mkdirSync(result.workspace)
    mkdirSync(result.runnerTemp)
    return result
  }
  const request = { input: 'output-file', value: 'given' }

  it('takes paths in the workspace (relative ones start there) and in RUNNER_TEMP', () => {
    const f = folders()
    expect(writablePath('out/values.yaml', request, f)).toBe(join(f.workspace, 'out/values.yaml'))
    expect(writablePath(join(f.runnerTemp, 'v.yaml'), request, f)).toBe(join(f.runnerTemp, 'v.yaml'))
    expect(writablePath('a/../b.yaml', request, f)).toBe(join(f.workspace, 'b.yaml'))
  })

  it('refuses, naming the input, a path that leaves both, by .. or through a link', () => {
    const f = folders()
    symlinkSync(join(f.workspace, '..'), join(f.workspace, 'up'))
    writeFileSync(join(f.workspace, '../elsewhere.yaml'), '')
    symlinkSync(join(f.workspace, '../elsewhere.yaml'), join(f.workspace, 'linked.yaml'))
    for (const path of ['../x.yaml', '/etc/x.yaml', 'up/x.yaml', 'linked.yaml', '.', f.runnerTemp]) {
      expect(() => writablePath(path, { input: 'output-file', value: path }, f), path).toThrow(
        `Input 'output-file' must be a path inside the workspace or RUNNER_TEMP, got '${path}'`,
      )
    }
  })

  it('writes a whole file in one rename, never through a link left where its temporary file goes', () => {
    const f = folders()
    const target = join(f.workspace, 'deep/values.yaml')
    writeFileAtomically(target, 'a: 1\n')
    expect(readFileSync(target, 'utf8')).toBe('a: 1\n')
    const outside = join(f.runnerTemp, 'outside.txt')
    symlinkSync(outside, `${target}.${process.pid}.partial`)
    expect(() => writeFileAtomically(target, 'a: 2\n')).toThrow(/EEXIST/)
    expect(readFileSync(target, 'utf8')).toBe('a: 1\n')
    expect(readdirSync(f.runnerTemp)).toEqual([])
  })
})
