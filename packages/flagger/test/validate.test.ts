import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { CRD_FILES, crdDir, extractSchemas } from '../src/crd-files'
import { type KubeObject, knownKinds, validateObject } from '../src/index'

const realWorld = join(import.meta.dirname, 'fixtures/real-world')
const load = (file: string): KubeObject[] =>
  parseAllDocuments(readFileSync(join(realWorld, file), 'utf8')).map((d) => d.toJS() as KubeObject)

const canary = (analysis: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  metadata: { name: 'podinfo', namespace: 'test' },
  spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' }, analysis, ...extra },
})

describe('the bundled schemas', () => {
  it('are the openAPIV3Schemas of the verbatim CRD files, unchanged', () => {
    const fromYaml = extractSchemas(CRD_FILES.map((file) => join(crdDir, file)))
    const bundled = JSON.parse(readFileSync(join(crdDir, 'openapi.json'), 'utf8'))
    expect(bundled).toEqual(fromYaml)
    expect(knownKinds().sort()).toEqual([
      'apisix.apache.org/v2/ApisixRoute',
      'flagger.app/v1beta1/AlertProvider',
      'flagger.app/v1beta1/Canary',
      'flagger.app/v1beta1/MetricTemplate',
    ])
  })
})

describe('validateObject against the real CRDs', () => {
  const files = readdirSync(realWorld).filter((f) => f.endsWith('.yaml'))
  const objects = files.flatMap((file) => load(file).map((object) => ({ file, object })))

  it("accepts the Flagger project's own examples and the APISIX tutorial objects", () => {
    const known = objects.filter(
      ({ object }) => object.apiVersion && knownKinds().includes(`${object.apiVersion}/${object.kind}`),
    )
    const examples = known.filter(({ file }) => !file.startsWith('MoeGolibrary'))
    expect(examples.length).toBeGreaterThanOrEqual(12)
    for (const { file, object } of examples)
      expect(validateObject(object), file).toEqual({ valid: true, errors: [] })
  })

  it("rejects a fork's Canary with fields and a webhook type Flagger 1.44 does not have", () => {
    const { object } = objects.find(({ file }) => file.startsWith('MoeGolibrary'))!
    const result = validateObject(object)
    expect(result.valid).toBe(false)
    expect(result.errors).toContain('spec.analysis.match[0]: unknown field "authority"')
    expect(result.errors.some((e) => e.startsWith('spec.analysis.webhooks[3].type: must be one of'))).toBe(
      true,
    )
  })

  it('names a version this package has no schema for', () => {
    const { object } = objects.find(({ object }) => object.apiVersion === 'flagger.app/v1alpha3')!
    expect(validateObject(object).errors[0]).toMatch(/no CRD schema for flagger.app\/v1alpha3 Canary/)
  })

  it('enforces the oneOf of iterations, stepWeight and stepWeights as the API server does', () => {
    expect(
      validateObject(canary({ interval: '1m', threshold: 5, stepWeight: 10, maxWeight: 50 })).valid,
    ).toBe(true)
    expect(validateObject(canary({ interval: '1m', threshold: 5, iterations: 10 })).valid).toBe(true)
    expect(validateObject(canary({ interval: '1m', threshold: 5, stepWeights: [1, 5] })).valid).toBe(true)
    expect(
      validateObject(canary({ interval: '1m', threshold: 5, iterations: 10, stepWeight: 10 })).errors,
    ).toEqual([
      'spec.analysis: needs exactly one of iterations, stepWeight, stepWeights (got iterations and stepWeight)',
    ])
    expect(validateObject(canary({ interval: '1m', threshold: 5, maxWeight: 50 })).errors).toEqual([
      'spec.analysis: needs interval, threshold and exactly one of iterations, stepWeight, stepWeights (none is set)',
    ])
    // threshold is part of every branch
    expect(validateObject(canary({ interval: '1m', stepWeight: 10 })).valid).toBe(false)
  })

  it("reports unknown fields (the seed chart's max_weight), bad durations, int-or-string and enums", () => {
    const result = validateObject(
      canary(
        { interval: '1 minute', threshold: 1, stepWeight: 10, max_weight: 50 },
        { provider: 'apisix-ingress', service: { port: 80, targetPort: true } },
      ),
    )
    expect(result.errors).toEqual(
      expect.arrayContaining([
        'spec.analysis: unknown field "max_weight"',
        'spec.analysis.interval: must match pattern "^[0-9]+(m|s)"',
        'spec.service.targetPort: must be an integer or a string',
        expect.stringMatching(/^spec.provider: must be one of "apisix", "appmesh"/),
      ]),
    )
    expect(
      validateObject(
        canary(
          { interval: '1m', threshold: 1, stepWeight: 10 },
          { service: { port: 80, targetPort: 'http' } },
        ),
      ).valid,
    ).toBe(true)
    expect(
      validateObject(
        canary({ interval: '1m', threshold: 1, stepWeight: 10 }, { service: { port: 80, targetPort: 8080 } }),
      ).valid,
    ).toBe(true)
  })

  it('checks metadata names and the uniqueness of ApisixRoute rule names (list-type map)', () => {
    const route = load('fluxcd__flagger__test__apisix__test-canary.sh.L11-34.apisixroute.yaml')[0]!
    const spec = route.spec as { http: unknown[] }
    const doubled = { ...route, spec: { ...spec, http: [spec.http[0], spec.http[0]] } }
    expect(validateObject(doubled).errors).toEqual([
      expect.stringMatching(/^spec.http: duplicate entries with name/),
    ])
    expect(validateObject({ ...route, metadata: { name: 'Not_A_Name' } }).errors[0]).toMatch(
      /^metadata.name: must match pattern/,
    )
  })
})
