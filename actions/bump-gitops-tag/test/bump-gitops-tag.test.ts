import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { resolveNode } from '@canary-delivery/action-runner'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bump, errors, head, makeRemote, realWorld, scratch, show, subjects } from './helpers'

const files = {
  'apps/demo/release.yaml': realWorld('svc-design__gitops__apps__demo__go-app__release.yaml'),
  'apps/backend/kustomization.yaml': realWorld(
    'stefanprodan__gitops-istio__apps__backend__kustomization.yaml',
  ),
  'apps/backend/deployment.yaml': realWorld('stefanprodan__gitops-istio__apps__backend__deployment.yaml'),
  'apps/radix/helmRelease.yaml': realWorld(
    'equinor__radix-flux__clusters__development__overlay__radix-platform__radix-operator__helmRelease.yaml',
  ),
  'apps/setters/kustomization.yml': realWorld(
    'fluxcd__image-automation-controller__internal__update__testdata__setters__original__kustomization.yml',
  ),
  'charts/podinfo/values.yaml': realWorld('stefanprodan__podinfo__charts__podinfo__values.yaml'),
  'apps/qbtools/helmrelease.yaml': realWorld(
    'onedr0p__home-ops__kubernetes__main__apps__default__qbittorrent__tools__helmrelease.yaml',
  ),
  'apps/crlf/values.yaml':
    '# CRLF file\r\nimage:\r\n  repository: ghcr.io/acme/crlf # kept\r\n  tag: "1.0.0"\r\n\r\nreplicas: 1\r\n',
  'apps/sit/podinfo.yaml': [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    '  name: podinfo',
    'spec:',
    '  values:',
    '    image:',
    '      repository: ghcr.io/stefanprodan/podinfo',
    '      tag: 6.0.0 # the app',
    '    canary:',
    '      enabled: false',
    '',
  ].join('\n'),
  'broken/values.yaml': 'image:\n  tag: [unclosed\n',
  'apps/marked/kustomization.yaml': [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'images:',
    '  - name: ghcr.io/acme/storefront',
    '    newTag: 6.0.0 # {"$imagepolicy": "flux-system:shop:tag"}',
    '  - name: ghcr.io/acme/payments',
    '    newTag: 6.0.0 # {"$imagepolicy": "flux-system:billing:tag"}',
    '',
  ].join('\n'),
}

let bare: string
let cleanup: () => void
beforeAll(() => {
  const tmp = scratch()
  cleanup = tmp.cleanup
  bare = join(tmp.dir, 'gitops.git')
  makeRemote(bare, files)
})
afterAll(() => cleanup())

/** The lines of a file that differ after the run (the file keeps its line count in these cases). */
function changed(before: string, after: string): string[] {
  const a = before.split('\n')
  return after.split('\n').filter((line, i) => line !== a[i])
}

