import type { CanaryPhase } from '@canary-delivery/flagger'
import { type Obj, specHash, timestamp } from '../../util'
import { isDeploymentReady } from '../deployment'
import { checkMetrics, metricProvidersProblem } from './checks'
import { dotted, type FlaggerContext, recordEvent } from './context'
import { createPrimary, ensureRouting, primaryTemplate, scale, setWeights } from './routing'
import { writeCanaryStatus } from './status'
import { callHook, failingHook, hooksOf, openRollbackHook } from './webhooks'

/**
 * One tick of Flagger 1.44's canary state machine for a Deployment target: initialization, a new
 * revision, one analysis step, promotion or rollback, depending on the phase. Flagger looks at the
 * world only on a tick, which is what makes the "stale Succeeded" window after a change real.
 */
export function advanceCanary(fl: FlaggerContext, namespace: string, name: string): void {
  const { ctx } = fl
  const cd = ctx.store.get(fl.canaries, namespace, name)
  if (!cd || cd.spec?.suspend) return
  const targetName: string = cd.spec?.targetRef?.name
  const target = ctx.store.get(fl.deployments, namespace, targetName)
  const id = dotted(cd)
  const tid = `${targetName}.${namespace}`
  if (!target) {
    ctx.log(`flagger ${id}: deployment ${tid} not found`)
    return
  }
  const st: Obj = cd.status ?? {}
  const phase: CanaryPhase = st.phase ?? ''
  const primaryName = `${targetName}-primary`
  const event = (type: 'Normal' | 'Warning', message: string) => recordEvent(fl, cd, type, message)
  const setStatus = (changes: Obj) => writeCanaryStatus(fl, cd, changes)

  if (phase === '' || phase === 'Initializing') {
    if (!ensureRouting(fl, cd, target)) return
    const providers = metricProvidersProblem(fl, cd)
    if (providers) event('Warning', providers)
    if (!ctx.store.get(fl.deployments, namespace, primaryName)) createPrimary(fl, cd, target)
    if (phase === '') setStatus({ phase: 'Initializing', canaryWeight: 0, failedChecks: 0, iterations: 0 })
    if (!isDeploymentReady(ctx.store.get(fl.deployments, namespace, primaryName))) return
    scale(fl, target, 0)
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

  const image: string | undefined = target.spec?.template?.spec?.containers?.[0]?.image
  const hash = specHash(target.spec.template)
  // Flagger's hasSpecChanged: a template equal to the last promoted one is a manual rollback, not a run.
  const changed = st.lastAppliedSpec !== hash && st.lastPromotedSpec !== hash
  const gate = (type: string) => failingHook(fl, cd, image, type)
  const key = `${namespace}/${name}`
  // A run of the current template starts from nothing: no weight, no failed checks, no iterations.
  const startRun = () => {
    fl.notReadySince.delete(key)
    setStatus({
      phase: 'Progressing',
      lastAppliedSpec: hash,
      canaryWeight: 0,
      failedChecks: 0,
      iterations: 0,
    })
  }

  if (phase === 'Initialized' || phase === 'Succeeded' || phase === 'Failed' || phase === 'Waiting') {
    if (!changed) {
      // While Failed, Flagger keeps syncing the status, so these move without a new run.
      if (phase === 'Failed') setStatus({ lastAppliedSpec: hash, lastTransitionTime: timestamp() })
      return
    }
    const confirm = gate('confirm-rollout')
    if (confirm) {
      if (phase !== 'Waiting') setStatus({ phase: 'Waiting' })
      event('Warning', `Halt ${id} advancement waiting for approval ${confirm.hook.name}`)
      return
    }
    event('Normal', `New revision detected! Scaling up ${tid}`)
    const primary = ctx.store.get(fl.deployments, namespace, primaryName)
    scale(fl, target, primary?.spec?.replicas ?? 1)
    startRun()
    return
  }

  const rollback = (reason: string) => {
    event('Warning', `Rolling back ${id} ${reason}`)
    setWeights(fl, cd, 100, 0)
    event('Warning', `Canary failed! Scaling down ${tid}`)
    scale(fl, target, 0)
    setStatus({ phase: 'Failed', canaryWeight: 0, iterations: 0 })
  }

  if (phase === 'Progressing' || phase === 'WaitingPromotion') {
    if (changed) {
      event('Normal', `New revision detected! Restarting analysis for ${tid}`)
      setWeights(fl, cd, 100, 0)
      startRun()
      return
    }
    const deadlineMs = (cd.spec.progressDeadlineSeconds ?? 600) * 1000
    if (!isDeploymentReady(target)) {
      const since = fl.notReadySince.get(key) ?? Date.now()
      fl.notReadySince.set(key, since)
      if (ctx.clock.simSince(since) >= deadlineMs) {
        rollback(`progress deadline exceeded canary deployment ${tid} not ready`)
      } else ctx.log(`flagger ${id}: waiting for ${tid} to become ready`)
      return
    }
    fl.notReadySince.delete(key)
    const analysis: Obj = cd.spec.analysis ?? {}
    const failedChecks: number = st.failedChecks ?? 0
    const threshold: number = analysis.threshold ?? 1
    if (failedChecks >= threshold) return void rollback(`failed checks threshold reached ${failedChecks}`)
    if (openRollbackHook(fl, cd, image)) return void rollback('manual webhook invoked')

    const weight: number = st.canaryWeight ?? 0
    const iterations: number = st.iterations ?? 0
    const fail = (message: string) => {
      event('Warning', message)
      setStatus({ failedChecks: failedChecks + 1 })
    }
    if (phase === 'Progressing' && weight === 0 && iterations === 0) {
      event('Normal', `Starting canary analysis for ${tid}`)
      for (const hook of hooksOf(cd, 'pre-rollout')) {
        const result = callHook(fl, image, hook)
        if (!result.ok)
          return void fail(`Halt ${id} advancement pre-rollout check ${hook.name} failed ${result.error}`)
        event('Normal', `Pre-rollout check ${hook.name} passed`)
      }
    }
    const rolloutHook = gate('rollout')
    if (rolloutHook)
      return void fail(
        `Halt ${id} advancement external check ${rolloutHook.hook.name} failed ${rolloutHook.error}`,
      )
    if (weight > 0 || iterations > 0) {
      const problem = checkMetrics(fl, cd, image)
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
        const traffic = gate('confirm-traffic-increase')
        if (traffic)
          return void event(
            'Warning',
            `Halt ${id} advancement waiting for traffic increase approval ${traffic.hook.name}`,
          )
        const next = steps?.length
          ? (steps.find((s) => s > weight) ?? maxWeight)
          : Math.min(weight + (analysis.stepWeight ?? 10), maxWeight)
        setWeights(fl, cd, 100 - next, next)
        setStatus({ canaryWeight: next })
        event('Normal', `Advance ${id} canary weight ${next}`)
        return
      }
    }
    const promotionGate = gate('confirm-promotion')
    if (promotionGate) {
      event('Warning', `Halt ${id} advancement waiting for approval ${promotionGate.hook.name}`)
      if (phase !== 'WaitingPromotion') setStatus({ phase: 'WaitingPromotion' })
      return
    }
    event('Normal', `Copying ${tid} template spec to ${primaryName}.${namespace}`)
    const primary = ctx.store.get(fl.deployments, namespace, primaryName)
    if (primary) {
      primary.spec.template = primaryTemplate(fl, target)
      ctx.store.update(fl.deployments, primary)
    }
    setStatus({ phase: 'Promoting' })
    return
  }

  if (phase === 'Promoting') {
    if (!isDeploymentReady(ctx.store.get(fl.deployments, namespace, primaryName))) return
    event('Normal', 'Routing all traffic to primary')
    setWeights(fl, cd, 100, 0)
    setStatus({ phase: 'Finalising', canaryWeight: 0 })
    return
  }

  if (phase === 'Finalising') {
    scale(fl, target, 0)
    event('Normal', `Promotion completed! Scaling down ${tid}`)
    setStatus({
      phase: 'Succeeded',
      lastPromotedSpec: st.lastAppliedSpec,
      canaryWeight: 0,
      failedChecks: 0,
      iterations: 0,
    })
  }
}
