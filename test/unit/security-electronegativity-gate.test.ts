import { describe, expect, it } from 'vitest'
import {
  CANARY,
  CANARY_EXPECTED,
  covers,
  findSuppressions,
  readSarif,
} from '../../scripts/electronegativity-gate.mjs'

/** The gate's own rules (the gate itself runs in `npm test`; these pin what it accepts). */
describe('Electronegativity gate: suppressions', () => {
  it('reads a JS suppression with its reason', () => {
    const [s] = findSuppressions(
      'const a = 1\nx.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK -- the one opener, after the check\n',
      'main/a.ts',
    )
    expect(s).toEqual({
      file: 'main/a.ts',
      line: 2,
      ids: ['OPEN_EXTERNAL_JS_CHECK'],
      reason: 'the one opener, after the check',
      fileWide: false,
      problem: null,
    })
  })

  it('reads several check names and a block comment', () => {
    const [s] = findSuppressions(
      'f() /* eng-disable A_JS_CHECK B_JS_CHECK -- both reviewed in docs */',
      'x.js',
    )
    expect(s?.ids).toEqual(['A_JS_CHECK', 'B_JS_CHECK'])
    expect(s?.reason).toBe('both reviewed in docs')
    expect(s?.problem).toBeNull()
  })

  it.each([
    ['x() // eng-disable OPEN_EXTERNAL_JS_CHECK', /no reason/],
    ['x() // eng-disable OPEN_EXTERNAL_JS_CHECK --', /no reason/],
    ['x() // eng-disable OPEN_EXTERNAL_JS_CHECK -- ok', /too short/],
    ['x() // eng-disable', /not in the form/],
  ])('refuses %j', (line, problem) => {
    const [s] = findSuppressions(line, 'x.ts')
    expect(s?.problem).toMatch(problem)
  })

  it('reads an HTML suppression whose reason is the next comment; line 1 covers the whole file', () => {
    const [s] = findSuppressions(
      '<!-- eng-disable CSP_GLOBAL_CHECK --><!-- app:// serves only the built bundle -->\n<!doctype html>',
      'renderer/index.html',
    )
    expect(s).toMatchObject({ ids: ['CSP_GLOBAL_CHECK'], fileWide: true, problem: null })
    expect(findSuppressions('<p><!-- eng-disable CSP_GLOBAL_CHECK --></p>', 'a.html')[0]?.problem).toMatch(
      /no reason/,
    )
  })

  it('matches a finding on the same line, or anywhere in the file from line 1, by either spelling', () => {
    const [line] = findSuppressions(
      '\nx() // eng-disable OPEN_EXTERNAL_JS_CHECK -- reviewed: allowlisted',
      'a.ts',
    )
    expect(covers(line!, { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'a.ts', line: 2 })).toBe(true)
    expect(covers(line!, { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'a.ts', line: 3 })).toBe(false)
    expect(covers(line!, { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'b.ts', line: 2 })).toBe(false)
    expect(covers(line!, { id: 'SANDBOX_JS_CHECK', file: 'a.ts', line: 2 })).toBe(false)
    const [wide] = findSuppressions('// eng-disable openExternalJSCheck -- reviewed: allowlisted\n', 'a.ts')
    expect(covers(wide!, { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'a.ts', line: 40 })).toBe(true)
  })
})

describe('Electronegativity gate: report and canary', () => {
  it('reads SARIF findings and refuses anything else', () => {
    const sarif = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'Electronegativity' } },
          results: [
            {
              ruleId: 'SANDBOX_JS_CHECK',
              message: { text: 'Use sandbox' },
              locations: [
                { physicalLocation: { artifactLocation: { uri: 'main/w.ts' }, region: { startLine: 7 } } },
              ],
            },
          ],
        },
      ],
    }
    expect(readSarif(JSON.stringify(sarif))).toEqual([
      { id: 'SANDBOX_JS_CHECK', file: 'main/w.ts', line: 7, message: 'Use sandbox' },
    ])
    expect(() => readSarif('{}')).toThrow(/not an Electronegativity/)
    expect(() => readSarif('')).toThrow()
  })

  it('the canary holds every pattern the security checklist forbids in code', () => {
    const text = Object.values(CANARY).join('\n')
    for (const pattern of [
      'nodeIntegration: true',
      'contextIsolation: false',
      'sandbox: false',
      'webSecurity: false',
      'allowRunningInsecureContent: true',
      "'certificate-error'",
      'setCertificateVerifyProc',
      'ignore-certificate-errors',
      'shell.openExternal(url)',
    ])
      expect(text).toContain(pattern)
    expect(CANARY_EXPECTED.length).toBeGreaterThanOrEqual(12)
  })
})
