import { groupVersion, type Registry } from './resources'
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
  const groups = new Map<string, Obj>()
  for (const g of registry.groups()) {
    if (g.group === '') continue
    const gv = { groupVersion: groupVersion(g), version: g.version }
    const entry = groups.get(g.group)
    if (entry) entry.versions.push(gv)
    else groups.set(g.group, { name: g.group, versions: [gv], preferredVersion: gv })
  }
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups.values()] }
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
      verbs: t.verbs ?? VERBS,
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
    if (t.scaleSubresource) {
      resources.push({
        name: `${t.plural}/scale`,
        singularName: '',
        namespaced: t.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
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
