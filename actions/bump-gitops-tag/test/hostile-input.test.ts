import { join } from 'node:path'
import type { RunResult } from '@canary-delivery/action-runner'
import { type GitHttpServer, startGitHttpServer } from '@canary-delivery/git-http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bump, errors, head, makeRemote, scratch, show } from './helpers'

/** Each levels repeats the one before ten times: 10^10 nodes from under 1 KB. */
function aliasBomb(levels: number): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
  for (let i = 1; i < levels; i++) {
    const [previous, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)]
    lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`)
  }
  return `${lines.join('\n')}\nimage:\n  repository: ghcr.io/acme/app\n  tag: "1.0.0"\n`
}

const release = (tag: string) => `image:\n  repository: ghcr.io/acme/app\n  tag: ${tag}\n`

const files = {
  'apps/tag/values.yaml': release('"1.0\\n::add-mask::pwned\\n::error::pwned from the file"'),
  'apps/key/values.yaml': `"x\\n::error::pwned by a key":\n${release('"2.0"').replace(/^/gm, '  ')}`,
  '::warning::pwned by a path.yaml': release('"2.0"'),
  'apps/revert/values.yaml': release('"1.0.1"'),
  'apps/bomb/values.yaml': aliasBomb(10),
  'apps/twice/values.yaml': `${release('"1.0.0"')}image:\n  tag: again\n`,
}

let tmp: ReturnType<typeof scratch>
let bare: string
beforeAll(() => {
  tmp = scratch()
  bare = join(tmp.dir, 'gitops.git')
  makeRemote(bare, files)
})
afterAll(() => tmp.cleanup())

const run = (file: string, tag: string, inputs: Record<string, string> = {}) =>
  bump({ repository: bare, file, app: 'app', environment: 'sit', tag, ...inputs })

/** No annotation and no mask came from anything but the action's own token. */
function noCommands(result: RunResult) {
  expect(result.annotations.filter((a) => /pwned/.test(a.message))).toEqual([])
  expect(result.masks.filter((mask) => /pwned/.test(mask))).toEqual([])
  expect(result.log).not.toMatch(/^\s*::/m)
}

describe('text from the file, the repository and the inputs stays text in the log', () => {
  it('a current tag holding workflow commands, printed when if-current-tag leaves the file alone', async () => {
    const before = head(bare)
    const result = await run('apps/tag/values.yaml', '1.0.0', { 'if-current-tag': '0.9.0' })
    expect(result.exitCode).toBe(0)
    noCommands(result)
    expect(result.annotations).toEqual([])
    expect(result.log).toContain('holds 1.0 ⏎ ::add-mask::pwned ⏎ ::error::pwned from the file, not 0.9.0')
    expect(head(bare)).toBe(before)
  })

  it('a key holding workflow commands, printed in the field name', async () => {
    const result = await run('apps/key/values.yaml', '2.0')
    expect(result.exitCode).toBe(0)
    noCommands(result)
    expect(result.outputs.changed).toBe('false')
  })

  it('a file path that starts like a workflow command', async () => {
    const result = await run('::warning::pwned by a path.yaml', '2.0')
    expect(result.exitCode).toBe(0)
    expect(result.annotations).toEqual([])
    noCommands(result)
    expect(result.log).toContain('pwned by a path.yaml: image.tag is already 2.0')
  })

  for (const [input, value] of [
    ['if-current-tag', '1.0.1\n::add-mask::pwned'],
    ['app', 'app\n::error::pwned'],
    ['environment', 'sit\r::error::pwned'],
  ] as const) {
    it(`${input} with a line break: one error naming it, nothing pushed`, async () => {
      const before = head(bare)
      const result = await run('apps/revert/values.yaml', '1.0.0', { [input]: value })
      expect(result.exitCode).toBe(1)
      const [error, ...more] = errors(result)
      expect(more).toEqual([])
      expect(error).toMatch(new RegExp(`^Input '${input}': expected `))
      expect(result.masks.filter((mask) => /pwned/.test(mask))).toEqual([])
      expect(head(bare)).toBe(before)
    })
  }
})

describe('if-current-tag: the summary tells what happened', () => {
  it('a revert left alone does not claim a change of tag', async () => {
    const result = await run('apps/revert/values.yaml', '1.0.0', { 'if-current-tag': '1.0.2' })
    expect(result.outputs).toMatchObject({ changed: 'false', 'previous-tag': '1.0.1', 'commit-sha': '' })
    expect(result.summary).not.toContain('→ `1.0.0`')
    expect(result.summary).toContain('| tag | `1.0.1`, left alone: the file does not hold `1.0.2` |')
  })
})

describe('YAML that would cost unbounded work: one line, nothing pushed', () => {
  it('an alias bomb of ten levels in under 1 KB', async () => {
    expect(Buffer.byteLength(files['apps/bomb/values.yaml'])).toBeLessThan(1024)
    const before = head(bare)
    const result = await run('apps/bomb/values.yaml', '2.0.0')
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual([
      'apps/bomb/values.yaml: Excessive alias count indicates a resource exhaustion attack',
    ])
    expect(head(bare)).toBe(before)
  })

  it('a repeated key', async () => {
    const result = await run('apps/twice/values.yaml', '2.0.0')
    expect(errors(result)).toEqual(['apps/twice/values.yaml:4:1 is not valid YAML: Map keys must be unique'])
  })
})

describe('credentials only over https', () => {
  let server: GitHttpServer
  beforeAll(async () => {
    server = await startGitHttpServer({ root: tmp.dir })
  })
  afterAll(() => server.close())

  it('http:// with a token is refused before any request; without one it is served', async () => {
    const inputs = {
      repository: server.urlOf('gitops.git'),
      file: 'apps/revert/values.yaml',
      app: 'app',
      environment: 'sit',
      tag: '1.0.3',
    }
    // The token input defaults to the workflow's token, as on GitHub.
    const refused = await bump(inputs)
    expect(refused.exitCode).toBe(1)
    expect(errors(refused)).toEqual([
      `Input 'repository': ${inputs.repository} is plain http, which would send the token in clear text; use https, or set 'token' to '' for a server that needs none`,
    ])
    expect(server.requests).toEqual([])
    const served = await bump({ ...inputs, token: '' })
    expect(errors(served)).toEqual([])
    expect(served.outputs).toMatchObject({ changed: 'true', 'commit-sha': head(bare) })
    expect(show(bare, inputs.file)).toBe(release('"1.0.3"'))
  })
})
