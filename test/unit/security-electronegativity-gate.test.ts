import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { gate, hasReason } from '../../scripts/electronegativity-gate.mjs'

/** The gate itself runs on src/ in `npm test`; this shows it can fail, and on what. */
describe('Electronegativity gate', () => {
  it('takes a suppression only with a reason', () => {
    expect(
      hasReason('x() // eng-disable OPEN_EXTERNAL_JS_CHECK -- the one opener, after the check', false),
    ).toBe(true)
    expect(hasReason('x() /* eng-disable A_JS_CHECK B_JS_CHECK -- both reviewed in docs */', false)).toBe(
      true,
    )
    expect(hasReason('x() // eng-disable OPEN_EXTERNAL_JS_CHECK', false)).toBe(false)
    expect(hasReason('x() // eng-disable OPEN_EXTERNAL_JS_CHECK -- ok', false)).toBe(false)
    expect(
      hasReason('<!-- eng-disable CSP_GLOBAL_CHECK --><!-- serves only the built bundle -->', true),
    ).toBe(true)
    expect(hasReason('<!-- eng-disable CSP_GLOBAL_CHECK -->', true)).toBe(false)
  })

  const dir = mkdtempSync(path.join(os.tmpdir(), 'gate-input-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('fails on an unsuppressed finding and on one suppressed without a reason, not on one with a reason', () => {
    const open =
      "import { shell } from 'electron'\nexport const open = (url: string) => shell.openExternal(url)"
    writeFileSync(path.join(dir, 'plain.ts'), open)
    writeFileSync(path.join(dir, 'reasonless.ts'), `${open} // eng-disable OPEN_EXTERNAL_JS_CHECK\n`)
    writeFileSync(
      path.join(dir, 'reasoned.ts'),
      `${open} // eng-disable OPEN_EXTERNAL_JS_CHECK -- only after the shape check in the caller\n`,
    )
    const problems = gate(dir)
    const flagged = problems.filter((p) => /OPEN_EXTERNAL_JS_CHECK/.test(p)).map((p) => p.split(':')[0])
    expect(flagged.sort()).toEqual(['src/plain.ts', 'src/reasonless.ts'])
    expect(problems).toContain('reasonless.ts:2: a suppression without a reason (it suppresses nothing)')
    expect(problems.some((p) => p.includes('canary'))).toBe(false)
  }, 58_000)
})
