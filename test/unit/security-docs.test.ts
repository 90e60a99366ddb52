import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * docs/security.md maps every checklist row and failure case to tests by name. This keeps the map true: every
 * `file.test.ts › describe › test` it cites names a file that exists and whose source holds each name (a name
 * cut short with "…" must start a name in the file), and every checklist row of security.md has a line.
 */
const ROOT = path.resolve(import.meta.dirname, '../..')
const DOC = readFileSync(path.join(ROOT, 'docs/security.md'), 'utf8')
const TEST_DIRS = ['test/unit', 'test/integration', 'test/e2e']

function testFile(name: string): string | null {
  for (const dir of TEST_DIRS) {
    const full = path.join(ROOT, dir, path.basename(name))
    if ((name.includes('/') ? name.startsWith(dir) || name.startsWith('test/') : true) && existsSync(full))
      return full
  }
  return null
}

interface Citation {
  file: string
  names: string[]
  line: number
}

/** Every cited test: a code span `x.test.ts › a › b`, or `› b` continuing the last file cited on that line. */
function citations(): Citation[] {
  const out: Citation[] = []
  DOC.split('\n').forEach((text, index) => {
    let lastFile: string | null = null
    for (const match of text.matchAll(/`([^`]+)`/g)) {
      const span = match[1]!
      const full = /^((?:test\/\w+\/)?[\w.-]+\.test\.ts) › (.+)$/.exec(span)
      if (full) {
        lastFile = full[1]!
        out.push({ file: lastFile, names: full[2]!.split(' › '), line: index + 1 })
      } else if (span.startsWith('› ') && lastFile) {
        out.push({ file: lastFile, names: span.slice(2).split(' › '), line: index + 1 })
      }
    }
  })
  return out
}

/**
 * it.each names and template literals in the source, as patterns: `%s`, `%j`, `%i` and `${…}` stand for anything.
 * A pattern with few words of its own (`no %s`) only counts when what fills each gap is itself in the source
 * (the it.each table's value).
 */
function namePatterns(source: string): { pattern: RegExp; short: boolean }[] {
  const out: { pattern: RegExp; short: boolean }[] = []
  for (const m of source.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)) {
    const text = m[2]!
    if (!/%[sjid]|\$\{/.test(text)) continue
    const own = text.replace(/%[sjid]|\$\{[^}]*\}/g, '').replace(/\W/g, '').length
    const pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%[sjid]|\\\$\\\{[^}]*\\\}/g, '(.+)')
    out.push({ pattern: new RegExp(`^${pattern}$`), short: own < 12 })
  }
  return out
}

/** Does the source name a test (or describe) `name`? A name cut short with "…" must start a name there. */
function holds(source: string, name: string): boolean {
  if (name === '…') return true
  const cut = name.endsWith('…')
  const text = cut ? name.slice(0, -1).trimEnd() : name
  if (source.includes(text)) return true
  return namePatterns(source).some(({ pattern, short }) => {
    const match = (cut ? new RegExp(pattern.source.replace(/\$$/, '')) : pattern).exec(text)
    if (!match) return !short && cut && pattern.source.startsWith(`^${text}`)
    return !short || match.slice(1).every((gap) => source.includes(gap))
  })
}

describe('docs/security.md', () => {
  const cited = citations()

  it('cites tests', () => {
    expect(cited.length).toBeGreaterThan(100)
  })

  it('cites only files that exist, and names each of them holds', () => {
    const wrong: string[] = []
    for (const c of cited) {
      const file = testFile(c.file)
      if (!file) {
        wrong.push(`line ${c.line}: no test file ${c.file}`)
        continue
      }
      const source = readFileSync(file, 'utf8')
      for (const name of c.names)
        if (!holds(source, name)) wrong.push(`line ${c.line}: ${c.file} has no test named "${name}"`)
    }
    expect(wrong).toEqual([])
  })

  it('has a line for every row of the Electron checklist, the fuses, and failure cases 1 to 10', () => {
    for (const row of [
      '1',
      '2–4',
      '5',
      '6, 8–10',
      '7',
      '11–12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
      '20',
    ])
      expect(DOC, `checklist row ${row}`).toMatch(new RegExp(`^\\| ${row} \\|`, 'm'))
    expect(DOC.match(/^\| — \|/gm)?.length, 'the unnumbered rows').toBe(2)
    for (const fuse of [
      'RunAsNode',
      'EnableCookieEncryption',
      'EnableNodeOptionsEnvironmentVariable',
      'EnableNodeCliInspectArguments',
      'EnableEmbeddedAsarIntegrityValidation',
      'OnlyLoadAppFromAsar',
      'GrantFileProtocolExtraPrivileges',
    ])
      expect(DOC).toContain(`| \`${fuse}\` |`)
    for (let n = 1; n <= 10; n++) expect(DOC, `failure case ${n}`).toMatch(new RegExp(`^\\| ${n} \\|`, 'm'))
  })
})
