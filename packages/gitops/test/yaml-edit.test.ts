import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { editImageTag } from '../src/index'

const realWorld = (name: string) =>
  readFileSync(join(import.meta.dirname, 'fixtures/real-world', name), 'utf8')

/** The lines that differ between two texts of the same length in lines. */
function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n')
  const b = after.split('\n')
  expect(b.length).toBe(a.length)
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]))
}

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

describe('format preservation', () => {
  it('keeps CRLF line endings, comments and blank lines', () => {
    const content =
      '# app\r\nimage:\r\n  repository: ghcr.io/acme/app # the app\r\n\r\n  tag: 1.0.0 # current\r\n'
    const result = editImageTag({ content, fileName: 'values.yaml', tag: '1.0.1' })
    expect(result.content).toBe(
      '# app\r\nimage:\r\n  repository: ghcr.io/acme/app # the app\r\n\r\n  tag: 1.0.1 # current\r\n',
    )
  })

  it('quotes a tag that would read back as a number, and keeps single quotes', () => {
    expect(
      editImageTag({ content: 'image:\n  repository: a/b\n  tag: v1\n', fileName: 'v.yaml', tag: '1.10' })
        .content,
    ).toBe('image:\n  repository: a/b\n  tag: "1.10"\n')
    for (const tag of ['1e5', 'true', 'yes', 'null', '0x1F', '123']) {
      const out = editImageTag({
        content: 'image:\n  repository: a/b\n  tag: v1\n',
        fileName: 'v.yaml',
        tag,
      }).content
      expect(parseAllDocuments(out)[0]!.toJS().image.tag).toBe(tag)
    }
    expect(
      editImageTag({ content: "image:\n  repository: a/b\n  tag: 'v1'\n", fileName: 'v.yaml', tag: '2.0' })
        .content,
    ).toBe("image:\n  repository: a/b\n  tag: '2.0'\n")
  })

  it('keeps comments in every position', () => {
    const content = [
      '# head comment',
      '---',
      '# before the document',
      'apiVersion: helm.toolkit.fluxcd.io/v2 # trailing',
      'kind: HelmRelease',
      'metadata: {name: app} # flow with comment',
      'spec:',
      '  # before values',
      '  values:',
      '    image: # after a key with a block value',
      '      # inside the block',
      '      repository: ghcr.io/acme/app',
      '',
      '      # before the tag',
      "      tag: 'v1' # after the tag",
      '      # after the last item',
      '    # dedented comment',
      '# between documents',
      '---',
      'kind: ConfigMap # second document',
      '# end of file',
      '',
    ].join('\n')
    const result = editImageTag({ content, fileName: 'c.yaml', tag: 'v2' })
    expect(result.content).toBe(content.replace("tag: 'v1'", "tag: 'v2'"))
  })

  it('keeps a file with no final newline and a flow mapping', () => {
    expect(
      editImageTag({ content: 'image: {repository: a/b, tag: v1}', fileName: 'v.yaml', tag: 'v2' }).content,
    ).toBe('image: {repository: a/b, tag: v2}')
  })

  it('changes nothing when the tag is already there', () => {
    const content = 'image:\n  repository: a/b\n  tag: "v2"\n'
    const result = editImageTag({ content, fileName: 'v.yaml', tag: 'v2' })
    expect(result).toMatchObject({ changed: false, content, previousTag: 'v2', changes: [] })
  })

  it('drops the digest of an image reference whose tag changes, and keeps a registry port', () => {
    const content =
      'containers:\n  - name: app\n    image: registry.local:5000/team/app:1.0@sha256:abc # pinned\n'
    const result = editImageTag({ content, fileName: 'd.yaml', tag: '1.1' })
    expect(result.content).toBe(
      'containers:\n  - name: app\n    image: registry.local:5000/team/app:1.1 # pinned\n',
    )
    expect(result.previousTag).toBe('1.0')
  })
})

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

