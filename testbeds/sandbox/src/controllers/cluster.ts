import type { Store, StoreEvent } from '../store'
import { type Obj, timestamp } from '../util'
import { type Controller, type ControllerContext, kind } from './context'
import { NODE_IP, NODE_NAME } from './pods'
import { deferrer } from './workqueue'

/**
 * What a fresh single-node k3s cluster holds before anything is installed: its namespaces, its node
 * (Ready), the `kubernetes` Service and the `local-path` default StorageClass.
 */
export function seedCluster(store: Store): void {
  const registry = store.registry
  const get = (group: string, plural: string) =>
    registry.all().find((t) => t.group === group && t.plural === plural)!
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
    store.create(get('', 'namespaces'), { metadata: { name } })
  const now = timestamp()
  const nodeCondition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  })
  store.create(
    get('', 'nodes'),
    {
      metadata: {
        name: NODE_NAME,
        labels: {
          'kubernetes.io/hostname': NODE_NAME,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'node-role.kubernetes.io/control-plane': 'true',
          'node-role.kubernetes.io/master': 'true',
        },
      },
      spec: { podCIDR: '10.42.0.0/24', podCIDRs: ['10.42.0.0/24'], providerID: `k3s://${NODE_NAME}` },
      status: {
        addresses: [
          { type: 'InternalIP', address: NODE_IP },
          { type: 'Hostname', address: NODE_NAME },
        ],
        allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '50Gi' },
        capacity: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '50Gi' },
        conditions: [
          nodeCondition(
            'MemoryPressure',
            'False',
            'KubeletHasSufficientMemory',
            'kubelet has sufficient memory available',
          ),
          nodeCondition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          nodeCondition(
            'PIDPressure',
            'False',
            'KubeletHasSufficientPID',
            'kubelet has sufficient PID available',
          ),
          nodeCondition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
        nodeInfo: {
          kubeletVersion: 'v1.32.0+k3s1',
          kubeProxyVersion: 'v1.32.0+k3s1',
          containerRuntimeVersion: 'containerd://1.7.23-k3s2',
          operatingSystem: 'linux',
          architecture: 'amd64',
          osImage: 'sandbox',
          kernelVersion: '6.0.0',
          machineID: '',
          systemUUID: '',
          bootID: '',
        },
      },
    },
    { keepStatus: true },
  )
  store.create(get('', 'services'), {
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: { clusterIP: '10.43.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
  })
  store.create(get('storage.k8s.io', 'storageclasses'), {
    metadata: { name: 'local-path', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  })
}

/**
 * The controllers k3s bundles, as far as clients see them: every namespace gets its `default`
 * ServiceAccount (the service account controller), local-path binds every claim (the sandbox has no
 * volumes to wait for), and servicelb gives a LoadBalancer Service the node's address.
 */
export function bundledControllers(ctx: ControllerContext): Controller {
  const claims = kind(ctx.registry, '', 'persistentvolumeclaims')
  const services = kind(ctx.registry, '', 'services')
  const namespaces = kind(ctx.registry, '', 'namespaces')
  const accounts = kind(ctx.registry, '', 'serviceaccounts')
  const { later, stop: cancelPending } = deferrer(ctx)

  const bind = (namespace: string, name: string) => {
    const pvc = ctx.store.get(claims, namespace, name)
    if (!pvc || pvc.status?.phase === 'Bound') return
    const storage = pvc.spec?.resources?.requests?.storage ?? '1Gi'
    pvc.status = {
      phase: 'Bound',
      accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
      capacity: { storage },
    }
    ctx.store.update(claims, pvc, { status: true })
    const bound = ctx.store.get(claims, namespace, name)
    if (!bound || bound.spec?.volumeName) return
    bound.spec = { ...bound.spec, volumeName: `pvc-${bound.metadata.uid}` }
    bound.metadata.annotations = {
      ...bound.metadata.annotations,
      'pv.kubernetes.io/bind-completed': 'yes',
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    }
    ctx.store.update(claims, bound)
  }

  const account = (namespace: string) => {
    const ns = ctx.store.get(namespaces, undefined, namespace)
    if (!ns || ns.metadata.deletionTimestamp || ctx.store.get(accounts, namespace, 'default')) return
    ctx.store.create(accounts, { metadata: { name: 'default', namespace } })
  }
  for (const ns of ctx.store.list(namespaces)) account(ns.metadata.name)

  const expose = (namespace: string, name: string) => {
    const svc = ctx.store.get(services, namespace, name)
    if (svc?.spec?.type !== 'LoadBalancer' || svc.status?.loadBalancer?.ingress) return
    svc.status = { loadBalancer: { ingress: [{ ip: NODE_IP, ipMode: 'VIP' }] } }
    ctx.store.update(services, svc, { status: true })
  }

  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    const { namespace, name } = e.object.metadata as Obj
    // A deleted default ServiceAccount comes back, as the service account controller recreates it.
    if (e.rt === accounts && name === 'default') later(() => account(namespace))
    if (e.type === 'DELETED') return
    if (e.rt === claims) later(() => bind(namespace, name))
    if (e.rt === services) later(() => expose(namespace, name))
    if (e.rt === namespaces) later(() => account(name))
  })

  return {
    stop() {
      unsubscribe()
      cancelPending()
    },
  }
}
