// `npm test`: the build steps (typecheck, lint, build, gates), then every Vitest project, then one line
// `N passed, N failed` that counts tests only. A failed step fails the run (its own line says so). Under `npm test`
// a missing Chromium, Django or build output fails (ACCOUNT_DESK_REQUIRE_TOOLS=1, read by
// test/helpers/require-tool.ts); under CI a skipped test fails the run unless test/skipped-tests-allowed.json
// lists it with a reason.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { summarize } from './test-summary.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const results = path.join(root, 'test-results')
mkdirSync(results, { recursive: true })

function step(name, command, args, env = {}) {
  const started = Date.now()
  console.log(`\n=== ${name}`)
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const ok = run.status === 0
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`)
  return ok
}

const steps = []
const runStep = (name, command, args) => steps.push({ name, ok: step(name, command, args) })
runStep('typecheck', 'npm', ['run', '--silent', 'typecheck'])
runStep('lint', 'npm', ['run', '--silent', 'lint'])
runStep('build', 'npm', ['run', '--silent', 'build'])
for (const extra of ['scripts/electronegativity-gate.mjs']) {
  if (existsSync(path.join(root, extra))) runStep(path.basename(extra, '.mjs'), process.execPath, [extra])
}

const report = path.join(results, 'vitest.json')
rmSync(report, { force: true })
const vitestOk = step(
  'vitest: unit, component, integration, e2e',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  { ACCOUNT_DESK_REQUIRE_TOOLS: '1' },
)
const summary = summarize({
  steps,
  vitest: existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : null,
  vitestOk,
  allowed: JSON.parse(readFileSync(path.join(root, 'test/skipped-tests-allowed.json'), 'utf8')).allowed,
  inCi: (process.env.CI ?? '') !== '',
  root,
})
for (const line of summary.lines) console.log(line)
process.exit(summary.ok ? 0 : 1)
