import { describe, expect, it } from 'vitest'
import { editImageTag } from '../src/edit-image-tag'

describe('choosing the field', () => {
  const twoImages = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'images:',
    '  - name: ghcr.io/acme/web',
    '    newTag: 1.0.0',
    '  - name: ghcr.io/acme/api # the backend',
    '    newName: registry.acme.io/api',
    '    newTag: 2.0.0',
    '',
  ].join('\n')

  it('picks the kustomize image named by `image` (name or newName)', () => {
    expect(
      editImageTag({ content: twoImages, fileName: 'k.yaml', tag: '1.1.0', image: 'ghcr.io/acme/web' })
        .content,
    ).toContain('newTag: 1.1.0\n  - name')
    const api = editImageTag({
      content: twoImages,
      fileName: 'k.yaml',
      tag: '2.1.0',
      image: 'registry.acme.io/api',
    })
    expect(api.field).toBe('Kustomization images[1].newTag')
    expect(() => editImageTag({ content: twoImages, fileName: 'k.yaml', tag: '2.1.0' })).toThrow(
      /2 equally likely/,
    )
    // The app's name breaks the tie when it is the image's name.
    expect(editImageTag({ content: twoImages, fileName: 'k.yaml', tag: '2.1.0', app: 'web' }).field).toBe(
      'Kustomization images[0].newTag',
    )
  })

  it('moves a lone image to a new repository when `image` names another one', () => {
    const content = 'image:\n  repository: ghcr.io/acme/old # moved\n  tag: 1.0.0\n'
    const result = editImageTag({ content, fileName: 'v.yaml', tag: '1.1.0', image: 'ghcr.io/acme/new' })
    expect(result.content).toBe('image:\n  repository: ghcr.io/acme/new # moved\n  tag: 1.1.0\n')
    expect(result.changes.map((c) => c.field)).toEqual(['image.tag', 'image.repository'])
  })

  it('follows Flux setter markers, tag and name', () => {
    const content = [
      'images:',
      '  - name: container',
      '    newName: replaced # {"$imagepolicy": "ns:policy:name"}',
      '    newTag: v1 # {"$imagepolicy": "ns:policy:tag"}',
      '  - name: other',
      '    newTag: v7',
      '',
    ].join('\n')
    const result = editImageTag({ content, fileName: 'k.yaml', tag: 'v2', image: 'ghcr.io/acme/container' })
    expect(result.content).toContain('newName: ghcr.io/acme/container # {"$imagepolicy": "ns:policy:name"}')
    expect(result.content).toContain('newTag: v2 # {"$imagepolicy": "ns:policy:tag"}')
    expect(result.content).toContain('newTag: v7')
  })

  it('finds spec.images of a Flux Kustomization, and picks the release named after the app', () => {
    const flux =
      'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\nspec:\n  images:\n    - name: ghcr.io/acme/app\n      newTag: 1.0.0\n'
    expect(editImageTag({ content: flux, fileName: 'k.yaml', tag: '1.1.0' }).field).toBe(
      'Kustomization/apps spec.images[0].newTag',
    )
    const two = ['web', 'api']
      .map(
        (name) =>
          `kind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  values:\n    image:\n      repository: r/${name}x\n      tag: "1"\n`,
      )
      .join('---\n')
    expect(() => editImageTag({ content: two, fileName: 'r.yaml', tag: '2' })).toThrow(/2 equally likely/)
    expect(editImageTag({ content: two, fileName: 'r.yaml', tag: '2', app: 'api' }).field).toBe(
      'HelmRelease/api spec.values.image.tag',
    )
  })

  it('takes an explicit field with a document selector', () => {
    const content =
      'kind: A\nmetadata: {name: x}\nspec: {tag: "1"}\n---\nkind: B\nmetadata: {name: y}\nspec: {tag: "1"}\n'
    expect(() => editImageTag({ content, fileName: 'f.yaml', tag: '2', field: 'spec.tag' })).toThrow(
      /in 2 documents/,
    )
    expect(editImageTag({ content, fileName: 'f.yaml', tag: '2', field: 'B/y:spec.tag' }).content).toBe(
      content.replace(/1"}\n$/, '2"}\n'),
    )
    expect(editImageTag({ content, fileName: 'f.yaml', tag: '2', field: 'doc[0].spec.tag' }).content).toBe(
      content.replace('"1"', '"2"'),
    )
    expect(() => editImageTag({ content, fileName: 'f.yaml', tag: '2', field: 'spec.nope' })).toThrow(
      "f.yaml has no field 'spec.nope'",
    )
  })

  it('reports invalid YAML with its line', () => {
    expect(() => editImageTag({ content: 'image:\n  tag: [1\n', fileName: 'bad.yaml', tag: 'v1' })).toThrow(
      /^bad.yaml:\d+:\d+ is not valid YAML/,
    )
  })
})
