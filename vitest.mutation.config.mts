import { defineConfig } from 'vitest/config'

/**
 * The tests StrykerJS runs against each mutant (`npm run test:mutation`): the unit project only. Integration and
 * e2e tests need Django and Chromium and take minutes; the guards under mutation are unit-tested. The fuzzes run
 * at a tenth of their size, since every mutant reruns the tests that cover it.
 */
export default defineConfig({
  test: {
    name: 'unit',
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    env: { FUZZ_SCALE: '0.1' },
  },
})
