import { ApiError, invalid } from './errors'
import type { ResourceType } from './resources'
import { isObj, type Obj } from './util'

/**
 * What kube-apiserver adds to a built-in object before it stores it: the defaults of k8s.io/api's
 * defaulting functions (the ones clients read back: replicas, strategies, restart and DNS policies,
 * protocols, probe timings, Secret type …), a Job's generated selector and the Service allocations
 * (cluster IP, node ports). It runs on every create and update of the main resource; a value the
 * client set is never replaced, and an update keeps what was allocated before.
 */
export function applyDefaults(
  rt: ResourceType,
  obj: Obj,
  previous: Obj | undefined,
  ips: ServiceAllocator,
): void {
  if (!rt.builtin) return
  const kind = `${rt.group}/${rt.kind}`
  // Kinds whose Go type has a spec struct always show one, if only `{}`.
  if (!NO_SPEC.has(kind)) obj.spec = isObj(obj.spec) ? obj.spec : {}
  const spec = obj.spec
  switch (kind) {
    case '/Namespace':
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name }
      def(spec, 'finalizers', ['kubernetes'])
      obj.status = { phase: 'Active', ...obj.status }
      return
    case '/Pod':
      podSpec(spec, true)
      return
    case '/Service':
      service(rt, obj, previous, ips)
      return
    case '/Secret':
      def(obj, 'type', 'Opaque')
      return
    case '/PersistentVolumeClaim':
      def(spec, 'volumeMode', 'Filesystem')
      return
    case 'apps/Deployment':
      def(spec, 'replicas', 1)
      def(spec, 'strategy', {})
      def(spec.strategy, 'type', 'RollingUpdate')
      if (spec.strategy.type === 'RollingUpdate') {
        def(spec.strategy, 'rollingUpdate', {})
        def(spec.strategy.rollingUpdate, 'maxUnavailable', '25%')
        def(spec.strategy.rollingUpdate, 'maxSurge', '25%')
      }
      def(spec, 'revisionHistoryLimit', 10)
      def(spec, 'progressDeadlineSeconds', 600)
      template(spec)
      return
    case 'apps/ReplicaSet':
      def(spec, 'replicas', 1)
      template(spec)
      return
    case 'apps/StatefulSet':
      def(spec, 'replicas', 1)
      def(spec, 'podManagementPolicy', 'OrderedReady')
      def(spec, 'updateStrategy', {})
      def(spec.updateStrategy, 'type', 'RollingUpdate')
      if (spec.updateStrategy.type === 'RollingUpdate')
        def(spec.updateStrategy, 'rollingUpdate', { partition: 0 })
      def(spec, 'revisionHistoryLimit', 10)
      def(spec, 'persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' })
      for (const claim of spec.volumeClaimTemplates ?? []) {
        claim.spec ??= {}
        def(claim.spec, 'volumeMode', 'Filesystem')
        def(claim, 'status', { phase: 'Pending' })
      }
      template(spec)
      return
    case 'apps/DaemonSet':
      def(spec, 'updateStrategy', {})
      def(spec.updateStrategy, 'type', 'RollingUpdate')
      if (spec.updateStrategy.type === 'RollingUpdate')
        def(spec.updateStrategy, 'rollingUpdate', { maxUnavailable: 1, maxSurge: 0 })
      def(spec, 'revisionHistoryLimit', 10)
      template(spec)
      return
    case 'batch/Job':
      job(obj, previous)
      return
    case 'batch/CronJob':
      def(spec, 'concurrencyPolicy', 'Allow')
      def(spec, 'suspend', false)
      def(spec, 'successfulJobsHistoryLimit', 3)
      def(spec, 'failedJobsHistoryLimit', 1)
      if (isObj(spec.jobTemplate?.spec)) {
        const jobSpec = spec.jobTemplate.spec
        def(jobSpec, 'backoffLimit', 6)
        template(jobSpec)
      }
      return
    case 'autoscaling/HorizontalPodAutoscaler':
      def(spec, 'minReplicas', 1)
      return
    case 'networking.k8s.io/NetworkPolicy':
      def(spec, 'policyTypes', spec.egress ? ['Ingress', 'Egress'] : ['Ingress'])
      return
    case 'admissionregistration.k8s.io/ValidatingWebhookConfiguration':
    case 'admissionregistration.k8s.io/MutatingWebhookConfiguration':
      for (const hook of obj.webhooks ?? []) {
        def(hook, 'failurePolicy', 'Fail')
        def(hook, 'matchPolicy', 'Equivalent')
        def(hook, 'namespaceSelector', {})
        def(hook, 'objectSelector', {})
        def(hook, 'timeoutSeconds', 10)
        if (rt.kind === 'MutatingWebhookConfiguration') def(hook, 'reinvocationPolicy', 'Never')
        if (hook.clientConfig?.service) def(hook.clientConfig.service, 'port', 443)
        for (const rule of hook.rules ?? []) def(rule, 'scope', '*')
      }
      return
    case 'storage.k8s.io/StorageClass':
      def(obj, 'reclaimPolicy', 'Delete')
      def(obj, 'volumeBindingMode', 'Immediate')
      return
    case 'apiextensions.k8s.io/CustomResourceDefinition':
      def(spec, 'conversion', { strategy: 'None' })
      return
  }
}

