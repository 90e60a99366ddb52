// What `npm test` reports, from the steps' outcomes and Vitest's JSON report: the counts are of tests only; a failed
// step, a file that failed to load, a Vitest error with no failed test, and (in CI) a skip that the allow-list does
// not explain each fail the run without being counted as a test.
import path from 'node:path'

const SKIPPED = new Set(['skipped', 'pending', 'todo'])

/**
 * @param {{ steps: { name: string, ok: boolean }[], vitest: any | null, vitestOk: boolean,
 *   allowed: Record<string, string>, inCi: boolean, root: string }} input
 */
export function summarize({ steps, vitest, vitestOk, allowed, inCi, root }) {
  let passed = 0
  let failed = 0
  const failures = []
  const skipped = []
  if (vitest) {
    passed = vitest.numPassedTests
    failed = vitest.numFailedTests
    let brokenFiles = 0
    for (const file of vitest.testResults) {
      const where = path.relative(root, file.name)
      // A file that failed to load has no failed test but did fail (a missing tool under `npm test`, say).
      if (file.status === 'failed' && file.assertionResults.every((a) => a.status !== 'failed')) {
        brokenFiles++
        failures.push(`load: ${where}${file.message ? ` (${file.message.split('\n')[0]})` : ''}`)
      }
      for (const a of file.assertionResults) {
        const id = `${where} › ${a.fullName}`
        if (a.status === 'failed') failures.push(id)
        else if (SKIPPED.has(a.status)) skipped.push(id)
      }
    }
    if (!vitestOk && failed === 0 && brokenFiles === 0) failures.push('vitest exited with an error')
  } else failures.push('vitest produced no report')

  if (inCi)
    for (const id of skipped)
      if (!(id in allowed)) failures.push(`skipped in CI without a reason in the allow-list: ${id}`)
  for (const s of steps) if (!s.ok) failures.push(`step: ${s.name}`)

  const lines = []
  if (skipped.length) {
    lines.push(
      '',
      `Skipped${inCi ? ' (in CI, one not in test/skipped-tests-allowed.json fails the run)' : ''}:`,
    )
    for (const id of skipped) lines.push(`  - ${id}${id in allowed ? ` (allowed: ${allowed[id]})` : ''}`)
  }
  if (failures.length) lines.push('', 'Failed:', ...failures.map((f) => `  - ${f}`))
  lines.push('', `steps: ${steps.map((s) => `${s.name} ${s.ok ? 'ok' : 'FAILED'}`).join(', ') || 'none'}`)
  lines.push(`${passed} passed, ${failed} failed${skipped.length ? `, ${skipped.length} skipped` : ''}`)
  return { passed, failed, skipped, failures, ok: failures.length === 0, lines }
}
