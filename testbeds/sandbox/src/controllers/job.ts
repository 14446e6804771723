import { type Obj, timestamp } from '../util'
import { type Controller, type ControllerContext, kind } from './context'
import { controllerUid, isPodFinished, isPodReady, podFrom, randomSuffix } from './pods'
import { ownerController } from './workqueue'

/**
 * The Job controller: runs pods (`<job>-<random>`) until `completions` succeed, replacing failed ones
 * until `backoffLimit` is passed. The status and conditions are those helm's hook wait and kstatus
 * read: Complete (with SuccessCriteriaMet) or Failed (with FailureTarget, BackoffLimitExceeded). A
 * finished Job with ttlSecondsAfterFinished is deleted after it. CronJobs are stored, not scheduled.
 */
export function jobController(ctx: ControllerContext): Controller {
  const jobs = kind(ctx.registry, 'batch', 'jobs')
  const pods = kind(ctx.registry, '', 'pods')

  const { queue, controller } = ownerController(ctx, jobs, [pods], (namespace, name) => {
    const job = ctx.store.get(jobs, namespace, name)
    if (!job || job.metadata.deletionTimestamp) return
    const done = (job.status?.conditions ?? []).find(
      (c: Obj) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    )
    if (done) return expire(job)
    const owned = ctx.store.list(
      pods,
      namespace,
      (p) => controllerUid(p) === job.metadata.uid && !p.metadata.deletionTimestamp,
    )
    const succeeded = owned.filter((p) => p.status?.phase === 'Succeeded').length
    const failed = owned.filter((p) => p.status?.phase === 'Failed').length
    let active = owned.filter((p) => !isPodFinished(p))
    const completions: number = job.spec?.completions ?? 1
    const parallelism: number = job.spec?.parallelism ?? 1
    const backoffLimit: number = job.spec?.backoffLimit ?? 6
    const now = timestamp()
    const status: Obj = {
      startTime: job.status?.startTime ?? now,
      ...(succeeded ? { succeeded } : {}),
      ...(failed ? { failed } : {}),
      terminating: 0,
      uncountedTerminatedPods: {},
    }
    const cond = (type: string, reason?: string, message?: string) => ({
      type,
      status: 'True',
      lastProbeTime: now,
      lastTransitionTime: now,
      ...(reason ? { reason, message } : {}),
    })
    if (succeeded >= completions) {
      status.conditions = [
        cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'),
        cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'),
      ]
      status.completionTime = now
      ctx.events.record(job, 'Normal', 'Completed', 'Job completed', 'job-controller')
      ctx.log(`job ${namespace}/${name}: complete`)
    } else if (failed > backoffLimit) {
      for (const p of active) ctx.store.delete(pods, namespace, p.metadata.name)
      active = []
      status.conditions = [
        cond('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
        cond('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
      ]
      ctx.events.record(
        job,
        'Warning',
        'BackoffLimitExceeded',
        'Job has reached the specified backoff limit',
        'job-controller',
      )
      ctx.log(`job ${namespace}/${name}: failed (backoff limit ${backoffLimit} reached)`)
    } else if (!job.spec?.suspend) {
      const missing = Math.min(parallelism, completions - succeeded) - active.length
      for (let i = 0; i < missing; i++) {
        const pod = podFrom(job, jobs, job.spec?.template, `${name}-${randomSuffix()}`, {
          'batch.kubernetes.io/controller-uid': job.metadata.uid,
          'batch.kubernetes.io/job-name': name,
          'controller-uid': job.metadata.uid,
          'job-name': name,
        })
        active.push(ctx.store.create(pods, pod))
        ctx.events.record(
          job,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${pod.metadata.name}`,
          'job-controller',
        )
      }
    }
    status.active = active.length || undefined
    if (status.active === undefined) delete status.active
    status.ready = active.filter(isPodReady).length
    job.status = status
    ctx.store.update(jobs, job, { status: true })
  })

  const expire = (job: Obj) => {
    const ttl = job.spec?.ttlSecondsAfterFinished
    if (typeof ttl !== 'number') return
    const finishedAt = Date.parse(
      job.status?.completionTime ?? job.status?.conditions?.[0]?.lastTransitionTime ?? '',
    )
    const left = Math.max(
      0,
      ttl * 1000 - ctx.clock.simSince(Number.isNaN(finishedAt) ? Date.now() : finishedAt),
    )
    if (left > 0) return queue.after(job.metadata.namespace, job.metadata.name, left)
    ctx.store.delete(jobs, job.metadata.namespace, job.metadata.name, 'Background')
  }

  return controller
}
