// `pnpm demo`: the whole story on one machine (demo-story.ts) — Terraform makes a host per
// environment, bootstrap-addons takes each empty cluster to ready, then a good release goes through
// sit, uat and prod and a bad one is stopped in sit. `pnpm demo --delivery-only` tells the delivery
// part alone, on three clusters that start with Flux and Flagger in place (quicker).
//
// Both hold each cluster's clock while the runner starts the steps, so that they tell the same story
// on a busy machine (testbeds/chain/README.md).
import { parseArgs } from 'node:util'
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
import { tellWholeStory } from './demo-story'
import { type LocalChain, startLocalChain } from './local-chain'

const OPTIONS = {
  'time-scale': { type: 'string', default: '0.01' },
  'delivery-only': { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
} as const
const USAGE = 'pnpm demo [--delivery-only] [--verbose] [--time-scale N]'
let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>
try {
  parsed = parseArgs({ options: OPTIONS })
} catch (error) {
  console.error(`demo: ${(error as Error).message.split('.')[0]}; usage: ${USAGE}`)
  process.exit(2)
}
const args = parsed.values
const timeScale = Number(args['time-scale'])
if (!(timeScale > 0 && timeScale <= 1)) {
  console.error(`demo: --time-scale must be a number from 0 (excluded) to 1, got '${args['time-scale']}'`)
  process.exit(2)
}

process.exit(
  args['delivery-only'] ? await deliveryOnly() : await tellWholeStory({ timeScale, verbose: args.verbose }),
)

/** Three sandbox clusters (sit, uat, prod) that start with Flux and Flagger, and the two releases. */
function deliveryOnly(): Promise<number> {
  const { say, seconds } = clock()
  let chain: LocalChain | undefined
  return runDemo(
    () => chain?.stop(),
    async (signal) => {
      say(
        `starting: a GitOps repository from workflows-examples/gitops and three sandbox clusters (time ×${1 / timeScale})`,
      )
      chain = await startLocalChain({
        apps: [DEMO_APP],
        environments: DELIVERY_ENVIRONMENTS,
        timeScale,
        scenario: DEMO_SCENARIO,
        signal,
      })
      say(
        `Flux installed ${APP} with the reference chart and Flagger initialized it in sit, uat and prod (${short(DEMO_APP.tag)})`,
      )
      const releases = await runReleases(chain, { timeScale, verbose: args.verbose, say, signal })
      console.log('\nWhere things stand')
      printTable(await releaseRows(chain, releases))
      await printEnding(chain, releases, seconds())
      return releases.asExpected
    },
  )
}
