// `pnpm test [vitest filters…]`: the type check, the linter, actionlint and the tests, all at once
// (the tests spend most of their time waiting on child processes, so the checks fit beside them on
// two cores). The tests' output streams as it comes; each check's output is shown whole when it
// ends. Exits non-zero when any of them failed, after all have ended, with one line per part.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

const root = join(import.meta.dirname, '..')
const bin = (name: string) => join(root, 'node_modules/.bin', name)

interface Part {
  name: string
  command: string
  args: string[]
  /** Stream the output as it comes (the tests), instead of showing it whole at the end. */
  stream?: boolean
}

const parts: Part[] = [
  // TypeScript 7 (the native compiler) checks in a fifth of the CPU; TypeScript 5 stays for ncc,
  // which needs its JavaScript API to compile the bundles.
  {
    name: 'typecheck',
    command: process.execPath,
    args: [join(root, 'node_modules/typescript-native/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'],
  },
  { name: 'lint', command: bin('biome'), args: ['check', '.'] },
  { name: 'actionlint', command: bin('tsx'), args: ['scripts/actionlint.ts'] },
  { name: 'vitest', command: bin('vitest'), args: ['run', ...process.argv.slice(2)], stream: true },
]

function run(part: Part): Promise<{ part: Part; code: number; seconds: number }> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(part.command, part.args, {
      cwd: root,
      stdio: part.stream ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    })
    const output: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk))
    let ended = false
    const done = (code: number) => {
      if (ended) return
      ended = true
      const seconds = (performance.now() - started) / 1000
      if (!part.stream) {
        const text = Buffer.concat(output).toString('utf8').trimEnd()
        process.stdout.write(
          `\n── ${part.name} (${code === 0 ? 'ok' : `exit ${code}`}) ──\n${text ? `${text}\n` : ''}`,
        )
      }
      resolve({ part, code, seconds })
    }
    child.on('error', (error) => {
      output.push(Buffer.from(String(error)))
      done(127)
    })
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)))
  })
}

const results = await Promise.all(parts.map(run))
console.log('')
for (const { part, code, seconds } of results)
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'}  ${part.name.padEnd(10)} ${seconds.toFixed(1).padStart(6)}s`)
if (results.some((result) => result.code !== 0)) process.exitCode = 1
