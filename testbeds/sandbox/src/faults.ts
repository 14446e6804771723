/** Faults injected on demand, for reliability tests of clients. */
export interface FaultSettings {
  /** Share of API requests (0..1) answered with `errorStatus` instead. Discovery is spared unless `includeDiscovery`. */
  errorRate?: number
  errorStatus?: 500 | 503 | 429
  /** The next N API requests get `errorStatus` (counted down as they come), for deterministic tests. */
  failNext?: number
  /** Extra latency added before every API answer, in real milliseconds. */
  latencyMs?: number
  includeDiscovery?: boolean
}

export interface Faults {
  /** Replaces the current settings (an empty object turns them off). */
  set(settings: FaultSettings): void
  readonly settings: FaultSettings
  /** How many watch streams are open now. */
  openWatches(): number
  /** Ends every open watch stream cleanly, as an apiserver restart or timeout would. */
  closeWatches(): void
  /** Sends `ERROR 410 Expired` on every open watch and forgets the history, so resuming needs a re-list. */
  expireWatches(): void
}
