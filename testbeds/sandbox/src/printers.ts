import { selectorString } from './subresources'
import type { Obj } from './util'

/** One column of a server-side Table; priority 1 columns appear only with `-o wide`. */
export interface Column {
  name: string
  type: string
  priority?: number
  cell: (o: Obj) => unknown
}

export const created: Column = { name: 'Age', type: 'date', cell: (o) => o.metadata.creationTimestamp }
const createdAt: Column = { name: 'Created At', type: 'date', cell: (o) => o.metadata.creationTimestamp }

const col = (name: string, cell: (o: Obj) => unknown, type = 'string', priority = 0): Column => ({
  name,
  type,
  cell,
  ...(priority ? { priority } : {}),
})
const wide = (name: string, cell: (o: Obj) => unknown) => col(name, cell, 'string', 1)
const num = (name: string, cell: (o: Obj) => unknown) => col(name, (o) => cell(o) ?? 0, 'integer')

const containers = (spec: Obj | undefined): Obj[] => spec?.template?.spec?.containers ?? []
const workloadWide = (extra = true): Column[] => [
  wide('Containers', (o) =>
    containers(o.spec)
      .map((c) => c.name)
      .join(','),
  ),
  wide('Images', (o) =>
    containers(o.spec)
      .map((c) => c.image)
      .join(','),
  ),
  ...(extra ? [wide('Selector', (o: Obj) => selectorString(o.spec?.selector))] : []),
]

/** `kubectl get pods` STATUS: the reason of a waiting or terminated container, Terminating, or the phase. */
function podStatus(pod: Obj): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating'
  for (const c of pod.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) return c.state.waiting.reason
    if (c.state?.terminated?.reason) return c.state.terminated.reason
  }
  return pod.status?.phase ?? 'Pending'
}

function ports(svc: Obj): string {
  const list = (svc.spec?.ports ?? []).map(
    (p: Obj) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
  )
  return list.length ? list.join(',') : '<none>'
}