const NO_SPEC = new Set([
  '/ConfigMap',
  '/Secret',
  '/Event',
  '/ServiceAccount',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'rbac.authorization.k8s.io/Role',
  'rbac.authorization.k8s.io/RoleBinding',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'storage.k8s.io/StorageClass',
])

function def(target: Obj, key: string, value: unknown): void {
  if (target[key] === undefined || target[key] === null) target[key] = value
}

function template(spec: Obj): void {
  if (!isObj(spec.template)) return
  def(spec.template, 'metadata', {})
  def(spec.template, 'spec', {})
  podSpec(spec.template.spec, false)
}

function podSpec(spec: Obj, pod: boolean): void {
  def(spec, 'restartPolicy', 'Always')
  def(spec, 'terminationGracePeriodSeconds', 30)
  def(spec, 'dnsPolicy', 'ClusterFirst')
  def(spec, 'securityContext', {})
  def(spec, 'schedulerName', 'default-scheduler')
  if (pod) {
    def(spec, 'serviceAccountName', spec.serviceAccount ?? 'default')
    def(spec, 'enableServiceLinks', true)
    def(spec, 'priority', 0)
    def(spec, 'preemptionPolicy', 'PreemptLowerPriority')
  }
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (!isObj(c)) continue
    def(c, 'terminationMessagePath', '/dev/termination-log')
    def(c, 'terminationMessagePolicy', 'File')
    def(c, 'resources', {})
    const tag = String(c.image ?? '')
      .split('@')[0]!
      .split('/')
      .pop()!
    def(c, 'imagePullPolicy', !tag.includes(':') || tag.endsWith(':latest') ? 'Always' : 'IfNotPresent')
    for (const p of c.ports ?? []) if (isObj(p)) def(p, 'protocol', 'TCP')
    for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
      if (!isObj(probe)) continue
      def(probe, 'timeoutSeconds', 1)
      def(probe, 'periodSeconds', 10)
      def(probe, 'successThreshold', 1)
      def(probe, 'failureThreshold', 3)
      if (isObj(probe.httpGet)) def(probe.httpGet, 'scheme', 'HTTP')
    }
    for (const e of c.env ?? [])
      if (isObj(e?.valueFrom?.fieldRef)) def(e.valueFrom.fieldRef, 'apiVersion', 'v1')
  }
}

