import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServices } from '../helpers/service-deps'
import { accountsFileSchema, createAppFiles } from '../../src/main/storage/app-files'

/**
 * settings.json and accounts.json: written atomically; a corrupt, truncated or wrong-shaped file is moved aside
 * with a message and the app starts with a fresh one (security.md "a corrupt settings or accounts file").
 */
const NOW = new Date('2026-11-30T12:00:00.000Z')
const STAMP = '2026-11-30T12-00-00-000Z'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'storage-app-files-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const GOOD_SETTINGS = {
  version: 1,
  servers: [{ id: 'corp', displayName: 'Corp', baseUrl: 'https://accounts.example.com', kind: 'djoser' }],
}
const GOOD_ACCOUNTS = { version: 1 as const, accounts: [{ id: 'a1', serverId: 'corp', username: 'alice' }] }

const BAD: [string, string][] = [
  ['corrupt', '\u0000\u0001 this is not JSON'],
  ['truncated', JSON.stringify(GOOD_SETTINGS).slice(0, 37)],
  ['empty', ''],
  ['of the wrong shape', '{"version":1,"servers":"all of them"}'],
  ['from a future version', '{"version":2,"servers":[],"accounts":[]}'],
]

const files = [
  {
    name: 'settings.json',
    what: 'settings',
    load: 'loadSettings' as const,
    fresh: { version: 1, servers: [] },
  },
  {
    name: 'accounts.json',
    what: 'accounts',
    load: 'loadAccounts' as const,
    fresh: { version: 1, accounts: [] },
  },
]

describe('createAppFiles', () => {
  it('round-trips both files, owner-only, with no temp file left', async () => {
    const app = createAppFiles(dir, () => NOW)
    await app.saveSettings(GOOD_SETTINGS as never)
    await app.saveAccounts(GOOD_ACCOUNTS)
    expect((await app.loadSettings()).value).toEqual(GOOD_SETTINGS)
    expect((await app.loadAccounts()).value).toEqual(GOOD_ACCOUNTS)
    expect((await readdir(dir)).sort()).toEqual(['accounts.json', 'settings.json'])
  })

  it('missing files are normal: fresh values, no notice', async () => {
    const app = createAppFiles(dir, () => NOW)
    expect(await app.loadSettings()).toEqual({ value: { version: 1, servers: [] } })
    expect(await app.loadAccounts()).toEqual({ value: { version: 1, accounts: [] } })
  })

  it('saves to one file land in the order they were made', async () => {
    const app = createAppFiles(dir, () => NOW)
    const saves = Array.from({ length: 30 }, (_, i) =>
      app.saveAccounts({ version: 1, accounts: [{ id: `a${i}`, serverId: 'corp', username: `u${i}` }] }),
    )
    await Promise.all(saves)
    expect((await app.loadAccounts()).value.accounts).toEqual([
      { id: 'a29', serverId: 'corp', username: 'u29' },
    ])
    expect(await readdir(dir)).toEqual(['accounts.json'])
  })

  for (const file of files) {
    it(`a ${file.name} that cannot be read at all: a fresh one is used, and the notice says so`, async () => {
      await mkdir(path.join(dir, file.name))
      const loaded = await createAppFiles(dir)[file.load]()
      expect(loaded.value).toEqual(file.fresh)
      expect(loaded.notice).toEqual({
        level: 'warning',
        message: { code: 'notice.file-unreadable', file: file.what },
      })
    })
  }

  it('moves a corrupt file aside under the current time when no clock is given', async () => {
    await writeFile(path.join(dir, 'settings.json'), 'not JSON')
    const loaded = await createAppFiles(dir).loadSettings()
    expect(loaded.notice?.message).toEqual({
      code: 'notice.file-unreadable',
      file: 'settings',
      keptAs: expect.stringMatching(/^settings\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/),
    })
  })

  for (const file of files) {
    it.each(BAD)(
      `a ${file.name} that is %s is moved aside with a message; a fresh one is used`,
      async (_what, text) => {
        await writeFile(path.join(dir, file.name), text)
        const app = createAppFiles(dir, () => NOW)
        const loaded = await app[file.load]()
        expect(loaded.value).toEqual(file.fresh)
        expect(loaded.notice?.level).toBe('warning')
        expect(loaded.notice?.message).toEqual({
          code: 'notice.file-unreadable',
          file: file.what,
          keptAs: `${file.name}.corrupt-${STAMP}`,
        })
        expect(loaded.problem).toMatch(
          /it is not valid JSON \(it may have been cut short\)|its contents are not in the expected form/,
        )
        const kept = path.join(dir, `${file.name}.corrupt-${STAMP}`)
        expect(await readFile(kept, 'utf8')).toBe(text)
        expect(await readdir(dir)).toEqual([`${file.name}.corrupt-${STAMP}`])
      },
    )
  }
})

