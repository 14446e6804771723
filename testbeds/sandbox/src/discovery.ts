import { groupVersion, type Registry, type ResourceType } from './resources'
import type { Obj } from './util'

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']

export const versionInfo = {
  major: '1',
  // The gcloud kubectl dispatcher picks its bundled kubectl by this minor version.
  minor: '32',
  gitVersion: 'v1.32.0-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
}

/** Legacy discovery (APIVersions, APIGroupList, APIResourceList): every kubectl and client-node accepts it. */
export function apiVersions(host: string): Obj {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }],
  }
}

export function apiGroupList(registry: Registry): Obj {
  const groups = registry
    .groups()
    .filter((g) => g.group !== '')
    .map((g) => {
      const gv = { groupVersion: groupVersion(g), version: g.version }
      return { name: g.group, versions: [gv], preferredVersion: gv }
    })
  return { kind: 'APIGroupList', apiVersion: 'v1', groups }
}

export function apiResourceList(registry: Registry, group: string, version: string): Obj | undefined {
  const types = registry.all().filter((t) => t.group === group && t.version === version)
  if (types.length === 0) return undefined
  const resources: Obj[] = []
  for (const t of types) {
    const r: Obj = {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: VERBS,
    }
    if (t.shortNames) r.shortNames = t.shortNames
    if (t.categories) r.categories = t.categories
    resources.push(r)
    if (t.statusSubresource) {
      resources.push({
        name: `${t.plural}/status`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ['get', 'patch', 'update'],
      })
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group, version }),
    resources,
  }
}

const openApiPath = (g: { group: string; version: string }) =>
  g.group === '' ? `api/${g.version}` : `apis/${g.group}/${g.version}`

/**
 * The smallest OpenAPI v3 that lets kubectl's validation and apply work: one PATCH operation per kind
 * that accepts `fieldValidation`, so kubectl leaves validation to the server. Strategic merge is left out
 * of the content types on purpose: kubectl then builds patches from its compiled-in types.
 */
export function openApiRoot(registry: Registry): Obj {
  const paths: Obj = {}
  for (const g of registry.groups())
    paths[openApiPath(g)] = { serverRelativeURL: `/openapi/v3/${openApiPath(g)}` }
  return { paths }
}

export function openApiGroupVersion(registry: Registry, path: string): Obj | undefined {
  const g = registry.groups().find((x) => openApiPath(x) === path)
  if (!g) return undefined
  const paths: Obj = {}
  for (const t of registry.all().filter((x) => x.group === g.group && x.version === g.version)) {
    paths[objectPath(t)] = {
      patch: {
        'x-kubernetes-group-version-kind': { group: t.group, version: t.version, kind: t.kind },
        parameters: [
          { name: 'fieldValidation', in: 'query', schema: { type: 'string' } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string' } },
        ],
        requestBody: {
          content: {
            'application/json-patch+json': {},
            'application/merge-patch+json': {},
            'application/apply-patch+yaml': {},
          },
        },
        responses: { '200': { description: 'OK' } },
      },
    }
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: versionInfo.gitVersion },
    paths,
    components: { schemas: {} },
  }
}

function objectPath(t: ResourceType): string {
  const base = t.group === '' ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`
  return t.namespaced ? `${base}/namespaces/{namespace}/${t.plural}/{name}` : `${base}/${t.plural}/{name}`
}
