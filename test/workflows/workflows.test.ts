import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parseDeliveryFile, resolveEnvironment } from '@canary-delivery/delivery-config'
import { describe, expect, it } from 'vitest'
import { checkGitopsLayout } from '../../scripts/gitops-layout'
import {
  checkCompositeAction,
  checkRepository,
  checkWorkflow,
  OWN_REPOSITORY,
  type Resolver,
  repositoryResolver,
} from '../../scripts/workflow-uses'

const root = join(import.meta.dirname, '../..')

describe('uses: of our own actions and reusable workflows', () => {
  it('passes only declared inputs and every required one, in every workflow of the repository', () => {
    const { files, problems } = checkRepository(root)
    expect(files.length).toBeGreaterThanOrEqual(8)
    expect(problems).toEqual([])
  })

  it('reports an unknown input, a missing required one and an action that does not exist', () => {
    const resolve: Resolver = (kind, name) =>
      kind === 'action' && name === 'bump-gitops-tag'
        ? {
            inputs: {
              tag: { required: true },
              branch: { default: 'main' },
              token: { required: true, default: '' },
            },
          }
        : undefined
    const workflow = `
on: push
jobs:
  deliver:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - id: bump
        uses: ${OWN_REPOSITORY}/actions/bump-gitops-tag@v1
        with:
          branch: main
          tga: abc
      - uses: ${OWN_REPOSITORY}/actions/no-such-action@v1
      - uses: other/action@0123456789abcdef0123456789abcdef01234567 # v2.0.1
        with:
          anything: goes
`
    expect(checkWorkflow(workflow, 'w.yml', resolve)).toEqual([
      `w.yml: deliver.bump: ${OWN_REPOSITORY}/actions/bump-gitops-tag@v1: unknown input 'tga' (declared: tag, branch, token)`,
      `w.yml: deliver.bump: ${OWN_REPOSITORY}/actions/bump-gitops-tag@v1: required input 'tag' is not given`,
      `w.yml: deliver.step 2: ${OWN_REPOSITORY}/actions/no-such-action@v1: no such action in this repository`,
    ])
  })
})

describe('secrets passed to our reusable workflows', () => {
  it('may only be those the workflow declares, and must include the ones it requires', () => {
    const resolve: Resolver = (kind, name) =>
      kind === 'workflow' && name === 'deliver.yml'
        ? {
            inputs: { tag: { required: true } },
            secrets: { GITOPS_TOKEN: { required: true }, KUBECONFIG: { required: false } },
          }
        : undefined
    const workflow = `
on: push
jobs:
  typo:
    permissions: {}
    uses: ${OWN_REPOSITORY}/.github/workflows/deliver.yml@v1
    with:
      tag: abc
    secrets:
      GITOPS_TOKN: \${{ secrets.GITOPS_TOKEN }}
  fine:
    permissions: {}
    uses: ${OWN_REPOSITORY}/.github/workflows/deliver.yml@v1
    with:
      tag: abc
    secrets:
      GITOPS_TOKEN: \${{ secrets.GITOPS_TOKEN }}
`
    expect(checkWorkflow(workflow, 'w.yml', resolve)).toEqual([
      `w.yml: typo: ${OWN_REPOSITORY}/.github/workflows/deliver.yml@v1: unknown secret 'GITOPS_TOKN' (declared: GITOPS_TOKEN, KUBECONFIG)`,
      `w.yml: typo: ${OWN_REPOSITORY}/.github/workflows/deliver.yml@v1: required secret 'GITOPS_TOKEN' is not passed`,
    ])
  })
})

describe('least privilege in workflows', () => {
  const SHA = '34e114876b0b11c390a56381ad16ebd13914f8d5'
  const check = (jobs: string) => checkWorkflow(`on: push\njobs:\n${jobs}`, 'w.yml', repositoryResolver(root))

  it('accepts actions pinned by commit with their release named, and checkouts without credentials', () => {
    expect(
      check(`  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@${SHA} # v4.3.1
        with:
          persist-credentials: false
      - uses: ./actions/render-canary-values
      - uses: ${OWN_REPOSITORY}/actions/wait-for-canary@v1
      - uses: docker://alpine@sha256:${'a'.repeat(64)}
  call:
    permissions: {}
    uses: other/workflows/.github/workflows/x.yml@${SHA} # v1.2.0
    secrets:
      TOKEN: \${{ secrets.TOKEN }}
`),
    ).toEqual([])
  })

  it('fails on an action pinned by a tag, a branch or a short SHA, or without its release', () => {
    expect(
      check(`  build:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: docker/login-action@v3
      - id: flux
        uses: fluxcd/flux2/action@main
      - uses: docker/build-push-action@${SHA.slice(0, 7)} # v6.19.2
      - uses: helm/kind-action@${SHA}
      - uses: docker://alpine:3.20
`),
    ).toEqual([
      'w.yml: build.step 1: docker/login-action@v3: not pinned by a full commit SHA (uses: owner/repo@<40 hex> # vX.Y.Z)',
      'w.yml: build.flux: fluxcd/flux2/action@main: not pinned by a full commit SHA (uses: owner/repo@<40 hex> # vX.Y.Z)',
      `w.yml: build.step 3: docker/build-push-action@${SHA.slice(0, 7)}: not pinned by a full commit SHA (uses: owner/repo@<40 hex> # vX.Y.Z)`,
      `w.yml: build.step 4: helm/kind-action@${SHA}: the release it pins is not named in a comment (# vX.Y.Z)`,
      'w.yml: build.step 5: docker://alpine:3.20: not pinned by digest (docker://image@sha256:…)',
    ])
  })

  it('fails on a checkout that keeps its credentials, secrets: inherit and a job without permissions', () => {
    expect(
      check(`  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${SHA} # v4.3.1
      - uses: actions/checkout@${SHA} # v4.3.1
        with:
          persist-credentials: true
  deliver:
    permissions: {}
    uses: ${OWN_REPOSITORY}/.github/workflows/deliver.yml@v1
    with:
      tag: abc
    secrets: inherit
`),
    ).toEqual([
      'w.yml: test: no permissions: of its own (least privilege)',
      `w.yml: test.step 1: actions/checkout@${SHA}: keeps its credentials in .git/config (set persist-credentials: false)`,
      `w.yml: test.step 2: actions/checkout@${SHA}: keeps its credentials in .git/config (set persist-credentials: false)`,
      'w.yml: deliver: secrets: inherit hands over every secret; pass the ones it needs by name',
    ])
  })
})

