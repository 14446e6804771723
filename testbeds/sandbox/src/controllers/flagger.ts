import type { CanaryPhase } from '@canary-delivery/flagger'
import { parseDuration } from '../clock'
import { behaviourFor, webhookPasses } from '../scenario'
import type { StoreEvent } from '../store'
import { clone, type Obj, specHash, timestamp } from '../util'
import { type Controller, type ControllerContext, kind } from './context'
import { isDeploymentReady } from './deployment'

const MIN_INTERVAL_MS = 10_000
const COMPONENT = 'flagger'

const CONDITION_MESSAGES: Record<string, string> = {
  Initializing: 'New Deployment detected, starting initialization.',
  Initialized: 'Deployment initialization completed.',
  Waiting: 'Waiting for approval.',
  Progressing: 'New revision detected, progressing canary analysis.',
  WaitingPromotion: 'Waiting for approval.',
  Promoting: 'Canary analysis completed, starting primary rolling update.',
  Finalising: 'Canary analysis completed, routing all traffic to primary.',
  Succeeded: 'Canary analysis completed successfully, promotion finished.',
  Failed: 'Canary analysis failed, Deployment scaled to zero.',
}

/**
 * Flagger 1.44's canary state machine for Deployment targets, driven like the real one by one timer per
 * Canary at its analysis interval. It only looks at the world on a tick, which is what makes the
 * "stale Succeeded" window after a change real. Metrics and webhooks come from the scenario.
 */
