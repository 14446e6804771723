import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ProgramNotFoundError, spawnArgv } from '../src'

const root = resolve(import.meta.dirname, '../../..')
const scratch = mkdtempSync(join(tmpdir(), 'spawn-test-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('spawnArgv', () => {
  it('runs an argv array without a shell, streams lines and returns a failing exit code', async () => {
    const lines: string[] = []
    const result = await spawnArgv(
      'sh',
      ['-c', 'printf "%s\\n" "$1" "$2"; echo oops >&2; exit 5', 'x', '$(id)', 'a;b'],
      {
        onStdoutLine: (line) => lines.push(line),
      },
    )
    expect(lines).toEqual(['$(id)', 'a;b'])
    expect(result).toMatchObject({ exitCode: 5, stdout: '$(id)\na;b\n', stderr: 'oops\n' })
    expect(result.interrupted).toBeUndefined()
  })

  it('says which program is missing', async () => {
    const error = await spawnArgv('no-such-program-here', []).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProgramNotFoundError)
    expect((error as ProgramNotFoundError).program).toBe('no-such-program-here')
  })

  it('passes the first SIGTERM on once, starts nothing afterwards, and still runs finally blocks', async () => {
    // A program that counts the TERM signals it gets and takes a moment to stop, like Terraform.
    const program =
      'n=0; trap \'n=$((n+1)); echo "term $n"\' TERM; echo ready; while [ $n -lt 1 ]; do sleep 0.05; done; sleep 0.4; echo "stopping after $n"; exit 3'
    const script = join(scratch, 'interruptible.mts')
    writeFileSync(
      script,
      [
        `import { interruptible, spawnArgv } from ${JSON.stringify(join(root, 'packages/action-kit/src/index.ts'))}`,
        'await interruptible(async () => {',
        '  try {',
        `    const result = await spawnArgv('sh', ['-c', ${JSON.stringify(program)}], { quiet: true, onStdoutLine: (l) => console.log('child:', l) })`,
        "    console.log('result:', result.exitCode, result.interrupted)",
        "    await spawnArgv('true', []).catch((e) => console.log('next:', e.name, e.signal))",
        '  } finally {',
        "    console.log('finally ran')",
        '  }',
        '})',
      ].join('\n'),
    )
    const tsx = join(root, 'node_modules/.bin/tsx')
    const child = spawn(tsx, [script], { stdio: ['ignore', 'pipe', 'inherit'] })
    const output: string[] = []
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      output.push(chunk)
      const text = output.join('')
      if (text.includes('child: ready') && !text.includes('sent')) {
        output.push('sent\n')
        child.kill('SIGTERM')
      }
      // The second signal arrives while the program is still stopping: it must not be passed on.
      if (text.includes('child: term 1') && !text.includes('sent again')) {
        output.push('sent again\n')
        child.kill('SIGTERM')
      }
    })
    const code = await new Promise<number | null>((done) => child.on('close', done))
    const text = output.join('')
    expect(text).toContain('child: term 1')
    expect(text).not.toContain('term 2')
    expect(text).toContain('child: stopping after 1')
    expect(text).toContain('result: 3 SIGTERM')
    expect(text).toContain('next: InterruptedError SIGTERM')
    expect(text).toContain('finally ran')
    expect(code).toBe(0)
  })
})
