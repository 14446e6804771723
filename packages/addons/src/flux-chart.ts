import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigurationError, inert, inertLines, spawnArgv, tail } from '@canary-delivery/action-kit'
import { parse, stringify } from 'yaml'
import type { Helm } from './helm'

/**
 * Flux itself, the one thing the action installs directly: the flux2 chart at the pinned version
 * with the real helm. The same chart version and values mean no helm upgrade at all, so a rerun
 * changes nothing in the cluster.
 */

export const FLUX_RELEASE = 'flux'
export const FLUX_CHART = 'flux2'

export interface FluxChartSettings {
  repository: string
  version: string
  namespace: string
  values: Record<string, unknown>
}

export interface HelmRun {
  helm: Helm
  env: Record<string, string>
  /** `--kube-context` when the kubeconfig's current context is not the one to use. */
  context?: string
  /** Private folder for the values file. */
  workDir: string
  log: (line: string) => void
}

export interface FluxRelease {
  chartVersion: string
  appVersion: string
  status: string
  revision: number
  values: Record<string, unknown>
}

export interface FluxPlan {
  action: 'install' | 'upgrade' | 'none'
  /** One line per difference, for the log and the plan. */
  changes: string[]
  current?: FluxRelease
  /** The chart's appVersion: the Flux version it runs. */
  appVersion: string
}

function chartArgs(chart: FluxChartSettings): string[] {
  return chart.repository.startsWith('oci://')
    ? [`${chart.repository}/${FLUX_CHART}`, '--version', chart.version]
    : [FLUX_CHART, '--repo', chart.repository, '--version', chart.version]
}

async function helm(run: HelmRun, args: string[], quiet = true) {
  return spawnArgv(run.helm.file, [...args, ...(run.context ? ['--kube-context', run.context] : [])], {
    env: run.env,
    quiet,
  })
}

/**
 * The chart's metadata from its repository, before anything is installed: an unknown version is the
 * user's mistake (named by its input), an unreachable repository too.
 */
export async function showFluxChart(run: HelmRun, chart: FluxChartSettings): Promise<{ appVersion: string }> {
  const result = await helm(run, ['show', 'chart', ...chartArgs(chart)])
  if (result.exitCode !== 0) {
    const detail = inert(tail(result.stderr, 3))
    if (/not found|no chart version|no matching version|manifest unknown/i.test(result.stderr))
      throw new ConfigurationError(
        `Input 'flux-chart-version': ${chart.repository} has no ${FLUX_CHART} chart at version ${chart.version} (helm: ${detail})`,
      )
    throw new ConfigurationError(
      `Input 'flux-chart-repository': the ${FLUX_CHART} chart could not be read from ${chart.repository} (helm: ${detail})`,
    )
  }
  const metadata = parse(result.stdout, { maxAliasCount: 10 }) as { appVersion?: unknown; version?: unknown }
  return { appVersion: String(metadata?.appVersion ?? 'unknown') }
}

/** The installed release, or undefined when there is none. */
export async function currentFluxRelease(run: HelmRun, namespace: string): Promise<FluxRelease | undefined> {
  const list = await helm(run, [
    'list',
    '-n',
    namespace,
    '--deployed',
    '--failed',
    '--pending',
    '-o',
    'json',
    '--filter',
    `^${FLUX_RELEASE}$`,
  ])
  if (list.exitCode !== 0) throw new Error(`helm list failed: ${inert(tail(list.stderr, 3))}`)
  const releases = JSON.parse(list.stdout || '[]') as {
    name: string
    chart: string
    app_version: string
    status: string
    revision: string
  }[]
  const release = releases.find((r) => r.name === FLUX_RELEASE)
  if (!release) return undefined
  const values = await helm(run, ['get', 'values', FLUX_RELEASE, '-n', namespace, '-o', 'json'])
  if (values.exitCode !== 0) throw new Error(`helm get values failed: ${inert(tail(values.stderr, 3))}`)
  return {
    chartVersion: release.chart.startsWith(`${FLUX_CHART}-`)
      ? release.chart.slice(FLUX_CHART.length + 1)
      : release.chart,
    appVersion: release.app_version,
    status: release.status,
    revision: Number(release.revision),
    values: (JSON.parse(values.stdout || 'null') as Record<string, unknown> | null) ?? {},
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/** The top-level value keys that differ, so a plan says what moves without printing values. */
function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => canonical(before[key]) !== canonical(after[key]))
    .sort()
}

/** What apply would do to Flux's release: nothing when the chart version, values and status agree. */
export function planFlux(
  current: FluxRelease | undefined,
  chart: FluxChartSettings,
  appVersion: string,
): FluxPlan {
  if (!current)
    return {
      action: 'install',
      changes: [
        `install ${FLUX_CHART} ${chart.version} (Flux ${appVersion}) as release ${chart.namespace}/${FLUX_RELEASE}`,
      ],
      appVersion,
    }
  const changes: string[] = []
  if (current.chartVersion !== chart.version)
    changes.push(
      `chart ${FLUX_CHART} ${current.chartVersion} → ${chart.version} (Flux ${current.appVersion} → ${appVersion})`,
    )
  const keys = changedKeys(current.values, chart.values)
  if (keys.length) changes.push(`values changed: ${keys.join(', ')}`)
  if (current.status !== 'deployed') changes.push(`release status is ${current.status}, not deployed`)
  return { action: changes.length ? 'upgrade' : 'none', changes, current, appVersion }
}

/** `helm upgrade --install … --wait`: the controllers are Available when it returns. */
export async function applyFlux(run: HelmRun, chart: FluxChartSettings, timeoutMs: number): Promise<void> {
  const valuesFile = join(run.workDir, 'flux-values.yaml')
  writeFileSync(valuesFile, stringify(chart.values), { mode: 0o600 })
  const seconds = Math.max(30, Math.floor(timeoutMs / 1000))
  const result = await spawnArgv(
    run.helm.file,
    [
      'upgrade',
      '--install',
      FLUX_RELEASE,
      ...chartArgs(chart),
      '--namespace',
      chart.namespace,
      '--create-namespace',
      '--values',
      valuesFile,
      '--wait',
      '--timeout',
      `${seconds}s`,
      ...(run.context ? ['--kube-context', run.context] : []),
    ],
    { env: run.env },
  )
  const output = inertLines(result.stdout.trim())
  if (output) for (const line of output.split('\n').slice(0, 20)) run.log(`  ${line}`)
  if (result.interrupted) throw new Error(`helm upgrade was stopped (${result.interrupted})`)
  if (result.exitCode !== 0)
    throw new Error(`helm upgrade --install ${FLUX_RELEASE} failed: ${inert(tail(result.stderr, 5))}`)
}
