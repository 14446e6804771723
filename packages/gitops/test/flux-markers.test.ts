import { describe, expect, it } from 'vitest'
import { editImageTag } from '../src/edit-image-tag'
import { changedLines, realWorld } from './yaml-helpers'

describe('a Flux marker on a field the structure also finds keeps what the structure knows', () => {
  // Policies are named unlike the images, so only the structure can tell which image a field holds.
  const marker = (policy: string) => `# {"$imagepolicy": "flux-system:${policy}"}`
  /** The field chosen; the edit must change that field alone (no repository moved). */
  const edit = (content: string, image?: string, app?: string) => {
    const result = editImageTag({ content, fileName: 'f.yaml', tag: '2.0.0', image, app })
    expect(result.changes.map((c) => c.field)).toEqual([result.field])
    return result
  }

  it('a real kustomization whose newTag carries a tag marker', () => {
    const file = 'rparmer__podinfo-image-automation__dev__kustomization.yaml'
    const content = realWorld(file)
    const result = edit(content, 'ghcr.io/rparmer/podinfo-image-automation')
    expect(result.field).toBe('Kustomization images[0].newTag')
    expect(changedLines(content, result.content)).toEqual([
      [
        '    newTag: main-1657654261 # {"$imagepolicy": "dev:podinfo-image-automation:tag"}',
        '    newTag: 2.0.0 # {"$imagepolicy": "dev:podinfo-image-automation:tag"}',
      ],
    ])
  })

  it('kustomize images[]: name, or newName, of a marked entry; the app breaks a tie between marked entries', () => {
    const content = [
      'images:',
      '  - name: ghcr.io/acme/web',
      `    newTag: 1.0.0 ${marker('web-policy:tag')}`,
      '  - name: ghcr.io/acme/api',
      '    newName: registry.acme.io/api',
      `    newTag: 1.0.0 ${marker('api-policy:tag')}`,
      '',
    ].join('\n')
    expect(edit(content, 'ghcr.io/acme/web').field).toBe('images[0].newTag')
    expect(edit(content, 'ghcr.io/acme/api').field).toBe('images[1].newTag')
    expect(edit(content, 'registry.acme.io/api').field).toBe('images[1].newTag')
    expect(edit(content, undefined, 'api').field).toBe('images[1].newTag')
    // The name is matched, never rewritten.
    expect(edit(content, 'ghcr.io/acme/web').content).toBe(
      content.replace(`1.0.0 ${marker('web-policy:tag')}`, `2.0.0 ${marker('web-policy:tag')}`),
    )
  })

  it("a Flux Kustomization's spec.images entry with a tag marker", () => {
    const content = [
      'apiVersion: kustomize.toolkit.fluxcd.io/v1',
      'kind: Kustomization',
      'metadata:',
      '  name: apps',
      'spec:',
      '  images:',
      '    - name: ghcr.io/acme/web',
      `      newTag: 1.0.0 ${marker('storefront:tag')}`,
      '    - name: ghcr.io/acme/api',
      '      newTag: 1.0.0',
      '',
    ].join('\n')
    expect(edit(content, 'ghcr.io/acme/web').field).toBe('Kustomization/apps spec.images[0].newTag')
  })

  it('HelmRelease values image.repository with a tag marker on image.tag, beside another image', () => {
    const content = [
      'kind: HelmRelease',
      'metadata:',
      '  name: shop',
      'spec:',
      '  values:',
      '    image:',
      '      repository: ghcr.io/acme/app',
      `      tag: 1.0.0 ${marker('shop:tag')}`,
      '    redis:',
      '      repository: docker.io/library/redis',
      '      tag: 7.2.0',
      '',
    ].join('\n')
    expect(edit(content, 'ghcr.io/acme/app').field).toBe('HelmRelease/shop spec.values.image.tag')
    expect(edit(content, 'redis').field).toBe('HelmRelease/shop spec.values.redis.tag')
  })

  it('image.registry + image.repository with a tag marker, and a repository beside a marked tag under another key', () => {
    const registry = [
      'image:',
      '  registry: ghcr.io',
      '  repository: acme/app',
      `  tag: 1.0.0 ${marker('shop-release:tag')}`,
      'sidecar:',
      '  repository: ghcr.io/acme/proxy',
      `  tag: 3.0.0 ${marker('edge:tag')}`,
      '',
    ].join('\n')
    expect(edit(registry, 'ghcr.io/acme/app').field).toBe('image.tag')
    expect(edit(registry, 'ghcr.io/acme/proxy').field).toBe('sidecar.tag')
  })

  it('a marked container `image: repo:tag` whose policy is named unlike the image', () => {
    const content = [
      'kind: Deployment',
      'metadata:',
      '  name: shop',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      `        - image: ghcr.io/acme/app:1.0.0 ${marker('storefront')}`,
      `        - image: ghcr.io/acme/proxy:3.0.0 ${marker('edge')}`,
      '',
    ].join('\n')
    const result = edit(content, 'ghcr.io/acme/app')
    expect(result.field).toBe('Deployment/shop spec.template.spec.containers[0].image')
    expect(result.content).toContain(`image: ghcr.io/acme/app:2.0.0 ${marker('storefront')}`)
  })

  it('name and tag markers on image.repository and image.tag, beside another marked image', () => {
    const content = [
      'image:',
      `  repository: ghcr.io/acme/app ${marker('shop-release:name')}`,
      `  tag: 1.0.0 ${marker('shop-release:tag')}`,
      'proxy:',
      `  repository: ghcr.io/acme/proxy ${marker('edge:name')}`,
      `  tag: 3.0.0 ${marker('edge:tag')}`,
      '',
    ].join('\n')
    expect(edit(content, 'ghcr.io/acme/app').field).toBe('image.tag')
    expect(edit(content, 'ghcr.io/acme/proxy').field).toBe('proxy.tag')
  })

  it('a name marker on newName and a tag marker on newTag of a kustomize entry, `image` naming its name', () => {
    const content = [
      'images:',
      '  - name: ghcr.io/acme/web',
      `    newName: registry.acme.io/web ${marker('storefront:name')}`,
      `    newTag: 1.0.0 ${marker('storefront:tag')}`,
      '  - name: ghcr.io/acme/api',
      '    newTag: 1.0.0',
      '',
    ].join('\n')
    expect(edit(content, 'ghcr.io/acme/web').field).toBe('images[0].newTag')
    expect(edit(content, 'registry.acme.io/web').field).toBe('images[0].newTag')
  })
})