describe('the app starts whatever state its files are in', () => {
  async function startServices() {
    const services = await startTestServices(dir, { now: () => NOW })
    return services
  }

  it.each(BAD)(
    'both files %s: starts, says what happened to each, and keeps the bytes',
    async (_what, text) => {
      await writeFile(path.join(dir, 'settings.json'), text)
      await writeFile(path.join(dir, 'accounts.json'), text)
      const services = await startServices()
      const info = await services.handlers.getAppInfo({})
      expect(info.ok).toBe(true)
      const messages = info.ok ? info.value.notices.map((n) => n.message) : []
      expect(messages).toContainEqual({
        code: 'notice.file-unreadable',
        file: 'settings',
        keptAs: `settings.json.corrupt-${STAMP}`,
      })
      expect(messages).toContainEqual({
        code: 'notice.file-unreadable',
        file: 'accounts',
        keptAs: `accounts.json.corrupt-${STAMP}`,
      })
      expect(await services.handlers.listServers({})).toEqual({ ok: true, value: [] })
      expect(await services.handlers.listAccounts({})).toEqual({ ok: true, value: [] })
      expect(await readFile(path.join(dir, `settings.json.corrupt-${STAMP}`), 'utf8')).toBe(text)
      expect(await readFile(path.join(dir, `accounts.json.corrupt-${STAMP}`), 'utf8')).toBe(text)
    },
  )

  it('good files: starts with their servers and accounts, and no notice', async () => {
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify(GOOD_SETTINGS))
    await writeFile(path.join(dir, 'accounts.json'), JSON.stringify(GOOD_ACCOUNTS))
    const services = await startServices()
    const info = await services.handlers.getAppInfo({})
    expect(info.ok && info.value.notices.filter((n) => n.message.code === 'notice.file-unreadable')).toEqual(
      [],
    )
    expect(await services.handlers.listServers({})).toMatchObject({ ok: true, value: [{ id: 'corp' }] })
    expect(await services.handlers.listAccounts({})).toMatchObject({
      ok: true,
      value: [{ id: 'a1', username: 'alice', signedIn: false }],
    })
  })

  it('a saved server that is no longer valid is left out with a notice, the rest load', async () => {
    const settings = {
      version: 1,
      servers: [
        ...GOOD_SETTINGS.servers,
        { id: 'plain', displayName: 'Plain', baseUrl: 'http://accounts.example.org', kind: 'djoser' },
      ],
    }
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify(settings))
    const services = await startServices()
    const info = await services.handlers.getAppInfo({})
    expect(info.ok && info.value.notices).toContainEqual({
      level: 'warning',
      message: { code: 'notice.servers-skipped', count: 1 },
    })
    expect(await services.handlers.listServers({})).toMatchObject({ ok: true, value: [{ id: 'corp' }] })
  })
})

describe('the accounts file schema: the limits a stored file is held to', () => {
  const good = { id: 'a1', serverId: 'corp', username: 'alice' }
  const parses = (account: Record<string, unknown>) =>
    accountsFileSchema.safeParse({ version: 1, accounts: [{ ...good, ...account }] }).success

  it.each([
    ['id', 1, 200],
    ['serverId', 1, 200],
    ['username', 0, 254],
    ['email', 0, 254],
    ['userId', 0, 64],
    ['sealedSession', 0, 16384],
  ] as const)('%s: %i to %i characters', (field, min, max) => {
    expect(parses({ [field]: 'x'.repeat(max) })).toBe(true)
    expect(parses({ [field]: 'x'.repeat(max + 1) })).toBe(false)
    expect(parses({ [field]: 'x'.repeat(min) })).toBe(true)
    if (min > 0) expect(parses({ [field]: '' })).toBe(false)
  })

  it('holds at most 20,000 accounts', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...good, id: `a${i}` }))
    expect(accountsFileSchema.safeParse({ version: 1, accounts: many(20_000) }).success).toBe(true)
    expect(accountsFileSchema.safeParse({ version: 1, accounts: many(20_001) }).success).toBe(false)
  })
})
