import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseBranding } from '../../src/main/config/branding'
import { parsePolicy } from '../../src/main/config/policy'
import { policyLocation } from '../../src/main/config/policy-paths'
import { STOCK_BRANDING } from '../../src/main/config/runtime-branding'
import plist from 'plist'

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
      'allowTestPolicy',
      'language',
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

/** A .reg file's string values: `[key]` sections, `"name"="value"` with `\\` and `\"` escapes. */
function parseRegFile(text: string): Map<string, Map<string, string>> {
  const keys = new Map<string, Map<string, string>>()
  let current: Map<string, string> | null = null
  const lines = text.split(/\r?\n/)
  expect(lines[0]).toBe('Windows Registry Editor Version 5.00')
  for (const line of lines.slice(1)) {
    const section = /^\[(.+)\]$/.exec(line)
    if (section) {
      current = new Map()
      keys.set(section[1]!.replace(/^HKEY_LOCAL_MACHINE\\/, 'HKLM\\'), current)
      continue
    }
    const value = /^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$/.exec(line)
    if (value && current) current.set(value[1]!, value[2]!.replace(/\\(.)/g, '$1'))
    else expect(line === '' || line.startsWith(';'), `unexpected .reg line: ${line}`).toBe(true)
  }
  return keys
}

describe('docs/examples: the policy as IT pushes it', () => {
  const stock = policyLocation({
    platform: 'win32',
    env: {},
    productName: STOCK_BRANDING.productName,
    publisher: STOCK_BRANDING.publisher,
    appId: STOCK_BRANDING.appId,
    execPath: 'C:\\Program Files\\Account Desk\\Account Desk.exe',
    packaged: true,
  })

  it('the .reg file sets the Policy value at the key the app reads, and it is a valid policy', () => {
    const reg = stock.sources[0]
    expect(reg?.type).toBe('registry')
    if (reg?.type !== 'registry') return
    const keys = parseRegFile(readFileSync(path.resolve('docs/examples/account-desk-policy.reg'), 'utf8'))
    const json = keys.get(reg.key)?.get(reg.value)
    expect(json, `${reg.key}\\${reg.value}`).toBeDefined()
    const parsed = parsePolicy(JSON.parse(json ?? 'null'), 'reg')
    expect(parsed.ok && parsed.policy).toMatchObject({
      status: 'applied',
      lockServers: true,
      httpsRequired: true,
    })
  })

  it('the .mobileconfig is a system profile whose payload for the app id is a valid policy', () => {
    const profile = plist.parse(
      readFileSync(path.resolve('docs/examples/account-desk-policy.mobileconfig'), 'utf8'),
    ) as Record<string, unknown>
    expect(profile).toMatchObject({ PayloadType: 'Configuration', PayloadScope: 'System', PayloadVersion: 1 })
    const payloads = profile['PayloadContent'] as Record<string, unknown>[]
    const forApp = payloads.find((p) => p['PayloadType'] === STOCK_BRANDING.appId)
    expect(forApp).toBeDefined()
    const policy = Object.fromEntries(
      Object.entries(forApp ?? {}).filter(([key]) => !key.startsWith('Payload')),
    )
    const parsed = parsePolicy(policy, 'mobileconfig')
    expect(parsed.ok && parsed.policy).toMatchObject({ status: 'applied', lockServers: true, demo: false })
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
