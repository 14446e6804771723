// What render-canary-values does with hostile inputs and delivery files, through its bundle as a
// runner runs it: files land only in the workspace or RUNNER_TEMP, and text it did not write cannot
// act as a workflow command in the log.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseWorkflowCommand, type RunResult, runBundledAction } from '@canary-delivery/action-runner'
import { afterAll, describe, expect, it } from 'vitest'

const actionDir = resolve(import.meta.dirname, '..')
const scratch = mkdtempSync(join(tmpdir(), 'render-hostile-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A folder for one case holding a workspace and a RUNNER_TEMP, two levels down, so that `../..` stays in it. */
function place() {
  const base = mkdtempSync(join(scratch, 'case-'))
  const workspace = join(base, 'home/workspace')
  const runnerTemp = join(base, 'runner/temp')
  mkdirSync(workspace, { recursive: true })
  mkdirSync(runnerTemp, { recursive: true })
  return { base, workspace, runnerTemp }
}

/** Every file under a folder, relative. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  )
}

const render = (where: ReturnType<typeof place>, inputs: Record<string, string>) =>
  runBundledAction({ actionDir, workspace: where.workspace, runnerTemp: where.runnerTemp, inputs })

/** The runner's own files in RUNNER_TEMP are not the action's. */
const written = (where: ReturnType<typeof place>) =>
  filesUnder(where.base).filter((file) => !file.startsWith('runner/temp/_'))

describe('where render-canary-values writes', () => {
  const refusals: [string, Record<string, string>, string, (w: ReturnType<typeof place>) => void][] = [
    [
      "an environment that climbs out of RUNNER_TEMP ('/../../x')",
      { environment: '/../../x' },
      "Input 'environment' must be a name that keeps the values file in RUNNER_TEMP, got '/../../x'",
      () => {},
    ],
    [
      "an output-file that climbs out of the workspace ('../../x')",
      { 'output-file': '../../x' },
      "Input 'output-file' must be a path inside the workspace or RUNNER_TEMP, got '../../x'",
      () => {},
    ],
    [
      'an absolute output-file elsewhere',
      { 'output-file': join(scratch, 'elsewhere.yaml') },
      `Input 'output-file' must be a path inside the workspace or RUNNER_TEMP, got '${join(scratch, 'elsewhere.yaml')}'`,
      () => {},
    ],
    [
      'an output-file through a link that leads out of the workspace',
      { 'output-file': 'linked/values.yaml' },
      "Input 'output-file' must be a path inside the workspace or RUNNER_TEMP, got 'linked/values.yaml'",
      (w) => symlinkSync(w.base, join(w.workspace, 'linked')),
    ],
  ]
  for (const [what, inputs, message, prepare] of refusals) {
    it(`refuses ${what} with one line naming the input, and writes nothing`, async () => {
      const where = place()
      prepare(where)
      const before = written(where)
      const result = await render(where, { name: 'app', ...inputs })
      expect(result.exitCode).toBe(1)
      expect(result.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([message])
      expect(result.outputs).toEqual({})
      expect(written(where)).toEqual(before)
      expect(existsSync(join(scratch, 'elsewhere.yaml'))).toBe(false)
    })
  }

  it('writes into the workspace (relative paths start there) and into RUNNER_TEMP', async () => {
    const where = place()
    const inWorkspace = await render(where, { name: 'app', 'output-file': 'deploy/../out/values.yaml' })
    expect(inWorkspace.exitCode, inWorkspace.log).toBe(0)
    expect(inWorkspace.outputs['values-file']).toBe(join(where.workspace, 'out/values.yaml'))
    const inTemp = await render(where, { name: 'app', 'output-file': join(where.runnerTemp, 'v.yaml') })
    expect(inTemp.exitCode, inTemp.log).toBe(0)
    expect(readFileSync(join(where.runnerTemp, 'v.yaml'), 'utf8')).toBe(inTemp.outputs.values)
    expect(written(where).sort()).toEqual(['home/workspace/out/values.yaml', 'runner/temp/v.yaml'])
  })
})

describe('text render-canary-values did not write, in its log', () => {
  /** The workflow commands the step issued: every line of its output the runner takes as one. */
  const commands = (result: RunResult) =>
    result.steps
      .flatMap((step) => step.stdout.split(/\r?\n/))
      .filter((line) => /^\s*::|##\[/.test(line))
      .map((line) => parseWorkflowCommand(line)?.command ?? line)

  it('an environment input cannot add an annotation through the values file name', async () => {
    const where = place()
    const result = await render(where, { name: 'app', environment: 'sit\n::error::injected by the input' })
    expect(result.exitCode, result.log).toBe(0)
    // Two notices (no profile of that name, with the input escaped inside it; no load test).
    expect(commands(result)).toEqual(['notice', 'notice'])
    expect(result.annotations.map((a) => a.level)).toEqual(['notice', 'notice'])
    expect(result.log).toMatch(/values in .*canary-values-sit ⏎ ::error::injected by the input\.yaml/)
  })

  it('an output-file input cannot mask the log', async () => {
    const where = place()
    const result = await render(where, { name: 'app', 'output-file': 'values\n::add-mask::canary\n.yaml' })
    expect(result.exitCode, result.log).toBe(0)
    expect(result.masks).toEqual([])
    expect(commands(result)).toEqual(['notice', 'notice'])
    expect(result.outputs['values-file']).toBe(join(where.workspace, 'values\n::add-mask::canary\n.yaml'))
  })

  it("a delivery file's commands stay text: in the values and the summary, never as commands", async () => {
    const where = place()
    writeFileSync(
      join(where.workspace, 'delivery.yaml'),
      [
        'app: python-demo',
        'environments:',
        '  - name: sit',
        '    canary:',
        '      loadTest: |',
        '        hey http://app/',
        '        ::error::injected by the delivery file',
        '        ::add-mask::canary',
        '        ##[warning]legacy form',
      ].join('\n'),
    )
    const result = await render(where, { config: 'delivery.yaml' })
    expect(result.exitCode, result.log).toBe(0)
    expect(result.annotations.map((a) => a.level)).toEqual([])
    expect(result.masks).toEqual([])
    expect(commands(result)).toEqual([])
    expect(result.outputs.values).toContain('::error::injected by the delivery file')
    expect(result.summary).toContain('::add-mask::canary')
  })
})
