import { invalid } from './errors'
import type { ResourceType } from './resources'
import { deepEqual, type Obj } from './util'

/**
 * The few rules of kube-apiserver's validation of built-in kinds that charts and kubectl users run
 * into: a Job's pods may not restart always (a template defaults to Always), and a workload's selector
 * (a Job's pod template too) cannot change once created, the error behind many a failed helm upgrade.
 */
export function checkBuiltin(rt: ResourceType, obj: Obj, previous: Obj | undefined): void {
  if (!rt.builtin) return
  const kind = `${rt.group}/${rt.kind}`
  const problems: { field: string; message: string }[] = []
  if (kind === 'batch/Job' || kind === 'batch/CronJob') {
    const at = kind === 'batch/Job' ? 'spec.template' : 'spec.jobTemplate.spec.template'
    const template = kind === 'batch/Job' ? obj.spec?.template : obj.spec?.jobTemplate?.spec?.template
    const restart = template?.spec?.restartPolicy
    if (restart !== 'Never' && restart !== 'OnFailure') {
      problems.push({
        field: `${at}.spec.restartPolicy`,
        message: `Unsupported value: ${JSON.stringify(restart)}: supported values: "OnFailure", "Never"`,
      })
    }
  }
  if (
    previous &&
    ['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job'].includes(kind)
  ) {
    if (!deepEqual(obj.spec?.selector, previous.spec?.selector))
      problems.push({
        field: 'spec.selector',
        message: `Invalid value: ${shown(obj.spec?.selector)}: field is immutable`,
      })
    if (kind === 'batch/Job' && !deepEqual(obj.spec?.template, previous.spec?.template))
      problems.push({
        field: 'spec.template',
        message: `Invalid value: ${shown(obj.spec?.template)}: field is immutable`,
      })
  }
  if (problems.length) throw invalid(rt, obj.metadata?.name ?? '', problems)
}

const shown = (value: unknown) => JSON.stringify(value ?? null)
