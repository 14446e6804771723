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
})
