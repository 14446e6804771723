import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../src/controllers/flux/kustomize-build'

describe('kustomize build', () => {
  it('builds kustomize resources with namespace and images transformers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kbuild-'))
    try {
      mkdirSync(join(dir, 'base'))
      writeFileSync(
        join(dir, 'base', 'deploy.yaml'),
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/app:1.0.0\n',
      )
      writeFileSync(
        join(dir, 'kustomization.yaml'),
        'resources:\n  - base/deploy.yaml\nnamespace: prod\nimages:\n  - name: registry.example.com/app\n    newTag: 2.0.0\n',
      )
      const [d] = build(dir)
      expect(d?.metadata.namespace).toBe('prod')
      expect(d?.spec.template.spec.containers[0].image).toBe('registry.example.com/app:2.0.0')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('applies patches: JSON 6902 and strategic merge, by target or by the object a patch names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpatch-'))
    try {
      mkdirSync(join(dir, 'base'))
      mkdirSync(join(dir, 'overlay'))
      writeFileSync(
        join(dir, 'base', 'sources.yaml'),
        [
          'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: flagger\nspec:\n  url: https://flagger.app\n',
          'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: apisix\nspec:\n  url: https://charts.apiseven.com\n',
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n',
        ].join('---\n'),
      )
      writeFileSync(
        join(dir, 'overlay', 'settings.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  b: "2"\n',
      )
      writeFileSync(
        join(dir, 'overlay', 'kustomization.yaml'),
        [
          'resources: [../base]',
          'patchesStrategicMerge: [settings.yaml]',
          'patches:',
          '  - target: { kind: Helm.*, name: flagger|apisix }',
          '    patch: |',
          '      - { op: replace, path: /spec/url, value: "http://127.0.0.1:8879" }',
          '  - target: { kind: ConfigMap }',
          '    patch: |',
          '      metadata: { labels: { patched: "yes" } }',
          '',
        ].join('\n'),
      )
      const objects = build(join(dir, 'overlay'), dir)
      expect(objects.filter((o) => o.kind === 'HelmRepository').map((o) => o.spec.url)).toEqual([
        'http://127.0.0.1:8879',
        'http://127.0.0.1:8879',
      ])
      const settings = objects.find((o) => o.kind === 'ConfigMap')!
      expect(settings.data).toEqual({ a: '1', b: '2' })
      expect(settings.metadata.labels).toEqual({ patched: 'yes' })
      // A file outside the source's checkout is refused, as kustomize's load restrictor does.
      writeFileSync(
        join(dir, 'overlay', 'kustomization.yaml'),
        'resources: [../base]\npatches:\n  - path: ../../elsewhere.yaml\n',
      )
      expect(() => build(join(dir, 'overlay'), dir)).toThrow(/is not in or below/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
