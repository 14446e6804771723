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

  constructor(readonly registry: Registry) {}

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
    delete meta.managedFields
    meta.generation = 1
    if (rt.statusSubresource && !opts.keepStatus) delete obj.status
    if (rt.kind === 'Namespace') {
      meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name }
      obj.spec = { finalizers: ['kubernetes'], ...obj.spec }
      obj.status = { phase: 'Active' }
    }
    if (rt.kind === 'CustomResourceDefinition') obj.status = crdStatus(obj)
    return this.commit('ADDED', rt, k, obj)
  }

  /**
   * Replaces an object. `status: true` is a write through the status subresource (only status changes);
   * otherwise status is preserved for kinds with the subresource. A given resourceVersion must match.
   */
  update(rt: ResourceType, input: Obj, opts: { status?: boolean } = {}): Obj {
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
    } else {
      next = clone(input)
      next.apiVersion = groupVersion(rt)
      next.kind = rt.kind
      // Identity and bookkeeping fields belong to the server.
      for (const f of ['uid', 'creationTimestamp', 'generation', 'namespace', 'deletionTimestamp'] as const) {
        if (current.metadata[f] === undefined) delete next.metadata[f]
        else next.metadata[f] = current.metadata[f]
      }
      delete next.metadata.managedFields
      if (rt.statusSubresource) {
        if (current.status === undefined) delete next.status
        else next.status = clone(current.status)
      }
      if (bumpsGeneration(rt, current, next))
        next.metadata.generation = (current.metadata.generation ?? 1) + 1
    }
    next.metadata.resourceVersion = current.metadata.resourceVersion
    if (deepEqual(next, current)) return clone(current) // a no-op write changes nothing, as on a real server
    return this.commit('MODIFIED', rt, k, next)
  }

  delete(rt: ResourceType, namespace: string | undefined, name: string): Obj {
    const k = key(rt, rt.namespaced ? (namespace ?? 'default') : undefined, name)
    const entry = this.objects.get(k)
    if (!entry) throw notFound(rt, name)
    if (rt.kind === 'Namespace') {
      for (const [, other] of [...this.objects]) {
        if (other.rt.namespaced && other.obj.metadata.namespace === name) {
          this.delete(other.rt, name, other.obj.metadata.name)
        }
      }
    }
    this.objects.delete(k)
    this.rv++
    const obj = clone(entry.obj)
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
