import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import plist from 'plist'
import { afterAll, describe, expect, it } from 'vitest'
import {
  nodePolicyIo,
  parseRegQuery,
  readMachinePolicy,
  type PolicyIo,
} from '../../src/main/config/machine-policy'
import { loadPolicyAt } from '../../src/main/config/policy'
import { policyLocation, WINDOWS_REG_EXE } from '../../src/main/config/policy-paths'
import { createLogger } from '../../src/main/log'
import type { Notice } from '../../src/shared/messages'

/**
 * The machine policy comes only from places administrators alone can write, on every OS, never from an environment
 * variable; ACCOUNT_DESK_POLICY is a development aid an installed app ignores unless the machine policy allows it.
 * The machine is injected (files with owner and mode, reg.exe, plutil), so the Windows, macOS and Linux paths run
 * here.
 */
const POLICY = { version: 1, lockServers: true, allowedHosts: ['accounts.example.org'] }
const PLANTED = {
  servers: [{ id: 'corp', displayName: 'Corp', baseUrl: 'https://evil.example.net', kind: 'djoser' }],
}

interface FakeEntry {
  text?: string
  uid?: number
  mode?: number
}

/** A machine: files and folders (owner, mode) and programs. Every folder above a file must be listed. */
function fakeMachine(
  entries: Record<string, FakeEntry>,
  programs: Record<string, (args: string[]) => { code: number | null; stdout: string }> = {},
) {
  const runs: { file: string; args: string[] }[] = []
  const enoent = (file: string) => Object.assign(new Error(`ENOENT ${file}`), { code: 'ENOENT' })
  const io: PolicyIo = {
    readFile: async (file) => {
      const entry = entries[file]
      if (entry?.text === undefined) throw enoent(file)
      return entry.text
    },
    realpath: async (file) => {
      if (!entries[file]) throw enoent(file)
      return file
    },
    stat: async (file) => {
      const entry = entries[file]
      if (!entry) throw enoent(file)
      return { uid: entry.uid ?? 0, mode: entry.mode ?? 0o755 }
    },
    run: async (file, args) => {
      runs.push({ file, args })
      const program = programs[file]
      if (!program) throw enoent(file)
      return program(args)
    },
  }
  return { io, runs }
}

const rootFolders = (file: string): Record<string, FakeEntry> => {
  const out: Record<string, FakeEntry> = {}
  for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
    out[dir] = { uid: 0, mode: 0o755 }
    if (dir === '/') return out
  }
}

const where = (
  platform: string,
  extra: { env?: Record<string, string>; execPath?: string; packaged?: boolean } = {},
) =>
  policyLocation({
    platform,
    env: extra.env ?? {},
    productName: 'Account Desk',
    publisher: 'Contoso',
    appId: 'org.contoso.desk',
    execPath: extra.execPath ?? 'C:\\Program Files\\Account Desk\\Account Desk.exe',
    packaged: extra.packaged ?? true,
  })

const logger = createLogger(() => {}, 'debug')

/** What a policy-invalid notice tells IT (its `details` lines, one string); '' for any other notice. */
const policyDetails = (notice: Notice | undefined): string =>
  notice?.message.code === 'notice.policy-invalid' ? notice.message.details.join('\n') : ''
const load = (platform: string, io: PolicyIo, extra: Parameters<typeof where>[1] = {}) =>
  loadPolicyAt(where(platform, extra), { io, logger, appName: 'Account Desk' })

const regOutput = (key: string, type: string, data: string) =>
  `\r\n${key.replace(/^HKLM/, 'HKEY_LOCAL_MACHINE')}\r\n    Policy    ${type}    ${data}\r\n\r\n`

