import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { relative } from 'node:path'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** Tests that run bundled actions (alone or as the whole chain) as child processes: the long ones. */
const RUNS_BUNDLES = /\brunBundledAction\b|@canary-delivery\/chain\b/

/**
 * Long files first, so that none of them starts last and stretches the run. Vitest knows each
 * file's duration from its previous run; a fresh clone (CI) has no such record, and then the files
 * that run bundles go first, larger files first among them.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const root = this.ctx.config.root
    const known = sorted.every((file) =>
      this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(root, file.moduleId)}`),
    )
    if (known) return sorted
    const weight = new Map(
      sorted.map((file) => [file, RUNS_BUNDLES.test(readFileSync(file.moduleId, 'utf8')) ? 1 : 0]),
    )
    return [...sorted].sort((a, b) => weight.get(b)! - weight.get(a)!)
  }
}

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'testbeds/*/test/**/*.test.ts',
      'actions/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file in its own process: tests start servers, change the environment and run bundles.
    pool: 'forks',
    // Files run side by side. Most of a test's time is spent waiting on child processes (bundles,
    // git, helm, kubectl) and local servers, so one worker more than there are cores keeps the
    // cores busy without starving the tests that follow a rollout in real time.
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: LongestFirst },
  },
})
