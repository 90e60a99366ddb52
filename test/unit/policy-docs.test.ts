import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseBranding } from '../../src/main/config/branding'
import { parsePolicy } from '../../src/main/config/policy'

const docs = readFileSync(path.resolve('docs/deploying.md'), 'utf8')
const work = mkdtempSync(path.join(tmpdir(), 'policy-docs-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The first ```json block after `marker` in docs/deploying.md. */
function jsonBlockAfter(marker: string): unknown {
  const at = docs.indexOf(marker)
  expect(at, marker).toBeGreaterThanOrEqual(0)
  const block = /```json\n([\s\S]*?)```/.exec(docs.slice(at))?.[1]
  return JSON.parse(block ?? 'null') as unknown
}

describe('docs/deploying.md', () => {
  it('shows a policy example the app accepts, with every field', () => {
    const example = jsonBlockAfter('<!-- policy-example') as Record<string, unknown>
    const parsed = parsePolicy(example, 'policy.json')
    expect(parsed.ok && parsed.policy).toMatchObject({ status: 'applied', lockServers: true, demo: false })
    expect(Object.keys(example).sort()).toEqual(
      ['allowedHosts', 'demo', 'httpsRequired', 'lockServers', 'servers', 'timeouts', 'version'].sort(),
    )
  })

  it('documents every policy field in its table', () => {
    for (const field of [
      'version',
      'servers',
      'lockServers',
      'allowedHosts',
      'httpsRequired',
      'demo',
      'timeouts.requestMs',
    ])
      expect(docs).toContain(`| \`${field}\` |`)
  })

  it('shows a branding.json example the build accepts, and documents every field', () => {
    const example = jsonBlockAfter('### branding.json') as Record<string, unknown>
    expect(() => parseBranding(example)).not.toThrow()
    for (const field of Object.keys(example)) expect(docs).toContain(`| \`${field}\` |`)
  })
})

describe('build/check-policy.mjs (IT checks a policy before deploying it)', () => {
  const run = (file: string) => {
    try {
      return {
        code: 0,
        out: execFileSync(process.execPath, ['build/check-policy.mjs', file], {
          encoding: 'utf8',
          timeout: 60_000,
        }),
      }
    } catch (error) {
      const e = error as { status: number; stdout: string }
      return { code: e.status, out: e.stdout }
    }
  }

  it('exits 0 and prints what applies for a valid policy', () => {
    const file = path.join(work, 'good.json')
    writeFileSync(file, JSON.stringify(jsonBlockAfter('<!-- policy-example')))
    const { code, out } = run(file)
    expect(code).toBe(0)
    expect(out).toContain(`${file} is valid.`)
    expect(out).toContain('intranet (https://intranet.contoso.example, django-forms)')
    expect(out).toContain('demo:          off')
  }, 60_000)

  it('exits 1 and says what is wrong for a bad policy or a missing file', () => {
    const file = path.join(work, 'bad.json')
    writeFileSync(file, JSON.stringify({ httpRequired: true }))
    const bad = run(file)
    expect(bad.code).toBe(1)
    expect(bad.out).toContain(
      `The policy file ${file} from your organisation could not be used: unknown field "httpRequired"`,
    )
    const missing = run(path.join(work, 'none.json'))
    expect(missing).toEqual({ code: 1, out: `${path.join(work, 'none.json')}: the file does not exist.\n` })
  }, 60_000)
})
