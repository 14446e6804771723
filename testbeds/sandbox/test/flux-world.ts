import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { repoRoot } from '@canary-delivery/tools'
import {
  type ChartRepository,
  type Sandbox,
  type SandboxOptions,
  serveCharts,
  startSandbox,
} from '../src/index'
import type { Obj } from '../src/util'
import { waitFor } from './helpers'

export const APP_CHART = join(repoRoot, 'workflows-examples/charts/app')

/**
 * A sandbox at a hundredth of real time with a chart repository on 127.0.0.1, for Flux model tests
 * driven through the store. `charts` are chart folders to package and serve (the reference app chart
 * by default); `chart()` writes a small chart of the test's own.
 */
export interface FluxWorld {
  sandbox: Sandbox
  repo: ChartRepository
  create(apiVersion: string, kind: string, obj: Obj): Obj
  get(apiVersion: string, kind: string, namespace: string, name: string): Obj | undefined
  /** Merges `spec` into the object's spec and optionally sets annotations. */
  patch(apiVersion: string, kind: string, namespace: string, name: string, change: (o: Obj) => void): void
  helmRelease(namespace: string, name: string): Obj
  condition(obj: Obj | undefined, type: string): Obj | undefined
  /** Waits until the HelmRelease's condition `type` has `status` (and reason, when given). */
  until(namespace: string, name: string, type: string, status: string, reason?: string): Promise<Obj>
  events(namespace: string, name: string): string[]
  namespace(name: string): void
  stop(): Promise<void>
}

export async function startFluxWorld(
  charts: string[] = [APP_CHART],
  options: SandboxOptions = {},
): Promise<FluxWorld> {
  const repo = await serveCharts(charts)
  const sandbox = await startSandbox({ timeScale: 0.01, ...options })
  const rt = (apiVersion: string, kind: string) => {
    const t = sandbox.store.registry.byKind(apiVersion, kind)
    if (!t) throw new Error(`no ${kind} served`)
    return t
  }
  const world: FluxWorld = {
    sandbox,
    repo,
    create: (apiVersion, kind, obj) => sandbox.store.create(rt(apiVersion, kind), obj),
    get: (apiVersion, kind, namespace, name) => sandbox.store.get(rt(apiVersion, kind), namespace, name),
    patch(apiVersion, kind, namespace, name, change) {
      const o = sandbox.store.get(rt(apiVersion, kind), namespace, name)!
      change(o)
      sandbox.store.update(rt(apiVersion, kind), o)
    },
    helmRelease: (namespace, name) => world.get('helm.toolkit.fluxcd.io/v2', 'HelmRelease', namespace, name)!,
    condition: (obj, type) => (obj?.status?.conditions ?? []).find((c: Obj) => c.type === type),
    until: (namespace, name, type, status, reason) =>
      waitFor(`HelmRelease ${namespace}/${name} ${type}=${status}${reason ? ` (${reason})` : ''}`, () => {
        const hr = world.helmRelease(namespace, name)
        const c = world.condition(hr, type)
        return c?.status === status && (!reason || c.reason === reason) && hr
      }),
    events: (namespace, name) =>
      sandbox.store
        .list(rt('v1', 'Event'), namespace)
        .filter((e) => e.involvedObject?.name === name)
        .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
        .map((e) => `${e.reason}: ${e.message}`),
    namespace: (name) => void world.create('v1', 'Namespace', { metadata: { name } }),
    async stop() {
      await sandbox.stop()
      await repo.stop()
    },
  }
  return world
}

/** Writes a chart folder (Chart.yaml plus `files`) under a new temporary folder; returns the chart folder. */
export function writeChart(name: string, version: string, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), `chart-${name}-`))
  const dir = join(root, name)
  const all = {
    'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "${version}"\n`,
    ...files,
  }
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

export const removeChart = (dir: string) => rmSync(dirname(dir), { recursive: true, force: true })
