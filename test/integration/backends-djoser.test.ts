import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
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
import { defineDjoserConformance, freshUser, GOOD, GOOD2, GOOD3, MSG } from './djoser-conformance'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

const available = requireDjango()
const generation = generationUnderTest()

describe.runIf(available)(`the djoser adapter against ${GENERATION_LABEL[generation]}`, () => {
  let main: DjangoServer
  let retype: DjangoServer
  let throttled: DjangoServer
  let variant: DjangoServer
  let german: DjangoServer
  let userLimited: DjangoServer

  beforeAll(async () => {
    const started = Date.now()
    ;[main, retype, throttled, variant, german, userLimited] = await Promise.all([
      startDjango(),
      // …with docs/reset-links.md's template recipe for the app's link.
      startDjango({ retype: true, linkScheme: 'accountdesk', linkRecipe: 'template' }),
      startDjango({ anonThrottle: '3/min' }),
      startDjango({
        showEmailNotFound: true,
        logoutOnPasswordChange: true,
        passwordChangedEmail: true,
        linkScheme: 'accountdesk',
      }),
      // …with docs/reset-links.md's settings-only recipe (EMAIL_FRONTEND_PROTOCOL).
      startDjango({
        languageCode: 'de',
        localeMiddleware: true,
        linkScheme: 'accountdesk',
        linkRecipe: 'settings',
      }),
      startDjango({ userThrottle: '2/min' }),
    ])
    const servers = [main, retype, throttled, variant, german, userLimited]
    console.log(
      `Django ${generation} start, ${servers.length} in parallel: all ready after ${Date.now() - started} ms (${servers.map((d) => d.startMs).join(', ')} ms)`,
    )
  })
  afterAll(async () => {
    await Promise.all([main, retype, throttled, variant, german, userLimited].map((d) => d?.stop()))
  })

  defineDjoserConformance(GENERATION_LABEL[generation], () => ({
    baseUrl: main.baseUrl,
    createUser: (u, e, p) => main.createUser(u, e, p),
    lastLinkFor: (email) => main.lastLinkFor(email),
    expireTokens: () => main.expireTokens(),
  }))

  const adapter = (
    server: DjangoServer,
    extra: { retypeField?: boolean } = {},
    languages?: readonly string[],
  ): DjoserBackend => {
    const profile = serverProfileSchema.parse({
      id: 'dj',
      displayName: 'Django',
      baseUrl: server.baseUrl,
      kind: 'djoser',
      ...extra,
    })
    return createBackend(profile as typeof profile & { kind: 'djoser' }, {
      fetch,
      logger: silentLogger,
      ...(languages ? { languages: () => languages } : {}),
    })
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
      error: { kind: 'validation', message: { code: 'form.check-fields' }, fields: { form: [mismatch] } },
    })
    expect(await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toMatchObject({
      ok: true,
    })
    const session = await backend.signIn(u.username, GOOD2)
    if (!session.ok) throw new Error('sign-in')
    expect(await backend.changePassword(session.value, { current: GOOD2, new: GOOD3, retype: GOOD })).toEqual(
      {
        ok: false,
        error: { kind: 'validation', message: { code: 'form.check-fields' }, fields: { form: [mismatch] } },
      },
    )
    expect(
      await backend.changePassword(session.value, { current: GOOD2, new: GOOD3, retype: GOOD3 }),
    ).toMatchObject({ ok: true })
  })

  test('a profile that does not know the server wants the password retyped (Add server has no such option) resets and changes', async () => {
    const backend = adapter(retype, { retypeField: false })
    const u = await user(retype, 'noretype')
    await backend.requestReset(u.email)
    const link = retype.lastLinkFor(u.email)
    expect(await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toEqual({
      ok: true,
      value: { otherSessions: 'may-remain' },
    })
    const session = await backend.signIn(u.username, GOOD2)
    if (!session.ok) throw new Error('sign-in')
    expect(
      await backend.changePassword(session.value, { current: GOOD2, new: GOOD3, retype: GOOD3 }),
    ).toMatchObject({ ok: true })
    // …and a typo in the second field is still caught before anything is sent.
    expect(
      await backend.changePassword(session.value, { current: GOOD3, new: GOOD, retype: GOOD2 }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'validation', fieldCodes: { retypePassword: [{ code: 'passwords-differ' }] } },
    })
  })

  test('with retyping off the server ignores the retyped password the app always sends', async () => {
    // What makes sending it safe: a server without RETYPE neither requires nor checks re_new_password.
    const response = await fetch(`${main.baseUrl}/auth/users/reset_password_confirm/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: await (async () => {
        const u = await user(main, 'ignored')
        await adapter(main).requestReset(u.email)
        const link = main.lastLinkFor(u.email)
        return JSON.stringify({ ...link, new_password: GOOD2, re_new_password: GOOD3 })
      })(),
    })
    expect(response.status).toBe(204)
  })

  test('throttling: the fourth anonymous request is rate-limited with the server’s message and Retry-After', async () => {
    const backend = adapter(throttled)
    for (let i = 0; i < 3; i++)
      expect(await backend.requestReset(`nobody${i}@example.com`)).toEqual({ ok: true, value: undefined })
    const limited = await backend.requestReset('nobody3@example.com')
    // 60 seconds after the first request; a second less when the machine took over a second for the four.
    if (limited.ok || limited.error.kind !== 'rate-limited') throw new Error(JSON.stringify(limited))
    const seconds = limited.error.retryAfterSeconds
    expect(seconds).toBeGreaterThanOrEqual(50)
    expect(seconds).toBeLessThanOrEqual(60)
    expect(limited.error.message).toEqual({ code: 'rate-limited', seconds })
    expect(limited.error.serverMessage).toBe(
      `Request was throttled. Expected available in ${seconds} seconds.`,
    )
    // The anonymous scope covers the token login too.
    expect(await backend.signIn('anyone', GOOD)).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', retryAfterSeconds: expect.any(Number) },
    })
  })

  test('PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND: once the server says the address is unknown, the user is told', async () => {
    const backend = adapter(variant)
    const u = await user(variant, 'shown')
    const known = await backend.requestReset(u.email)
    const unknown = await backend.requestReset(`nobody-${u.username}@example.com`)
    expect(known).toEqual({ ok: true, value: undefined })
    const message = 'User with given email does not exist.'
    expect(unknown).toEqual({
      ok: false,
      error: { kind: 'validation', message: { code: 'form.check-fields' }, fields: { email: [message] } },
    })
  })

  test('PASSWORD_CHANGED_EMAIL_CONFIRMATION: a change and a reset each go through and mail a confirmation', async () => {
    const backend = adapter(variant)
    const u = await user(variant, 'confirmed')
    await backend.requestReset(u.email)
    expect(
      await backend.confirmReset({
        ...variant.lastLinkFor(u.email),
        newPassword: GOOD2,
        retypePassword: GOOD2,
      }),
    ).toMatchObject({ ok: true })
    const session = await backend.signIn(u.username, GOOD2)
    if (!session.ok) throw new Error('sign-in')
    expect(
      await backend.changePassword(session.value, { current: GOOD2, new: GOOD3, retype: GOOD3 }),
    ).toMatchObject({ ok: true })
    const subjects = variant.mailsTo(u.email).map((m) => m.subject)
    expect(subjects).toHaveLength(3)
    expect(subjects.slice(1)).toEqual([
      expect.stringContaining('Your password has been successfully changed!'),
      expect.stringContaining('Your password has been successfully changed!'),
    ])
  })

  test('user throttling: a signed-in user over the rate gets the server’s message and Retry-After', async () => {
    const backend = adapter(userLimited)
    const u = await user(userLimited, 'limited')
    const session = await backend.signIn(u.username, GOOD)
    if (!session.ok) throw new Error('sign-in')
    for (let i = 0; i < 2; i++) expect(await backend.whoAmI(session.value)).toMatchObject({ ok: true })
    const limited = await backend.changePassword(session.value, { current: GOOD, new: GOOD2, retype: GOOD2 })
    expect(limited).toMatchObject({
      ok: false,
      error: {
        kind: 'rate-limited',
        message: { code: 'rate-limited', seconds: expect.any(Number) },
        serverMessage: expect.stringMatching(
          /^Request was throttled\. Expected available in \d+ seconds?\.$/,
        ),
        retryAfterSeconds: expect.any(Number),
      },
    })
    if (limited.ok || limited.error.kind !== 'rate-limited') throw new Error('not rate-limited')
    expect(limited.error.retryAfterSeconds).toBeGreaterThan(0)
    expect(limited.error.retryAfterSeconds).toBeLessThanOrEqual(60)
    // Nothing changed: the old password still signs in (anonymous, so not under the user rate).
    expect(await backend.signIn(u.username, GOOD)).toMatchObject({ ok: true })
  })

  test('Accept-Language: a German server’s validator messages come in German, verbatim, on their fields', async () => {
    const u = await user(german, 'deutsch')
    const inGerman = adapter(german, {}, ['de-DE', 'en-US'])
    await inGerman.requestReset(u.email)
    const link = german.lastLinkFor(u.email)
    const short = 'Dieses Passwort ist zu kurz. Es muss mindestens 8 Zeichen enthalten.'
    expect(await inGerman.confirmReset({ ...link, newPassword: 'abc', retypePassword: 'abc' })).toMatchObject(
      {
        ok: false,
        error: {
          kind: 'validation',
          fields: { newPassword: [short, 'Dieses Passwort ist zu üblich.'] },
        },
      },
    )
    // The same server answers an English-speaking app in English: the header, not the server's default, decides.
    const inEnglish = adapter(german, {}, ['en-GB'])
    expect(
      await inEnglish.confirmReset({ ...link, newPassword: 'abc', retypePassword: 'abc' }),
    ).toMatchObject({
      ok: false,
      error: { fields: { newPassword: [MSG.tooShort, MSG.tooCommon] } },
    })
  })

  test('docs/reset-links.md’s recipes, each on the djoser version it is for', async () => {
    const backend = adapter(german)
    const u = await user(german, 'recipe')
    await backend.requestReset(u.email)
    const settingsLink = german.lastLinkFor(u.email)
    // EMAIL_FRONTEND_PROTOCOL is read by djoser >= 2.2.3 only: 2.1 (Django 3.2's generation) mails http://.
    const scheme = generation === '3.2' ? 'http' : 'accountdesk'
    expect(settingsLink.url).toBe(
      `${scheme}://127.0.0.1:${german.port}/reset/${settingsLink.uid}/${settingsLink.token}`,
    )
    // The template override works on every version…
    const t = await user(retype, 'template')
    await adapter(retype).requestReset(t.email)
    const templateLink = retype.lastLinkFor(t.email)
    expect(templateLink.url).toBe(
      `accountdesk://127.0.0.1:${retype.port}/reset/${templateLink.uid}/${templateLink.token}`,
    )
    // …and the test server's template is the doc's, word for word.
    const doc = readFileSync(join(ROOT, 'docs', 'reset-links.md'), 'utf8')
    const served = readFileSync(
      join(ROOT, 'test/servers/django/testproject/link_templates/email/password_reset.html'),
      'utf8',
    )
    expect(doc).toContain('```django\n' + served + '```')
    // (The e-mail class recipe: 'a mailed app-scheme link …' below.)
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