/** The apiserver generates a Job's selector from its uid unless manualSelector is set. */
function job(obj: Obj, previous: Obj | undefined): void {
  const spec = obj.spec
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1
    spec.parallelism = 1
  }
  def(spec, 'parallelism', 1)
  def(spec, 'backoffLimit', 6)
  def(spec, 'completionMode', 'NonIndexed')
  def(spec, 'suspend', false)
  def(spec, 'podReplacementPolicy', 'TerminatingOrFailed')
  template(spec)
  if (spec.manualSelector) return
  const uid = obj.metadata.uid
  const generated = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': obj.metadata.name,
    'controller-uid': uid,
    'job-name': obj.metadata.name,
  }
  if (!previous) {
    spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }
  } else def(spec, 'selector', previous.spec?.selector)
  if (isObj(spec.template))
    spec.template.metadata = {
      ...spec.template.metadata,
      labels: { ...spec.template.metadata?.labels, ...generated },
    }
}

/**
 * Cluster IPs from k3s's service range (10.43.0.0/16; .1 is the kubernetes Service's) and node ports
 * from 30000-32767, never one that a Service holds. What is held is read from the Services themselves,
 * so a deleted Service frees its addresses.
 */
export class ServiceAllocator {
  private nextIp = 2
  private nextPort = 30000

  constructor(private readonly services: () => Obj[]) {}

  ip(): string {
    const held = new Set(this.services().flatMap((s) => s.spec?.clusterIPs ?? []))
    for (let i = 0; i < 65_000; i++) {
      const n = this.nextIp
      this.nextIp = n >= 65_000 ? 2 : n + 1
      const ip = `10.43.${Math.floor(n / 256)}.${n % 256}`
      if (n % 256 !== 0 && n % 256 !== 255 && !held.has(ip)) return ip
    }
    throw new ApiError(
      500,
      'InternalError',
      'Internal error occurred: failed to allocate a serviceIP: range is full',
    )
  }

  port(): number {
    const held = new Set(this.services().flatMap((s) => (s.spec?.ports ?? []).map((p: Obj) => p.nodePort)))
    for (let i = 0; i < 2768; i++) {
      const p = this.nextPort
      this.nextPort = p >= 32767 ? 30000 : p + 1
      if (!held.has(p)) return p
    }
    throw new ApiError(
      500,
      'InternalError',
      'Internal error occurred: failed to allocate a nodePort: range is full',
    )
  }
}

function service(rt: ResourceType, obj: Obj, previous: Obj | undefined, ips: ServiceAllocator): void {
  const spec = obj.spec
  const before = previous?.spec ?? {}
  def(spec, 'type', 'ClusterIP')
  def(spec, 'sessionAffinity', 'None')
  const external = spec.type === 'ExternalName'
  if (!external) {
    // An update that leaves the allocated values out keeps them, as the apiserver's update strategy does.
    if (!spec.clusterIP) spec.clusterIP = before.clusterIP
    if (!spec.clusterIPs?.length) spec.clusterIPs = before.clusterIPs
    if (before.clusterIP && spec.clusterIP !== before.clusterIP)
      throw invalid(rt, obj.metadata.name, [
        {
          field: 'spec.clusterIPs[0]',
          message: `Invalid value: ${JSON.stringify(spec.clusterIP)}: may not change once set`,
        },
      ])
    if (!spec.clusterIP) spec.clusterIP = ips.ip()
    def(spec, 'clusterIPs', [spec.clusterIP])
    if (spec.clusterIP !== 'None') {
      def(spec, 'ipFamilies', ['IPv4'])
      def(spec, 'ipFamilyPolicy', 'SingleStack')
    }
    def(spec, 'internalTrafficPolicy', 'Cluster')
  }
  const nodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer'
  if (nodePorts) def(spec, 'externalTrafficPolicy', 'Cluster')
  if (spec.type === 'LoadBalancer') def(spec, 'allocateLoadBalancerNodePorts', true)
  for (const p of spec.ports ?? []) {
    if (!isObj(p)) continue
    def(p, 'protocol', 'TCP')
    def(p, 'targetPort', p.port)
    if (!nodePorts) continue
    const old = (before.ports ?? []).find(
      (o: Obj) => o.port === p.port && (o.protocol ?? 'TCP') === p.protocol,
    )
    def(p, 'nodePort', old?.nodePort ?? ips.port())
  }
  obj.status ??= previous?.status ?? { loadBalancer: {} }
}