describe('composite actions', () => {
  const SHA = '34e114876b0b11c390a56381ad16ebd13914f8d5'

  it('are held to the same pins as workflows: the actions they run are part of every caller', () => {
    const action = `
name: set-up
runs:
  using: composite
  steps:
    - uses: actions/checkout@${SHA} # v4.3.1
      with:
        persist-credentials: false
    - id: node
      uses: actions/setup-node@v4
    - uses: actions/checkout@${SHA} # v4.3.1
    - uses: ${OWN_REPOSITORY}/actions/render-canary-values@v1
      with:
        enviroment: sit
    - run: echo done
      shell: bash
`
    expect(checkCompositeAction(action, 'a/action.yml', repositoryResolver(root))).toEqual([
      'a/action.yml: node: actions/setup-node@v4: not pinned by a full commit SHA (uses: owner/repo@<40 hex> # vX.Y.Z)',
      `a/action.yml: step 3: actions/checkout@${SHA}: keeps its credentials in .git/config (set persist-credentials: false)`,
      expect.stringMatching(
        new RegExp(
          `^a/action.yml: step 4: ${OWN_REPOSITORY}/actions/render-canary-values@v1: unknown input 'enviroment'`,
        ),
      ),
    ])
  })

  it('are found in the example repositories and checked with the workflows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'composite-'))
    try {
      const at = join(dir, 'workflows-examples/app/.github/actions/set-up')
      mkdirSync(at, { recursive: true })
      writeFileSync(
        join(at, 'action.yml'),
        'runs:\n  using: composite\n  steps:\n    - uses: docker/login-action@v3\n',
      )
      // A node action is not a composite one: nothing to check in it.
      mkdirSync(join(dir, 'actions/x'), { recursive: true })
      writeFileSync(join(dir, 'actions/x/action.yml'), 'runs:\n  using: node24\n  main: dist/index.js\n')
      expect(checkRepository(dir)).toEqual({
        files: [join(at, 'action.yml')],
        problems: [
          'workflows-examples/app/.github/actions/set-up/action.yml: step 1: docker/login-action@v3: not pinned by a full commit SHA (uses: owner/repo@<40 hex> # vX.Y.Z)',
        ],
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

function deliveryFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return deliveryFiles(path)
    return name === 'delivery.yaml' ? [path] : []
  })
}

describe('the example delivery files', () => {
  const files = deliveryFiles(join(root, 'workflows-examples'))

  it('exist for the five languages', () => {
    expect(files.map((file) => relative(root, file)).sort()).toEqual(
      ['c', 'go', 'javascript', 'python', 'rust'].map(
        (lang) => `workflows-examples/apps/${lang}/.github/delivery.yaml`,
      ),
    )
  })

  it.each(files.map((file) => [relative(root, file), file]))('%s validates against the schema', (_, file) => {
    const config = parseDeliveryFile(readFileSync(file, 'utf8'), file)
    expect(config.environments.map((environment) => environment.name)).toEqual(['sit', 'uat', 'prod'])
  })
})

describe('the example delivery files and the reference gitops repository', () => {
  const layouts = new Map(
    ['sit', 'uat', 'prod'].map((environment) => [
      environment,
      checkGitopsLayout(join(root, 'workflows-examples/gitops'), environment).objects,
    ]),
  )

  it.each(deliveryFiles(join(root, 'workflows-examples/apps')).map((file) => [relative(root, file), file]))(
    '%s names a release, alert providers and load-test hosts the clusters really have',
    (_, file) => {
      const config = parseDeliveryFile(readFileSync(file, 'utf8'), file)
      for (const { name: environment } of config.environments) {
        const resolved = resolveEnvironment(config, environment)
        const objects = layouts.get(environment) ?? []
        const release = objects.find(
          (o) =>
            o.kind === 'HelmRelease' &&
            o.metadata.name === resolved.helmRelease &&
            o.metadata.namespace === resolved.namespace,
        )
        expect(
          release,
          `${environment}: HelmRelease ${resolved.namespace}/${resolved.helmRelease}`,
        ).toBeDefined()
        expect(resolved.gitops.file).toBe(`apps/${config.app}/${environment}/release.yaml`)
        for (const alert of resolved.canary.alerts ?? []) {
          const [namespace, name] = alert.includes('/') ? alert.split('/') : [resolved.namespace, alert]
          const provider = objects.find(
            (o) =>
              o.kind === 'AlertProvider' && o.metadata.name === name && o.metadata.namespace === namespace,
          )
          expect(provider, `${environment}: AlertProvider ${alert}`).toBeDefined()
        }
        const host = /-host (\S+)/.exec(resolved.canary.loadTest ?? '')?.[1]
        if (host)
          expect(release?.spec.values.ingress?.hosts, `${environment}: the load test's host`).toContain(host)
      }
    },
  )
})
