import { describe, expect, test } from 'vitest'
import { createBackend } from '../../src/main/backends'
import { silentLogger } from '../../src/main/log'
import { serverProfileSchema } from '../../src/shared/profile'

const profile = (id: string, kind: 'djoser' | 'django-forms' | 'allauth') =>
  serverProfileSchema.parse({ id, displayName: id, baseUrl: 'https://accounts.example.com', kind })
const noFetch: typeof fetch = async () => {
  throw new Error('no network in this test')
}
const deps = { fetch: noFetch, logger: silentLogger }

describe('sessions', () => {
  const djoser = createBackend(profile('a', 'djoser'), deps)
  const forms = createBackend(profile('a', 'django-forms'), deps)
  const otherServer = createBackend(profile('b', 'djoser'), deps)
  const token = JSON.stringify({ v: 1, kind: 'djoser', serverId: 'a', token: 'f'.repeat(40) })
  const cookies = JSON.stringify({
    v: 1,
    kind: 'django-forms',
    serverId: 'a',
    username: 'alice',
    cookies: [{ name: 'sessionid', value: 's', path: '/' }],
  })

  test('restore what serialize wrote; refuse another kind, another server, or garbage', () => {
    const session = djoser.restoreSession(token)
    expect(session).not.toBeNull()
    expect(djoser.serializeSession(session!)).toBe(token)
    expect(forms.restoreSession(cookies)).not.toBeNull()
    expect(forms.restoreSession(token)).toBeNull()
    expect(djoser.restoreSession(cookies)).toBeNull()
    expect(otherServer.restoreSession(token)).toBeNull()
    for (const bad of [
      '',
      'null',
      '{',
      '[]',
      '{"v":2,"kind":"djoser","serverId":"a","token":"x"}',
      JSON.stringify({ v: 1, kind: 'djoser', serverId: 'a', token: 'has space' }),
    ])
      expect(djoser.restoreSession(bad)).toBeNull()
  })

  test('a session of another server or kind is refused without a request: sign in again', async () => {
    const session = djoser.restoreSession(token)!
    expect(await otherServer.whoAmI(session)).toMatchObject({
      ok: false,
      error: { kind: 'auth', sessionExpired: true },
    })
    expect(await forms.changePassword(session, { current: 'a', new: 'b', retype: 'b' })).toMatchObject({
      ok: false,
      error: { kind: 'auth', sessionExpired: true },
    })
  })

  test('the token adapters refuse a session not theirs in every token operation, before any request', async () => {
    const allauth = createBackend(profile('a', 'allauth'), deps)
    const session = djoser.restoreSession(token)!
    const wrongKind = {
      ok: false,
      error: { kind: 'auth', message: { code: 'session.wrong-kind' }, sessionExpired: true },
    }
    for (const adapter of [allauth, otherServer]) {
      expect(await adapter.whoAmI(session)).toEqual(wrongKind)
      expect(await adapter.signOut(session)).toEqual(wrongKind)
      expect(await adapter.changePassword(session, { current: 'a', new: 'b', retype: 'b' })).toEqual(
        wrongKind,
      )
    }
    // The adapter's own session passes the check and goes to the network (none here).
    expect(await djoser.signOut(session)).toMatchObject({ ok: false, error: { kind: 'unreachable' } })
  })

  test('a session the adapter did not make itself is checked on every use, even a copy of a good one', async () => {
    const session = djoser.restoreSession(token)!
    const forged = { ...session, token: 'has space' }
    expect(await djoser.whoAmI(forged)).toMatchObject({
      ok: false,
      error: { kind: 'auth', sessionExpired: true },
    })
  })

  test('the kinds say whether a link can be checked', async () => {
    expect(djoser.canCheckLink).toBe(false)
    expect(forms.canCheckLink).toBe(true)
    expect(await djoser.checkLink({ uid: 'MQ', token: 'diuuld-2d25ac86beb4c8259fb9653408c7ceb9' })).toEqual({
      ok: true,
      value: 'unknown',
    })
  })

  test('without the retype field, a mismatch is caught before any request', async () => {
    expect(
      await djoser.confirmReset({
        uid: 'MQ',
        token: 'diuuld-2d25ac86beb4c8259fb9653408c7ceb9',
        newPassword: 'Quartz-Lantern-58',
        retypePassword: 'Quartz-Lantern-59',
      }),
    ).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        message: { code: 'passwords-differ' },
        fields: {},
        fieldCodes: { retypePassword: [{ code: 'passwords-differ' }] },
      },
    })
  })

  test('a bug inside an adapter (here: a logger that throws) ends as an internal error, never a throw', async () => {
    const throwing = {
      debug: () => {},
      info: () => {
        throw new Error('sink broke with secret Quartz-Lantern-58')
      },
      warn: () => {},
      error: () => {},
    }
    const broken = createBackend(profile('a', 'djoser'), { fetch: noFetch, logger: throwing })
    expect(await broken.requestReset('a@example.com')).toEqual({
      ok: false,
      error: { kind: 'internal', message: { code: 'internal.try-again' } },
    })
  })

  test('a fetch that throws something odd still ends as a typed error', async () => {
    expect(await djoser.signIn('alice', 'x')).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response' },
    })
    expect(await djoser.whoAmI(djoser.restoreSession(token)!)).toMatchObject({
      ok: false,
      error: { kind: 'unreachable' },
    })
  })
})