export function flaggerController(ctx: ControllerContext): Controller {
  const canaries = kind(ctx.registry, 'flagger.app', 'canaries')
  const deployments = kind(ctx.registry, 'apps', 'deployments')
  const services = kind(ctx.registry, '', 'services')
  const jobs = new Map<string, { interval: number; cancel: () => void }>()
  const notReadySince = new Map<string, number>()

  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    if (e.rt !== canaries) return
    const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`
    if (e.type === 'DELETED') {
      jobs.get(key)?.cancel()
      jobs.delete(key)
      return
    }
    const interval = intervalOf(e.object)
    const job = jobs.get(key)
    if (job && job.interval === interval) return
    job?.cancel()
    schedule(key, interval, 0)
  })

  function schedule(key: string, interval: number, delay: number): void {
    const cancel = ctx.clock.setTimeout(() => {
      try {
        tick(key)
      } catch (err) {
        ctx.log(`flagger ${key}: sync failed: ${(err as Error).message}`)
      }
      if (jobs.get(key)?.cancel === cancel) schedule(key, interval, interval)
    }, delay)
    jobs.set(key, { interval, cancel })
  }

  function tick(key: string): void {
    const [namespace, name] = key.split('/') as [string, string]
    const cd = ctx.store.get(canaries, namespace, name)
    if (!cd) return
    if (cd.spec?.suspend) return
    const targetName: string = cd.spec?.targetRef?.name
    const target = ctx.store.get(deployments, namespace, targetName)
    const id = `${name}.${namespace}`
    const tid = `${targetName}.${namespace}`
    if (!target) {
      ctx.log(`flagger ${id}: deployment ${tid} not found`)
      return
    }
    const st: Obj = cd.status ?? {}
    const phase: CanaryPhase = st.phase ?? ''
    const analysis: Obj = cd.spec.analysis ?? {}
    const image: string | undefined = target.spec?.template?.spec?.containers?.[0]?.image
    const event = (type: 'Normal' | 'Warning', message: string) => {
      ctx.events.record(cd, type, 'Synced', message, COMPONENT)
      ctx.log(`flagger ${id}: ${type === 'Warning' ? 'WARN ' : ''}${message}`)
    }
    const setStatus = (changes: Obj) => writeStatus(cd, changes)
    const primaryName = `${targetName}-primary`

    if (phase === '' || phase === 'Initializing') {
      if (!ensureRouting(cd, target, event)) return
      const primary = ctx.store.get(deployments, namespace, primaryName)
      if (!primary) createPrimary(cd, target)
      if (phase === '') setStatus({ phase: 'Initializing', canaryWeight: 0, failedChecks: 0, iterations: 0 })
      if (!isDeploymentReady(ctx.store.get(deployments, namespace, primaryName))) return
      scale(target, 0)
      const hash = specHash(target.spec.template)
      setStatus({
        phase: 'Initialized',
        lastAppliedSpec: hash,
        lastPromotedSpec: hash,
        canaryWeight: 0,
        failedChecks: 0,
      })
      event('Normal', `Initialization done! ${id}`)
      return
    }

    const hash = specHash(target.spec.template)
    // Flagger's hasSpecChanged: a template equal to the last promoted one is a manual rollback, not a run.
    const changed = st.lastAppliedSpec !== hash && st.lastPromotedSpec !== hash
    const hooks = (type: string): Obj[] =>
      (analysis.webhooks ?? []).filter((h: Obj) => (h.type || 'rollout') === type)
    const closedGate = (type: string) => hooks(type).find((h) => !webhookPasses(ctx.scenario(), image, h))

    if (phase === 'Initialized' || phase === 'Succeeded' || phase === 'Failed' || phase === 'Waiting') {
      if (!changed) {
        // While Failed, Flagger keeps syncing the status, so these move without a new run.
        if (phase === 'Failed') setStatus({ lastAppliedSpec: hash, lastTransitionTime: timestamp() })
        return
      }
      const gate = closedGate('confirm-rollout')
      if (gate) {
        if (phase !== 'Waiting') setStatus({ phase: 'Waiting' })
        event('Warning', `Halt ${id} advancement waiting for approval ${gate.name}`)
        return
      }
      event('Normal', `New revision detected! Scaling up ${tid}`)
      const primary = ctx.store.get(deployments, namespace, primaryName)
      scale(target, primary?.spec?.replicas ?? 1)
      notReadySince.delete(key)
      setStatus({
        phase: 'Progressing',
        lastAppliedSpec: hash,
        canaryWeight: 0,
        failedChecks: 0,
        iterations: 0,
      })
      return
    }

    if (phase === 'Progressing' || phase === 'WaitingPromotion') {
      if (changed) {
        event('Normal', `New revision detected! Restarting analysis for ${tid}`)
        setWeights(cd, 100, 0)
        notReadySince.delete(key)
        setStatus({
          phase: 'Progressing',
          lastAppliedSpec: hash,
          canaryWeight: 0,
          failedChecks: 0,
          iterations: 0,
        })
        return
      }
      const deadlineMs = (cd.spec.progressDeadlineSeconds ?? 600) * 1000
      if (!isDeploymentReady(target)) {
        const since = notReadySince.get(key) ?? Date.now()
        notReadySince.set(key, since)
        if (ctx.clock.simSince(since) >= deadlineMs) {
          rollback(`progress deadline exceeded canary deployment ${tid} not ready`)
        } else ctx.log(`flagger ${id}: waiting for ${tid} to become ready`)
        return
      }
      notReadySince.delete(key)
      const failedChecks: number = st.failedChecks ?? 0
      const threshold: number = analysis.threshold ?? 1
      if (failedChecks >= threshold) return void rollback(`failed checks threshold reached ${failedChecks}`)
      // A rollback hook that answers OK rolls back; the load tester's rollback gate is closed by default.
      const rollbackHook = hooks('rollback').find((h) => webhookPassesExplicit(h))
      if (rollbackHook) return void rollback('manual webhook invoked')

      const weight: number = st.canaryWeight ?? 0
      const iterations: number = st.iterations ?? 0
      const fail = (message: string) => {
        event('Warning', message)
        setStatus({ failedChecks: failedChecks + 1 })
      }
      if (phase === 'Progressing' && weight === 0 && iterations === 0) {
        event('Normal', `Starting canary analysis for ${tid}`)
        const pre = closedGate('pre-rollout')
        if (pre)
          return void fail(
            `Halt ${id} advancement pre-rollout check ${pre.name} failed the load tester answered 403`,
          )
      }
      const rolloutHook = closedGate('rollout')
      if (rolloutHook)
        return void fail(
          `Halt ${id} advancement external check ${rolloutHook.name} failed the load tester answered 403`,
        )
      if (weight > 0 || iterations > 0) {
        const problem = checkMetrics(cd, image)
        if (problem) return void fail(problem)
      }

      const maxIterations: number | undefined = analysis.iterations
      if (
        maxIterations !== undefined &&
        analysis.stepWeight === undefined &&
        analysis.stepWeights === undefined
      ) {
        if (iterations < maxIterations) {
          setStatus({ iterations: iterations + 1 })
          event('Normal', `Advance ${id} canary iteration ${iterations + 1}/${maxIterations}`)
          return
        }
      } else {
        const steps: number[] | undefined = analysis.stepWeights
        const maxWeight: number = steps?.length ? steps[steps.length - 1]! : (analysis.maxWeight ?? 100)
        if (weight < maxWeight) {
          const traffic = closedGate('confirm-traffic-increase')
          if (traffic)
            return void event(
              'Warning',
              `Halt ${id} advancement waiting for traffic increase approval ${traffic.name}`,
            )
          const next = steps?.length
            ? (steps.find((s) => s > weight) ?? maxWeight)
            : Math.min(weight + (analysis.stepWeight ?? 10), maxWeight)
          setWeights(cd, 100 - next, next)
          setStatus({ canaryWeight: next })
          event('Normal', `Advance ${id} canary weight ${next}`)
          return
        }
      }
      const gate = closedGate('confirm-promotion')
      if (gate) {
        event('Warning', `Halt ${id} advancement waiting for approval ${gate.name}`)
        if (phase !== 'WaitingPromotion') setStatus({ phase: 'WaitingPromotion' })
        return
      }
      event('Normal', `Copying ${tid} template spec to ${primaryName}.${namespace}`)
      const primary = ctx.store.get(deployments, namespace, primaryName)
      if (primary) {
        primary.spec.template = primaryTemplate(target, primaryName)
        ctx.store.update(deployments, primary)
      }
      setStatus({ phase: 'Promoting' })
      return
    }

    if (phase === 'Promoting') {
      if (!isDeploymentReady(ctx.store.get(deployments, namespace, primaryName))) return
      event('Normal', 'Routing all traffic to primary')
      setWeights(cd, 100, 0)
      setStatus({ phase: 'Finalising', canaryWeight: 0 })
      return
    }

    if (phase === 'Finalising') {
      scale(target, 0)
      event('Normal', `Promotion completed! Scaling down ${tid}`)
      setStatus({
        phase: 'Succeeded',
        lastPromotedSpec: st.lastAppliedSpec,
        canaryWeight: 0,
        failedChecks: 0,
        iterations: 0,
      })
      return
    }

    function rollback(reason: string): void {
      event('Warning', `Rolling back ${id} ${reason}`)
      setWeights(cd!, 100, 0)
      event('Warning', `Canary failed! Scaling down ${tid}`)
      scale(target!, 0)
      setStatus({ phase: 'Failed', canaryWeight: 0, iterations: 0 })
    }

    function webhookPassesExplicit(h: Obj): boolean {
      const s = ctx.scenario()
      const keys = [h.name, 'rollback']
      for (const table of [behaviourFor(s, image).webhooks, s.webhooks]) {
        for (const k of keys) if (table && typeof table[k] === 'boolean') return table[k]
      }
      return false
    }
  }

  function checkMetrics(cd: Obj, image: string | undefined): string | undefined {
    const id = `${cd.metadata.name}.${cd.metadata.namespace}`
    const b = behaviourFor(ctx.scenario(), image)
    for (const m of cd.spec.analysis?.metrics ?? []) {
      const range: Obj = m.thresholdRange ?? (m.threshold !== undefined ? { min: m.threshold } : {})
      if (m.name === 'request-success-rate' && !m.templateRef) {
        const v = b.successRate ?? 100
        if (range.min !== undefined && v < range.min)
          return `Halt ${id} advancement success rate ${v.toFixed(2)}% < ${range.min}%`
        if (range.max !== undefined && v > range.max)
          return `Halt ${id} advancement success rate ${v.toFixed(2)}% > ${range.max}%`
      } else if (m.name === 'request-duration' && !m.templateRef) {
        const v = b.latencyMs ?? 50
        if (range.max !== undefined && v > range.max)
          return `Halt ${id} advancement request duration ${goDuration(v)} > ${goDuration(range.max)}`
        if (range.min !== undefined && v < range.min)
          return `Halt ${id} advancement request duration ${goDuration(v)} < ${goDuration(range.min)}`
      } else {
        const v = b.metrics?.[m.name]
        if (v === undefined) continue // no value in the scenario: the check passes
        if (range.min !== undefined && v < range.min)
          return `Halt ${id} advancement ${m.name} ${v.toFixed(2)} < ${range.min}`
        if (range.max !== undefined && v > range.max)
          return `Halt ${id} advancement ${m.name} ${v.toFixed(2)} > ${range.max}`
      }
    }
    return undefined
  }

  function writeStatus(cd: Obj, changes: Obj): void {
    const fresh = ctx.store.get(canaries, cd.metadata.namespace, cd.metadata.name)
    if (!fresh) return
    const old: Obj = fresh.status ?? {}
    const now = timestamp()
    const status: Obj = { ...old, ...changes }
    const phase = status.phase as string
    if (changes.phase && changes.phase !== old.phase) status.lastTransitionTime = now
    status.lastTransitionTime ??= now
    const promoted =
      phase === 'Initialized' || phase === 'Succeeded' ? 'True' : phase === 'Failed' ? 'False' : 'Unknown'
    const previous = (old.conditions ?? []).find((c: Obj) => c.type === 'Promoted')
    if (!previous || previous.reason !== phase || previous.status !== promoted) {
      status.conditions = [
        {
          type: 'Promoted',
          status: promoted,
          lastUpdateTime: now,
          lastTransitionTime: previous?.status === promoted ? previous.lastTransitionTime : now,
          reason: phase,
          message: CONDITION_MESSAGES[phase] ?? '',
        },
      ]
    }
    fresh.status = status
    ctx.store.update(canaries, fresh, { status: true })
    if (changes.phase && changes.phase !== old.phase) {
      ctx.log(
        `flagger ${cd.metadata.name}.${cd.metadata.namespace}: phase ${old.phase || '(none)'} -> ${changes.phase}`,
      )
    }
  }

  function scale(d: Obj, replicas: number): void {
    const fresh = ctx.store.get(deployments, d.metadata.namespace, d.metadata.name)
    if (!fresh || (fresh.spec.replicas ?? 1) === replicas) return
    fresh.spec.replicas = replicas
    ctx.store.update(deployments, fresh)
  }

  function primaryTemplate(target: Obj, primaryName: string): Obj {
    const template = clone(target.spec.template)
    const labels = template.metadata?.labels ?? {}
    const key = selectorKey(target)
    if (key) labels[key] = primaryName
    template.metadata = { ...template.metadata, labels }
    return template
  }

  function createPrimary(cd: Obj, target: Obj): void {
    const primaryName = `${target.metadata.name}-primary`
    const key = selectorKey(target)
    const spec = clone(target.spec)
    spec.replicas = target.spec.replicas ?? 1
    if (key) spec.selector = { matchLabels: { [key]: primaryName } }
    spec.template = primaryTemplate(target, primaryName)
    ctx.store.create(deployments, {
      metadata: {
        name: primaryName,
        namespace: target.metadata.namespace,
        labels: { ...target.metadata.labels, ...(key ? { [key]: primaryName } : {}) },
        annotations: { 'helm.toolkit.fluxcd.io/driftDetection': 'disabled' },
        ownerReferences: [ownerRef(cd)],
      },
      spec,
    })
    ctx.log(`flagger ${cd.metadata.name}.${cd.metadata.namespace}: created deployment ${primaryName}`)
  }

  // Creates the apex, -primary and -canary services and, for APISIX, the canary route. False when a
  // referenced route is missing (Flagger retries on the next tick).
  function ensureRouting(cd: Obj, target: Obj, event: (t: 'Normal' | 'Warning', m: string) => void): boolean {
    const ns = cd.metadata.namespace
    const apex: string = cd.spec.service?.name ?? target.metadata.name
    const key = selectorKey(target) ?? 'app'
    const port = cd.spec.service?.port ?? 80
    const targetPort = cd.spec.service?.targetPort ?? port
    const svc = (name: string, selector: string) => ({
      metadata: { name, namespace: ns, labels: { [key]: name }, ownerReferences: [ownerRef(cd)] },
      spec: {
        type: 'ClusterIP',
        selector: { [key]: selector },
        ports: [{ name: 'http', port, protocol: 'TCP', targetPort }],
      },
    })
    for (const [name, selector] of [
      [apex, `${target.metadata.name}-primary`],
      [`${apex}-primary`, `${target.metadata.name}-primary`],
      [`${apex}-canary`, target.metadata.name],
    ] as const) {
      if (!ctx.store.get(services, ns, name)) ctx.store.create(services, svc(name, selector))
    }
    if (cd.spec.provider !== 'apisix') return true
    const routes = kind(ctx.registry, 'apisix.apache.org', 'apisixroutes')
    const refName: string | undefined = cd.spec.routeRef?.name
    if (!refName) {
      event('Warning', 'apisix route selector is empty')
      return false
    }
    const route = ctx.store.get(routes, ns, refName)
    if (!route) {
      event(
        'Warning',
        `apisixroute ${refName}.${ns} get query error: apisixroutes.apisix.apache.org "${refName}" not found`,
      )
      return false
    }
    const canaryRoute = `${refName}-${apex}-canary`
    if (!ctx.store.get(routes, ns, canaryRoute)) {
      const spec = clone(route.spec)
      for (const rule of spec.http ?? []) {
        const servicePort = rule.backends?.[0]?.servicePort ?? port
        rule.priority = 10000
        rule.backends = [
          { serviceName: `${apex}-primary`, servicePort, weight: 100 },
          { serviceName: `${apex}-canary`, servicePort, weight: 0 },
        ]
      }
      ctx.store.create(routes, {
        metadata: { name: canaryRoute, namespace: ns, ownerReferences: [ownerRef(cd)] },
        spec,
      })
    }
    return true
  }

  function setWeights(cd: Obj, primary: number, canary: number): void {
    if (cd.spec.provider !== 'apisix' || !cd.spec.routeRef?.name) return
    const routes = kind(ctx.registry, 'apisix.apache.org', 'apisixroutes')
    const apex = cd.spec.service?.name ?? cd.spec.targetRef.name
    const route = ctx.store.get(routes, cd.metadata.namespace, `${cd.spec.routeRef.name}-${apex}-canary`)
    if (!route) return
    for (const rule of route.spec.http ?? []) {
      for (const b of rule.backends ?? [])
        b.weight = String(b.serviceName).endsWith('-canary') ? canary : primary
    }
    ctx.store.update(routes, route)
  }

  return {
    stop() {
      unsubscribe()
      for (const j of jobs.values()) j.cancel()
      jobs.clear()
    },
  }
}

function intervalOf(cd: Obj): number {
  return Math.max(MIN_INTERVAL_MS, parseDuration(cd.spec?.analysis?.interval, 60_000))
}

// Flagger rewrites the value of the selector label (app, name or app.kubernetes.io/name) for the primary.
function selectorKey(target: Obj): string | undefined {
  const labels: Obj = target.spec?.selector?.matchLabels ?? {}
  return ['app', 'name', 'app.kubernetes.io/name'].find((k) => k in labels) ?? Object.keys(labels)[0]
}

const ownerRef = (cd: Obj) => ({
  apiVersion: cd.apiVersion,
  kind: cd.kind,
  name: cd.metadata.name,
  uid: cd.metadata.uid,
  controller: true,
  blockOwnerDeletion: true,
})

/** Go's time.Duration formatting for whole and fractional milliseconds (900ms, 1.5s, 2m0s). */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Number(ms.toFixed(3))}ms`
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))}s`
  const m = Math.floor(ms / 60_000)
  return `${m}m${Number(((ms % 60_000) / 1000).toFixed(3))}s`
}
