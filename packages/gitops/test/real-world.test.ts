import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { editImageTag } from '../src/edit-image-tag'
import { changedLines, realWorld } from './yaml-helpers'

describe('real-world files: the tag found where INDEX.tsv says, one line changed', () => {
  const cases: { file: string; field: string; previous: string; image?: string; explicit?: string }[] = [
    {
      file: 'svc-design__gitops__apps__demo__go-app__release.yaml',
      field: 'HelmRelease/stable spec.values.image.tag',
      previous: 'fe2a0fba3014709b26d8acd75bacb661bf2522a4',
    },
    {
      file: 'svc-design__gitops__apps__demo__python-app__release.yaml',
      field: 'HelmRelease/stable spec.values.image.tag',
      previous: 'd72ba38f7a3a76b71eb50f00fe46a94497e6ecaa',
    },
    {
      file: 'fluxcd__flux2-kustomize-helm-example__apps__base__podinfo__release.yaml',
      field: 'HelmRelease/podinfo spec.values.redis.tag',
      previous: '8.6.2',
    },
    {
      file: 'stefanprodan__gitops-istio__apps__backend__kustomization.yaml',
      field: 'Kustomization images[0].newTag',
      previous: '6.1.0',
    },
    {
      file: 'stefanprodan__gitops-istio__apps__backend__deployment.yaml',
      field: 'Deployment/backend spec.template.spec.containers[0].image',
      previous: '5.0.0',
    },
    {
      file: 'fluxcd__image-automation-controller__internal__update__testdata__setters__original__kustomization.yml',
      field: 'Kustomization images[0].newTag',
      previous: 'v1',
    },
    {
      file: 'fluxcd__image-automation-controller__internal__update__testdata__replace__commented__deployment.yaml',
      field: 'Deployment/foo spec.template.spec.containers[0].image',
      previous: 'v1.0.0',
    },
    {
      file: 'fluxcd__flux2__tests__image-automation__kustomization.yaml',
      field: 'Kustomization images[0].newTag',
      previous: '6.8.0',
    },
    {
      file: 'rparmer__podinfo-image-automation__dev__kustomization.yaml',
      field: 'Kustomization images[0].newTag',
      previous: 'main-1657654261',
    },
    {
      file: 'onedr0p__home-ops__kubernetes__apps__default__radarr__app__helmrelease.yaml',
      field: 'HelmRelease/radarr spec.values.controllers.radarr.containers.app.image.tag',
      previous: '6.4.1.10545@sha256:260469d707617f4b5be1cd11a40be7e4889c63c5e7cdbc6a429626dc05863b6b',
    },
    { file: 'stefanprodan__podinfo__charts__podinfo__values.yaml', field: 'image.tag', previous: '6.14.1' },
    {
      file: 'stefanprodan__podinfo__charts__podinfo__values.yaml',
      field: 'redis.tag',
      previous: '8.8.0',
      image: 'redis',
    },
    { file: 'fluxcd__flagger__charts__flagger__values.yaml', field: 'image.tag', previous: '1.44.0' },
    {
      file: 'apache__apisix-helm-chart__charts__apisix__values.yaml',
      field: 'image.tag',
      previous: '3.16.0-ubuntu',
    },
    {
      file: 'apache__apisix-helm-chart__charts__apisix__values.yaml',
      field: 'initContainer.tag',
      previous: '1.28',
      image: 'busybox',
    },
    {
      file: 'apache__apisix-helm-chart__charts__apisix-ingress-controller__values.yaml',
      field: 'deployment.image.tag',
      previous: '2.0.1',
    },
    {
      file: 'argoproj__argocd-example-apps__helm-guestbook__values.yaml',
      field: 'image.tag',
      previous: '0.1',
    },
    {
      file: 'argoproj__argocd-example-apps__helm-dependency__values.yaml',
      field: 'wordpress.image.tag',
      previous: 'invalid',
    },
    {
      file: 'hmcts__cnp-flux-config__apps__apim__apim-marketplace__apim-marketplace.yaml',
      field: 'HelmRelease/apim-marketplace spec.values.java.image',
      previous: 'prod-b824bbb-20260825130928',
    },
    {
      file: 'equinor__radix-flux__clusters__development__overlay__radix-platform__radix-operator__helmRelease.yaml',
      field: 'HelmRelease/radix-operator spec.values.image.tag',
      previous: 'master-487ec170-1646318213',
    },
    {
      file: 'fluxcd__kustomize-controller__internal__controller__testdata__transformers__kustomization.yaml',
      field: 'Kustomization images[0].newTag',
      previous: '6.0.0',
    },
    {
      file: 'fluxcd__flagger__kustomize__base__flagger__kustomization.yaml',
      field: 'images[0].newTag',
      previous: '1.44.0',
    },
    {
      file: 'equinor__radix-flux__clusters__development__infrastructure__radix-platform__radix-operator.yaml',
      field: 'Kustomization/radix-operator spec.postBuild.substitute.RADIX_IMAGE_BUILDER_TAG',
      previous: '1.0.0',
      explicit: 'spec.postBuild.substitute.RADIX_IMAGE_BUILDER_TAG',
    },
    {
      file: 'equinor__radix-flux__clusters__development__infrastructure__radix-platform__radix-operator.yaml',
      field: 'Kustomization/radix-operator spec.postBuild.substitute.RADIX_BUILDKIT_IMAGE_BUILDER_TAG',
      previous: '1.0.1',
      image: 'radixcr.azurecr.io/radix-buildkit-builder',
    },
  ]
  for (const c of cases) {
    it(`${c.file} → ${c.field}`, () => {
      const content = realWorld(c.file)
      const result = editImageTag({
        content,
        fileName: c.file,
        tag: '2.3.4-rc.1',
        image: c.image,
        field: c.explicit,
      })
      expect(result.field).toBe(c.field)
      expect(result.previousTag).toBe(c.previous)
      expect(result.changed).toBe(true)
      const lines = changedLines(content, result.content)
      expect(lines).toHaveLength(1)
      const [before, after] = lines[0]!
      // Everything on the line but the value is kept: indentation, key, quotes, comments.
      const prefix = before.slice(0, before.indexOf(c.previous))
      expect(after.startsWith(prefix) || after.startsWith(prefix.replace(/"$/, ''))).toBe(true)
      expect(after).toContain('2.3.4-rc.1')
      expect(after.slice(after.indexOf('2.3.4-rc.1') + '2.3.4-rc.1'.length)).toBe(
        before.slice(before.indexOf(c.previous) + c.previous.length).replace(/^@sha256:[0-9a-f]+/, ''),
      )
    })
  }

  it('keeps the seed release.yaml double-quoted 40-char SHA six spaces in, in the second document', () => {
    const content = realWorld('svc-design__gitops__apps__demo__go-app__release.yaml')
    const sha = 'b'.repeat(40)
    const result = editImageTag({ content, fileName: 'release.yaml', tag: sha })
    expect(changedLines(content, result.content)).toEqual([
      ['      tag: "fe2a0fba3014709b26d8acd75bacb661bf2522a4"', `      tag: "${sha}"`],
    ])
    expect(parseAllDocuments(result.content)).toHaveLength(2)
  })

  it('edits the anchored tag once, so every alias follows', () => {
    const file = 'onedr0p__home-ops__kubernetes__main__apps__default__qbittorrent__tools__helmrelease.yaml'
    const content = realWorld(file)
    const result = editImageTag({ content, fileName: file, tag: 'v0.16.0' })
    expect(result.field).toBe(
      'HelmRelease/qbtools spec.values.controllers.tagging.initContainers.tagging.image.tag',
    )
    expect(changedLines(content, result.content)).toHaveLength(1)
    const values = parseAllDocuments(result.content)[0]!.toJS().spec.values.controllers
    expect(values.tagging.containers.unregistered.image.tag).toBe('v0.16.0')
    expect(values.orphaned.containers.app.image.tag).toBe('v0.16.0')
  })

  it('names the file when it holds no tag, and lists the candidates when several are equally likely', () => {
    const none = 'fluxcd__flux2__manifests__install__kustomization.yaml'
    expect(() => editImageTag({ content: realWorld(none), fileName: none, tag: 'v1' })).toThrow(
      `${none} has no image tag field`,
    )
    const many =
      'fluxcd__image-automation-controller__internal__update__testdata__setters__original__marked.yaml'
    expect(() => editImageTag({ content: realWorld(many), fileName: many, tag: 'v1' })).toThrow(
      /2 equally likely image tag fields: CronJob\/foo spec.jobTemplate.spec.template.spec.containers\[0\].image \(image:v1.0.0\), CronJob\/foo spec.jobTemplate.spec.template.spec.containers\[1\].image/,
    )
  })
})
