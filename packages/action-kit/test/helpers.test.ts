import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  cell,
  clearSecrets,
  codeBlock,
  describeCommand,
  details,
  ExecError,
  execArgv,
  formatDuration,
  mask,
  mermaid,
  registerSecret,
  retry,
  table,
  workflowRunUrl,
} from '../src'

describe('secrets', () => {
  it('masks every registered value, longest first, and ignores values too short to protect', () => {
    clearSecrets()
    registerSecret('ghp_abcdef123456')
    registerSecret('abcdef')
    registerSecret('ab')
    expect(mask('token ghp_abcdef123456 and abcdef and ab')).toBe('token *** and *** and ab')
    clearSecrets()
  })
})

describe('exec', () => {
  it('runs an argv array without a shell: metacharacters stay literal', async () => {
    const result = await execArgv('printf', ['%s|', '$(whoami)', 'a;b', '*'])
    expect(result).toMatchObject({ exitCode: 0, stdout: '$(whoami)|a;b|*|' })
  })

  it('fails with the tail of standard error, masked', async () => {
    clearSecrets()
    registerSecret('s3cr3t-value')
    const script =
      'for i in $(seq 1 30); do echo "line $i" >&2; done; echo "token s3cr3t-value rejected" >&2; exit 3'
    const error = await execArgv('sh', ['-c', script]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExecError)
    const message = (error as ExecError).message
    expect(message).toMatch(/^sh -c .* exited with code 3:\n/)
    expect(message).toContain('token *** rejected')
    expect(message).not.toContain('s3cr3t-value')
    expect(message).toContain('line 30')
    expect(message).not.toContain('line 20\n')
    clearSecrets()
  })

  it('returns the exit code instead of throwing when failure is allowed, and feeds standard input', async () => {
    expect((await execArgv('sh', ['-c', 'cat; exit 4'], { allowFailure: true, input: 'hello' })).stdout).toBe(
      'hello',
    )
    expect((await execArgv('false', [], { allowFailure: true })).exitCode).toBe(1)
  })

  it('shows command lines quoted and masked', () => {
    clearSecrets()
    registerSecret('Bearer xyz123')
    expect(
      describeCommand('git', ['-c', 'http.extraHeader=Bearer xyz123', 'commit', '-m', "it's done"]),
    ).toBe(`git -c 'http.extraHeader=***' commit -m 'it'\\''s done'`)
    clearSecrets()
  })
})

describe('retry', () => {
  it('grows the delay exponentially within [half, whole] of each step, capped', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1_000 }
    expect(backoffDelay(1, { ...options, random: () => 0 })).toBe(50)
    expect(backoffDelay(1, { ...options, random: () => 1 })).toBe(100)
    expect(backoffDelay(3, { ...options, random: () => 1 })).toBe(400)
    expect(backoffDelay(10, { ...options, random: () => 1 })).toBe(1_000)
  })

  it('retries until success and reports each wait', async () => {
    const waits: number[] = []
    let calls = 0
    const value = await retry(
      async (attempt) => {
        calls++
        if (attempt < 3) throw new Error(`try ${attempt}`)
        return 'done'
      },
      { attempts: 5, baseDelayMs: 10, random: () => 1, sleep: async (ms) => void waits.push(ms) },
    )
    expect(value).toBe('done')
    expect(calls).toBe(3)
    expect(waits).toEqual([10, 20])
  })

  it('gives up after the last attempt or on an error not worth retrying', async () => {
    const noWait = { baseDelayMs: 1, sleep: async () => {} }
    await expect(
      retry(async (a) => Promise.reject(new Error(`fail ${a}`)), { attempts: 3, ...noWait }),
    ).rejects.toThrow('fail 3')
    let calls = 0
    await expect(
      retry(
        async () => {
          calls++
          throw new Error('404')
        },
        { attempts: 5, shouldRetry: (e) => !(e as Error).message.includes('404'), ...noWait },
      ),
    ).rejects.toThrow('404')
    expect(calls).toBe(1)
  })
})

describe('summary helpers', () => {
  it('builds tables whose cells cannot break the layout', () => {
    expect(
      table(
        ['phase', 'note'],
        [
          ['Progressing', 'a|b\nc'],
          ['Succeeded', undefined],
        ],
      ),
    ).toBe('| phase | note |\n| --- | --- |\n| Progressing | a\\|b<br>c |\n| Succeeded | – |')
    expect(cell(0)).toBe('0')
  })

  it('wraps details and mermaid blocks', () => {
    expect(details('Events <3>', 'body\n')).toBe(
      '<details><summary>Events &lt;3&gt;</summary>\n\nbody\n\n</details>',
    )
    expect(mermaid('xychart-beta\n  line [0, 10]\n')).toBe('```mermaid\nxychart-beta\n  line [0, 10]\n```')
  })

  it('fences code with more backticks than any run inside, so the text cannot close the block', () => {
    expect(codeBlock('plain', 'diff')).toBe('```diff\nplain\n```')
    expect(codeBlock('a ```` b\n```')).toBe('`````\na ```` b\n```\n`````')
  })

  it('formats durations for people', () => {
    expect(formatDuration(800)).toBe('800ms')
    expect(formatDuration(45_000)).toBe('45s')
    expect(formatDuration(150_000)).toBe('2m 30s')
    expect(formatDuration(3_900_000)).toBe('1h 5m')
  })

  it('formats elapsed time as a stopwatch, for timeline columns', () => {
    expect(formatDuration(0, 'clock')).toBe('00:00')
    expect(formatDuration(59_999, 'clock')).toBe('00:59')
    expect(formatDuration(90_000, 'clock')).toBe('01:30')
    expect(formatDuration(3_900_000, 'clock')).toBe('65:00')
    expect(formatDuration(-5_000, 'clock')).toBe('00:00')
  })
})

describe('the workflow run', () => {
  it('links the run the step belongs to, on the server the runner names', () => {
    const run = { GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '42' }
    expect(workflowRunUrl(run)).toBe('https://github.com/acme/app/actions/runs/42')
    expect(workflowRunUrl({ ...run, GITHUB_SERVER_URL: 'https://ghe.example.com' })).toBe(
      'https://ghe.example.com/acme/app/actions/runs/42',
    )
    expect(workflowRunUrl({ GITHUB_REPOSITORY: 'acme/app' })).toBeUndefined()
  })
})
