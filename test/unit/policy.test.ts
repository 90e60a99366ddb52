import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import {
  applyPolicy,
  loadPolicy,
  MAX_POLICY_BYTES,
  NO_POLICY,
  parsePolicy,
  policyRefusal,
  safeModePolicy,
  type EffectivePolicy,
  type PolicyFileInput,
} from '../../src/main/config/policy'
import { createLogger } from '../../src/main/log'
import { createServerRegistry } from '../../src/main/services/server-registry'
import type { Notice } from '../../src/shared/messages'
import { serverProfileSchema, type ServerProfile, type ServerProfileInput } from '../../src/shared/profile'

const MACHINE = '/etc/account-desk/policy.json'
const OVERRIDE = '/tmp/test-policy.json'

/** What a policy-invalid notice tells IT (its `details` lines, one string); '' for any other notice. */
const policyDetails = (notice: Notice | undefined): string =>
  notice?.message.code === 'notice.policy-invalid' ? notice.message.details.join('\n') : ''

const profile = (input: Partial<ServerProfileInput> & { id: string; baseUrl: string }): ServerProfile =>
  serverProfileSchema.parse({ displayName: input.id, kind: 'djoser', ...input })

/** A readFile over an in-memory folder; a string entry is a file, an error code string prefixed ! fails. */
function fakeFs(files: Record<string, string>) {
  const reads: string[] = []
  const read = async (file: string): Promise<string> => {
    reads.push(file)
    const entry = files[file]
    if (entry === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' })
    if (entry.startsWith('!')) throw Object.assign(new Error(entry.slice(1)), { code: entry.slice(1) })
    return entry
  }
  return { read, reads }
}

function capture() {
  const lines: Record<string, unknown>[] = []
  return {
    lines,
    logger: createLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>), 'debug'),
  }
}

async function load(files: Record<string, string>, overridePath: string | null = null) {
  const { lines, logger } = capture()
  const fs = fakeFs(files)
  const result = await loadPolicy({ path: MACHINE, overridePath, readFile: fs.read, logger })
  return { ...result, lines, reads: fs.reads }
}

const good: PolicyFileInput = {
  version: 1,
  servers: [
    {
      id: 'intranet',
      displayName: 'Intranet',
      baseUrl: 'https://intranet.example.org',
      kind: 'django-forms',
      passwordRules: { minLength: 12 },
    },
    { id: 'api', displayName: 'API', baseUrl: 'https://api.example.org', kind: 'djoser', timeoutMs: 5000 },
  ],
  lockServers: true,
  allowedHosts: ['Intranet.Example.org', 'api.example.org', 'accounts.example.org'],
  httpsRequired: true,
  demo: false,
  timeouts: { requestMs: 20000 },
}

