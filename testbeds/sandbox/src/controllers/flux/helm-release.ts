import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { goDuration } from '../../clock'
import type { StoreEvent } from '../../store'
import { clone, deepEqual, type Obj, stableJson } from '../../util'
import { type Controller, type ControllerContext, kind } from '../context'
import { periodic, requestedAt } from '../periodic'
import { deferrer } from '../workqueue'
import { type ActionResult, HelmActions, type ReleaseRequest } from './helm-actions'
import { chartTemplate, sourceNotReady } from './helm-chart-template'
import {
  type ActionName,
  crdsOf,
  exceededMessage,
  forceRequested,
  remediationOf,
  resetRequested,
  retriesExhausted,
  summarizedReady,
  timeoutOf,
  waitOf,
} from './helm-policy'
import { ReleaseStorage, snapshot } from './helm-storage'
import { composeValues } from './helm-values'
import { type Cond, conditions } from './status'
import type { FluxStorage } from './storage'

/** helm-controller's --requeue-dependency: how soon a release waiting for something looks again. */
const DEPENDENCY_REQUEUE_MS = 5_000
const RETRY_MS = 10_000
/** What a Helm action takes before it acts, in simulated time, so "in progress" is observable. */
const ACTION_MS = 2_000

type Action = { type: 'release' | 'remediate'; name: ActionName }

/**
 * helm-controller 1.x: a HelmRelease's chart template becomes a HelmChart for source-controller; once
 * its dependencies are Ready and its chart is built, the release is installed or upgraded (rendered
 * with the real helm and applied), and a failure is remediated as `install/upgrade.remediation` says:
 * retries, rollback or uninstall, "Failed to <action> after N attempt(s)" (Stalled) once they run out,
 * until the spec changes or a reset or force is requested. Conditions and events in Flux's words.
 */
export function helmReleaseController(
  ctx: ControllerContext,
  storage: FluxStorage,
  releases = new ReleaseStorage(),
): Controller {
  const helmReleases = kind(ctx.registry, 'helm.toolkit.fluxcd.io', 'helmreleases')
  const helmCharts = kind(ctx.registry, 'source.toolkit.fluxcd.io', 'helmcharts')
  const actions = new HelmActions(ctx, storage, releases)
  const reconciler = periodic(ctx, helmReleases, 600_000, (hr) =>
    new Reconcile(ctx, helmReleases, helmCharts, storage, actions, hr).run(),
  )
  const deferred = deferrer(ctx)
  const later = deferred.later
  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    // A new chart artifact reconciles the release it was made for.
    if (e.rt === helmCharts && e.type !== 'DELETED') {
      const revision = e.object.status?.artifact?.revision
      const labels = e.object.metadata.labels ?? {}
      if (
        revision &&
        revision !== e.previous?.status?.artifact?.revision &&
        labels['helm.toolkit.fluxcd.io/name']
      )
        reconciler.kick(labels['helm.toolkit.fluxcd.io/namespace'], labels['helm.toolkit.fluxcd.io/name'])
    }
    // A deleted HelmRelease is uninstalled, and its HelmChart goes with it.
    if (e.rt === helmReleases && e.type === 'DELETED') {
      const hr = e.object
      later(() => {
        const { release, namespace } = releaseName(hr)
        if (!hr.spec?.suspend && actions.uninstall(namespace, release).stored)
          ctx.log(
            `helmrelease ${hr.metadata.namespace}/${hr.metadata.name}: uninstalled ${namespace}/${release}`,
          )
        const chart = chartTemplate(hr)
        if (chart && ctx.store.get(helmCharts, chart.metadata.namespace, chart.metadata.name))
          ctx.store.delete(helmCharts, chart.metadata.namespace, chart.metadata.name)
      })
    }
  })
  return {
    stop() {
      unsubscribe()
      deferred.stop()
      reconciler.stop()
    },
  }
}

