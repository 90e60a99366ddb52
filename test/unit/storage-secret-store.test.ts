import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServices } from '../helpers/service-deps'
import type { SafeStorageLike } from '../../src/main/services/deps'
import { openSecretStore } from '../../src/main/storage/secret-store'

/**
 * Checklist row "secrets at rest": session tokens are written only sealed by safeStorage. When it is unavailable
 * or Linux would use `basic_text` (a hard-coded key), secrets stay in memory and the user is told; a value that
 * no longer decrypts (keyring changed) means "sign in again".
 */
type State =
  'available' | 'unavailable' | 'basic_text' | 'kwallet5' | 'unknown-backend' | 'throws' | 'decrypt-fails'

/**
 * A fake safeStorage with Electron 45's async API and its Linux order: the backend is `unknown` until the
 * encryptor is initialised by the first async call (electron.d.ts, isAsyncEncryptionAvailable /
 * getSelectedStorageBackend). A reversible but non-trivial "cipher", so plaintext never shows in the sealed form.
 */
function fakeSafeStorage(state: State): SafeStorageLike & { calls: string[] } {
  const calls: string[] = []
  let initialised = false
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a))
  return {
    calls,
    isAsyncEncryptionAvailable: async () => {
      calls.push('isAsyncEncryptionAvailable')
      initialised = true
      if (state === 'throws') throw new Error('keyring daemon crashed')
      // basic_text is "available": a fixed key still encrypts; only the backend name tells.
      return state !== 'unavailable'
    },
    getSelectedStorageBackend: () => {
      calls.push('getSelectedStorageBackend')
      if (!initialised || state === 'unknown-backend') return 'unknown'
      return state === 'basic_text' ? 'basic_text' : state === 'kwallet5' ? 'kwallet5' : 'gnome_libsecret'
    },
    encryptStringAsync: async (plain) => {
      calls.push('encryptStringAsync')
      initialised = true
      return xor(Buffer.from(plain)).reverse()
    },
    decryptStringAsync: async (sealed) => {
      calls.push('decryptStringAsync')
      initialised = true
      if (state === 'decrypt-fails') throw new Error('Error while decrypting the ciphertext provided')
      return { shouldReEncrypt: false, result: xor(Buffer.from(sealed).reverse()).toString() }
    },
  }
}

const TOKEN = '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b'
const PASSWORD = 'Correct-Horse-Battery-9'
const SETTINGS = {
  version: 1,
  servers: [{ id: 'corp', displayName: 'Corp', baseUrl: 'https://accounts.example.com', kind: 'djoser' }],
}

/** Just enough of djoser for a sign-in: token login and users/me (docs/server-protocol.md). */
const fakeDjoser = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input))
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  if (method === 'POST' && url.pathname === '/auth/token/login/') return json(200, { auth_token: TOKEN })
  if (method === 'GET' && url.pathname === '/auth/users/me/')
    return json(200, { username: 'alice', email: 'alice@example.com', id: 1 })
  return json(404, { detail: 'Not found.' })
}) as typeof fetch

/** Every file in the data folder, concatenated. */
async function allFiles(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true })
  const parts: string[] = []
  for (const name of names) {
    const full = path.join(dir, name)
    if ((await stat(full)).isFile()) parts.push(await readFile(full, 'latin1'))
  }
  return parts.join('\n')
}

const sealWith = async (state: State, plain: string) =>
  (await (await openSecretStore(fakeSafeStorage(state), 'linux')).seal(plain))!

describe('openSecretStore', () => {
  it.each(['available', 'kwallet5'] as const)(
    '%s: seals (the token never shows) and opens again',
    async (state) => {
      const store = await openSecretStore(fakeSafeStorage(state), 'linux')
      expect(store.mode).toBe('encrypted')
      expect(store.notice).toBeNull()
      const sealed = (await store.seal(TOKEN))!
      expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/)
      expect(sealed).not.toContain(TOKEN)
      expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain(TOKEN)
      expect(await store.open(sealed)).toBe(TOKEN)
    },
  )

  it('asks availability first, then the Linux backend name (unknown until the encryptor is initialised), only through the async API', async () => {
    const safe = fakeSafeStorage('available')
    await openSecretStore(safe, 'linux')
    expect(safe.calls).toEqual(['isAsyncEncryptionAvailable', 'getSelectedStorageBackend'])
  })

  it('macOS and Windows have no Linux backend to ask about', async () => {
    const safe = fakeSafeStorage('available')
    expect((await openSecretStore(safe, 'darwin')).mode).toBe('encrypted')
    expect(safe.calls).toEqual(['isAsyncEncryptionAvailable'])
  })

  it.each([
    ['unavailable', 'unavailable' as const],
    ['Linux basic_text (a hard-coded key, though "available")', 'basic_text' as const],
    ['an unknown backend', 'unknown-backend' as const],
    ['isAsyncEncryptionAvailable throwing', 'throws' as const],
  ])('%s: memory only, nothing sealed, a notice for people', async (_what, state) => {
    const safe = fakeSafeStorage(state)
    const store = await openSecretStore(safe, 'linux')
    expect(store.mode).toBe('memory-only')
    expect(store.notice).toEqual({ code: 'notice.secrets-no-store' })
    expect(await store.seal(TOKEN)).toBeNull()
    expect(await store.open('c2VhbGVk')).toBeNull()
    expect(safe.calls).not.toContain('encryptStringAsync')
  })

  it('no safeStorage at all (the browser shell): memory only', async () => {
    const store = await openSecretStore(null, 'linux')
    expect(store.mode).toBe('memory-only')
    expect(store.notice).toEqual({ code: 'notice.secrets-session-only' })
    expect(await store.seal(TOKEN)).toBeNull()
  })

  it('decrypt throws (keyring changed): open gives null, never throws', async () => {
    const sealed = await sealWith('available', TOKEN)
    const store = await openSecretStore(fakeSafeStorage('decrypt-fails'), 'linux')
    expect(store.mode).toBe('encrypted')
    expect(await store.open(sealed)).toBeNull()
    expect(await store.open('%%% not base64 %%%')).toBeNull()
  })
})