const work = mkdtempSync(path.join(tmpdir(), 'policy-test-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('loadPolicy: precedence', () => {
  it('no machine policy and no override: no policy, no notice (the normal case)', async () => {
    const r = await load({})
    expect(r.policy).toEqual(NO_POLICY)
    expect(r.notices).toEqual([])
    expect(r.lines.map((l) => l['event'])).toEqual(['policy.none'])
  })

  it('a valid machine policy applies, with defaults filled and the request timeout for servers without one', async () => {
    const r = await load({ [MACHINE]: JSON.stringify(good) })
    expect(r.notices).toEqual([])
    expect(r.policy).toMatchObject({
      status: 'applied',
      file: MACHINE,
      lockServers: true,
      allowedHosts: ['intranet.example.org', 'api.example.org', 'accounts.example.org'],
      httpsRequired: true,
      demo: false,
      requestTimeoutMs: 20000,
    })
    const [intranet, api] = r.policy.servers
    expect(intranet).toMatchObject({
      id: 'intranet',
      prefix: '/accounts/',
      timeoutMs: 20000,
      passwordRules: { minLength: 12, notNumeric: true, notCommon: true, notSimilar: true },
    })
    expect(api).toMatchObject({ id: 'api', timeoutMs: 5000 })
  })

  it('a machine policy that exists wins over ACCOUNT_DESK_POLICY, and says the override is ignored', async () => {
    const r = await load(
      { [MACHINE]: JSON.stringify({ demo: false }), [OVERRIDE]: JSON.stringify({ demo: true }) },
      OVERRIDE,
    )
    expect(r.policy.file).toBe(MACHINE)
    expect(r.policy.demo).toBe(false)
    expect(r.reads).toEqual([MACHINE])
    expect(r.notices).toEqual([
      {
        level: 'warning',
        message: { code: 'notice.test-policy-ignored', file: OVERRIDE, machine: MACHINE },
      },
    ])
  })

  it('a broken machine policy cannot be bypassed with ACCOUNT_DESK_POLICY', async () => {
    const r = await load({ [MACHINE]: '{', [OVERRIDE]: '{}' }, OVERRIDE)
    expect(r.policy).toEqual(safeModePolicy(MACHINE))
    expect(r.notices.map((n) => n.level)).toEqual(['error', 'warning'])
  })

  it('without a machine policy, ACCOUNT_DESK_POLICY applies and the app says it uses a test policy', async () => {
    const r = await load({ [OVERRIDE]: JSON.stringify({ httpsRequired: true }) }, OVERRIDE)
    expect(r.reads).toEqual([MACHINE, OVERRIDE])
    expect(r.policy).toMatchObject({ status: 'applied', file: OVERRIDE, httpsRequired: true, demo: true })
    expect(r.notices).toEqual([{ level: 'info', message: { code: 'notice.test-policy', file: OVERRIDE } }])
  })

  it('ACCOUNT_DESK_POLICY naming a file that does not exist is not ignored: safe mode, with the reason', async () => {
    const r = await load({}, OVERRIDE)
    expect(r.policy).toEqual(safeModePolicy(OVERRIDE))
    expect(r.notices).toEqual([
      {
        level: 'error',
        message: {
          code: 'notice.policy-invalid',
          file: OVERRIDE,
          app: 'Account Desk',
          details: ['ACCOUNT_DESK_POLICY names this file, but it does not exist'],
        },
      },
    ])
  })

  it('reads real files through node:fs: a policy, a folder in its place, a missing file', async () => {
    const file = path.join(work, 'policy.json')
    writeFileSync(file, '\ufeff' + JSON.stringify({ lockServers: true }))
    const fsRead = (f: string) => readFile(f, 'utf8')
    const { logger } = capture()
    const applied = await loadPolicy({ path: file, readFile: fsRead, logger })
    expect(applied.policy).toMatchObject({ status: 'applied', lockServers: true })

    const folder = path.join(work, 'folder')
    mkdirSync(folder)
    const broken = await loadPolicy({ path: folder, readFile: fsRead, logger })
    expect(broken.policy.status).toBe('invalid')
    expect(broken.notices[0]?.message).toMatchObject({ code: 'notice.policy-invalid', file: folder })
    expect(policyDetails(broken.notices[0])).toContain('it is a folder, not a file')

    const none = await loadPolicy({ path: path.join(work, 'nothing.json'), readFile: fsRead, logger })
    expect(none.policy).toEqual(NO_POLICY)
  })
})

