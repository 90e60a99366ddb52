// `npm test`: every suite, in order, then one line `N passed, N failed` summing them all.
// Steps that are not test runners (typecheck, lint, build, gates) count as one test each.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const results = path.join(root, 'test-results')
mkdirSync(results, { recursive: true })

let passed = 0
let failed = 0
let skipped = 0
const failures = []

function step(name, command, args, env = {}) {
  const started = Date.now()
  console.log(`\n=== ${name}`)
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const ok = run.status === 0
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`)
  return ok
}

function gate(name, command, args) {
  if (step(name, command, args)) passed++
  else {
    failed++
    failures.push(name)
  }
}

gate('typecheck', 'npm', ['run', '--silent', 'typecheck'])
gate('lint', 'npm', ['run', '--silent', 'lint'])
gate('build', 'npm', ['run', '--silent', 'build'])
for (const extra of ['scripts/electronegativity-gate.mjs']) {
  if (existsSync(path.join(root, extra))) gate(path.basename(extra, '.mjs'), process.execPath, [extra])
}

const report = path.join(results, 'vitest.json')
rmSync(report, { force: true })
const vitestOk = step('vitest: unit, component, integration, e2e', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
])
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed += json.numPassedTests
  failed += json.numFailedTests
  skipped += json.numPendingTests + json.numTodoTests
  // A file that failed to load has no failed test but did fail.
  const brokenFiles = json.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'),
  )
  for (const file of brokenFiles) {
    failed++
    failures.push(`load: ${path.relative(root, file.name)}`)
  }
  for (const file of json.testResults) {
    for (const a of file.assertionResults)
      if (a.status === 'failed') failures.push(`${path.relative(root, file.name)} › ${a.fullName}`)
  }
  if (!vitestOk && json.numFailedTests === 0 && brokenFiles.length === 0) {
    failed++
    failures.push('vitest exited with an error')
  }
} else {
  failed++
  failures.push('vitest produced no report')
}

if (failures.length) {
  console.log('\nFailed:')
  for (const f of failures) console.log(`  - ${f}`)
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed === 0 ? 0 : 1)
