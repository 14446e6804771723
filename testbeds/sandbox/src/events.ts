import type { Registry } from './resources'
import type { Store } from './store'
import { type Obj, timestamp } from './util'

/**
 * Records core/v1 Events the way client-go's recorder does: a repeat of the same event bumps `count`
 * and `lastTimestamp` instead of creating a new object.
 */
export class EventRecorder {
  constructor(
    private readonly store: Store,
    private readonly registry: Registry,
  ) {}

  record(
    involved: Obj,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): void {
    const rt = this.registry.byPlural('', 'v1', 'events')!
    const namespace = involved.metadata.namespace ?? 'default'
    const now = timestamp()
    const same = this.store
      .list(rt, namespace)
      .find(
        (e) =>
          e.involvedObject?.uid === involved.metadata.uid &&
          e.reason === reason &&
          e.type === type &&
          e.message === message &&
          e.source?.component === component,
      )
    if (same) {
      same.count = (same.count ?? 1) + 1
      same.lastTimestamp = now
      this.store.update(rt, same)
      return
    }
    if (!this.store.get(this.registry.byPlural('', 'v1', 'namespaces')!, undefined, namespace)) return
    this.store.create(rt, {
      metadata: {
        name: `${involved.metadata.name}.${(BigInt(Date.now()) * 1_000_000n + BigInt(seq++)).toString(16)}`,
        namespace,
      },
      involvedObject: {
        kind: involved.kind,
        namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
        apiVersion: involved.apiVersion,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: { component },
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    })
  }
}

let seq = 0
