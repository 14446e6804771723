// How long rendering and validating canary values takes: `npx tsx bench/render-canary-values.ts`.
// Prints numbers; asserts nothing.
import { performance } from 'node:perf_hooks'
import { renderCanaryValues, STRATEGIES, validateObject } from '@canary-delivery/flagger'

const first = performance.now()
renderCanaryValues({ name: 'app', environment: 'prod' })
console.log(`first render (compiles the CRD schema): ${(performance.now() - first).toFixed(1)} ms`)

const providers = {
  canary: 'apisix',
  'blue-green': 'kubernetes',
  'ab-testing': 'nginx',
  'blue-green-mirroring': 'istio',
} as const
for (const strategy of STRATEGIES) {
  const runs = 2000
  const started = performance.now()
  for (let i = 0; i < runs; i++) {
    renderCanaryValues({
      name: 'app',
      environment: 'uat',
      strategy,
      provider: providers[strategy],
      ...(strategy === 'ab-testing' ? { match: ['x-canary=always'] } : {}),
    })
  }
  const each = (performance.now() - started) / runs
  console.log(
    `render + validate, ${strategy.padEnd(20)} ${(each * 1000).toFixed(0).padStart(5)} µs each (${runs} runs)`,
  )
}

const canary = renderCanaryValues({ name: 'app', environment: 'prod' }).canary
const runs = 20000
const started = performance.now()
for (let i = 0; i < runs; i++) validateObject(canary)
console.log(
  `validateObject(Canary): ${(((performance.now() - started) / runs) * 1000).toFixed(1)} µs each (${runs} runs)`,
)