describe('where the machine policy lives: never an environment variable', () => {
  it('Windows: the Policies registry key, then the per-machine install folder; %ProgramData% is not read', () => {
    const planted = {
      ProgramData: 'D:\\Users\\mallory\\pd',
      PROGRAMDATA: 'D:\\Users\\mallory\\pd',
      SystemRoot: 'D:\\x',
    }
    expect(where('win32', { env: planted }).sources).toEqual([
      {
        type: 'registry',
        regExe: 'C:\\Windows\\System32\\reg.exe',
        key: 'HKLM\\SOFTWARE\\Policies\\Contoso\\Account Desk',
        value: 'Policy',
      },
      {
        type: 'file',
        path: 'C:\\Program Files\\Account Desk\\policy.json',
        format: 'json',
        rootOwned: false,
      },
    ])
    expect(JSON.stringify(where('win32', { env: planted }))).not.toMatch(/mallory|ProgramData|D:\\x/i)
  })

  it('Windows: a per-user install (AppData) is no policy location; only the registry is', () => {
    const perUser = where('win32', {
      execPath: 'C:\\Users\\al\\AppData\\Local\\Programs\\Account Desk\\Account Desk.exe',
    })
    expect(perUser.sources.map((s) => s.type)).toEqual(['registry'])
    const sneaky = where('win32', { execPath: 'C:\\Program Files\\..\\Users\\al\\Account Desk.exe' })
    expect(sneaky.sources.map((s) => s.type)).toEqual(['registry'])
  })

  it('macOS: the managed preferences of the app id, then Application Support; both must be root’s', () => {
    expect(where('darwin').sources).toEqual([
      {
        type: 'file',
        path: '/Library/Managed Preferences/org.contoso.desk.plist',
        format: 'plist',
        rootOwned: true,
      },
      {
        type: 'file',
        path: '/Library/Application Support/Account Desk/policy.json',
        format: 'json',
        rootOwned: true,
      },
    ])
  })

  it('Linux: /etc/<product>/policy.json, root’s', () => {
    expect(where('linux').sources).toEqual([
      { type: 'file', path: '/etc/account-desk/policy.json', format: 'json', rootOwned: true },
    ])
  })

  it('ACCOUNT_DESK_POLICY is read, but may apply on its own only in an unpackaged app', () => {
    const env = { ACCOUNT_DESK_POLICY: ' /tmp/p.json ' }
    expect(where('linux', { env, packaged: true })).toMatchObject({
      override: '/tmp/p.json',
      overrideAllowed: false,
    })
    expect(where('linux', { env, packaged: false })).toMatchObject({
      override: '/tmp/p.json',
      overrideAllowed: true,
    })
    expect(where('linux', { env: { ACCOUNT_DESK_POLICY: '  ' } }).override).toBeNull()
  })
})

describe('reading the machine policy on Windows (reg.exe at its fixed path)', () => {
  const key = 'HKLM\\SOFTWARE\\Policies\\Contoso\\Account Desk'

  it('applies the JSON in the Policy value', async () => {
    const { io, runs } = fakeMachine(
      {},
      {
        [WINDOWS_REG_EXE]: () => ({ code: 0, stdout: regOutput(key, 'REG_SZ', JSON.stringify(POLICY)) }),
      },
    )
    const result = await load('win32', io)
    expect(result.policy).toMatchObject({ status: 'applied', lockServers: true, file: `${key}\\Policy` })
    expect(runs).toEqual([{ file: WINDOWS_REG_EXE, args: ['query', key, '/v', 'Policy'] }])
  })

  it('reads a REG_MULTI_SZ value as lines', () => {
    expect(parseRegQuery(regOutput(key, 'REG_MULTI_SZ', '{\\0"lockServers": true\\0}'), 'Policy')).toBe(
      '{\n"lockServers": true\n}',
    )
    expect(parseRegQuery(regOutput(key, 'REG_DWORD', '0x1'), 'Policy')).toBeNull()
  })

  it('no key (reg.exe exits 1): the per-machine install folder’s file applies', async () => {
    const { io } = fakeMachine(
      { 'C:\\Program Files\\Account Desk\\policy.json': { text: JSON.stringify(POLICY) } },
      { [WINDOWS_REG_EXE]: () => ({ code: 1, stdout: '' }) },
    )
    expect((await load('win32', io)).policy).toMatchObject({
      status: 'applied',
      file: 'C:\\Program Files\\Account Desk\\policy.json',
    })
  })

  it('a file planted in ProgramData, or named by the ProgramData or ACCOUNT_DESK_POLICY variables, is not read', async () => {
    const planted = JSON.stringify(PLANTED)
    const { io } = fakeMachine(
      {
        'C:\\ProgramData\\Account Desk\\policy.json': { text: planted },
        'D:\\pd\\Account Desk\\policy.json': { text: planted },
        'D:\\mine.json': { text: planted },
      },
      { [WINDOWS_REG_EXE]: () => ({ code: 1, stdout: '' }) },
    )
    const result = await load('win32', io, {
      env: { ProgramData: 'D:\\pd', ACCOUNT_DESK_POLICY: 'D:\\mine.json' },
    })
    expect(result.policy.status).toBe('none')
    expect(result.notices).toEqual([
      {
        level: 'warning',
        message: { code: 'notice.test-policy-ignored-installed', file: 'D:\\mine.json', app: 'Account Desk' },
      },
    ])
  })

  it('no reg.exe at C:\\Windows\\System32 (Windows on another drive): logged, the file still applies', async () => {
    const lines: string[] = []
    const { io } = fakeMachine({
      'C:\\Program Files\\Account Desk\\policy.json': { text: JSON.stringify(POLICY) },
    })
    const result = await loadPolicyAt(where('win32'), {
      io,
      logger: createLogger((line) => lines.push(line), 'debug'),
      appName: 'Account Desk',
    })
    expect(result.policy.status).toBe('applied')
    expect(lines.join('\n')).toContain('policy.source-unavailable')
  })

  it('reg.exe that does not finish in time is logged too, never read as "no policy" silently', async () => {
    const lines: string[] = []
    const { io } = fakeMachine({}, { [WINDOWS_REG_EXE]: () => ({ code: null, stdout: '' }) })
    const log = createLogger((line) => lines.push(line), 'debug')
    await loadPolicyAt(where('win32'), { io, logger: log, appName: 'Account Desk' })
    expect(lines.join('\n')).toMatch(/policy.source-unavailable.*did not finish in time/)
  })
})

