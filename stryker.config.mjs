// StrykerJS for `npm run test:mutation` (scripts/mutation.mjs chooses the files to mutate, one module at a time).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mts', related: true },
  coverageAnalysis: 'perTest',
  // The machines are shared and have 2 cores.
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['out', 'dist', 'coverage', 'test-results', 'bench/.build', 'reports', '.stryker-tmp'],
  ignoreStatic: true,
}
