// `npm run test:mutation [module…]`: StrykerJS over the security guards, one module at a time (a run over all of
// them at once does not fit a shared 2-core machine's memory or patience). Prints each module's score, writes
// reports/mutation/summary.json and reports/mutation/<module>.survivors.txt, and exits non-zero if any module
// scores under THRESHOLD. Not part of `npm test`: it takes tens of minutes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Stryker } from '@stryker-mutator/core'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'reports', 'mutation')

/** Per cent of mutants killed (or timed out) out of those that compiled and ran. */
const THRESHOLD = 85

const MODULES = {
  links: ['src/main/links/**/*.ts'],
  ipc: ['src/main/ipc/**/*.ts'],
  log: ['src/main/log.ts'],
  storage: ['src/main/storage/**/*.ts'],
  http: ['src/main/http/**/*.ts'],
  security: ['src/main/security/**/*.ts'],
}

// `--incremental`: reuse the module's previous results (reports/mutation/<module>.incremental.json) and rerun only
// the mutants whose code or covering tests changed since, so a rerun after adding tests takes minutes, not an hour.
const incremental = process.argv.includes('--incremental')
// `--concurrency=N`: test runner processes, instead of stryker.config.mjs's 2 (say 1 when two runs share the machine).
const concurrencyArg = process.argv.find((arg) => arg.startsWith('--concurrency='))
const concurrency = concurrencyArg ? Number(concurrencyArg.slice('--concurrency='.length)) : undefined
// `--tests=glob,glob`: run only these unit test files against the mutants (default: every unit test that imports
// the module). Static mutants run against every test of the run, so on a loaded machine a module whose code the
// whole shell imports (http, links) can take hours; its own tests take minutes. Fewer tests can only kill fewer
// mutants, so this never raises a score; say which tests were used when recording one.
const testsArg = process.argv.find((arg) => arg.startsWith('--tests='))
if (testsArg) process.env['MUTATION_TESTS'] = testsArg.slice('--tests='.length)
const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
for (const name of asked)
  if (!(name in MODULES)) {
    console.error(`Unknown module "${name}". Modules: ${Object.keys(MODULES).join(', ')}`)
    process.exit(2)
  }
const names = asked.length ? asked : Object.keys(MODULES)

mkdirSync(out, { recursive: true })
// Modules run earlier keep their row: a run of one module updates only that one.
const summaryFile = path.join(out, 'summary.json')
const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : {}
for (const name of names) {
  const started = Date.now()
  console.log(`\n=== mutation: ${name} (${MODULES[name].join(', ')})`)
  if (testsArg) console.log(`=== tests: ${process.env['MUTATION_TESTS']}`)
  let results
  try {
    results = await new Stryker({
      configFile: path.join(root, 'stryker.config.mjs'),
      mutate: MODULES[name],
      incremental,
      ...(concurrency ? { concurrency } : {}),
      incrementalFile: path.join(out, `${name}.incremental.json`),
    }).runMutationTest()
  } catch (error) {
    // A module whose tests fail before any mutant (the dry run) gets no score, and fails the run.
    console.error(`=== mutation: ${name}: could not run: ${error.message}`)
    summary[name] = { score: 0, error: error.message }
    continue
  }
  const count = (status) => results.filter((r) => r.status === status).length
  const killed = count('Killed') + count('Timeout')
  const survivors = results.filter((r) => r.status === 'Survived' || r.status === 'NoCoverage')
  const valid = killed + survivors.length
  const score = valid ? (100 * killed) / valid : 100
  summary[name] = {
    score: Number(score.toFixed(1)),
    killed,
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    errors: count('CompileError') + count('RuntimeError'),
    // Mutants a `// Stryker disable` comment (with its reason) excludes; static mutants are run (stryker.config.mjs).
    ignored: count('Ignored'),
    minutes: Number(((Date.now() - started) / 60_000).toFixed(1)),
  }
  writeFileSync(
    path.join(out, `${name}.survivors.txt`),
    survivors
      .map((r) => {
        const file = path.relative(root, r.fileName)
        return `${file}:${r.location.start.line} ${r.status} ${r.mutatorName}: ${JSON.stringify(r.replacement ?? '')}`
      })
      .sort()
      .join('\n') + '\n',
  )
  console.log(`=== mutation: ${name}: ${score.toFixed(1)} % killed (${killed} of ${valid})`)
}

// Re-read before writing: another module's run may have finished in the meantime.
const latest = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : {}
for (const name of names) latest[name] = summary[name]
writeFileSync(summaryFile, JSON.stringify(latest, null, 2) + '\n')
console.log('\nmodule     score  killed  survived  no coverage')
for (const [name, s] of Object.entries(summary))
  console.log(
    `${name.padEnd(10)} ${`${s.score}%`.padStart(6)}  ${String(s.killed).padStart(6)}  ${String(s.survived).padStart(8)}  ${String(s.noCoverage).padStart(11)}`,
  )
const below = names.map((name) => [name, summary[name]]).filter(([, s]) => s.score < THRESHOLD)
if (below.length) {
  console.error(
    `\nUnder the ${THRESHOLD} % threshold: ${below.map(([n, s]) => `${n} ${s.score} %`).join(', ')}`,
  )
  process.exit(1)
}
