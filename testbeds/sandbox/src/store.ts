import { checkBuiltin } from './builtin-rules'
import { applyDefaults, ServiceAllocator } from './defaults'
import { alreadyExists, conflict, invalid, notFound } from './errors'
import { groupVersion, type Registry, type ResourceType } from './resources'
import type { Matcher } from './selectors'
import { clone, deepEqual, type Obj, timestamp, uuid } from './util'

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface StoreEvent {
  type: EventType
  rt: ResourceType
  object: Obj
  /** The object before a MODIFIED change, so watches with selectors can tell "stopped matching". */
  previous?: Obj
  rv: number
}

export type Listener = (event: StoreEvent) => void

/** How a delete treats the object's dependents (DeleteOptions.propagationPolicy). */
export type Propagation = 'Background' | 'Foreground' | 'Orphan'

const HISTORY = 5000

/**
 * One generic object store for every kind, keeping metadata the way kube-apiserver does: one global
 * resourceVersion counter, uid and creationTimestamp on create, generation by the kind's rules, status
 * kept apart when the kind has a status subresource. It also keeps a window of recent changes so
 * watches can resume from a resourceVersion.
 */
export class Store {
  private rv = 1
  private readonly objects = new Map<string, { rt: ResourceType; obj: Obj }>()
  private history: StoreEvent[] = []
  /** Watches from a resourceVersion below this cannot be served: 410 Gone. */
  private floor = 0
  private readonly listeners = new Set<Listener>()
  private readonly allocator: ServiceAllocator

  constructor(readonly registry: Registry) {
    this.allocator = new ServiceAllocator(() => {
      const services = registry.byPlural('', 'v1', 'services')
      return services ? this.list(services) : []
    })
  }

