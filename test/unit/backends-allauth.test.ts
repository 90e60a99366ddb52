import { describe, expect, test } from 'vitest'
import { createBackend, type AllauthBackend } from '../../src/main/backends'
import { silentLogger } from '../../src/main/log'
import { serverProfileSchema } from '../../src/shared/profile'

/**
 * The allauth adapter's answers to settings the test servers do not run (integration/backends-allauth.test.ts
 * covers the rest against real allauth): a reset that signs the user in (ACCOUNT_LOGIN_ON_PASSWORD_RESET), a
 * sign-in that needs a step the app cannot take, a server that takes a username or an address. The answers are
 * allauth 65.19's shapes.
 */
type Seen = { method: string; path: string; headers: Record<string, string>; body: unknown }

function serverAnswering(answer: (seen: Seen) => { status: number; body: unknown }) {
  const seen: Seen[] = []
  const fetchLike: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const text = await request.text()
    const entry: Seen = {
      method: request.method,
      path: new URL(request.url).pathname,
      headers: Object.fromEntries(request.headers),
      body: text ? (JSON.parse(text) as unknown) : undefined,
    }
    seen.push(entry)
    const { status, body } = answer(entry)
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  }
  const profile = serverProfileSchema.parse({
    id: 'corp',
    displayName: 'Corp',
    baseUrl: 'https://accounts.example.com',
    kind: 'allauth',
  })
  const backend: AllauthBackend = createBackend(profile as typeof profile & { kind: 'allauth' }, {
    fetch: fetchLike,
    logger: silentLogger,
  })
  return { backend, seen }
}

const LINK = { uid: '1', token: 'diya11-045c03ac9a6b723acd80c53c038c49a6' }
const USER = { id: 1, display: 'alice', email: 'alice@example.com', username: 'alice' }

describe('the allauth adapter', () => {
  test('a reset that signs the user in is done, and the app ends the session it did not ask for', async () => {
    const { backend, seen } = serverAnswering(({ method }) =>
      method === 'POST'
        ? {
            status: 200,
            body: {
              status: 200,
              data: { user: USER },
              meta: { is_authenticated: true, session_token: 'opened-by-reset' },
            },
          }
        : {
            status: 401,
            body: { status: 401, data: { flows: [{ id: 'login' }] }, meta: { is_authenticated: false } },
          },
    )
    const done = await backend.confirmReset({
      ...LINK,
      newPassword: 'Glacier-Fern-77',
      retypePassword: 'Glacier-Fern-77',
    })
    expect(done).toEqual({ ok: true, value: { otherSessions: 'signed-out' } })
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /_allauth/app/v1/auth/password/reset',
      'DELETE /_allauth/app/v1/auth/session',
    ])
    expect(seen[0]?.body).toEqual({ key: `${LINK.uid}-${LINK.token}`, password: 'Glacier-Fern-77' })
    expect(seen[1]?.headers['x-session-token']).toBe('opened-by-reset')
  })

  test('a sign-in that stops at a pending step (verify the address, a second factor) goes to the website', async () => {
    const { backend } = serverAnswering(({ path }) =>
      path.endsWith('/config')
        ? { status: 200, body: { status: 200, data: { account: { login_methods: ['username'] } } } }
        : {
            status: 401,
            body: {
              status: 401,
              data: { flows: [{ id: 'mfa_authenticate', is_pending: true }] },
              meta: { is_authenticated: false },
            },
          },
    )
    const result = await backend.signIn('alice', 'Sw0rdfish-42')
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.error).toMatchObject({ kind: 'auth', signInOnWebsite: true, sessionExpired: false })
  })

  test('a server that takes a username or an address gets what was typed as what it is', async () => {
    const { backend, seen } = serverAnswering(({ path }) =>
      path.endsWith('/config')
        ? { status: 200, body: { status: 200, data: { account: { login_methods: ['email', 'username'] } } } }
        : {
            status: 200,
            body: {
              status: 200,
              data: { user: USER },
              meta: { is_authenticated: true, session_token: 'tok' },
            },
          },
    )
    expect((await backend.signIn('alice@example.com', 'pw')).ok).toBe(true)
    expect((await backend.signIn('alice', 'pw')).ok).toBe(true)
    const logins = seen.filter((s) => s.path.endsWith('/auth/login')).map((s) => s.body)
    expect(logins).toEqual([
      { email: 'alice@example.com', password: 'pw' },
      { username: 'alice', password: 'pw' },
    ])
    // The config is asked once per adapter.
    expect(seen.filter((s) => s.path.endsWith('/config'))).toHaveLength(1)
  })

  test('a key is checked in its header, never in the address', async () => {
    const { backend, seen } = serverAnswering(() => ({
      status: 200,
      body: { status: 200, data: { user: USER } },
    }))
    expect(await backend.checkLink(LINK)).toEqual({ ok: true, value: 'valid' })
    expect(seen[0]?.path).toBe('/_allauth/app/v1/auth/password/reset')
    expect(seen[0]?.headers['x-password-reset-key']).toBe(`${LINK.uid}-${LINK.token}`)
    // A malformed key never leaves the app.
    expect((await backend.checkLink({ uid: '1', token: 'x' })).ok).toBe(false)
    expect(seen).toHaveLength(1)
  })
})
