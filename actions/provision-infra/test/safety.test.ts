import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type GitHubStandin, startGitHubStandin } from '@canary-delivery/github-standin'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errors, lockFile, provision, pullRequestEvent, scratch } from './helpers'

let tmp: ReturnType<typeof scratch>
beforeAll(() => {
  tmp = scratch('provision-safety-')
})
afterAll(() => tmp.cleanup())

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('the state lock', () => {
  it('held by another terraform: one line naming holder, operation and since when; their lock left alone', async () => {
    const ws = tmp.workspace('slow')
    const dir = join(ws.path, 'slow')
    const env = { ...process.env, ...tmp.env }
    // The other run: a real terraform apply that holds the lock while its provisioner sleeps.
    execFileSync('terraform', ['init', '-input=false', `-backend-config=path=${ws.state('sit')}`], {
      cwd: dir,
      env,
    })
    const holder = spawn('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], {
      cwd: dir,
      env,
      stdio: 'ignore',
    })
    const exited = new Promise((resolve) => holder.on('close', resolve))
    try {
      // Terraform creates the lock file, then writes its JSON: wait until the lock can be read.
      const lockId = () => {
        try {
          return (JSON.parse(readFileSync(lockFile(ws.state('sit')), 'utf8')) as { ID?: string }).ID
        } catch {
          return undefined
        }
      }
      await until(() => lockId() !== undefined, 'the other run to take the lock')
      const held = readFileSync(lockFile(ws.state('sit')), 'utf8')
      const id = lockId()!

      const result = await provision(tmp.env, ws, {
        'working-directory': 'slow',
        environment: 'sit',
        'lock-timeout': '1s',
      })
      expect(result.exitCode).toBe(1)
      expect(errors(result)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^The state of slow is locked by \\S+@\\S+ \\(apply\\) since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC, [\\dms ]+ ago, Terraform 1\\.\\d+\\.\\d+, lock ID ${id}; terraform plan gave up after waiting 1s \\(lock-timeout\\) and released nothing\\. Run again when that run has finished; if it died, remove its lock with 'terraform force-unlock ${id}' in slow\\.$`,
          ),
        ),
      ])
      expect(result.log).not.toMatch(/^\s+at /m)
      // Their lock is still theirs.
      expect(readFileSync(lockFile(ws.state('sit')), 'utf8')).toBe(held)
    } finally {
      holder.kill('SIGINT')
      await exited
    }
    expect(existsSync(lockFile(ws.state('sit')))).toBe(false)
  })

  it.each([
    ['SIGTERM', 'SIGTERM'],
    ["GitHub's cancellation (SIGINT)", 'SIGINT'],
  ] as const)(
    '%s mid-apply: terraform stops cleanly, no lock and no private file left behind',
    async (_, signal) => {
      const ws = tmp.workspace('slow')
      const plan = await provision(tmp.env, ws, { 'working-directory': 'slow', environment: 'sit' })
      expect(plan.outputs.result).toBe('planned')
      const runnerTemp = join(tmp.dir, `runner-temp-${signal}`)
      mkdirSync(runnerTemp)
      const cancel = new AbortController()
      const apply = await provision(
        tmp.env,
        ws,
        {
          'working-directory': 'slow',
          environment: 'sit',
          command: 'apply',
          'plan-fingerprint': plan.outputs['plan-fingerprint']!,
        },
        {
          runnerTemp,
          cancel: cancel.signal,
          cancelSignal: signal,
          onLogLine: (line) => {
            if (line.includes("Provisioning with 'local-exec'")) cancel.abort()
          },
        },
      )
      expect(cancel.signal.aborted).toBe(true)
      expect(apply.exitCode).toBe(1)
      expect(errors(apply)).toEqual([
        `Stopped by ${signal}: terraform apply in slow was interrupted and exited (code 1); nothing further was run`,
      ])
      expect(apply.log).toContain(`${signal} received: asking 1 running program(s) to stop cleanly`)
      expect(existsSync(lockFile(ws.state('sit')))).toBe(false)
      expect(readdirSync(runnerTemp).filter((name) => name.startsWith('provision-infra-'))).toEqual([])
      // Terraform wrote what it did: the half-made resource is tainted, and the next plan replaces it at once.
      const state = JSON.parse(readFileSync(ws.state('sit'), 'utf8'))
      expect(state.resources[0].instances[0].status).toBe('tainted')
      const next = await provision(tmp.env, ws, {
        'working-directory': 'slow',
        environment: 'sit',
        'lock-timeout': '0s',
      })
      expect(errors(next)).toEqual([])
      expect(next.outputs).toMatchObject({ result: 'planned', 'to-add': '1', 'to-destroy': '1' })
    },
  )
})

describe('secrets', () => {
  const TOKEN = 'ghs_secretsTestToken'
  let github: GitHubStandin
  beforeAll(async () => {
    github = await startGitHubStandin({ repositories: ['acme/infra'], token: TOKEN })
    github.state.openPullRequest(github.state.repository('acme', 'infra')!, {
      number: 5,
      head: 'secrets',
      headSha: '5'.repeat(40),
    })
  })
  afterAll(() => github.stop())

  it('a secret the module does not mark sensitive never reaches an output, the comment, the summary or the log', async () => {
    const dbPassword = 'db-Pa55word-7f3e'
    const apiKey = 'api-K3y-91c2d'
    const ws = tmp.workspace('hosts')
    const inputs = {
      'working-directory': 'hosts',
      environment: 'sit',
      'secret-variables': `db_password=${dbPassword}\napi_key`,
    }
    const options = {
      env: { TF_VAR_api_key: apiKey },
      github: { apiUrl: github.url, token: TOKEN, ...pullRequestEvent(5, '5'.repeat(40)) },
    }
    const plan = await provision(tmp.env, ws, inputs, options)
    expect(errors(plan)).toEqual([])
    const apply = await provision(
      tmp.env,
      ws,
      { ...inputs, command: 'apply', 'plan-fingerprint': plan.outputs['plan-fingerprint']! },
      { ...options, github: { ...options.github, eventName: 'push', event: {} } },
    )
    expect(errors(apply)).toEqual([])
    expect(apply.outputs.result).toBe('applied')

    // The values were used: Terraform's own state holds them, and the runner masks them where they showed.
    const state = readFileSync(ws.state('sit'), 'utf8')
    expect(state).toContain(dbPassword)
    expect(state).toContain(apiKey)
    expect(plan.masks).toEqual(expect.arrayContaining([dbPassword, apiKey]))
    expect(plan.log).toContain('password = "***"')

    const comments = github.state.repository('acme', 'infra')!.comments.map((c) => c.body)
    expect(comments).toHaveLength(1)
    expect(comments[0]).toContain('api_key  = "***"')
    const everything = [
      ...comments,
      ...[plan, apply].flatMap((r) => [
        r.log,
        r.summary,
        ...Object.values(r.outputs),
        ...r.annotations.map((a) => a.message),
        ...r.steps.flatMap((s) => [s.stdout, s.stderr]),
      ]),
      JSON.stringify(github.requests.map((r) => r.body)),
    ].join('\n')
    for (const secret of [dbPassword, apiKey]) expect(everything).not.toContain(secret)
    expect(JSON.parse(apply.outputs.outputs!)).toEqual({ hosts: expect.any(Object), network: '10.20.0.0/16' })
    expect(apply.summary).toContain('Outputs not handed on: `database_password` (holds a secret value)')
  })

  it("code under review does not see the action's inputs (the token, secret values) in its environment", async () => {
    const ws = tmp.workspace('env-probe')
    const inputs = {
      'working-directory': 'env-probe',
      environment: 'sit',
      'secret-variables': 'probe_secret=pr0be-s3cret',
    }
    const plan = await provision(tmp.env, ws, inputs)
    const apply = await provision(tmp.env, ws, {
      ...inputs,
      command: 'apply',
      'plan-fingerprint': plan.outputs['plan-fingerprint']!,
    })
    expect(errors(apply)).toEqual([])
    const seen = readFileSync(join(ws.path, 'env-probe/environment-seen.txt'), 'utf8')
    expect(seen).toContain('TF_IN_AUTOMATION=1')
    // The inputs are gone (the token input among them); a GITHUB_TOKEN the job itself puts in the
    // environment (the local runner does, like `env: GITHUB_TOKEN:` in a workflow) is the job's choice.
    expect(seen).not.toMatch(/^INPUT_/m)
    expect(seen).not.toContain('pr0be-s3cret')
  })
})