describe('values merged under spec.values', () => {
  const release = [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    '  name: podinfo',
    'spec:',
    '  interval: 5m',
    '  values:',
    '    # the image',
    '    image:',
    '      repository: ghcr.io/stefanprodan/podinfo',
    '      tag: 6.0.0',
    '    canary:',
    '      enabled: false # off for now',
    '      stepWeight: 10',
    '    replicas: 2',
    '',
  ].join('\n')

  it('changes existing values in place and appends new ones, nothing else', () => {
    const values = {
      canary: { enabled: true, stepWeight: 10, maxWeight: 50, match: ['a', 'b'] },
      ingress: { host: 'x.example' },
    }
    const result = editImageTag({ content: release, fileName: 'r.yaml', tag: '6.1.0', values })
    expect(result.content).toBe(
      [
        ...release.split('\n').slice(0, 10),
        '      tag: 6.1.0',
        '    canary:',
        '      enabled: true # off for now',
        '      stepWeight: 10',
        '      maxWeight: 50',
        '      match:',
        '        - a',
        '        - b',
        '    replicas: 2',
        '    ingress:',
        '      host: x.example',
        '',
      ].join('\n'),
    )
    expect(result.changes.map((c) => c.field)).toEqual(
      [
        'spec.values.image.tag',
        'spec.values.canary.enabled',
        'spec.values.canary.maxWeight',
        'spec.values.canary.match',
        'spec.values.ingress',
      ].map((f) => (f.startsWith('spec.values.image') ? `HelmRelease/podinfo ${f}` : f)),
    )
  })

  it('replaces a canary block key by key: changed in place, stale keys removed, other values untouched', () => {
    const current = [
      'kind: HelmRelease',
      'metadata:',
      '  name: app',
      'spec:',
      '  values:',
      '    canary:',
      '      enabled: true # on',
      '      analysis:',
      '        interval: 1m',
      '        stepWeight: 10',
      '        maxWeight: 50',
      '      checks: {successRate: 99, latency: 500}',
      '    image:',
      '      repository: ghcr.io/acme/app',
      '      tag: "1"',
      '',
    ].join('\r\n')
    const rendered =
      'canary:\n  enabled: true\n  analysis:\n    interval: 1m\n    stepWeights: [5, 10, 20]\n  checks: {successRate: 99, latency: 300}\n'
    const result = editImageTag({
      content: current,
      fileName: 'r.yaml',
      tag: '2',
      values: parseAllDocuments(rendered)[0]!.toJS(),
    })
    expect(result.content).toBe(
      [
        'kind: HelmRelease',
        'metadata:',
        '  name: app',
        'spec:',
        '  values:',
        '    canary:',
        '      enabled: true # on',
        '      analysis:',
        '        interval: 1m',
        '        stepWeights:',
        '          - 5',
        '          - 10',
        '          - 20',
        '      checks: {successRate: 99, latency: 300}',
        '    image:',
        '      repository: ghcr.io/acme/app',
        '      tag: "2"',
        '',
      ].join('\r\n'),
    )
    expect(result.changes.map((c) => `${c.field}: ${c.to}`)).toEqual([
      'HelmRelease/app spec.values.image.tag: 2',
      'spec.values.canary.analysis.stepWeight: (removed)',
      'spec.values.canary.analysis.maxWeight: (removed)',
      'spec.values.canary.analysis.stepWeights: [5, 10, 20]',
      'spec.values.canary.checks: {successRate: 99, latency: 300}',
    ])
  })

  it('keeps the comments of a block added from YAML text (render-canary-values output)', () => {
    const release =
      'kind: HelmRelease\nmetadata:\n  name: app\nspec:\n  values:\n    image:\n      repository: a/b\n      tag: "1"\n'
    const values = [
      'canary:',
      '  enabled: true',
      '  analysis: # Flagger spec.analysis',
      '    interval: 1m',
      '    stepWeights: [5, 10] # or maxWeight + stepWeight',
      '',
    ].join('\n')
    const result = editImageTag({ content: release, fileName: 'r.yaml', tag: '2', values })
    expect(result.content).toBe(
      release.replace('"1"', '"2"') +
        '    canary:\n      enabled: true\n      analysis: # Flagger spec.analysis\n        interval: 1m\n        stepWeights: [5, 10] # or maxWeight + stepWeight\n',
    )
  })

  it('writes values into an empty `values: {}` as a block', () => {
    const release =
      'kind: HelmRelease\nmetadata:\n  name: a\nspec:\n  values: {} # filled by CI\n  chart:\n    spec: {chart: a, version: "1"}\n'
    const result = editImageTag({
      content: release,
      fileName: 'r.yaml',
      tag: '2',
      field: 'spec.chart.spec.version',
      values: { canary: { enabled: true } },
    })
    expect(result.content).toBe(
      'kind: HelmRelease\nmetadata:\n  name: a\nspec:\n  values: # filled by CI\n    canary:\n      enabled: true\n  chart:\n    spec: {chart: a, version: "2"}\n',
    )
  })

  it('adds spec.values to a release without any', () => {
    const bare = 'kind: HelmRelease\nmetadata:\n  name: a\nspec:\n  chart:\n    spec: {chart: a}\n'
    const result = editImageTag({
      content: bare,
      fileName: 'r.yaml',
      tag: '1',
      field: 'spec.chart.spec.chart',
      values: { canary: { enabled: true } },
    })
    expect(result.content).toBe(
      'kind: HelmRelease\nmetadata:\n  name: a\nspec:\n  chart:\n    spec: {chart: "1"}\n  values:\n    canary:\n      enabled: true\n',
    )
  })
})

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