/** The Helm release a HelmRelease makes: its name and the namespace it goes to. */
export function releaseName(hr: Obj): { release: string; namespace: string } {
  const namespace: string = hr.spec?.targetNamespace ?? hr.metadata.namespace
  const release: string =
    hr.spec?.releaseName ?? (hr.spec?.targetNamespace ? `${namespace}-${hr.metadata.name}` : hr.metadata.name)
  return { release, namespace }
}

/** One reconcile of one HelmRelease, working on a copy of its status that is written as it goes. */
class Reconcile {
  private readonly status: Obj
  private readonly key: string
  private readonly gen: number

  constructor(
    private readonly ctx: ControllerContext,
    private readonly helmReleases: ReturnType<typeof kind>,
    private readonly helmCharts: ReturnType<typeof kind>,
    private readonly storage: FluxStorage,
    private readonly actions: HelmActions,
    private readonly hr: Obj,
  ) {
    this.status = clone(hr.status ?? {})
    this.key = `${hr.metadata.namespace}/${hr.metadata.name}`
    this.gen = hr.metadata.generation
    const requested = requestedAt(hr)
    if (requested) this.status.lastHandledReconcileAt = requested
  }

  async run(): Promise<number | undefined> {
    const { ctx, hr, status } = this
    this.set([['Reconciling', 'True', 'Progressing', 'Fulfilling prerequisites']])
    this.save(false)

    const dependency = this.dependencyNotReady()
    if (dependency) {
      this.set([['Ready', 'False', 'DependencyNotReady', dependency]])
      ctx.events.record(hr, 'Normal', 'DependencyNotReady', dependency, 'helm-controller')
      this.save(false)
      return DEPENDENCY_REQUEUE_MS
    }

    const template = chartTemplate(hr)
    if (!template) {
      this.set([
        [
          'Ready',
          'False',
          'ArtifactFailed',
          'the sandbox supports spec.chart templates only, not spec.chartRef',
        ],
      ])
      this.save(true)
      return undefined
    }
    const live = ctx.store.get(this.helmCharts, template.metadata.namespace, template.metadata.name)
    if (!live) ctx.store.create(this.helmCharts, template)
    else if (
      !deepEqual(live.spec, template.spec) ||
      !deepEqual(live.metadata.labels, template.metadata.labels)
    )
      ctx.store.update(this.helmCharts, {
        ...live,
        metadata: { ...live.metadata, labels: template.metadata.labels },
        spec: template.spec,
      })
    status.helmChart = `${template.metadata.namespace}/${template.metadata.name}`
    const chartObj = ctx.store.get(this.helmCharts, template.metadata.namespace, template.metadata.name)!
    const notReady = sourceNotReady(chartObj)
    if (notReady) {
      this.set([['Ready', 'False', 'SourceNotReady', notReady]])
      this.save(false)
      return DEPENDENCY_REQUEUE_MS
    }

    let values: Obj
    try {
      values = composeValues(ctx, hr)
    } catch (err) {
      const message = (err as Error).message
      this.set([['Ready', 'False', 'ValuesError', message]])
      ctx.events.record(hr, 'Warning', 'ValuesError', message, 'helm-controller')
      this.save(false)
      return RETRY_MS
    }
    const artifact = this.storage.artifact('HelmChart', template.metadata.namespace, template.metadata.name)
    if (!artifact) {
      this.set([['Ready', 'False', 'ArtifactFailed', 'Source not ready: artifact not found. Retrying in 5s']])
      this.save(false)
      return DEPENDENCY_REQUEUE_MS
    }
    const metadata = parseYaml(readFileSync(join(artifact.dir, 'Chart.yaml'), 'utf8'), {
      maxAliasCount: 100,
    }) as Obj
    const { release, namespace } = releaseName(hr)
    status.storageNamespace = hr.spec?.storageNamespace ?? namespace
    const configDigest = `sha256:${createHash('sha256').update(stableJson(values)).digest('hex')}`
    const req: ReleaseRequest = {
      hr,
      release,
      namespace,
      chart: {
        dir: artifact.dir,
        name: String(metadata.name),
        version: artifact.revision,
        appVersion: String(metadata.appVersion ?? ''),
      },
      values,
      configDigest,
      waitMs: 0,
      crds: 'Skip',
    }

    if (this.mustResetFailures(req)) {
      for (const f of ['failures', 'installFailures', 'upgradeFailures']) delete status[f]
    }
    status.lastAttemptedGeneration = this.gen
    status.lastAttemptedRevision = req.chart.version
    status.lastAttemptedConfigDigest = configDigest
    return this.atomicRelease(req)
  }

