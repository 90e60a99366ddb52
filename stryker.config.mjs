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
  // .cache holds the Django generations the integration tests start (134 MB, 8,000 files): unit tests never read it.
  ignorePatterns: [
    'out',
    'dist',
    'coverage',
    'test-results',
    'bench/.build',
    'reports',
    '.stryker-tmp',
    '.cache',
  ],
  // Static mutants (module-level code such as the zod schemas and the redaction rule table) are run against every
  // related test, with the mutant active from module load. With `ignoreStatic: true` a "hybrid" mutant, one whose
  // module a test first imports mid-test (the shell tests import storage lazily), is run only against that test,
  // activated after the module was already evaluated: it can never be killed, and the tests that would kill it
  // (storage-app-files.test.ts for the schema limits) are never run. That made storage and security look weaker.
  ignoreStatic: false,
}
