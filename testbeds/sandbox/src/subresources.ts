import { invalid } from './errors'
import type { ResourceType } from './resources'
import { isObj, type Obj } from './util'

/** Who the sandbox says you are: k3s's admin kubeconfig identity. */
export const ADMIN = { username: 'system:admin', groups: ['system:masters', 'system:authenticated'] }

/**
 * The answer to a create of one of the review kinds, which are computed and never stored: the sandbox
 * has no authentication or authorization, so the caller is k3s's admin and may do anything.
 */
export function review(rt: ResourceType, body: Obj): Obj {
  const out: Obj = {
    kind: rt.kind,
    apiVersion: `${rt.group}/${rt.version}`,
    metadata: { ...(isObj(body.metadata) ? body.metadata : {}), creationTimestamp: null },
    spec: body.spec ?? {},
  }
  switch (rt.kind) {
    case 'SelfSubjectAccessReview': {
      const spec = out.spec
      if (Boolean(spec.resourceAttributes) === Boolean(spec.nonResourceAttributes)) {
        throw invalid(rt, '', [
          {
            field: 'spec.resourceAttributes',
            message:
              'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
          },
        ])
      }
      out.status = { allowed: true }
      return out
    }
    case 'SelfSubjectRulesReview':
      out.status = {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      }
      return out
    default:
      delete out.spec
      out.status = { userInfo: ADMIN }
      return out
  }
}

/** A label selector as the string form Scale's status.selector carries (`app=web,tier in (a,b)`). */
export function selectorString(selector: Obj | undefined): string {
  const terms: string[] = []
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) terms.push(`${k}=${v}`)
  for (const e of selector?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',')
    if (e.operator === 'In') terms.push(`${e.key} in (${values})`)
    else if (e.operator === 'NotIn') terms.push(`${e.key} notin (${values})`)
    else if (e.operator === 'Exists') terms.push(e.key)
    else if (e.operator === 'DoesNotExist') terms.push(`!${e.key}`)
  }
  return terms.join(',')
}

/** The autoscaling/v1 Scale of a Deployment, ReplicaSet or StatefulSet. */
export function scaleOf(obj: Obj): Obj {
  const m = obj.metadata
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: selectorString(obj.spec?.selector) },
  }
}

/** Writes a Scale's spec.replicas back into its object; a resourceVersion on the Scale must still match. */
export function applyScale(rt: ResourceType, obj: Obj, scale: Obj): Obj {
  const replicas = scale.spec?.replicas
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw invalid(rt, obj.metadata.name, [
      {
        field: 'spec.replicas',
        message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
      },
    ])
  }
  const next: Obj = { ...obj, spec: { ...obj.spec, replicas }, metadata: { ...obj.metadata } }
  if (scale.metadata?.resourceVersion) next.metadata.resourceVersion = scale.metadata.resourceVersion
  return next
}