  /** helm-controller's AtomicRelease: act on the release's state until it is in sync, or stop. */
  private async atomicRelease(req: ReleaseRequest): Promise<number | undefined> {
    const { status } = this
    let force = this.forceRequested()
    const done = new Set<Action['type']>()
    for (;;) {
      let next: Action | undefined
      try {
        next = this.actionFor(force)
      } catch (err) {
        this.set([['Stalled', 'True', (err as StallError).reason, (err as Error).message]])
        this.drop('Reconciling')
        this.save(true)
        return undefined
      }
      force = false
      if (!next) {
        this.drop('Reconciling')
        this.summarize()
        this.save(true)
        return undefined
      }
      if (done.has(next.type)) {
        if (!this.remediation() || !this.exhausted()) return this.retryNow()
        this.drop('Reconciling')
        this.save(true)
        return undefined
      }
      const timeout = timeoutOf(this.hr, next.name)
      const running = `Running '${next.name}' action with timeout of ${goDuration(timeout)}`
      this.set([['Reconciling', 'True', 'Progressing', running]])
      if (next.type === 'release') this.set([['Ready', 'Unknown', 'Progressing', running]])
      this.save(false)
      await this.ctx.clock.sleep(ACTION_MS)
      const current = this.ctx.store.get(this.helmReleases, this.hr.metadata.namespace, this.hr.metadata.name)
      if (!current || current.metadata.generation !== this.gen) return undefined // superseded: the next run takes over
      const result = await this.perform(next, {
        ...req,
        waitMs: waitOf(this.hr, next.name, timeout),
        crds: crdsOf(this.hr, next.name),
      })
      status.history = this.actions.releases
        .history(req.namespace, req.release)
        .slice(0, 5)
        .map((r) => snapshot(r))
      const latest = this.actions.releases.latest(req.namespace, req.release)
      if (this.hasInventory()) status.inventory = { entries: latest?.inventory ?? [] }
      this.summarize()
      if (!result.stored && result.error) {
        this.drop('Reconciling')
        this.save(false)
        return RETRY_MS
      }
      if (next.type === 'remediate') {
        const remediation = this.remediation()
        if (
          !remediation ||
          !this.exhausted() ||
          (remediation.action === 'upgrade' && remediation.strategy === 'uninstall')
        )
          return this.retryNow()
        this.set([['Stalled', 'True', 'RetriesExceeded', this.exceededMessage()]])
        this.drop('Reconciling')
        this.save(true)
        return undefined
      }
      done.add(next.type)
      this.save(false)
    }
  }

