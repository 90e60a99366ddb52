import { describe, expect, it } from 'vitest'
import { summarize } from '../../scripts/test-summary.mjs'

const root = '/repo'
const file = (name: string, status: string, tests: [string, string][], message = '') => ({
  name: `${root}/${name}`,
  status,
  message,
  assertionResults: tests.map(([fullName, s]) => ({ fullName, status: s })),
})
const vitest = (files: ReturnType<typeof file>[]) => {
  const all = files.flatMap((f) => f.assertionResults)
  return {
    numPassedTests: all.filter((a) => a.status === 'passed').length,
    numFailedTests: all.filter((a) => a.status === 'failed').length,
    testResults: files,
  }
}
const okSteps = ['typecheck', 'lint', 'build', 'electronegativity-gate'].map((name) => ({ name, ok: true }))
const base = { steps: okSteps, vitestOk: true, allowed: {}, inCi: false, root }

describe('npm test summary', () => {
  it('counts tests only: the four steps are reported on their own line', () => {
    const s = summarize({
      ...base,
      vitest: vitest([
        file('a.test.ts', 'passed', [
          ['a', 'passed'],
          ['b', 'passed'],
        ]),
      ]),
    })
    expect(s.lines.at(-1)).toBe('2 passed, 0 failed')
    expect(s.lines.at(-2)).toBe('steps: typecheck ok, lint ok, build ok, electronegativity-gate ok')
    expect(s.ok).toBe(true)
  })

  it('a failed step fails the run without counting as a failed test', () => {
    const steps = okSteps.map((st) => (st.name === 'lint' ? { ...st, ok: false } : st))
    const s = summarize({ ...base, steps, vitest: vitest([file('a.test.ts', 'passed', [['a', 'passed']])]) })
    expect(s.ok).toBe(false)
    expect(s.lines.at(-1)).toBe('1 passed, 0 failed')
    expect(s.failures).toEqual(['step: lint'])
  })

  it('a file that failed to load, or a vitest error with nothing failed, fails the run', () => {
    const broken = summarize({
      ...base,
      vitestOk: false,
      vitest: vitest([file('e2e/x.test.ts', 'failed', [], 'Error: Chromium is missing.\n  at …')]),
    })
    expect(broken.ok).toBe(false)
    expect(broken.failures).toEqual(['load: e2e/x.test.ts (Error: Chromium is missing.)'])
    expect(summarize({ ...base, vitestOk: false, vitest: vitest([]) }).failures).toEqual([
      'vitest exited with an error',
    ])
    expect(summarize({ ...base, vitest: null }).ok).toBe(false)
  })

  it('a failed test fails the run and is named', () => {
    const s = summarize({
      ...base,
      vitestOk: false,
      vitest: vitest([file('a.test.ts', 'failed', [['x y', 'failed']])]),
    })
    expect(s.ok).toBe(false)
    expect(s.failures).toEqual(['a.test.ts › x y'])
    expect(s.lines.at(-1)).toBe('0 passed, 1 failed')
  })

  it('in CI, a skipped test fails the run unless the allow-list gives a reason', () => {
    const run = vitest([
      file('a.test.ts', 'passed', [
        ['a', 'passed'],
        ['b', 'skipped'],
        ['c', 'todo'],
      ]),
    ])
    const ci = summarize({ ...base, inCi: true, vitest: run })
    expect(ci.ok).toBe(false)
    expect(ci.failures).toEqual([
      'skipped in CI without a reason in the allow-list: a.test.ts › b',
      'skipped in CI without a reason in the allow-list: a.test.ts › c',
    ])
    expect(ci.lines.at(-1)).toBe('1 passed, 0 failed, 2 skipped')
    const allowed = { 'a.test.ts › b': 'needs a Mac', 'a.test.ts › c': 'written next' }
    expect(summarize({ ...base, inCi: true, allowed, vitest: run }).ok).toBe(true)
    // Outside CI the skips are listed but do not fail the run.
    expect(summarize({ ...base, vitest: run }).ok).toBe(true)
  })
})
