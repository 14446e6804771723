import type { StoreEvent } from '../store'
import { type Obj, stableJson } from '../util'
import { type Controller, type ControllerContext, kind } from './context'
import { isDeploymentReady } from './deployment'
import { deferrer } from './workqueue'

/** The Deployment a controller runs as, and its container that runs the controller's image. */
export interface Installed {
  deployment: Obj
  container: Obj
}

/**
 * Runs a behaviour model while the cluster runs its controller: a Deployment with a container of
 * `image` (the image's repository name, from any registry, at any tag) whose pods are available, as a
 * chart installs it. The model starts once every replica is ready, stops when none is available (the
 * Deployment deleted or scaled to zero), and restarts when a rollout of a new pod template completes,
 * so new arguments take effect as they do with new pods. A start that throws (say the controller's
 * CRDs are not installed yet) is retried when a CRD arrives, as a crash-looping pod would be.
 */
export function whileInstalled(
  ctx: ControllerContext,
  image: string,
  start: (installed: Installed) => Controller,
): Controller {
  const deployments = kind(ctx.registry, 'apps', 'deployments')
  const running = new Map<string, { template: string; controller: Controller }>()
  const failing = new Map<string, string>()
  const stopping: Promise<void>[] = []

  const halt = (key: string) => {
    const current = running.get(key)
    if (!current) return
    running.delete(key)
    stopping.push(Promise.resolve(current.controller.stop()))
  }

  const evaluate = (namespace: string, name: string) => {
    const key = `${namespace}/${name}`
    const d = ctx.store.get(deployments, namespace, name)
    const container = d && !d.metadata.deletionTimestamp ? containerOf(d, image) : undefined
    const current = running.get(key)
    if (!d || !container || (d.status?.availableReplicas ?? 0) === 0) {
      if (current) ctx.log(`${image}: stopped, Deployment ${key} has no available pods`)
      halt(key)
      failing.delete(key)
      return
    }
    const template = stableJson(d.spec?.template)
    // Unchanged, or a rollout under way: the running pods keep their configuration until it completes.
    if (current && (current.template === template || !isDeploymentReady(d))) return
    if (!current && !isDeploymentReady(d)) return
    halt(key)
    try {
      running.set(key, { template, controller: start({ deployment: d, container }) })
      failing.delete(key)
      ctx.log(`${image}: running as Deployment ${key}`)
    } catch (err) {
      const message = (err as Error).message
      if (failing.get(key) !== message) ctx.log(`${image}: Deployment ${key} cannot start: ${message}`)
      failing.set(key, message)
    }
  }

  const deferred = deferrer(ctx)
  const later = deferred.later
  const unsubscribe = ctx.store.subscribe((e: StoreEvent) => {
    if (e.rt === deployments) {
      const { namespace, name } = e.object.metadata
      if (running.has(`${namespace}/${name}`) || containerOf(e.object, image))
        later(() => evaluate(namespace, name))
    } else if (e.rt.kind === 'CustomResourceDefinition' && failing.size > 0) {
      for (const key of failing.keys()) {
        const [namespace, name] = key.split('/') as [string, string]
        later(() => evaluate(namespace, name))
      }
    }
  })
  for (const d of ctx.store.list(deployments)) {
    if (containerOf(d, image)) evaluate(d.metadata.namespace, d.metadata.name)
  }

  return {
    async stop() {
      unsubscribe()
      deferred.stop()
      for (const key of [...running.keys()]) halt(key)
      await Promise.all(stopping)
    },
  }
}

/** Starts several controllers as one; if one cannot start, those already started are stopped. */
export function together(starts: (() => Controller)[]): Controller {
  const started: Controller[] = []
  try {
    for (const start of starts) started.push(start())
  } catch (err) {
    for (const c of started) void c.stop()
    throw err
  }
  return { stop: async () => void (await Promise.all(started.map((c) => c.stop()))) }
}

function containerOf(d: Obj, image: string): Obj | undefined {
  return (d.spec?.template?.spec?.containers ?? []).find(
    (c: Obj) => repositoryName(String(c.image ?? '')) === image,
  )
}

/** `ghcr.io/fluxcd/flagger:1.44.0` → `flagger`: the last path segment of the image's repository. */
export function repositoryName(image: string): string {
  const withoutDigest = image.split('@')[0] ?? ''
  const slash = withoutDigest.lastIndexOf('/')
  const colon = withoutDigest.lastIndexOf(':')
  const repository = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest
  return repository.slice(repository.lastIndexOf('/') + 1)
}
