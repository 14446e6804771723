import type { Obj } from '../../util'

/** What a Flagger process is configured with, from its command line (Flagger 1.44's flags). */
export interface FlaggerConfig {
  /** The provider of a Canary that names none (`-mesh-provider`, default istio). */
  meshProvider: string
  /** Prometheus for the built-in metrics (`-metrics-server`, default http://prometheus:9090). */
  metricsServer: string
  /** Only Canaries in this namespace (`-namespace`); empty: every namespace. */
  watchNamespace: string
  /** Labels of the target copied to the primary (`-include-label-prefix`, comma-separated, `*` all). */
  includeLabelPrefix: string[]
  /** Pod labels Flagger selects by, the first found on the target wins (`-selector-labels`). */
  selectorLabels: string[]
  /** The namespace Flagger runs in: where short service names in URLs resolve. */
  home: string
  /**
   * Whether URLs are dialled in the cluster (the load tester's and Prometheus' Services must have ready
   * pods), or every one answers, as for the sandbox's pre-installed Flagger with its implied add-ons.
   */
  network: 'cluster' | 'implied'
}

/** Flagger as the sandbox starts it without `bare`: load tester and Prometheus implied. */
export const PREINSTALLED: FlaggerConfig = {
  meshProvider: 'kubernetes',
  metricsServer: 'http://flagger-prometheus.flagger-system:9090',
  watchNamespace: '',
  includeLabelPrefix: [],
  selectorLabels: ['app', 'name', 'app.kubernetes.io/name'],
  home: 'flagger-system',
  network: 'implied',
}

const DEFAULTS: Record<string, string> = {
  'mesh-provider': 'istio',
  'metrics-server': 'http://prometheus:9090',
  namespace: '',
  'include-label-prefix': '',
  'selector-labels': 'app,name,app.kubernetes.io/name',
}

const BOOLEANS = new Set([
  'enable-leader-election',
  'enable-config-tracking',
  'no-cross-namespace-refs',
  'version',
  'zap-replace-globals',
])
const STRINGS = new Set([
  ...Object.keys(DEFAULTS),
  'kubeconfig',
  'kubeconfig-qps',
  'kubeconfig-burst',
  'master',
  'control-loop-interval',
  'log-level',
  'port',
  'slack-url',
  'slack-token',
  'slack-proxy-url',
  'slack-user',
  'slack-channel',
  'event-webhook',
  'msteams-url',
  'msteams-proxy-url',
  'threadiness',
  'zap-encoding',
  'ingress-annotations-prefix',
  'ingress-class',
  'leader-election-namespace',
  'kubeconfig-service-mesh',
  'cluster-name',
])

/**
 * Flagger's configuration from the container of its Deployment, read as Go's flag package reads
 * `command` and `args`: `-name=value`, `--name=value`, `-name value`, booleans alone. Throws Go's
 * message for a flag Flagger does not define (the real process would exit with it).
 */
export function configFromContainer(deployment: Obj, container: Obj): FlaggerConfig {
  const argv = [...(container.command ?? []), ...(container.args ?? [])].map(String)
  if (argv.length > 0 && !argv[0]!.startsWith('-')) argv.shift() // the program
  const flags: Record<string, string> = { ...DEFAULTS }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--' || !arg.startsWith('-') || arg === '-') break
    const body = arg.replace(/^--?/, '')
    const eq = body.indexOf('=')
    const name = eq === -1 ? body : body.slice(0, eq)
    if (BOOLEANS.has(name)) {
      flags[name] = eq === -1 ? 'true' : body.slice(eq + 1)
      continue
    }
    if (!STRINGS.has(name)) throw new Error(`flag provided but not defined: -${name}`)
    if (eq !== -1) flags[name] = body.slice(eq + 1)
    else if (i + 1 < argv.length) flags[name] = argv[++i]!
    else throw new Error(`flag needs an argument: -${name}`)
  }
  const list = (v: string | undefined) => (v ?? '').split(',').filter((s) => s !== '')
  return {
    meshProvider: flags['mesh-provider']!,
    metricsServer: flags['metrics-server']!,
    watchNamespace: flags.namespace ?? '',
    includeLabelPrefix: list(flags['include-label-prefix']),
    selectorLabels: list(flags['selector-labels']),
    home: deployment.metadata.namespace,
    network: 'cluster',
  }
}