function duration(job: Obj): string {
  const start = Date.parse(job.status?.startTime ?? '')
  if (Number.isNaN(start)) return ''
  const end = Date.parse(job.status?.completionTime ?? '') || Date.now()
  const s = Math.max(0, Math.round((end - start) / 1000))
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`
}

function jobStatus(job: Obj): string {
  const cond = (type: string) =>
    job.status?.conditions?.some((c: Obj) => c.type === type && c.status === 'True')
  if (cond('Complete')) return 'Complete'
  if (cond('Failed')) return 'Failed'
  if (job.spec?.suspend) return 'Suspended'
  return 'Running'
}

const nodeRoles = (node: Obj) =>
  Object.keys(node.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length))
    .sort()
    .join(',') || '<none>'

const subjects = (kind: string) => (o: Obj) =>
  (o.subjects ?? [])
    .filter((s: Obj) => s.kind === kind)
    .map((s: Obj) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(', ')

const bindingColumns: Column[] = [
  col('Role', (o) => `${o.roleRef?.kind}/${o.roleRef?.name}`),
  created,
  wide('Users', subjects('User')),
  wide('Groups', subjects('Group')),
  wide('ServiceAccounts', subjects('ServiceAccount')),
]

/** The columns kube-apiserver's printers give each built-in kind (kubernetes pkg/printers/internalversion). */
export const BUILTIN_COLUMNS: Record<string, Column[]> = {
  '/Pod': [
    col('Ready', (o) => {
      const statuses: Obj[] = o.status?.containerStatuses ?? []
      return `${statuses.filter((c) => c.ready).length}/${o.spec?.containers?.length ?? 0}`
    }),
    col('Status', podStatus),
    num('Restarts', (o) =>
      (o.status?.containerStatuses ?? []).reduce((n: number, c: Obj) => n + (c.restartCount ?? 0), 0),
    ),
    created,
    wide('IP', (o) => o.status?.podIP ?? '<none>'),
    wide('Node', (o) => o.spec?.nodeName ?? '<none>'),
    wide('Nominated Node', () => '<none>'),
    wide('Readiness Gates', () => '<none>'),
  ],
  'apps/Deployment': [
    col('Ready', (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`),
    num('Up-to-date', (o) => o.status?.updatedReplicas),
    num('Available', (o) => o.status?.availableReplicas),
    created,
    ...workloadWide(),
  ],
  'apps/ReplicaSet': [
    num('Desired', (o) => o.spec?.replicas),
    num('Current', (o) => o.status?.replicas),
    num('Ready', (o) => o.status?.readyReplicas),
    created,
    ...workloadWide(),
  ],
  'apps/StatefulSet': [
    col('Ready', (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`),
    created,
    ...workloadWide(false),
  ],
  'apps/DaemonSet': [
    num('Desired', (o) => o.status?.desiredNumberScheduled),
    num('Current', (o) => o.status?.currentNumberScheduled),
    num('Ready', (o) => o.status?.numberReady),
    num('Up-to-date', (o) => o.status?.updatedNumberScheduled),
    num('Available', (o) => o.status?.numberAvailable),
    col(
      'Node Selector',
      (o) =>
        Object.entries(o.spec?.template?.spec?.nodeSelector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || '<none>',
    ),
    created,
    ...workloadWide(),
  ],
  'batch/Job': [
    col('Status', jobStatus),
    col('Completions', (o) => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`),
    col('Duration', duration),
    created,
    ...workloadWide(),
  ],
  'batch/CronJob': [
    col('Schedule', (o) => o.spec?.schedule),
    col('Timezone', (o) => o.spec?.timeZone ?? '<none>'),
    col('Suspend', (o) => String(o.spec?.suspend ?? false)),
    num('Active', (o) => o.status?.active?.length),
    col('Last Schedule', (o) => o.status?.lastScheduleTime ?? '<none>'),
    created,
  ],
  '/Service': [
    col('Type', (o) => o.spec?.type),
    col('Cluster-IP', (o) => o.spec?.clusterIP ?? '<none>'),
    col(
      'External-IP',
      (o) =>
        (o.status?.loadBalancer?.ingress ?? []).map((i: Obj) => i.ip ?? i.hostname).join(',') ||
        (o.spec?.type === 'LoadBalancer' ? '<pending>' : '<none>'),
    ),
    col('Port(s)', ports),
    created,
    wide(
      'Selector',
      (o) =>
        Object.entries(o.spec?.selector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || '<none>',
    ),
  ],
  '/Node': [
    col('Status', (o) =>
      o.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True')
        ? 'Ready'
        : 'NotReady',
    ),
    col('Roles', nodeRoles),
    created,
    col('Version', (o) => o.status?.nodeInfo?.kubeletVersion),
    wide(
      'Internal-IP',
      (o) => o.status?.addresses?.find((a: Obj) => a.type === 'InternalIP')?.address ?? '<none>',
    ),
  ],
  '/Namespace': [col('Status', (o) => o.status?.phase), created],
  '/ConfigMap': [
    num('Data', (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length),
    created,
  ],
  '/Secret': [col('Type', (o) => o.type), num('Data', (o) => Object.keys(o.data ?? {}).length), created],
  '/ServiceAccount': [num('Secrets', (o) => o.secrets?.length), created],
  '/PersistentVolumeClaim': [
    col('Status', (o) => o.status?.phase ?? 'Pending'),
    col('Volume', (o) => o.spec?.volumeName ?? ''),
    col('Capacity', (o) => o.status?.capacity?.storage ?? ''),
    col('Access Modes', (o) =>
      (o.status?.accessModes ?? [])
        .map((m: string) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX' })[m] ?? m)
        .join(','),
    ),
    col('StorageClass', (o) => o.spec?.storageClassName ?? '<unset>'),
    created,
  ],
  'policy/PodDisruptionBudget': [
    col('Min Available', (o) => o.spec?.minAvailable ?? 'N/A'),
    col('Max Unavailable', (o) => o.spec?.maxUnavailable ?? 'N/A'),
    num('Allowed Disruptions', (o) => o.status?.disruptionsAllowed),
    created,
  ],
  'autoscaling/HorizontalPodAutoscaler': [
    col('Reference', (o) => `${o.spec?.scaleTargetRef?.kind}/${o.spec?.scaleTargetRef?.name}`),
    col('Targets', () => '<unknown>'),
    num('MinPods', (o) => o.spec?.minReplicas ?? 1),
    num('MaxPods', (o) => o.spec?.maxReplicas),
    num('Replicas', (o) => o.status?.currentReplicas),
    created,
  ],
  'networking.k8s.io/Ingress': [
    col('Class', (o) => o.spec?.ingressClassName ?? '<none>'),
    col('Hosts', (o) => (o.spec?.rules ?? []).map((r: Obj) => r.host ?? '*').join(',') || '*'),
    col('Address', (o) =>
      (o.status?.loadBalancer?.ingress ?? []).map((i: Obj) => i.ip ?? i.hostname).join(','),
    ),
    col('Ports', (o) => (o.spec?.tls?.length ? '80, 443' : '80')),
    created,
  ],
  'networking.k8s.io/IngressClass': [
    col('Controller', (o) => o.spec?.controller),
    col('Parameters', (o) =>
      o.spec?.parameters ? `${o.spec.parameters.kind}/${o.spec.parameters.name}` : '<none>',
    ),
    created,
  ],
  'networking.k8s.io/NetworkPolicy': [
    col('Pod-Selector', (o) => selectorString(o.spec?.podSelector) || '<none>'),
    created,
  ],
  'rbac.authorization.k8s.io/ClusterRole': [createdAt],
  'rbac.authorization.k8s.io/Role': [createdAt],
  'rbac.authorization.k8s.io/ClusterRoleBinding': bindingColumns,
  'rbac.authorization.k8s.io/RoleBinding': bindingColumns,
  'storage.k8s.io/StorageClass': [
    col('Provisioner', (o) => o.provisioner),
    col('ReclaimPolicy', (o) => o.reclaimPolicy),
    col('VolumeBindingMode', (o) => o.volumeBindingMode),
    col('AllowVolumeExpansion', (o) => String(o.allowVolumeExpansion ?? false)),
    created,
  ],
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': [
    num('Webhooks', (o) => o.webhooks?.length),
    created,
  ],
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': [
    num('Webhooks', (o) => o.webhooks?.length),
    created,
  ],
  'apiextensions.k8s.io/CustomResourceDefinition': [createdAt],
  'coordination.k8s.io/Lease': [col('Holder', (o) => o.spec?.holderIdentity ?? ''), created],
}
