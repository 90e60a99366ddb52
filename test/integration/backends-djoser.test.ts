import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createBackend, type DjoserBackend } from '../../src/main/backends'
import { silentLogger } from '../../src/main/log'
import { serverProfileSchema } from '../../src/shared/profile'
import {
  GENERATION_LABEL,
  generationUnderTest,
  requireDjango,
  startDjango,
  type DjangoServer,
} from '../servers/django'
import { defineDjoserConformance, freshUser, GOOD, GOOD2, GOOD3 } from './djoser-conformance'

const available = requireDjango()
const generation = generationUnderTest()

describe.runIf(available)(`the djoser adapter against ${GENERATION_LABEL[generation]}`, () => {
  let main: DjangoServer
  let retype: DjangoServer
  let throttled: DjangoServer
  let variant: DjangoServer

  beforeAll(async () => {
    const started = Date.now()
    ;[main, retype, throttled, variant] = await Promise.all([
      startDjango(),
      startDjango({ retype: true }),
      startDjango({ anonThrottle: '3/min' }),
      startDjango({ showEmailNotFound: true, logoutOnPasswordChange: true, linkScheme: 'accountdesk' }),
    ])
    console.log(
      `Django start, four in parallel: all ready after ${Date.now() - started} ms (${[main, retype, throttled, variant].map((d) => d.startMs).join(', ')} ms)`,
    )
  })
  afterAll(async () => {
    await Promise.all([main, retype, throttled, variant].map((d) => d?.stop()))
  })

  defineDjoserConformance(GENERATION_LABEL[generation], () => ({
    baseUrl: main.baseUrl,
    createUser: (u, e, p) => main.createUser(u, e, p),
    lastLinkFor: (email) => main.lastLinkFor(email),
    expireTokens: () => main.expireTokens(),
  }))

  const adapter = (server: DjangoServer, extra: { retypeField?: boolean } = {}): DjoserBackend => {
    const profile = serverProfileSchema.parse({
      id: 'dj',
      displayName: 'Django',
      baseUrl: server.baseUrl,
      kind: 'djoser',
      ...extra,
    })
    return createBackend(profile as typeof profile & { kind: 'djoser' }, { fetch, logger: silentLogger })
  }

  const user = async (server: DjangoServer, tag: string) => {
    const u = freshUser(tag)
    await server.createUser(u.username, u.email, GOOD)
    return u
  }

  test('djoser’s known gap: a password similar to the username is accepted on reset (docs/server-protocol.md, "djoser")', async () => {
    const backend = adapter(main)
    const u = await user(main, 'gap')
    await backend.requestReset(u.email)
    const link = main.lastLinkFor(u.email)
    const similar = `${u.username}1234`
    expect(await backend.confirmReset({ ...link, newPassword: similar, retypePassword: similar })).toEqual({
      ok: true,
      value: { otherSessions: 'may-remain' },
    })
  })

  test('the API token survives a reset (djoser never revokes it)', async () => {
    const backend = adapter(main)
    const u = await user(main, 'survive')
    const session = await backend.signIn(u.username, GOOD)
    if (!session.ok) throw new Error('sign-in')
    await backend.requestReset(u.email)
    expect(
      (
        await backend.confirmReset({
          ...main.lastLinkFor(u.email),
          newPassword: GOOD2,
          retypePassword: GOOD2,
        })
      ).ok,
    ).toBe(true)
    expect(await backend.whoAmI(session.value)).toMatchObject({ ok: true, value: { username: u.username } })
  })

  test('with RETYPE on, the server’s own mismatch message (ASCII apostrophe) comes back on the form', async () => {
    const backend = adapter(retype, { retypeField: true })
    const u = await user(retype, 'retype')
    await backend.requestReset(u.email)
    const link = retype.lastLinkFor(u.email)
    const mismatch = "The two password fields didn't match."
    expect(await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD3 })).toEqual({
      ok: false,
      error: { kind: 'validation', message: mismatch, fields: { form: [mismatch] } },
    })
    expect(await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toMatchObject({
      ok: true,
    })
    const session = await backend.signIn(u.username, GOOD2)
    if (!session.ok) throw new Error('sign-in')
    expect(await backend.changePassword(session.value, { current: GOOD2, new: GOOD3, retype: GOOD })).toEqual(
      {
        ok: false,
        error: { kind: 'validation', message: mismatch, fields: { form: [mismatch] } },
      },
    )
    expect(
      await backend.changePassword(session.value, { current: GOOD2, new: GOOD3, retype: GOOD3 }),
    ).toMatchObject({ ok: true })
  })

  test('a profile without the retype field against a RETYPE server gets the server’s “required” on retypePassword', async () => {
    const backend = adapter(retype, { retypeField: false })
    const u = await user(retype, 'noretype')
    await backend.requestReset(u.email)
    const link = retype.lastLinkFor(u.email)
    expect(await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        message: 'This field is required.',
        fields: { retypePassword: ['This field is required.'] },
      },
    })
  })

  test('throttling: the fourth anonymous request is rate-limited with the server’s message and Retry-After', async () => {
    const backend = adapter(throttled)
    for (let i = 0; i < 3; i++)
      expect(await backend.requestReset(`nobody${i}@example.com`)).toEqual({ ok: true, value: undefined })
    const limited = await backend.requestReset('nobody3@example.com')
    expect(limited).toEqual({
      ok: false,
      error: {
        kind: 'rate-limited',
        message: 'Request was throttled. Expected available in 60 seconds.',
        retryAfterSeconds: 60,
      },
    })
    // The anonymous scope covers the token login too.
    expect(await backend.signIn('anyone', GOOD)).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', retryAfterSeconds: 60 },
    })
  })

  test('PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND: the bare-list “not found” is answered like a known address', async () => {
    const backend = adapter(variant)
    const u = await user(variant, 'shown')
    const known = await backend.requestReset(u.email)
    const unknown = await backend.requestReset(`nobody-${u.username}@example.com`)
    expect(known).toEqual({ ok: true, value: undefined })
    expect(unknown).toEqual(known)
  })

  test('LOGOUT_ON_PASSWORD_CHANGE: after a change the session is gone and the app says so', async () => {
    const backend = adapter(variant)
    const u = await user(variant, 'logout')
    const session = await backend.signIn(u.username, GOOD)
    if (!session.ok) throw new Error('sign-in')
    expect(await backend.changePassword(session.value, { current: GOOD, new: GOOD2, retype: GOOD2 })).toEqual(
      {
        ok: true,
        value: { session: null, otherSessions: 'signed-out' },
      },
    )
    expect(await backend.whoAmI(session.value)).toMatchObject({
      ok: false,
      error: { kind: 'auth', sessionExpired: true },
    })
  })

  test('a mailed app-scheme link (accountdesk://host/reset/uid/token) carries a working uid and token', async () => {
    const backend = adapter(variant)
    const u = await user(variant, 'scheme')
    await backend.requestReset(u.email)
    const link = variant.lastLinkFor(u.email)
    expect(link.url).toBe(`accountdesk://127.0.0.1:${variant.port}/reset/${link.uid}/${link.token}`)
    expect(await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toMatchObject({
      ok: true,
    })
  })

  test('…and Django’s own views mail the app scheme too (accountdesk://host/accounts/reset/uid/token/)', async () => {
    const profile = serverProfileSchema.parse({
      id: 'dj',
      displayName: 'Django',
      baseUrl: variant.baseUrl,
      kind: 'django-forms',
    })
    const forms = createBackend(profile as typeof profile & { kind: 'django-forms' }, {
      fetch,
      logger: silentLogger,
    })
    const u = await user(variant, 'fscheme')
    expect(await forms.requestReset(u.email)).toEqual({ ok: true, value: undefined })
    const link = variant.lastLinkFor(u.email)
    expect(link.url).toBe(`accountdesk://127.0.0.1:${variant.port}/accounts/reset/${link.uid}/${link.token}/`)
    expect(await forms.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toMatchObject({
      ok: true,
    })
  })
})