describe('loadPolicy: a bad policy file gets a clear notice and the safest behaviour, never a crash', () => {
  const servers = good.servers!
  const cases: [string, string, string][] = [
    ['unreadable (permission)', '!EACCES', 'the app is not allowed to read it'],
    ['a folder', '!EISDIR', 'it is a folder, not a file'],
    ['an odd read error', '!EIO', 'it could not be read (EIO)'],
    ['empty', '   \n', 'the file is empty'],
    ['not JSON', '{ "lockServers": true, }', 'it is not valid JSON'],
    ['a JSON array', '[]', 'it must hold one JSON object'],
    ['a JSON string', '"lock"', 'it must hold one JSON object'],
    ['null', 'null', 'it must hold one JSON object'],
    ['a wrong type', JSON.stringify({ lockServers: 'yes' }), 'lockServers: Invalid input: expected boolean'],
    ['a misspelt field', JSON.stringify({ httpRequired: true }), 'unknown field "httpRequired"'],
    ['a later version', JSON.stringify({ version: 2 }), 'version: The only policy version is 1.'],
    [
      'an http server when https is required',
      JSON.stringify({ httpsRequired: true, servers: [{ ...servers[0], baseUrl: 'http://127.0.0.1:8000' }] }),
      'servers[0].baseUrl: http://127.0.0.1:8000 is http://, but httpsRequired is true.',
    ],
    [
      'a plain http server on the network',
      JSON.stringify({ servers: [{ ...servers[0], baseUrl: 'http://intranet.example.org' }] }),
      'servers[0].baseUrl: Use an https:// address',
    ],
    [
      'a server whose host is not in allowedHosts',
      JSON.stringify({ allowedHosts: ['api.example.org'], servers }),
      'servers[0].baseUrl: The host intranet.example.org is not in allowedHosts.',
    ],
    [
      'two servers with one id',
      JSON.stringify({ servers: [servers[0], { ...servers[1], id: 'intranet' }] }),
      'servers[1].id: The id "intranet" is already used by servers[0].',
    ],
    [
      'two servers on one host',
      JSON.stringify({ servers: [servers[0], { ...servers[1], baseUrl: 'https://INTRANET.example.org/' }] }),
      'servers[1].baseUrl: The server intranet.example.org is already listed as servers[0].',
    ],
    [
      'an empty allowedHosts',
      JSON.stringify({ allowedHosts: [] }),
      'leave allowedHosts out to allow any host',
    ],
    ['a wildcard host', JSON.stringify({ allowedHosts: ['*.example.org'] }), 'wildcards are not supported'],
    [
      'a URL where a host belongs',
      JSON.stringify({ allowedHosts: ['https://example.org'] }),
      'allowedHosts[0]: "https://example.org" is not a host name',
    ],
    [
      'a timeout out of range',
      JSON.stringify({ timeouts: { requestMs: 50 } }),
      'timeouts.requestMs: At least 1000 ms.',
    ],
    [
      'bad password rules',
      JSON.stringify({ servers: [{ ...servers[0], passwordRules: { minLength: 0 } }] }),
      'servers[0].passwordRules.minLength:',
    ],
    ['too large', JSON.stringify({ x: 'a'.repeat(MAX_POLICY_BYTES) }), 'it is larger than 1 MB'],
  ]

  it.each(cases)('%s', async (_what, content, words) => {
    const r = await load({ [MACHINE]: content })
    expect(r.policy).toEqual(safeModePolicy(MACHINE))
    expect(r.notices).toHaveLength(1)
    const [notice] = r.notices
    expect(notice?.level).toBe('error')
    expect(notice?.message).toMatchObject({
      code: 'notice.policy-invalid',
      file: MACHINE,
      app: 'Account Desk',
    })
    expect(policyDetails(notice)).toContain(words)
    const logged = r.lines.find((l) => l['event'] === 'policy.invalid')
    expect(logged?.['level']).toBe('error')
    expect(logged?.['file']).toBe(MACHINE)
  })

  it('survives a readFile that throws synchronously or returns something odd', async () => {
    const { logger } = capture()
    const throwing = await loadPolicy({
      path: MACHINE,
      readFile: () => {
        throw 'boom'
      },
      logger,
    })
    expect(throwing.policy.status).toBe('invalid')
    const odd = await loadPolicy({ path: MACHINE, readFile: async () => 42 as unknown as string, logger })
    expect(odd.policy.status).toBe('invalid')
    expect(policyDetails(odd.notices[0])).toContain('it could not be read as text')
  })

  it('names the branded product in the notice', async () => {
    const { logger } = capture()
    const r = await loadPolicy({
      path: MACHINE,
      readFile: async () => '{',
      logger,
      appName: 'Contoso Accounts',
    })
    expect(r.notices[0]?.message).toMatchObject({ code: 'notice.policy-invalid', app: 'Contoso Accounts' })
  })
})