  private async perform(action: Action, req: ReleaseRequest): Promise<ActionResult> {
    const { ctx, hr, status } = this
    const event = (type: 'Normal' | 'Warning', reason: string, message: string) => {
      ctx.events.record(hr, type, reason, message, 'helm-controller')
      ctx.log(`helmrelease ${this.key}: ${message}`)
    }
    const chart = `${req.chart.name}@${req.chart.version}`
    if (action.name === 'install' || action.name === 'upgrade') {
      status.lastAttemptedReleaseAction = action.name
      this.drop('Remediated')
      this.drop('TestSuccess')
      const result =
        action.name === 'install' ? await this.actions.install(req) : await this.actions.upgrade(req)
      const Verb = action.name === 'install' ? 'Install' : 'Upgrade'
      if (result.error) {
        const message = `Helm ${action.name} failed for release ${req.namespace}/${req.release} with chart ${chart}: ${result.error.trim()}`
        status.failures = (status.failures ?? 0) + 1
        if (result.stored) {
          const counter = action.name === 'install' ? 'installFailures' : 'upgradeFailures'
          status[counter] = (status[counter] ?? 0) + 1
        }
        this.set([['Released', 'False', `${Verb}Failed`, message]])
        event('Warning', `${Verb}Failed`, message)
      } else {
        const latest = this.actions.releases.latest(req.namespace, req.release)!
        const message = `Helm ${action.name} succeeded for release ${req.namespace}/${req.release}.v${latest.version} with chart ${chart}`
        this.set([['Released', 'True', `${Verb}Succeeded`, message]])
        event('Normal', `${Verb}Succeeded`, message)
      }
      return result
    }
    const latest = this.actions.releases.latest(req.namespace, req.release)
    if (action.name === 'rollback') {
      const target = this.actions.releases.previous(req.namespace, req.release)!
      const name = `${target.namespace}/${target.name}.v${target.version} with chart ${target.chartName}@${target.chartVersion}`
      const result = await this.actions.rollback(req)
      if (result.error) {
        status.failures = (status.failures ?? 0) + 1
        const message = `Helm rollback to previous release ${name} failed: ${result.error}`
        this.set([['Remediated', 'False', 'RollbackFailed', message]])
        event('Warning', 'RollbackFailed', message)
      } else {
        const message = `Helm rollback to previous release ${name} succeeded`
        this.set([['Remediated', 'True', 'RollbackSucceeded', message]])
        event('Normal', 'RollbackSucceeded', message)
      }
      return result
    }
    const name = `${req.namespace}/${req.release}.v${latest?.version} with chart ${latest?.chartName}@${latest?.chartVersion}`
    const result = this.actions.uninstall(req.namespace, req.release)
    const message = `Helm uninstall remediation for release ${name} succeeded`
    this.set([['Remediated', 'True', 'UninstallSucceeded', message]])
    event('Normal', 'UninstallSucceeded', message)
    return result
  }

  /** The next action for the release's state (Flux's actionForState); throws when retries ran out. */
  private actionFor(force: boolean): Action | undefined {
    const req = releaseName(this.hr)
    const latest = this.actions.releases.latest(req.namespace, req.release)
    const { status } = this
    if (!latest) {
      if (this.exhausted('install') && !force) throw new StallError('RetriesExceeded', this.exceededMessage())
      return { type: 'release', name: 'install' }
    }
    if (latest.status === 'failed') {
      const remediation = this.remediation()
      if (!remediation || remediation.failures <= 0 || force) return { type: 'release', name: 'upgrade' }
      if (this.exhausted() && !remediation.remediateLastFailure)
        throw new StallError('RetriesExceeded', this.exceededMessage())
      if (remediation.strategy === 'uninstall') return { type: 'remediate', name: 'uninstall' }
      if (!this.actions.releases.previous(req.namespace, req.release))
        throw new StallError(
          'MissingRollbackTarget',
          'Failed to perform remediation: missing target release for rollback: cannot remediate failed release',
        )
      return { type: 'remediate', name: 'rollback' }
    }
    const inSync =
      latest.status === 'deployed' &&
      latest.chartVersion === status.lastAttemptedRevision &&
      latest.configDigest === status.lastAttemptedConfigDigest
    if (inSync && !force) {
      const released = this.condition('Released')
      const remediated = this.condition('Remediated')
      const name = `${latest.namespace}/${latest.name}.v${latest.version} with chart ${latest.chartName}@${latest.chartVersion}`
      if (remediated?.status === 'True') {
        this.drop('Remediated')
        this.set([['Released', 'True', 'UpgradeSucceeded', `Helm upgrade succeeded for release ${name}`]])
      } else if (released?.status !== 'True' && /^(Install|Upgrade)Failed$/.test(released?.reason ?? '')) {
        const verb = released!.reason.startsWith('Install') ? 'install' : 'upgrade'
        const Verb = verb === 'install' ? 'Install' : 'Upgrade'
        this.set([['Released', 'True', `${Verb}Succeeded`, `Helm ${verb} succeeded for release ${name}`]])
      }
      return undefined
    }
    if (!inSync && this.exhausted('upgrade') && !force)
      throw new StallError('RetriesExceeded', this.exceededMessage())
    return { type: 'release', name: 'upgrade' }
  }