  get resourceVersion(): string {
    return String(this.rv)
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get(rt: ResourceType, namespace: string | undefined, name: string): Obj | undefined {
    const entry = this.objects.get(key(rt, namespace, name))
    return entry ? clone(entry.obj) : undefined
  }

  mustGet(rt: ResourceType, namespace: string | undefined, name: string): Obj {
    const obj = this.get(rt, namespace, name)
    if (!obj) throw notFound(rt, name)
    return obj
  }

  list(rt: ResourceType, namespace?: string, match: Matcher = () => true): Obj[] {
    const out: Obj[] = []
    for (const { rt: t, obj } of this.objects.values()) {
      if (t !== rt) continue
      if (namespace && obj.metadata.namespace !== namespace) continue
      if (match(obj)) out.push(clone(obj))
    }
    return out.sort((a, b) =>
      `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(
        `${b.metadata.namespace ?? ''}/${b.metadata.name}`,
      ),
    )
  }

  create(rt: ResourceType, input: Obj, opts: { keepStatus?: boolean } = {}): Obj {
    const obj = clone(input)
    obj.apiVersion = groupVersion(rt)
    obj.kind = rt.kind
    obj.metadata ??= {}
    const meta = obj.metadata
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${uuid().slice(0, 5)}`
    if (!meta.name)
      throw invalid(rt, '', [
        { field: 'metadata.name', message: 'Required value: name or generateName is required' },
      ])
    if (rt.namespaced) {
      meta.namespace ??= 'default'
      if (rt.kind !== 'Namespace' && !this.objects.has(`|namespaces||${meta.namespace}`)) {
        throw notFound(this.registry.byPlural('', 'v1', 'namespaces')!, meta.namespace)
      }
    } else delete meta.namespace
    const k = key(rt, meta.namespace, meta.name)
    if (this.objects.has(k)) throw alreadyExists(rt, meta.name)
    meta.uid = uuid()
    meta.creationTimestamp = timestamp()
    delete meta.deletionTimestamp
    delete meta.deletionGracePeriodSeconds
    meta.generation = 1
    if (rt.statusSubresource && !opts.keepStatus) delete obj.status
    applyDefaults(rt, obj, undefined, this.allocator)
    checkBuiltin(rt, obj, undefined)
    if (rt.kind === 'CustomResourceDefinition') obj.status = crdStatus(obj)
    return this.commit('ADDED', rt, k, obj)
  }

  /**
   * Replaces an object. `status: true` is a write through the status subresource (only status changes,
   * and with `annotations` the annotations too, as a Deployment's status strategy allows); otherwise
   * status is preserved for kinds with the subresource. A given resourceVersion must match. An object
   * being deleted goes once its last finalizer is removed. managedFields left out are kept.
   */
  update(rt: ResourceType, input: Obj, opts: { status?: boolean; annotations?: boolean } = {}): Obj {
    const meta = input.metadata ?? {}
    const namespace = rt.namespaced ? (meta.namespace ?? 'default') : undefined
    const k = key(rt, namespace, meta.name)
    const current = this.objects.get(k)?.obj
    if (!current) throw notFound(rt, meta.name ?? '')
    if (meta.resourceVersion && meta.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(rt, meta.name)
    }
    let next: Obj
    if (opts.status) {
      next = clone(current)
      next.status = clone(input.status)
      if (opts.annotations) next.metadata.annotations = clone(input.metadata?.annotations)
      if (input.metadata?.managedFields) next.metadata.managedFields = clone(input.metadata.managedFields)
    } else {
      next = clone(input)
      next.apiVersion = groupVersion(rt)
      next.kind = rt.kind
      // Identity and bookkeeping fields belong to the server.
      for (const f of ['uid', 'creationTimestamp', 'generation', 'namespace', 'deletionTimestamp'] as const) {
        if (current.metadata[f] === undefined) delete next.metadata[f]
        else next.metadata[f] = current.metadata[f]
      }
      for (const f of ['deletionGracePeriodSeconds', 'managedFields'] as const) {
        if (next.metadata[f] === undefined && current.metadata[f] !== undefined)
          next.metadata[f] = current.metadata[f]
      }
      if (rt.statusSubresource) {
        if (current.status === undefined) delete next.status
        else next.status = clone(current.status)
      }
      applyDefaults(rt, next, current, this.allocator)
      checkBuiltin(rt, next, current)
      if (bumpsGeneration(rt, current, next))
        next.metadata.generation = (current.metadata.generation ?? 1) + 1
    }
    next.metadata.resourceVersion = current.metadata.resourceVersion
    if (deepEqual(next, current)) return clone(current) // a no-op write changes nothing, as on a real server
    if (next.metadata.deletionTimestamp && !next.metadata.finalizers?.length) return this.remove(rt, k, next)
    return this.commit('MODIFIED', rt, k, next)
  }

  /**
   * Deletes an object. With finalizers (or a Foreground or Orphan propagation, which add theirs) it only
   * gets a deletionTimestamp and goes once they are removed; the garbage collector handles dependents.
   */
  delete(rt: ResourceType, namespace: string | undefined, name: string, propagation?: Propagation): Obj {
    const k = key(rt, rt.namespaced ? (namespace ?? 'default') : undefined, name)
    const entry = this.objects.get(k)
    if (!entry) throw notFound(rt, name)
    const finalizers = [...(entry.obj.metadata.finalizers ?? [])]
    if (propagation === 'Foreground' && !finalizers.includes('foregroundDeletion'))
      finalizers.push('foregroundDeletion')
    if (propagation === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan')
    if (finalizers.length > 0 && rt.kind !== 'Namespace') {
      const marked = clone(entry.obj)
      if (marked.metadata.deletionTimestamp && deepEqual(marked.metadata.finalizers, finalizers))
        return marked
      marked.metadata.deletionTimestamp ??= timestamp()
      marked.metadata.deletionGracePeriodSeconds ??= 0
      marked.metadata.finalizers = finalizers
      return this.commit('MODIFIED', rt, k, marked)
    }
    if (rt.kind === 'Namespace') {
      // The namespace controller's work, done at once: everything inside goes, finalizers or not.
      for (const [otherKey, other] of [...this.objects]) {
        if (other.rt.namespaced && other.obj.metadata.namespace === name)
          this.remove(other.rt, otherKey, other.obj)
      }
    }
    return this.remove(rt, k, entry.obj)
  }

  private remove(rt: ResourceType, k: string, last: Obj): Obj {
    this.objects.delete(k)
    this.rv++
    const obj = clone(last)
    obj.metadata.resourceVersion = String(this.rv)
    this.record({ type: 'DELETED', rt, object: obj, rv: this.rv })
    return clone(obj)
  }

  /** Events after `rv` for a resource type, or undefined when that point is outside the window (410). */
  since(rv: number): StoreEvent[] | undefined {
    if (rv < this.floor) return undefined
    return this.history.filter((e) => e.rv > rv)
  }

  /** Forgets the change history, so every watch resuming from an older resourceVersion gets 410. */
  compact(): void {
    this.history = []
    this.floor = this.rv
  }

  private commit(type: EventType, rt: ResourceType, k: string, obj: Obj): Obj {
    const previous = this.objects.get(k)?.obj
    this.rv++
    obj.metadata.resourceVersion = String(this.rv)
    this.objects.set(k, { rt, obj })
    this.record({ type, rt, object: clone(obj), ...(previous ? { previous } : {}), rv: this.rv })
    return clone(obj)
  }

  private record(event: StoreEvent): void {
    this.history.push(event)
    if (this.history.length > HISTORY) {
      const dropped = this.history.splice(0, this.history.length - HISTORY)
      this.floor = dropped[dropped.length - 1]!.rv
    }
    for (const l of [...this.listeners]) {
      try {
        l(event)
      } catch (err) {
        // A listener's bug must not break the write that triggered it.
        console.error('sandbox: store listener failed', err)
      }
    }
  }
}

const key = (rt: ResourceType, namespace: string | undefined, name: string) =>
  `${rt.group}|${rt.plural}|${rt.namespaced ? (namespace ?? 'default') : ''}|${name}`

// Generation rules of kube-apiserver: Deployments count spec and annotations, custom resources
// everything outside metadata (and outside status with the subresource), other built-ins their spec.
function bumpsGeneration(rt: ResourceType, before: Obj, after: Obj): boolean {
  if (rt.kind === 'Deployment') {
    return (
      !deepEqual(before.spec, after.spec) ||
      !deepEqual(before.metadata.annotations, after.metadata.annotations)
    )
  }
  if (!rt.builtin) {
    const strip = (o: Obj) => {
      const { metadata: _m, status: _s, ...rest } = o
      return rt.statusSubresource ? rest : { ...rest, status: o.status }
    }
    return !deepEqual(strip(before), strip(after))
  }
  return !deepEqual(before.spec, after.spec)
}

function crdStatus(crd: Obj): Obj {
  const now = timestamp()
  return {
    acceptedNames: crd.spec?.names ?? {},
    conditions: [
      {
        type: 'NamesAccepted',
        status: 'True',
        reason: 'NoConflicts',
        message: 'no conflicts found',
        lastTransitionTime: now,
      },
      {
        type: 'Established',
        status: 'True',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
        lastTransitionTime: now,
      },
    ],
    storedVersions: (crd.spec?.versions ?? []).filter((v: Obj) => v.storage).map((v: Obj) => v.name),
  }
}
