import { defineConfig } from 'vitest/config'

/**
 * The tests StrykerJS runs against each mutant (`npm run test:mutation`): the unit project only. Integration and
 * e2e tests need Django and Chromium and take minutes; the guards under mutation are unit-tested. The fuzzes run
 * at a tenth of their size, since every mutant reruns the tests that cover it. packaging.test.ts is left out: it
 * builds and packs the whole app (minutes per mutant), reaches the guards only through the branding file's scheme
 * check (branding.test.ts covers that), and its bundle-licence check fails in Stryker's sandbox (node_modules is a
 * symlink there, and the bundle built there had no `// node_modules/…` module comments): the links dry run
 * stopped on it.
 */
export default defineConfig({
  test: {
    name: 'unit',
    // `npm run test:mutation -- --tests=…` narrows the files (scripts/mutation.mjs).
    include: process.env['MUTATION_TESTS']?.split(',') ?? ['test/unit/**/*.test.ts'],
    exclude: ['test/unit/packaging.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    env: { FUZZ_SCALE: '0.1' },
  },
})
