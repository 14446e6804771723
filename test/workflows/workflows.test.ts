import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseDeliveryFile } from '@canary-delivery/delivery-config'
import { describe, expect, it } from 'vitest'
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