  private remediation() {
    return remediationOf(this.hr, this.status)
  }

  private exhausted(action?: 'install' | 'upgrade'): boolean {
    return retriesExhausted(this.hr, this.status, action)
  }

  private exceededMessage(): string {
    return exceededMessage(this.status)
  }

  private retryNow(): number {
    const ready = this.condition('Ready')
    this.set([['Reconciling', 'True', 'ProgressingWithRetry', ready?.message ?? '']])
    this.save(false)
    return 0
  }

  /** Ready from Remediated or Released, the newest first; any remediation counts as not ready. */
  private summarize(): void {
    const ready = summarizedReady(this.status.conditions ?? [])
    if (!ready) return
    this.set([ready])
    if (ready[1] === 'True') this.drop('Stalled')
  }

  private dependencyNotReady(): string | undefined {
    for (const dep of (this.hr.spec?.dependsOn ?? []) as Obj[]) {
      const namespace = dep.namespace ?? this.hr.metadata.namespace
      const other = this.ctx.store.get(this.helmReleases, namespace, dep.name)
      if (!other)
        return `unable to get '${namespace}/${dep.name}' dependency: helmreleases.helm.toolkit.fluxcd.io "${dep.name}" not found`
      const ready = (other.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready')
      if (other.metadata.generation !== other.status?.observedGeneration || ready?.status !== 'True')
        return `dependency '${namespace}/${dep.name}' is not ready`
    }
    return undefined
  }

  /** Failure counts restart when the attempt differs from the last one, or a reset is requested. */
  private mustResetFailures(req: ReleaseRequest): boolean {
    const reset = resetRequested(this.hr, this.status)
    return (
      this.status.lastAttemptedGeneration !== this.gen ||
      this.status.lastAttemptedRevision !== req.chart.version ||
      this.status.lastAttemptedConfigDigest !== req.configDigest ||
      reset
    )
  }

  private forceRequested(): boolean {
    return forceRequested(this.hr, this.status)
  }

  private hasInventory(): boolean {
    return Boolean((this.helmReleases.schema as Obj | undefined)?.properties?.status?.properties?.inventory)
  }

  private condition(type: string): Obj | undefined {
    return (this.status.conditions ?? []).find((c: Obj) => c.type === type)
  }

  private set(conds: Cond[]): void {
    this.status.conditions = conditions(this.status.conditions, this.gen, conds)
  }

  private drop(type: string): void {
    this.status.conditions = (this.status.conditions ?? []).filter((c: Obj) => c.type !== type)
  }

  /** Writes the status; `final` marks the generation as observed, as Flux does when it is done. */
  private save(final: boolean): void {
    const fresh = this.ctx.store.get(this.helmReleases, this.hr.metadata.namespace, this.hr.metadata.name)
    if (!fresh) return
    fresh.status = { ...this.status, ...(final ? { observedGeneration: this.gen } : {}) }
    if (final) this.status.observedGeneration = this.gen
    this.ctx.store.update(this.helmReleases, fresh, { status: true })
  }
}

class StallError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message)
  }
}
