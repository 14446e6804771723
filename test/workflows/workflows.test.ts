import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseDeliveryFile, resolveEnvironment } from '@canary-delivery/delivery-config'
import { describe, expect, it } from 'vitest'
import { checkGitopsLayout } from '../../scripts/gitops-layout'
import { checkRepository, checkWorkflow, OWN_REPOSITORY, type Resolver } from '../../scripts/workflow-uses'

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
    steps:
      - id: bump
        uses: ${OWN_REPOSITORY}/actions/bump-gitops-tag@v1
        with:
          branch: main
          tga: abc
      - uses: ${OWN_REPOSITORY}/actions/no-such-action@v1
      - uses: actions/checkout@v4
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
