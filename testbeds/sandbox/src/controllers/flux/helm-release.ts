import { createHash } from 'node:crypto'
import { type Obj, timestamp } from '../../util'
import { applyAll } from '../apply'
import { type Controller, type ControllerContext, kind } from '../context'
import { periodic } from '../periodic'
import { gitChartDir, helmTemplate, renderRelease } from './helm-render'
import { conditions, handled, writeStatus } from './status'
import type { FluxStorage } from './storage'

/**
 * helm-controller: renders the release's chart (with the real helm for a chart in a GitRepository,
 * else the fixed app shape) and applies it, with the history and conditions Flux reports. The action
 * in progress shows as Ready=Unknown for two simulated seconds.
 */
export function helmReleaseController(ctx: ControllerContext, storage: FluxStorage): Controller {
  const helmReleases = kind(ctx.registry, 'helm.toolkit.fluxcd.io', 'helmreleases')
  const releases = periodic(ctx, helmReleases, 600_000, async (hr) => {
    const key = `${hr.metadata.namespace}/${hr.metadata.name}`
    const gen = hr.metadata.generation
    const old: Obj = hr.status ?? {}
    const chart = hr.spec?.chart?.spec ?? {}
    const chartName: string = chart.chart ?? hr.spec?.chartRef?.name ?? hr.metadata.name
    const chartVersion: string = chart.version && !/[*^~><=x ]/.test(chart.version) ? chart.version : '0.1.0'
    const targetNs: string = hr.spec?.targetNamespace ?? hr.metadata.namespace
    const release: string =
      hr.spec?.releaseName ??
      (hr.spec?.targetNamespace ? `${targetNs}-${hr.metadata.name}` : hr.metadata.name)
    const values: Obj = hr.spec?.values ?? {}
    const configDigest = `sha256:${createHash('sha256').update(JSON.stringify(values)).digest('hex')}`
    const history: Obj[] = old.history ?? []
    const latest = history[0]
    const inSync =
      latest &&
      latest.chartVersion === chartVersion &&
      latest.configDigest === configDigest &&
      latest.status === 'deployed'
    if (inSync) {
      writeStatus(ctx, helmReleases, hr, {
        ...old,
        observedGeneration: gen,
        lastAttemptedGeneration: gen,
        ...handled(hr),
      })
      return
    }
    const action = latest ? 'upgrade' : 'install'
    const version = (latest?.version ?? 0) + 1
    // Flux reports the action in progress before it finishes.
    writeStatus(ctx, helmReleases, hr, {
      ...old,
      observedGeneration: gen,
      lastAttemptedGeneration: gen,
      lastAttemptedRevision: chartVersion,
      lastAttemptedConfigDigest: configDigest,
      lastAttemptedReleaseAction: action,
      conditions: conditions(old.conditions, gen, [
        [
          'Ready',
          'Unknown',
          'Progressing',
          action === 'install'
            ? 'Fresh install in progress'
            : `Running '${action}' action with timeout of 5m0s`,
        ],
        ['Reconciling', 'True', 'Progressing', `Running '${action}' action with timeout of 5m0s`],
      ]),
    })
    await ctx.clock.sleep(2_000)
    const current = ctx.store.get(helmReleases, hr.metadata.namespace, hr.metadata.name)
    if (!current || current.metadata.generation !== gen) return // superseded; the next run takes over
    const status: Obj = current.status ?? {}
    try {
      const chartDir = gitChartDir(hr, storage)
      const objects = chartDir
        ? await storage.writing(helmTemplate(release, targetNs, chartDir, values, storage.root))
        : renderRelease(release, targetNs, chartName, chartVersion, values)
      const { changes } = applyAll(ctx, objects, {
        'helm.toolkit.fluxcd.io/name': hr.metadata.name,
        'helm.toolkit.fluxcd.io/namespace': hr.metadata.namespace,
        'app.kubernetes.io/managed-by': 'Helm',
      })
      for (const change of changes) ctx.log(`helmrelease ${key}: ${change}`)
    } catch (err) {
      const reason = action === 'install' ? 'InstallFailed' : 'UpgradeFailed'
      const message = `Helm ${action} failed for release ${targetNs}/${release} with chart ${chartName}@${chartVersion}: ${(err as Error).message}`
      writeStatus(ctx, helmReleases, current, {
        ...status,
        ...handled(current),
        ...(action === 'install'
          ? { installFailures: (status.installFailures ?? 0) + 1 }
          : { upgradeFailures: (status.upgradeFailures ?? 0) + 1 }),
        conditions: conditions(status.conditions, gen, [
          ['Ready', 'False', reason, message],
          ['Released', 'False', reason, message],
        ]).filter((c) => c.type !== 'Reconciling'),
      })
      ctx.events.record(current, 'Warning', reason, message, 'helm-controller')
      ctx.log(`helmrelease ${key}: ${message}`)
      return
    }
    const now = timestamp()
    const entry = {
      name: release,
      namespace: targetNs,
      version,
      status: 'deployed',
      chartName,
      chartVersion,
      appVersion: String(values.image?.tag ?? chartVersion),
      configDigest,
      digest: `sha256:${createHash('sha256').update(`${release}.v${version}${configDigest}`).digest('hex')}`,
      firstDeployed: latest?.firstDeployed ?? now,
      lastDeployed: now,
    }
    const reason = action === 'install' ? 'InstallSucceeded' : 'UpgradeSucceeded'
    const message = `Helm ${action} succeeded for release ${targetNs}/${release}.v${version} with chart ${chartName}@${chartVersion}`
    writeStatus(ctx, helmReleases, current, {
      ...status,
      ...handled(current),
      helmChart: `${hr.metadata.namespace}/${hr.metadata.namespace}-${hr.metadata.name}`,
      storageNamespace: targetNs,
      history: [
        entry,
        ...history.map((h) => ({ ...h, status: h.status === 'deployed' ? 'superseded' : h.status })),
      ].slice(0, 5),
      conditions: conditions(status.conditions, gen, [
        ['Ready', 'True', reason, message],
        ['Released', 'True', reason, message],
      ]).filter((c) => c.type !== 'Reconciling'),
    })
    ctx.events.record(current, 'Normal', reason, message, 'helm-controller')
    ctx.log(`helmrelease ${key}: ${message}`)
  })

  return { stop: () => releases.stop() }
}
