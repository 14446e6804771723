import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Clock } from '../../clock'

/** A fetched source's content on disk: what source-controller serves to the other controllers. */
export interface Artifact {
  dir: string
  revision: string
}

/**
 * source-controller's artifact storage, shared by the Flux controllers of one sandbox: a temporary
 * directory, the current artifact of each source, and the git and helm runs that write under it, so
 * that stopping waits for them before the directory goes. Given a clock, it holds it while they run:
 * that work then takes no simulated time.
 */
export class FluxStorage {
  readonly root = mkdtempSync(join(tmpdir(), 'sandbox-flux-'))
  private readonly artifacts = new Map<string, Artifact>()
  private readonly writers = new Set<Promise<unknown>>()

  constructor(private readonly clock?: Clock) {}

  /** The directory a source of `kind` keeps its artifacts in. */
  dirFor(kind: string, namespace: string, name: string): string {
    return join(this.root, kind.toLowerCase(), namespace, name)
  }

  artifact(kind: string, namespace: string, name: string): Artifact | undefined {
    return this.artifacts.get(`${kind}/${namespace}/${name}`)
  }

  /** Records a source's new artifact and removes the one it replaces. */
  store(kind: string, namespace: string, name: string, artifact: Artifact): void {
    const key = `${kind}/${namespace}/${name}`
    const previous = this.artifacts.get(key)
    if (previous && previous.dir !== artifact.dir && previous.dir.startsWith(this.root))
      rmSync(previous.dir, { recursive: true, force: true })
    this.artifacts.set(key, artifact)
  }

  /** Tracks work that writes under the storage directory until it settles. */
  writing<T>(work: Promise<T>): Promise<T> {
    this.writers.add(work)
    const done = () => this.writers.delete(work)
    work.then(done, done)
    return this.clock ? this.clock.holdUntil(work) : work
  }

  async remove(): Promise<void> {
    await Promise.allSettled([...this.writers])
    rmSync(this.root, { recursive: true, force: true })
  }
}