describe('reading the machine policy on macOS', () => {
  const managed = '/Library/Managed Preferences/org.contoso.desk.plist'
  const support = '/Library/Application Support/Account Desk/policy.json'
  const xml = plist.build({ ...POLICY, PayloadUUID: 'B1C2', servers: [] })

  it('a configuration profile’s XML plist applies (its Payload keys left out)', async () => {
    const { io } = fakeMachine({ ...rootFolders(managed), [managed]: { text: xml, mode: 0o644 } })
    expect((await load('darwin', io)).policy).toMatchObject({
      status: 'applied',
      lockServers: true,
      file: managed,
    })
  })

  it('a binary plist goes through /usr/bin/plutil to XML', async () => {
    const { io, runs } = fakeMachine(
      { ...rootFolders(managed), [managed]: { text: 'bplist00\u0000\u0001binary' } },
      { '/usr/bin/plutil': () => ({ code: 0, stdout: xml }) },
    )
    expect((await load('darwin', io)).policy).toMatchObject({ status: 'applied', lockServers: true })
    expect(runs).toEqual([{ file: '/usr/bin/plutil', args: ['-convert', 'xml1', '-o', '-', '--', managed] }])
  })

  it('without a profile, Application Support’s policy.json applies', async () => {
    const { io } = fakeMachine({ ...rootFolders(support), [support]: { text: JSON.stringify(POLICY) } })
    expect((await load('darwin', io)).policy).toMatchObject({ status: 'applied', file: support })
  })

  it.each([
    [
      'the file is not owned by root',
      { [support]: { text: JSON.stringify(PLANTED), uid: 501 } },
      'it is not owned by root',
    ],
    [
      'the file is writable by others',
      { [support]: { text: JSON.stringify(PLANTED), mode: 0o666 } },
      'it may be changed',
    ],
    [
      'its folder is the user’s',
      {
        '/Library/Application Support/Account Desk': { uid: 501 },
        [support]: { text: JSON.stringify(PLANTED) },
      },
      'its folder /Library/Application Support/Account Desk is not owned by root',
    ],
    [
      'its folder is group-writable',
      { '/Library/Application Support': { mode: 0o775 }, [support]: { text: JSON.stringify(PLANTED) } },
      'its folder /Library/Application Support may be changed',
    ],
  ])('refused when %s: a notice names it, and the safe mode applies', async (_why, overrides, problem) => {
    const { io } = fakeMachine({ ...rootFolders(support), ...overrides })
    const result = await load('darwin', io)
    expect(result.policy).toMatchObject({ status: 'invalid', servers: [], lockServers: true })
    expect(result.notices[0]?.message).toMatchObject({ code: 'notice.policy-invalid', file: support })
    expect(policyDetails(result.notices[0])).toContain(problem)
  })
})