describe('push mode, each file shape, through the bundle', () => {
  it('multi-document seed release.yaml on Node 24: one line, the quoted SHA, trailers in the commit', async () => {
    const sha = '0123456789abcdef0123456789abcdef01234567'
    const result = await bump(
      { repository: bare, file: 'apps/{app}/release.yaml', app: 'demo', environment: 'sit', tag: sha },
      { node: resolveNode('24') },
    )
    expect(errors(result)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      changed: 'true',
      'previous-tag': 'fe2a0fba3014709b26d8acd75bacb661bf2522a4',
      file: 'apps/demo/release.yaml',
    })
    expect(result.outputs['commit-sha']).toBe(head(bare))
    expect(changed(files['apps/demo/release.yaml'], show(bare, 'apps/demo/release.yaml'))).toEqual([
      `      tag: "${sha}"`,
    ])
    const message = (await import('./helpers')).git(bare, 'log', '-1', '--format=%B')
    expect(message).toContain(`demo sit: fe2a0fba3014709b26d8acd75bacb661bf2522a4 → ${sha}`)
    expect(message).toContain(
      `Source-Repository: acme/podinfo\nSource-Commit: ${'f'.repeat(40)}\nRun-URL: https://github.com/acme/podinfo/actions/runs/42`,
    )
    expect(result.summary).toContain(`+      tag: "${sha}"`)
    expect(result.log).not.toContain('ghs_testTokenForGitops')
  })

  const shapes: { name: string; file: string; inputs?: Record<string, string>; line: string }[] = [
    {
      name: 'kustomization images[].newTag',
      file: 'apps/backend/kustomization.yaml',
      line: '    newTag: 6.2.0',
    },
    {
      name: 'container image: repo:tag',
      file: 'apps/backend/deployment.yaml',
      inputs: { image: 'ghcr.io/stefanprodan/podinfo' },
      line: '          image: ghcr.io/stefanprodan/podinfo:6.2.0',
    },
    {
      name: 'Flux setter marker',
      file: 'apps/radix/helmRelease.yaml',
      line: '      tag: 6.2.0 # {"$imagepolicy": "flux-system:radix-operator:tag"}',
    },
    { name: 'chart values image.tag', file: 'charts/podinfo/values.yaml', line: '  tag: 6.2.0' },
    {
      name: 'plain values chosen by image',
      file: 'charts/podinfo/values.yaml',
      inputs: { image: 'docker.io/redis' },
      line: '  tag: 6.2.0',
    },
  ]
  for (const shape of shapes) {
    it(shape.name, async () => {
      const before = show(bare, shape.file)
      const result = await bump({
        repository: bare,
        file: shape.file,
        app: 'podinfo',
        environment: 'sit',
        tag: '6.2.0',
        ...shape.inputs,
      })
      expect(errors(result)).toEqual([])
      expect(result.outputs.changed).toBe('true')
      const lines = changed(before, show(bare, shape.file))
      expect(lines).toHaveLength(1)
      expect(lines[0]!.replace(/\s+#.*$/, '')).toBe(shape.line.replace(/\s+#.*$/, ''))
    })
  }

  it('a kustomize entry whose newTag carries a Flux tag marker is chosen by the image it names', async () => {
    const result = await bump({
      repository: bare,
      file: 'apps/marked/kustomization.yaml',
      app: 'payments',
      environment: 'sit',
      tag: '6.2.0',
      image: 'ghcr.io/acme/payments',
    })
    expect(errors(result)).toEqual([])
    expect(show(bare, 'apps/marked/kustomization.yaml')).toBe(
      files['apps/marked/kustomization.yaml'].replace(
        '6.0.0 # {"$imagepolicy": "flux-system:billing:tag"}',
        '6.2.0 # {"$imagepolicy": "flux-system:billing:tag"}',
      ),
    )
  })

  it('Flux setters: tag and name both follow the image', async () => {
    const result = await bump({
      repository: bare,
      file: 'apps/setters/kustomization.yml',
      app: 'c',
      environment: 'sit',
      tag: 'v2',
      image: 'ghcr.io/acme/container',
    })
    expect(errors(result)).toEqual([])
    const after = show(bare, 'apps/setters/kustomization.yml')
    expect(after).toContain('newTag: v2 # {"$imagepolicy": "automation-ns:policy:tag"}')
    expect(after).toContain('newName: ghcr.io/acme/container # {"$imagepolicy": "automation-ns:policy:name"}')
  })

  it('anchors: the anchored tag changes once and every alias follows', async () => {
    const result = await bump({
      repository: bare,
      file: 'apps/qbtools/helmrelease.yaml',
      app: 'qbtools',
      environment: 'sit',
      tag: 'v0.16.0',
    })
    expect(errors(result)).toEqual([])
    expect(
      changed(files['apps/qbtools/helmrelease.yaml'], show(bare, 'apps/qbtools/helmrelease.yaml')),
    ).toHaveLength(1)
  })

  it('CRLF line endings and comments stay byte for byte', async () => {
    const result = await bump({
      repository: bare,
      file: 'apps/crlf/values.yaml',
      app: 'crlf',
      environment: 'sit',
      tag: '1.10',
    })
    expect(errors(result)).toEqual([])
    expect(show(bare, 'apps/crlf/values.yaml')).toBe(
      files['apps/crlf/values.yaml'].replace('"1.0.0"', '"1.10"'),
    )
  })

  it('merges render-canary-values output under spec.values', async () => {
    const values = 'canary:\n  enabled: true\n  stepWeight: 20\n  maxWeight: 60\n'
    const result = await bump({
      repository: bare,
      file: 'apps/sit/podinfo.yaml',
      app: 'podinfo',
      environment: 'sit',
      tag: '6.1.0',
      values,
    })
    expect(errors(result)).toEqual([])
    expect(show(bare, 'apps/sit/podinfo.yaml')).toBe(
      files['apps/sit/podinfo.yaml']
        .replace('6.0.0 # the app', '6.1.0 # the app')
        .replace('enabled: false\n', 'enabled: true\n      stepWeight: 20\n      maxWeight: 60\n'),
    )
  })

  it('already at the tag: changed=false and no commit', async () => {
    const before = head(bare)
    const result = await bump({
      repository: bare,
      file: 'apps/backend/kustomization.yaml',
      app: 'podinfo',
      environment: 'sit',
      tag: '6.2.0',
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ changed: 'false', 'previous-tag': '6.2.0', 'commit-sha': '' })
    expect(head(bare)).toBe(before)
  })

  it('if-current-tag: writes only while the file holds that tag', async () => {
    const before = head(bare)
    const base = {
      repository: bare,
      file: 'apps/backend/kustomization.yaml',
      app: 'podinfo',
      environment: 'sit',
    }
    const refused = await bump({ ...base, tag: '5.9.0', 'if-current-tag': '6.1.9' })
    expect(refused.exitCode).toBe(0)
    expect(refused.outputs).toMatchObject({ changed: 'false', 'previous-tag': '6.2.0', 'commit-sha': '' })
    expect(head(bare)).toBe(before)
    const written = await bump({ ...base, tag: '5.9.0', 'if-current-tag': '6.2.0' })
    expect(written.outputs).toMatchObject({ changed: 'true', 'previous-tag': '6.2.0' })
    expect(head(bare)).not.toBe(before)
    await bump({ ...base, tag: '6.2.0' })
  })

  it('dry run: shows the diff, pushes nothing', async () => {
    const before = head(bare)
    const result = await bump({
      repository: bare,
      file: 'apps/backend/kustomization.yaml',
      app: 'podinfo',
      environment: 'sit',
      tag: '7.0.0',
      'dry-run': 'true',
    })
    expect(result.outputs).toMatchObject({ changed: 'true', 'commit-sha': '' })
    expect(result.summary).toContain('+    newTag: 7.0.0')
    expect(head(bare)).toBe(before)
  })
})

describe('bad input: one line, exit 1, remote untouched', () => {
  const cases: { name: string; inputs: Record<string, string>; message: RegExp }[] = [
    {
      name: 'invalid tag',
      inputs: { file: 'apps/backend/kustomization.yaml', tag: 'v1 ; rm -rf' },
      message: /^Input 'tag': expected an image tag matching/,
    },
    {
      name: 'path leaving the repository',
      inputs: { file: '../outside.yaml', tag: 'v1' },
      message: /^Input 'file': '..\/outside.yaml' leaves the repository$/,
    },
    {
      name: 'missing file',
      inputs: { file: 'apps/nope.yaml', tag: 'v1' },
      message: /^Input 'file': apps\/nope.yaml is not a file on branch 'main'/,
    },
    {
      name: 'invalid YAML',
      inputs: { file: 'broken/values.yaml', tag: 'v1' },
      message: /^broken\/values.yaml:\d+:\d+ is not valid YAML/,
    },
    {
      name: 'no candidate field',
      inputs: { file: 'apps/crlf/values.yaml', tag: 'v1', field: 'spec.values.image.tag' },
      message: /has no field 'spec.values.image.tag'/,
    },
    {
      name: 'unknown branch',
      inputs: { file: 'apps/crlf/values.yaml', tag: 'v1', branch: 'nope' },
      message: /^Input 'branch': .* has no branch 'nope'$/,
    },
  ]
  for (const c of cases) {
    it(c.name, async () => {
      const before = head(bare)
      const result = await bump({ repository: bare, app: 'podinfo', environment: 'sit', ...c.inputs })
      expect(result.exitCode).toBe(1)
      const errs = errors(result)
      expect(errs).toHaveLength(1)
      expect(errs[0]).toMatch(c.message)
      expect(errs[0]).not.toContain('\n')
      expect(head(bare)).toBe(before)
    })
  }
})

describe('delivery file', () => {
  it('takes repository, branch, file and app from config + environment', async () => {
    const tmp = scratch()
    try {
      writeFileSync(
        join(tmp.dir, 'delivery.yaml'),
        [
          'app: podinfo',
          'image: ghcr.io/stefanprodan/podinfo',
          'gitops:',
          `  repository: ${bare}`,
          '  file: apps/{environment}/{app}.yaml',
          'environments:',
          '  - name: sit',
          '  - name: uat',
          '',
        ].join('\n'),
      )
      const result = await bump(
        { config: 'delivery.yaml', environment: 'sit', tag: '6.3.0' },
        { workspace: tmp.dir },
      )
      expect(errors(result)).toEqual([])
      expect(result.outputs).toMatchObject({
        changed: 'true',
        file: 'apps/sit/podinfo.yaml',
        'previous-tag': '6.1.0',
      })
      expect(subjects(bare)[0]).toBe('podinfo sit: 6.1.0 → 6.3.0')
    } finally {
      tmp.cleanup()
    }
  })
})
