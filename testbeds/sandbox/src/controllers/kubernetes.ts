import { bundledControllers } from './cluster'
import type { Controller, ControllerContext } from './context'
import { crdController } from './crds'
import { daemonSetController } from './daemonset'
import { deploymentController } from './deployment'
import { garbageCollector } from './garbage-collector'
import { jobController } from './job'
import { kubelet } from './pods'
import { replicaSetController } from './replicaset'
import { statefulSetController } from './statefulset'

/** Kubernetes' own controllers (kube-controller-manager, the kubelet, k3s's bundled ones): every sandbox runs them. */
export function kubernetesControllers(ctx: ControllerContext): Controller[] {
  return [
    deploymentController(ctx),
    replicaSetController(ctx),
    statefulSetController(ctx),
    daemonSetController(ctx),
    jobController(ctx),
    kubelet(ctx),
    garbageCollector(ctx),
    bundledControllers(ctx),
    crdController(ctx),
  ]
}