describe('applyPolicy: the policy wins over user settings', () => {
  const policyOf = (input: PolicyFileInput): EffectivePolicy => {
    const parsed = parsePolicy(input, MACHINE)
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'))
    return parsed.policy
  }
  const branding = [profile({ id: 'hq', baseUrl: 'https://hq.example.org' })]
  const user = [
    profile({ id: 'mine', baseUrl: 'https://mine.example.net' }),
    profile({ id: 'local', baseUrl: 'http://127.0.0.1:8000' }),
    profile({ id: 'copy', baseUrl: 'https://intranet.example.org' }),
  ]
  const ids = (s: ReturnType<typeof applyPolicy>) => s.servers.map((e) => `${e.source}:${e.profile.id}`)

  it('without a policy: branding then user servers, nothing locked, the demo as the user chose', () => {
    const s = applyPolicy({ servers: user, brandingServers: branding, demo: 'on' }, NO_POLICY)
    expect(ids(s)).toEqual(['branding:hq', 'user:mine', 'user:local', 'user:copy'])
    expect(s.servers.every((e) => !e.locked)).toBe(true)
    expect(s).toMatchObject({ canAddServers: true, demo: 'on', leftOut: [] })
    expect(s.policyWins).toEqual({ servers: false, addServers: false, demo: false, timeouts: false })
  })

  it('policy servers come first and locked; a user copy of one is left out', () => {
    const s = applyPolicy(
      { servers: user, brandingServers: branding },
      policyOf({ servers: [good.servers![0]!] }),
    )
    expect(ids(s)).toEqual(['policy:intranet', 'branding:hq', 'user:mine', 'user:local'])
    expect(s.servers[0]?.locked).toBe(true)
    expect(s.leftOut).toEqual([
      { id: 'copy', displayName: 'copy', source: 'user', reason: 'provided-by-organisation' },
    ])
    expect(s.policyWins.servers).toBe(true)
  })

  it('a locked list: user servers are left out, branding servers are locked, nothing can be added', () => {
    const s = applyPolicy({ servers: user, brandingServers: branding }, policyOf({ lockServers: true }))
    expect(ids(s)).toEqual(['branding:hq'])
    expect(s.servers[0]?.locked).toBe(true)
    expect(s.canAddServers).toBe(false)
    expect(s.leftOut.map((l) => l.reason)).toEqual(Array(3).fill('servers-managed'))
    expect(s.policyWins).toMatchObject({ servers: true, addServers: true })
  })

  it('allowedHosts and httpsRequired filter branding and user servers, with the reason', () => {
    const s = applyPolicy(
      { servers: user, brandingServers: branding },
      policyOf({ allowedHosts: ['mine.example.net', '127.0.0.1'], httpsRequired: true }),
    )
    expect(ids(s)).toEqual(['user:mine'])
    expect(Object.fromEntries(s.leftOut.map((l) => [l.id, { reason: l.reason, host: l.host }]))).toEqual({
      hq: { reason: 'host-not-allowed', host: 'hq.example.org' },
      local: { reason: 'https-required', host: undefined },
      copy: { reason: 'host-not-allowed', host: 'intranet.example.org' },
    })
  })

  it('demo false turns the demo off whatever the user chose; true leaves the choice to the user', () => {
    const off = policyOf({ demo: false })
    expect(applyPolicy({ servers: [], demo: 'on' }, off)).toMatchObject({
      demo: 'off',
      policyWins: { demo: true },
    })
    expect(applyPolicy({ servers: [], demo: 'off' }, off)).toMatchObject({
      demo: 'off',
      policyWins: { demo: false },
    })
    expect(applyPolicy({ servers: [], demo: 'on' }, policyOf({ demo: true })).demo).toBe('on')
    expect(applyPolicy({ servers: [] }, NO_POLICY).demo).toBe('auto')
  })

  it('the request timeout applies to branding and user servers; policy servers keep their own', () => {
    const s = applyPolicy(
      { servers: [user[0]!], brandingServers: branding },
      policyOf({ servers: [good.servers![1]!], timeouts: { requestMs: 30000 } }),
    )
    expect(s.servers.map((e) => [e.profile.id, e.profile.timeoutMs])).toEqual([
      ['api', 5000],
      ['hq', 30000],
      ['mine', 30000],
    ])
    expect(s.policyWins.timeouts).toBe(true)
  })

  it('safe mode (a policy file that cannot be used): only https branding servers, locked; no demo', () => {
    const brandingWithHttp = [...branding, profile({ id: 'dev', baseUrl: 'http://localhost:8000' })]
    const s = applyPolicy(
      { servers: user, brandingServers: brandingWithHttp, demo: 'on' },
      safeModePolicy(MACHINE),
    )
    expect(ids(s)).toEqual(['branding:hq'])
    expect(s.servers[0]?.locked).toBe(true)
    expect(s).toMatchObject({ canAddServers: false, demo: 'off' })
    expect(s.leftOut.find((l) => l.id === 'mine')?.reason).toBe('policy-invalid')
    expect(s.leftOut.find((l) => l.id === 'dev')?.reason).toBe('https-required')
  })

  it('does not change its inputs', () => {
    const frozen = (list: ServerProfile[]) => Object.freeze(list.map((p) => Object.freeze({ ...p })))
    const settings = Object.freeze({ servers: frozen(user), brandingServers: frozen(branding) })
    const policy = policyOf({ timeouts: { requestMs: 9000 }, servers: [good.servers![1]!] })
    const before = JSON.stringify({ settings, policy })
    applyPolicy(settings, policy)
    expect(JSON.stringify({ settings, policy })).toBe(before)
  })

  const host = fc.constantFrom('a.example', 'b.example', 'c.example', '127.0.0.1:8000', 'localhost:9000')
  const server = fc.record({
    id: fc.constantFrom('s1', 's2', 's3', 's4'),
    host,
    https: fc.boolean(),
  })
  const toProfile = (s: { id: string; host: string; https: boolean }) => {
    const loopback = s.host.startsWith('127.') || s.host.startsWith('localhost')
    return profile({ id: s.id, baseUrl: `${s.https || !loopback ? 'https' : 'http'}://${s.host}` })
  }

  it('invariants over random inputs: unique ids and hosts, every policy server kept, every other server allowed', () => {
    fc.assert(
      fc.property(
        fc.array(server, { maxLength: 4 }),
        fc.array(server, { maxLength: 4 }),
        fc.record({
          lockServers: fc.boolean(),
          httpsRequired: fc.boolean(),
          allowedHosts: fc.option(
            fc.uniqueArray(fc.constantFrom('a.example', 'b.example', '127.0.0.1'), { minLength: 1 }),
            {
              nil: undefined,
            },
          ),
        }),
        (brandingServers, userServers, rules) => {
          const policy: EffectivePolicy = {
            ...NO_POLICY,
            status: 'applied',
            file: MACHINE,
            ...rules,
            allowedHosts: rules.allowedHosts ?? [],
          }
          const s = applyPolicy(
            { servers: userServers.map(toProfile), brandingServers: brandingServers.map(toProfile) },
            policy,
          )
          const seenIds = new Set(s.servers.map((e) => e.profile.id))
          const seenHosts = new Set(s.servers.map((e) => new URL(e.profile.baseUrl).host))
          expect(seenIds.size).toBe(s.servers.length)
          expect(seenHosts.size).toBe(s.servers.length)
          expect(s.servers.length + s.leftOut.length).toBe(brandingServers.length + userServers.length)
          for (const e of s.servers) expect(policyRefusal(e.profile.baseUrl, policy)).toBeNull()
          if (policy.lockServers) expect(s.servers.some((e) => e.source === 'user')).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('is what the server registry applies when a user adds a server', () => {
    const urls = ['https://a.example', 'http://127.0.0.1:8000', 'https://B.example:8443', 'http://localhost']
    const policies = [
      NO_POLICY,
      policyOf({ allowedHosts: ['a.example', '127.0.0.1'] }),
      policyOf({ httpsRequired: true, allowedHosts: ['b.example'] }),
    ]
    for (const p of policies)
      for (const url of urls) {
        const registry = createServerRegistry({
          policy: p,
          brandingServers: [],
          userServers: [],
          demo: 'auto',
          onChange: () => {},
        })
        // Add server's check (detectServer) vets the address the same way before any request is sent.
        const vetted = registry.vetAddress(url)
        const added = registry.add({ displayName: 'X', baseUrl: url, kind: 'djoser' })
        const refusal = policyRefusal(url, p)
        if (refusal) {
          expect(added, url).toEqual({ ok: false, error: { kind: 'policy', message: refusal } })
          expect(vetted, url).toEqual({ ok: false, error: { kind: 'policy', message: refusal } })
        } else {
          expect(added.ok, url).toBe(true)
          expect(vetted, url).toEqual({ ok: true, value: url })
          expect(registry.vetAddress(`${url}/`), url).toMatchObject({
            ok: false,
            error: {
              kind: 'validation',
              message: { code: 'server.already-listed' },
              fieldCodes: { baseUrl: [{ code: 'server.already-listed' }] },
            },
          })
        }
      }
    const locked = createServerRegistry({
      policy: safeModePolicy(MACHINE),
      brandingServers: [],
      userServers: [],
      demo: 'auto',
      onChange: () => {},
    })
    expect(locked.add({ displayName: 'X', baseUrl: 'https://a.example', kind: 'djoser' })).toMatchObject({
      ok: false,
      error: { kind: 'policy' },
    })
    expect(locked.vetAddress('https://a.example')).toMatchObject({ ok: false, error: { kind: 'policy' } })
  })
})

describe('what people sign in with, set by the policy', () => {
  const server = { id: 'mail', displayName: 'Mail', baseUrl: 'https://mail.example.org', kind: 'djoser' }

  it('a server’s signInWith reaches the sign-in screen; a wrong value is refused with the reason', () => {
    const parsed = parsePolicy({ servers: [{ ...server, signInWith: 'email' }] }, MACHINE)
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'))
    expect(parsed.policy.servers[0]?.signInWith).toBe('email')
    const registry = createServerRegistry({
      policy: parsed.policy,
      brandingServers: [],
      userServers: [],
      demo: 'off',
      onChange: () => {},
    })
    expect(registry.summaries().map((s) => s.signInWith)).toEqual(['email'])
    const refused = parsePolicy({ servers: [{ ...server, signInWith: 'phone' }] }, MACHINE)
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.problems.join('\n')).toMatch(/servers.*signInWith|signInWith/)
  })
})
