import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkGitopsLayout } from '../../scripts/gitops-layout'

const reference = join(import.meta.dirname, '../../workflows-examples/gitops')

describe('the reference GitOps repository', () => {
  it.each(['sit', 'uat', 'prod'])(
    'is what Flux on the %s cluster would reconcile in full: valid objects, no dangling reference',
    (environment) => {
      const { objects, problems } = checkGitopsLayout(reference, environment)
      expect(problems).toEqual([])
      const names = objects.map((o) => `${o.kind}/${o.metadata.name}`)
      // The add-ons and the five apps all arrive through the Kustomizations the cluster directory holds.
      expect(names).toEqual(
        expect.arrayContaining([
          'HelmRelease/apisix',
          'HelmRelease/flagger',
          'HelmRelease/flagger-loadtester',
          ...['c', 'go', 'js', 'python', 'rust'].map((lang) => `HelmRelease/${lang}-demo`),
        ]),
      )
      const flagger = objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'flagger')
      expect(flagger?.spec.values.meshProvider).toBe('apisix')
    },
  )

  describe('when broken', () => {
    const copy = mkdtempSync(join(tmpdir(), 'gitops-layout-'))
    afterAll(() => rmSync(copy, { recursive: true, force: true }))
    cpSync(reference, copy, { recursive: true })
    const edit = (path: string, from: string | RegExp, to: string) => {
      const file = join(copy, path)
      const text = readFileSync(file, 'utf8')
      const changed = text.replace(from, to)
      if (changed === text) throw new Error(`test setup: ${from} not found in ${path}`)
      writeFileSync(file, changed)
    }
    edit('clusters/sit/apps.yaml', '- name: addons', '- name: add-ons')
    edit('infrastructure/addons/flagger/release.yaml', 'interval: 30m', 'interval: 30')
    edit('infrastructure/addons/flagger/release.yaml', '  install:\n', '  instal:\n')
    edit('apps/go-demo/sit/release.yaml', 'name: app-chart', 'name: app-charts')
    edit('clusters/sit/addons.yaml', 'path: ./clusters/sit/addons', 'path: ./clusters/sit/add-ons')

    it('names each problem a cluster would hit, with the object it is in', () => {
      const { problems } = checkGitopsLayout(copy, 'sit')
      expect(problems).toEqual(
        expect.arrayContaining([
          'Kustomization/flux-system/apps: dependsOn Kustomization/flux-system/add-ons is not in the repository',
          'HelmRelease/demo-go/go-demo: chart source GitRepository/flux-system/app-charts is not in the repository',
          'clusters/sit/add-ons: no such directory in the repository',
        ]),
      )
      // The broken add-ons path hides flagger.yaml; the same edits seen through uat's intact path:
      const uat = checkGitopsLayout(copy, 'uat').problems
      expect(uat).toContainEqual(
        expect.stringMatching(/^HelmRelease\/flagger-system\/flagger: .*spec\.interval/),
      )
      expect(uat).toContain(
        'HelmRelease/flagger-system/flagger: strict decoding error: unknown field "spec.instal"',
      )
    })
  })
})
