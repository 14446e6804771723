import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { actionDirs, repoRoot, updateReadmes } from '../../scripts/action-readme'

const run = promisify(execFile)
const scratch = mkdtempSync(join(tmpdir(), 'action-readme-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const ACTION_YML = `name: probe
description: A fixture.
inputs:
  target:
    description: Where to go.
    required: true
  mode:
    description: fast | slow.
    default: fast
  app:
    description: >-
      The app's name. Default: the delivery file's
      \`app\`; without one, required.
  note:
    description: "Free text: anything."
outputs:
  result:
    description: What happened.
runs:
  using: node24
  main: dist/index.js
`

let count = 0
function action(readme: string, actionYml = ACTION_YML): string {
  const dir = join(scratch, `probe-${count++}`)
  mkdirSync(dir)
  writeFileSync(join(dir, 'action.yml'), actionYml)
  writeFileSync(join(dir, 'README.md'), readme)
  return dir
}

async function readmeCli(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      join(repoRoot, 'node_modules/.bin/tsx'),
      ['scripts/action-readme.ts', ...args],
      { cwd: repoRoot },
    )
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, output: e.stdout + e.stderr }
  }
}

describe("the actions' READMEs", () => {
  it('have the input and output tables their action.yml says, for every action', () => {
    const dirs = actionDirs()
    expect(dirs.map((dir) => dir.slice(repoRoot.length + 1))).toEqual(
      expect.arrayContaining([
        'actions/bump-gitops-tag',
        'actions/render-canary-values',
        'actions/wait-for-canary',
      ]),
    )
    expect(updateReadmes(dirs, { check: true })).toEqual([])
  })
})

describe('pnpm readme', () => {
  it('writes the tables from action.yml under the headings, keeps the prose, and marks them for next time', async () => {
    const dir = action(
      '# probe\n\nWhat it does.\n\n## Inputs\n\nSome prose.\n\n| input | meaning |\n| --- | --- |\n| `old` | stale |\n\n## Outputs\n\n| output | meaning |\n| --- | --- |\n\nThe end.\n',
    )
    const { code } = await readmeCli(dir)
    expect(code).toBe(0)
    const readme = readFileSync(join(dir, 'README.md'), 'utf8')
    expect(readme).toBe(
      [
        '# probe',
        '',
        'What it does.',
        '',
        '## Inputs',
        '',
        'Some prose.',
        '',
        '<!-- BEGIN inputs: generated from action.yml by pnpm readme -->',
        '| input    | default                                          | meaning              |',
        '| -------- | ------------------------------------------------ | -------------------- |',
        '| `target` | **required**                                     | Where to go.         |',
        '| `mode`   | `fast`                                           | fast \\| slow.        |',
        "| `app`    | the delivery file's `app`; without one, required | The app's name.      |",
        '| `note`   |                                                  | Free text: anything. |',
        '<!-- END inputs -->',
        '',
        '## Outputs',
        '',
        '<!-- BEGIN outputs: generated from action.yml by pnpm readme -->',
        '| output   | meaning        |',
        '| -------- | -------------- |',
        '| `result` | What happened. |',
        '<!-- END outputs -->',
        '',
        'The end.',
        '',
      ].join('\n'),
    )
    // Between the markers from now on: a changed action.yml changes only the table.
    writeFileSync(join(dir, 'action.yml'), ACTION_YML.replace('Where to go.', 'Where to go, now.'))
    expect(updateReadmes([dir])).toEqual([
      `${dir.split('/').at(-1)}: README.md tables rewritten from action.yml`,
    ])
    const again = readFileSync(join(dir, 'README.md'), 'utf8')
    expect(again).toContain('| `target` | **required** ')
    expect(again).toContain('Where to go, now.')
    expect(again.replace(/<!-- BEGIN inputs[\s\S]*<!-- END inputs -->/, '')).toBe(
      readme.replace(/<!-- BEGIN inputs[\s\S]*<!-- END inputs -->/, ''),
    )
  })

  it('--check fails naming the action whose README disagrees with its action.yml, and writes nothing', async () => {
    const dir = action(
      '# probe\n\n## Inputs\n\n| input | meaning |\n| --- | --- |\n| `target` | Where. |\n\n## Outputs\n',
    )
    const before = readFileSync(join(dir, 'README.md'), 'utf8')
    const { code, output } = await readmeCli('--check', dir)
    expect(code).toBe(1)
    const name = dir.split('/').at(-1)
    expect(output.trim()).toBe(
      `${name}: README.md's input/output tables differ from action.yml; run 'pnpm readme' and commit it`,
    )
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(before)
  })

  it('refuses a README with no place for a table, naming the action and the markers', async () => {
    const dir = action('# probe\n\nNothing here.\n')
    const { code, output } = await readmeCli(dir)
    expect(code).toBe(1)
    expect(output.trim()).toBe(
      `${dir.split('/').at(-1)}: README.md has no inputs table: put '<!-- BEGIN inputs: generated from action.yml by pnpm readme -->' and '<!-- END inputs -->' where it goes, or a '## Inputs' heading`,
    )
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# probe\n\nNothing here.\n')
  })
})
