// `npm test`: the build steps (typecheck, lint, build, gates), then every Vitest project, then one line
// `N passed, N failed` that counts tests only. A failed step fails the run (its own line says so). Under `npm test`
// a missing Chromium, Django or build output fails (ACCOUNT_DESK_REQUIRE_TOOLS=1, read by
// test/helpers/require-tool.ts); under CI a skipped test fails the run unless test/skipped-tests-allowed.json
// lists it with a reason.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { summarize } from './test-summary.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const results = path.join(root, 'test-results')
mkdirSync(results, { recursive: true })

const seconds = (started) => ((Date.now() - started) / 1000).toFixed(1)

function step(name, command, args, env = {}) {
  const started = Date.now()
  console.log(`\n=== ${name}`)
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = run.status === 0
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${seconds(started)} s)`)
  return ok
}

/**
 * Steps that only read the tree (the type check and lint, each mostly on one core), run side by side; each one's
 * output is printed whole when it ends, so the two never interleave.
 */
function sideBySide(list) {
  return Promise.all(
    list.map(
      ({ name, command, args }) =>
        new Promise((resolve) => {
          const started = Date.now()
          const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
          const output = []
          child.stdout.on('data', (chunk) => output.push(chunk))
          child.stderr.on('data', (chunk) => output.push(chunk))
          child.on('close', (code) => {
            const ok = code === 0
            console.log(`\n=== ${name}`)
            process.stdout.write(Buffer.concat(output))
            console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${seconds(started)} s)`)
            resolve({ name, ok })
          })
        }),
    ),
  )
}

const steps = await sideBySide([
  { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'lint', command: 'npm', args: ['run', '--silent', 'lint'] },
])
const runStep = (name, command, args) => steps.push({ name, ok: step(name, command, args) })
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
