import { defineConfig } from 'vitest/config'

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
    // Bundles run as child processes; two cores are shared with them.
    pool: 'forks',
  },
})
