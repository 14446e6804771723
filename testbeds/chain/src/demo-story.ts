// `pnpm demo`, the whole story: from empty clusters to a promoted canary in every environment.
//
//   1. provision-infra plans testbeds/chain/terraform (real terraform): one host per environment,
//      each the address and port of an empty sandbox cluster on 127.0.0.1; the plan's fingerprint is
//      what a person reviews, and the apply is given it and applies only that plan.
//   2. bootstrap-addons takes every cluster to ready at once, each through the kubeconfig of its
//      host in Terraform's outputs: Flux from the real flux2 chart with the real helm, then the
//      reference layout's clusters/<env> through Flux, the add-ons from the real charts on 127.0.0.1.
//   3. A good release through sit, uat and prod; a bad one failed in sit, reverted, never in uat.
//   4. Terraform's drift check, and the table: infrastructure, add-ons and releases per environment.
import { fluxChartOf } from './clusters'
import type { ChainCluster } from './deliver'
import {
  APP,
  clock,
  DELIVERY_ENVIRONMENTS,
  DEMO_APP,
  DEMO_SCENARIO,
  printEnding,
  printTable,
  releaseRows,
  runDemo,
  runReleases,
  short,
} from './demo-releases'
import type { EnvironmentReady } from './story-bootstrap'
import { type InfraLine, type Infrastructure, provisionInfrastructure } from './story-infra'
import { bootstrapEnvironments, deliveryClusters, startWholeStory, type WholeStory } from './whole-story'

/** The chain's environments, in the order the infra workflow applies them. */
export const STORY_ENVIRONMENTS = ['devops', 'monitor', 'sit', 'uat', 'prod']

export interface StoryOptions {
  timeScale: number
  verbose: boolean
  environments?: string[]
}

/** Tells the whole story; the exit code: 0 when everything went as it should, 130 when interrupted. */
export function tellWholeStory(options: StoryOptions): Promise<number> {
  const environments = options.environments ?? STORY_ENVIRONMENTS
  const { say, seconds } = clock()
  const phases: [string, number][] = []
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now()
    try {
      return await work()
    } finally {
      phases.push([name, Date.now() - started])
    }
  }
  let story: WholeStory | undefined
  const tell = async (signal: AbortSignal) => {
    say(
      `the whole story: Terraform makes a host per environment (${environments.join(', ')}), bootstrap-addons takes each empty cluster to ready, then two releases go ${DELIVERY_ENVIRONMENTS.join(' → ')} (time ×${1 / options.timeScale})`,
    )
    const s = await phase('stage', () =>
      startWholeStory({
        apps: [DEMO_APP],
        environments,
        delivery: DELIVERY_ENVIRONMENTS,
        timeScale: options.timeScale,
        scenario: DEMO_SCENARIO,
      }),
    )
    story = s
    say(
      `${environments.length} empty clusters on 127.0.0.1 (no Flux, no Flagger), the real add-on charts on ${s.charts.url}, the reference layout in a local GitOps repository`,
    )

    say('── infrastructure: provision-infra on testbeds/chain/terraform, plan then apply ──')
    const shown = new Set<string>()
    const infra = await phase('infrastructure', () =>
      provisionInfrastructure({
        root: s.root,
        clusters: s.addresses(),
        onLine: (line) => showInfra(line, options.verbose, shown, say),
        signal,
      }),
    )
    say(
      `infra apply  applied the plan of fingerprint ${infra.applied}: ${infra.applied === infra.planned ? 'the reviewed one' : 'NOT the reviewed one'}`,
    )
    say(`infra hosts  ${environments.map((e) => `${e} ${hostOf(infra, e)}`).join(', ')}`)

    say(`── add-ons: bootstrap-addons on the ${environments.length} clusters at once ──`)
    const ready = await phase('add-ons', () =>
      bootstrapEnvironments(s, infra, {
        onLine: (environment, line) => showBootstrap(environment, line, options.verbose, say),
        onReady: (r) =>
          say(
            `${r.environment.padEnd(7)} → ${r.result} in ${(r.durationMs / 1000).toFixed(1)}s${r.errors.length ? `: ${r.errors[0]}` : ''}`,
          ),
        signal,
      }),
    )
    if (environments.some((e) => ready[e]!.result !== 'ready')) throw new StoryStopped('bootstrap-addons')

    const clusters: ChainCluster[] = await phase('apps initialized', () => deliveryClusters(s, infra, signal))
    say(
      `Flux installed ${APP} with the reference chart and Flagger initialized it in ${DELIVERY_ENVIRONMENTS.join(', ')} (${short(DEMO_APP.tag)})`,
    )
    const target = { ...s, clusters }
    const releases = await phase('releases', () =>
      runReleases(target, { timeScale: options.timeScale, verbose: options.verbose, say, signal }),
    )
    signal.throwIfAborted()
    const drift = await phase('drift check', () => infra.check())
    say(`infra check  ${drift === 'no-changes' ? 'no drift: the hosts are what the code says' : drift}`)

    console.log('\nWhere things stand')
    printTable(environmentRows(s, infra, ready, drift))
    console.log('')
    printTable(await releaseRows(target, releases))
    const asExpected = releases.asExpected && drift === 'no-changes' && infra.applied === infra.planned
    await printEnding(target, releases, seconds(), asExpected)
    return asExpected
  }
  return runDemo(
    () => story?.stop(),
    (signal) => tell(signal).finally(() => printPhases(phases)),
    (error) =>
      error instanceof StoryStopped
        ? `\ndemo: stopped, ${error.message} did not get every cluster ready`
        : `demo: ${(error as Error).stack ?? String(error)}`,
  )
}

