/**
 * Benchmark for bump-gitops-tag: `pnpm bench:bump [--files 20000] [--concurrent 20]`.
 *
 * Builds a synthetic GitOps repository (a bare repository with N files, served with partial fetch
 * enabled as GitHub does), then times
 *   1. one bump through the action's bundle (shallow blob-less fetch, tree-only commit, push),
 *   2. the plain way: full clone, edit, commit, push,
 *   3. K bumps of K different apps at once through the bundle (they race for the same branch).
 * Prints numbers; asserts nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { runBundledAction } from '@canary-delivery/action-runner'

const { values: args } = parseArgs({
  options: { files: { type: 'string', default: '20000' }, concurrent: { type: 'string', default: '20' } },
})
const FILES = Number(args.files)
const CONCURRENT = Number(args.concurrent)
const actionDir = resolve(import.meta.dirname, '../actions/bump-gitops-tag')
const work = mkdtempSync(join(tmpdir(), 'bench-bump-'))
const git = (cwd: string, ...a: string[]) =>
  execFileSync('git', a, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })

const release = (app: string) =>
  [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    `  name: ${app}`,
    `  namespace: ${app}`,
    'spec:',
    '  interval: 5m',
    '  chart:',
    '    spec:',
    '      chart: app',
    '      version: 1.2.3',
    '  values:',
    '    image:',
    `      repository: ghcr.io/acme/${app}`,
    '      tag: "1.0.0"',
    '    replicas: 2',
    '',
  ].join('\n')

/** N files in one commit, written with git fast-import (a plain loop of `git add` would take minutes). */
function makeRepository(bare: string): void {
  git(work, 'init', '-q', '--bare', '-b', 'main', bare)
  const chunks: string[] = [
    'commit refs/heads/main',
    'committer seed <seed@example.com> 1700000000 +0000',
    'data 4',
    'seed',
  ]
  const apps = Math.ceil(FILES / 4)
  let written = 0
  for (let i = 0; i < apps && written < FILES; i++) {
    const app = `app${String(i).padStart(5, '0')}`
    const files: [string, string][] = [
      [`apps/${app}/release.yaml`, release(app)],
      [`apps/${app}/kustomization.yaml`, `resources:\n  - release.yaml\n  - service.yaml\n  - config.yaml\n`],
      [
        `apps/${app}/service.yaml`,
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  ports:\n    - port: 80\n`,
      ],
      [
        `apps/${app}/config.yaml`,
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}\ndata:\n  LOG_LEVEL: info\n  ID: "${i}"\n`,
      ],
    ]
    for (const [path, content] of files) {
      if (written++ >= FILES) break
      chunks.push(`M 100644 inline ${path}`, `data ${Buffer.byteLength(content)}`, content)
    }
  }
  const input = `${chunks.join('\n')}\n`
  const result = spawnSync('git', ['fast-import', '--quiet'], { cwd: bare, input, maxBuffer: 1 << 28 })
  if (result.status !== 0) throw new Error(`fast-import failed: ${result.stderr}`)
  git(bare, 'config', 'uploadpack.allowFilter', 'true')
  git(bare, 'gc', '-q')
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now()
  const value = await fn()
  return [performance.now() - started, value]
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

try {
  const bare = join(work, 'gitops.git')
  const [buildMs] = await timed(() => makeRepository(bare))
  const size = git(bare, 'count-objects', '-vH')
    .split('\n')
    .find((l) => l.startsWith('size-pack'))
  console.log(`synthetic repository: ${FILES} files (${size}), built in ${seconds(buildMs)}`)

  const bump = (app: string, tag: string) =>
    runBundledAction({
      actionDir,
      inputs: {
        repository: bare,
        file: 'apps/{app}/release.yaml',
        app,
        environment: 'prod',
        tag,
        'max-attempts': '50',
      },
      timeoutMs: 600_000,
    })

  // 1. One bump through the bundle.
  const [oneMs, one] = await timed(() => bump('app00001', '1.0.1'))
  if (one.exitCode !== 0) throw new Error(`bump failed:\n${one.log}`)

  // 2. The plain way, same edit on another app.
  const [plainMs] = await timed(() => {
    const clone = join(work, 'plain')
    git(work, 'clone', '-q', `file://${bare}`, clone)
    const path = join(clone, 'apps/app00002/release.yaml')
    writeFileSync(path, readFileSync(path, 'utf8').replace('tag: "1.0.0"', 'tag: "1.0.1"'))
    git(
      clone,
      '-c',
      'user.name=bench',
      '-c',
      'user.email=bench@example.com',
      'commit',
      '-qam',
      'app00002 prod: 1.0.0 → 1.0.1',
    )
    git(clone, 'push', '-q', 'origin', 'HEAD:main')
    rmSync(clone, { recursive: true, force: true })
  })

  // 3. Concurrent bumps of different apps.
  const apps = Array.from({ length: CONCURRENT }, (_, i) => `app${String(100 + i).padStart(5, '0')}`)
  const [concurrentMs, results] = await timed(() => Promise.all(apps.map((app) => bump(app, '2.0.0'))))
  const failed = results.filter((r) => r.exitCode !== 0).length
  const attempts = results.map((r) => Number(/\| attempts \| (\d+)/.exec(r.summary)?.[1] ?? 1))
  const commits = Number(git(bare, 'rev-list', '--count', 'main').trim())

  console.log('')
  console.log('| measurement | wall time |')
  console.log('| --- | --- |')
  console.log(`| one bump (bundle: shallow blob-less fetch, tree-only commit, push) | ${seconds(oneMs)} |`)
  console.log(`| plain full clone + edit + commit + push | ${seconds(plainMs)} |`)
  console.log(`| ${CONCURRENT} concurrent bumps, ${CONCURRENT} apps, one branch | ${seconds(concurrentMs)} |`)
  console.log('')
  console.log(
    `concurrent: ${CONCURRENT - failed}/${CONCURRENT} succeeded, attempts per run: max ${Math.max(...attempts)}, mean ${(attempts.reduce((a, b) => a + b, 0) / attempts.length).toFixed(1)}; history holds ${commits} commits`,
  )
  console.log(
    `node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, ${git(work, '--version').trim()}`,
  )
} finally {
  rmSync(work, { recursive: true, force: true })
}