describe('the secret store in the running services', () => {
  const dirs: string[] = []
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
  })

  async function start(state: State, files: Record<string, unknown> = {}, reuse?: string) {
    const dataDir = reuse ?? (await mkdtemp(path.join(os.tmpdir(), 'storage-secrets-')))
    if (!reuse) dirs.push(dataDir)
    for (const [name, content] of Object.entries(files))
      await writeFile(path.join(dataDir, name), JSON.stringify(content))
    const services = await startTestServices(dataDir, {
      fetch: fakeDjoser,
      safeStorage: fakeSafeStorage(state),
    })
    const info = await services.handlers.getAppInfo({})
    if (!info.ok) throw new Error('getAppInfo failed')
    return { services, dataDir, info: info.value }
  }

  it.each(['unavailable', 'basic_text'] as const)(
    '%s: the app says so (secretStorage memory-only and a visible notice)',
    async (state) => {
      const { info } = await start(state)
      expect(info.secretStorage).toBe('memory-only')
      expect(info.notices).toContainEqual({
        level: 'warning',
        message: { code: 'notice.secrets-no-store' },
      })
    },
  )

  it('available: encrypted and no notice', async () => {
    const { info } = await start('available')
    expect(info.secretStorage).toBe('encrypted')
    expect(info.notices).toEqual([])
  })

  it('a saved session that no longer decrypts: the account is signed out, the user is asked to sign in again', async () => {
    const sealed = await sealWith('available', JSON.stringify({ token: TOKEN }))
    const { services, info, dataDir } = await start('decrypt-fails', {
      'settings.json': {
        version: 1,
        servers: [
          { id: 'corp', displayName: 'Corp', baseUrl: 'https://accounts.example.com', kind: 'djoser' },
        ],
      },
      'accounts.json': {
        version: 1,
        accounts: [{ id: 'a1', serverId: 'corp', username: 'alice', sealedSession: sealed }],
      },
    })
    expect(info.notices).toContainEqual({
      level: 'info',
      message: { code: 'notice.sessions-locked', count: 1 },
    })
    const accounts = await services.handlers.listAccounts({})
    expect(accounts).toMatchObject({
      ok: true,
      value: [{ id: 'a1', signedIn: false, sessionStorage: 'none' }],
    })
    const who = await services.handlers.whoAmI({ accountId: 'a1' })
    expect(who).toMatchObject({ ok: false, error: { kind: 'auth', sessionExpired: true } })
    // The unreadable seal is kept until the next save, never turned into anything readable.
    expect(await readFile(path.join(dataDir, 'accounts.json'), 'utf8')).toContain(sealed)
  })

  it('available: a session is written only sealed, and comes back after a restart', async () => {
    const first = await start('available', { 'settings.json': SETTINGS })
    const signed = await first.services.handlers.signIn({
      serverId: 'corp',
      username: 'alice',
      password: PASSWORD,
    })
    expect(signed).toMatchObject({ ok: true, value: { signedIn: true, sessionStorage: 'encrypted' } })
    const text = await allFiles(first.dataDir)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain(PASSWORD)
    const stored = JSON.parse(await readFile(path.join(first.dataDir, 'accounts.json'), 'utf8'))
    const sealed = stored.accounts[0].sealedSession as string
    const reopened = await openSecretStore(fakeSafeStorage('available'), 'linux')
    expect(await reopened.open(sealed)).toContain(TOKEN)

    const again = await start('available', {}, first.dataDir)
    expect(await again.services.handlers.listAccounts({})).toMatchObject({
      ok: true,
      value: [{ username: 'alice', signedIn: true, sessionStorage: 'encrypted' }],
    })
  })

  it.each(['unavailable', 'basic_text'] as const)(
    '%s: signed in while the app runs, and nothing of the session is written',
    async (state) => {
      const { services, dataDir } = await start(state, { 'settings.json': SETTINGS })
      const signed = await services.handlers.signIn({
        serverId: 'corp',
        username: 'alice',
        password: PASSWORD,
      })
      expect(signed).toMatchObject({ ok: true, value: { signedIn: true, sessionStorage: 'memory-only' } })
      const stored = JSON.parse(await readFile(path.join(dataDir, 'accounts.json'), 'utf8'))
      expect(stored.accounts[0]).not.toHaveProperty('sealedSession')
      const text = await allFiles(dataDir)
      expect(text).not.toContain(TOKEN)
      expect(text).not.toContain(PASSWORD)

      const again = await start(state, {}, dataDir)
      expect(await again.services.handlers.listAccounts({})).toMatchObject({
        ok: true,
        value: [{ username: 'alice', signedIn: false, sessionStorage: 'none' }],
      })
    },
  )
})
