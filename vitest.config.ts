import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, relative, resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** Tests that run bundled actions (alone or as the whole chain) as child processes: the long ones. */
const RUNS_BUNDLES = /\brunBundledAction\b|@canary-delivery\/chain\b/

/** Whether a test file, or a helper next to it that it imports, runs bundles. */
function runsBundles(file: string): boolean {
  const source = readFileSync(file, 'utf8')
  if (RUNS_BUNDLES.test(source)) return true
  return [...source.matchAll(/from '(\.\.?\/[^']+)'/g)].some(([, specifier]) => {
    const helper = [`${specifier}.ts`, `${specifier}/index.ts`]
      .map((candidate) => resolve(dirname(file), candidate))
      .find(existsSync)
    return helper !== undefined && RUNS_BUNDLES.test(readFileSync(helper, 'utf8'))
  })
}

/**
 * Long files first, so that none of them starts last and stretches the run. Vitest knows each
 * file's duration from its previous run; a fresh clone (CI) has no such record, and then the files
 * that run bundles go first.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const root = this.ctx.config.root
    const known = sorted.every((file) =>
      this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(root, file.moduleId)}`),
    )
    if (known) return sorted
    const weight = new Map(sorted.map((file) => [file, runsBundles(file.moduleId) ? 1 : 0]))
    return [...sorted].sort((a, b) => weight.get(b)! - weight.get(a)!)
  }
}

export default defineConfig({
  test: {
    include: ['**/test/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Files run side by side. Much of a test's time is spent waiting on child processes (bundles,
    // git, helm, kubectl), local servers and real-time waits: on 2 cores, 3 workers left a quarter of
    // the CPU idle (the suite took 161 s), 4 workers use it (140 s). Tests that follow a rollout in
    // real time hold the sandbox's clock while real work runs, so a busier machine slows them only.
    maxWorkers: availableParallelism() + 2,
    // A worker runs file after file in one module graph, and keeps what it loaded and worked out
    // (the stand-ins' CRDs, compiled schemas and GitHub's OpenAPI description, helm renders): loading
    // them again in a process for each file cost more CPU than many of the tests. Each file stops
    // what it starts (servers, sandboxes, bundles) in its own after hooks.
    isolate: false,
    sequence: { sequencer: LongestFirst },
  },
})