describe('reading the machine policy on Linux', () => {
  const etc = '/etc/account-desk/policy.json'

  it('a root-owned /etc/account-desk/policy.json applies', async () => {
    const { io } = fakeMachine({ ...rootFolders(etc), [etc]: { text: JSON.stringify(POLICY), mode: 0o644 } })
    expect((await load('linux', io)).policy).toMatchObject({ status: 'applied', lockServers: true })
  })

  it('a file the user may write is refused, with a notice naming it', async () => {
    const { io } = fakeMachine({ ...rootFolders(etc), [etc]: { text: JSON.stringify(PLANTED), uid: 1000 } })
    const result = await load('linux', io)
    expect(result.policy.status).toBe('invalid')
    expect(result.notices[0]?.message).toMatchObject({ code: 'notice.policy-invalid', file: etc })
    expect(policyDetails(result.notices[0])).toContain('not owned by root')
  })

  it('ACCOUNT_DESK_POLICY: ignored in an installed app, used unpackaged, used installed when the machine policy allows it', async () => {
    const test = '/home/al/test-policy.json'
    const env = { ACCOUNT_DESK_POLICY: test }
    const planted = { [test]: { text: JSON.stringify(PLANTED) } }

    const installed = await load('linux', fakeMachine(planted).io, { env, packaged: true })
    expect(installed.policy.status).toBe('none')
    expect(installed.notices).toEqual([
      {
        level: 'warning',
        message: { code: 'notice.test-policy-ignored-installed', file: test, app: 'Account Desk' },
      },
    ])

    const unpackaged = await load('linux', fakeMachine(planted).io, { env, packaged: false })
    expect(unpackaged.policy).toMatchObject({ status: 'applied', file: test })

    const allowing = {
      ...rootFolders(etc),
      [etc]: { text: JSON.stringify({ allowTestPolicy: true }) },
      ...planted,
    }
    expect((await load('linux', fakeMachine(allowing).io, { env })).policy).toMatchObject({
      status: 'applied',
      file: test,
    })

    const notAllowing = { ...rootFolders(etc), [etc]: { text: JSON.stringify(POLICY) }, ...planted }
    expect((await load('linux', fakeMachine(notAllowing).io, { env })).policy).toMatchObject({ file: etc })
  })
})

describe('nodePolicyIo: the real file system and programs', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'policy-io-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('refuses a real file this (non-root) user owns, also behind a symbolic link', async () => {
    const file = path.join(work, 'policy.json')
    writeFileSync(file, JSON.stringify(POLICY))
    chmodSync(file, 0o644)
    const link = path.join(work, 'link.json')
    symlinkSync(file, link)
    const io = nodePolicyIo()
    for (const at of [file, link]) {
      const read = await readMachinePolicy([{ type: 'file', path: at, format: 'json', rootOwned: true }], io)
      if (process.getuid?.() === 0)
        expect(read.kind).toBe('unreadable') // /tmp is world-writable
      else
        expect(read).toMatchObject({
          kind: 'unreadable',
          problem: expect.stringContaining('not owned by root'),
        })
    }
  })

  it('accepts a real root-owned file in root-owned folders (/etc/passwd), runs a real program', async () => {
    const read = await readMachinePolicy(
      [{ type: 'file', path: '/etc/passwd', format: 'json', rootOwned: true }],
      nodePolicyIo(),
    )
    expect(read.kind).toBe('text')
    const ran = await nodePolicyIo().run('/bin/sh', ['-c', 'echo hi; exit 3'])
    expect(ran).toEqual({ code: 3, stdout: 'hi\n' })
    await expect(nodePolicyIo().run(path.join(work, 'no-such-program'), [])).rejects.toMatchObject({
      code: 'ENOENT',
    })
  })
})
