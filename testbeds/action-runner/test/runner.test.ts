import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  expandDefault,
  parseKeyValueFile,
  parseWorkflowCommand,
  repoRoot,
  resolveNode,
  runBundledAction,
} from '../src'

const probe = join(repoRoot, 'test/fixtures/actions/kit-probe')

// The same bundle on this machine's Node and on the Node 24 that GitHub's runners use.
describe.each([
  ['this machine', 'current'],
  ['Node 24', '24'],
])('the kit-probe bundle on %s', (_, nodeChoice) => {
  const node = resolveNode(nodeChoice)

  it('gets its inputs and defaults, and hands back outputs, summary, state, env and path', async () => {
    const result = await runBundledAction({
      actionDir: probe,
      node,
      inputs: { greeting: 'hello', 'wait time': '1m30s' },
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toEqual({
      message: 'hello',
      multiline: 'first line\nsecond line with hello',
      'wait-ms': '90000',
    })
    expect(result.steps.map((step) => step.step)).toEqual(['main', 'post'])
    expect(result.steps[0]!.state).toEqual({ 'is-post': 'true', 'started-with': 'hello' })
    expect(result.exportedEnv).toEqual({ KIT_PROBE_GREETING: 'hello' })
    expect(result.addedPath).toEqual(['/opt/kit-probe/bin'])
    expect(result.summary).toContain('| greeting | hello |')
    // The post step saw main's state as STATE_*, its exported variable, and its PATH addition.
    expect(result.log).toContain('post step: state started-with=hello')
    expect(result.log).toContain('post step: env KIT_PROBE_GREETING=hello')
    expect(result.log).toContain('post step: path has kit-probe=true')
    expect(result.summary).toMatch(/\| repeat \| 1 \|[\s\S]*post step ran/)
  })

  it('fails a missing required input with one ::error:: line and no stack trace', async () => {
    const result = await runBundledAction({ actionDir: probe, node, inputs: {} })
    expect(result.exitCode).toBe(1)
    const main = result.steps[0]!
    const errors = main.stdout.split('\n').filter((line) => line.startsWith('::error'))
    expect(errors).toEqual(["::error::Input 'greeting' is required"])
    expect(main.stdout).not.toMatch(/\n\s+at /)
    expect(main.stdout).not.toContain('::debug::')
    expect(result.annotations).toEqual([
      { level: 'error', message: "Input 'greeting' is required", properties: {}, step: 'main' },
    ])
    expect(result.log).toContain('post step: state started-with=\n')
  })

  it('reports an internal error with its stack in the debug log', async () => {
    const result = await runBundledAction({
      actionDir: probe,
      node,
      inputs: { greeting: 'x', crash: 'true' },
      debug: true,
    })
    expect(result.exitCode).toBe(1)
    expect(result.annotations[0]?.message).toBe('internal failure requested by the crash input')
    expect(result.log).toMatch(
      /##\[debug\]Error: internal failure requested by the crash input\n\s+at main \(/,
    )
  })
})

describe('the runner', () => {
  it('masks registered secrets in the log, outputs and summary', async () => {
    const result = await runBundledAction({
      actionDir: probe,
      inputs: { greeting: 'hi', secret: 'hunter2-secret' },
    })
    expect(result.exitCode).toBe(0)
    expect(result.masks).toContain('hunter2-secret')
    expect(result.log).toContain('the secret is ***')
    expect(JSON.stringify({ ...result, masks: [] })).not.toContain('hunter2-secret')
  })

  it('warns about inputs the action does not declare, as GitHub does', async () => {
    const result = await runBundledAction({ actionDir: probe, inputs: { greeting: 'hi', greetng: 'typo' } })
    expect(result.annotations[0]).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(
        /^Unexpected input\(s\) 'greetng', valid inputs are \['greeting', 'repeat'/,
      ),
    })
  })

  it('runs the post step after a failed main step (post-if: always()) and keeps the failure', async () => {
    const result = await runBundledAction({ actionDir: probe, inputs: { greeting: 'hi', repeat: '9' } })
    expect(result.exitCode).toBe(1)
    expect(result.annotations[0]?.message).toBe("Input 'repeat' must be a whole number from 1 to 5, got '9'")
    expect(result.steps.map((step) => step.step)).toEqual(['main', 'post'])
  })

  it('removes its RUNNER_TEMP unless the caller owns it', async () => {
    const runnerTemp = mkdtempSync(join(tmpdir(), 'owned-temp-'))
    await runBundledAction({ actionDir: probe, inputs: { greeting: 'hi' }, runnerTemp })
    expect(existsSync(runnerTemp)).toBe(true)
    expect(readdirSync(runnerTemp)).toContain('_runner_file_commands')
  })
})

describe('file and workflow commands', () => {
  it('parses name=value and heredoc entries', () => {
    const content = 'a=1\nmulti<<EOF_X\nline 1\nline=2\nEOF_X\nb=x=y\n'
    expect(Object.fromEntries(parseKeyValueFile(content, 'GITHUB_OUTPUT'))).toEqual({
      a: '1',
      multi: 'line 1\nline=2',
      b: 'x=y',
    })
    expect(() => parseKeyValueFile('x<<END\nno end\n', 'GITHUB_OUTPUT')).toThrow(
      "matching delimiter 'END' not found for 'x'",
    )
  })

  it('decodes workflow command properties and messages', () => {
    expect(parseWorkflowCommand('::error file=a%3Ab.ts,line=3::two%0Alines 100%25')).toEqual({
      command: 'error',
      properties: { file: 'a:b.ts', line: '3' },
      message: 'two\nlines 100%',
    })
    expect(parseWorkflowCommand('plain text')).toBeUndefined()
  })

  it('expands the expressions GitHub allows in input defaults', () => {
    expect(expandDefault('${{ github.token }}', { github: { token: 't' } })).toBe('t')
    expect(() => expandDefault('${{ secrets.X }}', {})).toThrow('unsupported expression')
  })
})
