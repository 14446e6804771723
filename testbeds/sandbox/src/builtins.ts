import type { ResourceType } from './resource-type'

interface Options {
  shortNames?: string[]
  /** `kubectl get all` lists these. */
  all?: boolean
  status?: boolean
  /** The `/scale` subresource (autoscaling/v1 Scale), what `kubectl scale` uses. */
  scale?: boolean
  cluster?: boolean
  /** Verbs other than the usual eight, such as `create` alone for the review kinds. */
  verbs?: string[]
}

function kind(group: string, version: string, kind: string, plural: string, o: Options = {}): ResourceType {
  const rt: ResourceType = {
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: !o.cluster,
    statusSubresource: Boolean(o.status),
    builtin: true,
  }
  if (o.shortNames) rt.shortNames = o.shortNames
  if (o.all) rt.categories = ['all']
  if (o.scale) rt.scaleSubresource = true
  if (o.verbs) rt.verbs = o.verbs
  return rt
}

const RBAC = 'rbac.authorization.k8s.io'
const ADMISSION = 'admissionregistration.k8s.io'

/**
 * The built-in kinds the sandbox serves: what a fresh k3s cluster offers for the real add-on charts, the
 * reference app chart and the kubectl commands the suite's users run. Each has its protobuf message in
 * proto/messages.ts, so typed clients (kubectl create, helm's release storage) can write it.
 */
export const BUILTIN_KINDS: ResourceType[] = [
  kind('', 'v1', 'Namespace', 'namespaces', { shortNames: ['ns'], status: true, cluster: true }),
  kind('', 'v1', 'Node', 'nodes', { shortNames: ['no'], status: true, cluster: true }),
  kind('', 'v1', 'Pod', 'pods', { shortNames: ['po'], all: true, status: true }),
  kind('', 'v1', 'Service', 'services', { shortNames: ['svc'], all: true, status: true }),
  kind('', 'v1', 'ConfigMap', 'configmaps', { shortNames: ['cm'] }),
  kind('', 'v1', 'Secret', 'secrets'),
  kind('', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
  kind('', 'v1', 'ServiceAccount', 'serviceaccounts', { shortNames: ['sa'] }),
  kind('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', { shortNames: ['pvc'], status: true }),
  kind('apps', 'v1', 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    all: true,
    status: true,
    scale: true,
  }),
  kind('apps', 'v1', 'ReplicaSet', 'replicasets', {
    shortNames: ['rs'],
    all: true,
    status: true,
    scale: true,
  }),
  kind('apps', 'v1', 'StatefulSet', 'statefulsets', {
    shortNames: ['sts'],
    all: true,
    status: true,
    scale: true,
  }),
  kind('apps', 'v1', 'DaemonSet', 'daemonsets', { shortNames: ['ds'], all: true, status: true }),
  kind('batch', 'v1', 'Job', 'jobs', { all: true, status: true }),
  kind('batch', 'v1', 'CronJob', 'cronjobs', { shortNames: ['cj'], all: true, status: true }),
  kind('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', {
    shortNames: ['hpa'],
    all: true,
    status: true,
  }),
  kind(RBAC, 'v1', 'ClusterRole', 'clusterroles', { cluster: true }),
  kind(RBAC, 'v1', 'ClusterRoleBinding', 'clusterrolebindings', { cluster: true }),
  kind(RBAC, 'v1', 'Role', 'roles'),
  kind(RBAC, 'v1', 'RoleBinding', 'rolebindings'),
  kind('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', { shortNames: ['netpol'] }),
  kind('networking.k8s.io', 'v1', 'Ingress', 'ingresses', { shortNames: ['ing'], status: true }),
  kind('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', { cluster: true }),
  kind('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', { shortNames: ['pdb'], status: true }),
  kind(ADMISSION, 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', {
    cluster: true,
  }),
  kind(ADMISSION, 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', { cluster: true }),
  kind('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', {
    cluster: true,
    verbs: ['create'],
  }),
  kind('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', {
    cluster: true,
    verbs: ['create'],
  }),
  kind('authentication.k8s.io', 'v1', 'SelfSubjectReview', 'selfsubjectreviews', {
    cluster: true,
    verbs: ['create'],
  }),
  kind('coordination.k8s.io', 'v1', 'Lease', 'leases'),
  kind('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', { shortNames: ['sc'], cluster: true }),
  kind('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', {
    shortNames: ['crd', 'crds'],
    status: true,
    cluster: true,
  }),
]