class StoryStopped extends Error {}

const hostOf = (infra: Infrastructure, environment: string) =>
  `${infra.hosts[environment]?.address ?? '?'}:${infra.apiPorts[environment] ?? '?'}`

/**
 * The plan's summary and fingerprint, then the apply's end, each once (Terraform's summary comes
 * again in the plan's text); everything but commands when verbose.
 */
function showInfra(
  { command, line }: InfraLine,
  verbose: boolean,
  shown: Set<string>,
  say: (text: string) => void,
) {
  const text = line.trim()
  const wanted = verbose
    ? !text.startsWith('$ ')
    : (command === 'plan' && /^(Plan:|Plan fingerprint:)/.test(text) && !shown.has(text)) ||
      (command === 'apply' && /^Apply complete/.test(text))
  shown.add(text)
  if (wanted) say(`infra ${command.padEnd(6)} ${text}`)
}

/**
 * Flux's install, each Kustomization of the tree and each add-on ready (the apps are the releases'
 * business); everything but commands when verbose.
 */
function showBootstrap(environment: string, line: string, verbose: boolean, say: (text: string) => void) {
  const text = line.trim()
  const wanted = verbose
    ? !text.startsWith('$ ')
    : /^Flux: /.test(text) ||
      /^\[\d\d:\d\d\] Kustomization \S+: ready/.test(text) ||
      (/^\[\d\d:\d\d\] HelmRelease \S+: ready/.test(text) && !/ with chart app@/.test(text))
  if (wanted) say(`${environment.padEnd(7)} bootstrap-addons  ${text}`)
}

/** Per environment: its host and Terraform's word on it, and the add-ons its cluster runs. */
function environmentRows(
  story: WholeStory,
  infra: Infrastructure,
  ready: Record<string, EnvironmentReady>,
  drift: string,
): string[][] {
  const rows = [['environment', 'host', 'infrastructure', 'add-ons running (chart versions)']]
  for (const environment of story.options.environments) {
    const flux = fluxChartOf(story.sandboxes[environment]!)?.replace(/-(?=[^-]+$)/, ' ')
    // The add-ons come from chart repositories; the apps' charts from Git (a path) are the releases'.
    const addons = ready[environment]!.addons.filter((a) => !a.chart.includes('/'))
    rows.push([
      environment,
      hostOf(infra, environment),
      `${infra.result} ${short(infra.applied.replace(/^sha256:/, ''))}, ${drift === 'no-changes' ? 'no drift' : drift}`,
      [flux ?? 'flux2 ?', ...addons.map((a) => `${a.name} ${a.running}`)].join(', '),
    ])
  }
  return rows
}

function printPhases(phases: [string, number][]) {
  if (phases.length)
    console.log(`phases: ${phases.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)}s`).join(' · ')}`)
}
