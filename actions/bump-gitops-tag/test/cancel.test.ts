import type { ChildProcess } from 'node:child_process'
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { RunResult } from '@canary-delivery/action-runner'
import { type GitHttpServer, type RequestMatch, startGitHttpServer } from '@canary-delivery/git-http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bump, errors, head, makeRemote, scratch, subjects } from './helpers'

const release = (tag: string) => `image:\n  repository: ghcr.io/acme/app\n  tag: "${tag}"\n`

let tmp: ReturnType<typeof scratch>
let server: GitHttpServer
let bare: string
let serial = 0
beforeAll(async () => {
  tmp = scratch()
  server = await startGitHttpServer({ root: join(tmp.dir, 'served') })
})
afterAll(async () => {
  await server.close()
  tmp.cleanup()
})
beforeEach(() => {
  bare = join(tmp.dir, 'served', `gitops-${++serial}.git`)
  makeRemote(bare, { 'apps/app/values.yaml': release('1.0.0') })
})

/**
 * Runs a bump whose request matching `hold` waits at the server; once it waits, `cancel` signals
 * the step's process as a cancelled job would, with `signals` sent in order, each after the action
 * has said it received the one before. The held request is released after the last one when
 * `release` is set. No sleeps: every step waits for the event before it.
 */
async function cancelDuring(hold: RequestMatch, signals: NodeJS.Signals[], release: boolean) {
  const runnerTemp = join(tmp.dir, `runner-temp-${serial}`)
  mkdirSync(runnerTemp)
  const held = server.hold(hold)
  let step: ChildProcess | undefined
  const heard: ((line: string) => void)[] = []
  const said = (pattern: RegExp) =>
    new Promise<void>((resolve) => heard.push((line) => pattern.test(line) && resolve()))
  const result: Promise<RunResult> = bump(
    {
      repository: server.urlOf(bare.split('/').pop()!),
      file: 'apps/app/values.yaml',
      app: 'app',
      environment: 'sit',
      tag: '2.0.0',
      token: '',
    },
    {
      runnerTemp,
      onSpawn: (child) => {
        step = child
      },
      onLogLine: (line) => {
        for (const hear of heard) hear(line)
      },
    },
  )
  await held.arrived
  for (const [i, signal] of signals.entries()) {
    const acknowledged = said(i === 0 ? new RegExp(`^${signal}: cancelling`) : new RegExp(`^${signal} again`))
    step!.kill(signal)
    await acknowledged
  }
  if (release) held.release()
  const outcome = await result
  return {
    result: outcome,
    leftInRunnerTemp: readdirSync(runnerTemp).filter((name) => !name.startsWith('_')),
  }
}

describe('a cancelled bump tells the truth and leaves nothing behind', () => {
  it('SIGTERM during the push: the push finishes, the outputs say it landed', async () => {
    const { result, leftInRunnerTemp } = await cancelDuring(
      { service: 'git-receive-pack', method: 'POST' },
      ['SIGTERM'],
      true,
    )
    expect(result.exitCode).not.toBe(0)
    expect(result.outputs).toMatchObject({
      changed: 'true',
      'commit-sha': head(bare),
      'previous-tag': '1.0.0',
    })
    expect(subjects(bare)).toEqual(['app sit: 1.0.0 → 2.0.0', 'seed'])
    expect(errors(result)).toEqual([
      `cancelled by SIGTERM: cancelled after the push landed: \`${head(bare).slice(0, 12)}\``,
    ])
    expect(leftInRunnerTemp).toEqual([])
  })

  it('SIGINT during the fetch: abandoned before anything was sent, the outputs say nothing changed', async () => {
    const before = head(bare)
    const { result, leftInRunnerTemp } = await cancelDuring(
      { service: 'git-upload-pack', method: 'POST' },
      ['SIGINT'],
      false,
    )
    expect(result.exitCode).not.toBe(0)
    expect(result.outputs).toMatchObject({ changed: 'false', 'commit-sha': '' })
    expect(errors(result)).toEqual(['cancelled by SIGINT: cancelled before the push: nothing pushed'])
    expect(head(bare)).toBe(before)
    expect(leftInRunnerTemp).toEqual([])
  })

  it('SIGINT then SIGTERM during a push that does not finish: stopped, and reported as not confirmed', async () => {
    const before = head(bare)
    const { result, leftInRunnerTemp } = await cancelDuring(
      { service: 'git-receive-pack', method: 'POST' },
      ['SIGINT', 'SIGTERM'],
      false,
    )
    expect(result.exitCode).not.toBe(0)
    // It may still land as far as the action can tell: changed stays true so that a revert guard runs.
    expect(result.outputs).toMatchObject({ changed: 'true', 'commit-sha': '' })
    expect(result.log).toMatch(
      /cancelled: stopped the push of [0-9a-f]{12}; .* does not show it yet, and it may still land/,
    )
    expect(head(bare)).toBe(before)
    expect(leftInRunnerTemp).toEqual([])
  })
})
