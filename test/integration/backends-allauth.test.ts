import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createBackend, type AllauthBackend, type BackendSession } from '../../src/main/backends'
import { parseResetLink } from '../../src/main/links/parse-reset-link'
import { createLogger } from '../../src/main/log'
import type { Result } from '../../src/shared/errors'
import { serverProfileSchema, type ServerProfileInput } from '../../src/shared/profile'
import { ALLAUTH_LABEL, requireAllauth, startDjango, type DjangoServer } from '../servers/django'
import { freshUser, GOOD, GOOD2, GOOD3 } from './djoser-conformance'

/**
 * The allauth adapter against real django-allauth 65 (Debian sid) on Django 5.2, through its headless API for
 * apps: a server whose people sign in by username and whose reset mail links to the app (docs/reset-links.md's
 * HEADLESS_FRONTEND_URLS recipe), one that signs in by e-mail address and mails allauth's own page, and one
 * without the headless app. allauth's default rate limits are on, as on a real server: each test uses its own
 * users, and few wrong passwords.
 */
const available = requireAllauth()

/** docs/reset-links.md's allauth recipe: the HEADLESS_FRONTEND_URLS entry, as written there. */
const RECIPE_URL = (() => {
  const doc = readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'reset-links.md'),
    'utf8',
  )
  const found = /"account_reset_password_from_key": "([^"]+)"/.exec(doc)?.[1]
  if (!found) throw new Error('docs/reset-links.md has no HEADLESS_FRONTEND_URLS recipe')
  return found
})()
/** The recipe's example host, replaced by the test server's (allauth does not take it from the request). */
const DOC_HOST = 'accounts.example.com'

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message.code}`)
  return result.value
}

describe.runIf(available)(`the allauth adapter against ${ALLAUTH_LABEL}`, () => {
  let byUsername: DjangoServer
  let byEmail: DjangoServer
  let htmlOnly: DjangoServer

  beforeAll(async () => {
    const started = Date.now()
    ;[byUsername, byEmail, htmlOnly] = await Promise.all([
      startDjango({ allauth: 'username', allauthResetUrl: RECIPE_URL.replace(DOC_HOST, '127.0.0.1:{port}') }),
      startDjango({ allauth: 'email' }),
      startDjango({ allauth: 'html' }),
    ])
    console.log(
      `allauth: 3 servers ready after ${Date.now() - started} ms (${[byUsername, byEmail, htmlOnly].map((d) => d.startMs).join(', ')} ms)`,
    )
  })
  afterAll(async () => {
    await Promise.all([byUsername, byEmail, htmlOnly].map((d) => d?.stop()))
  })

  const profileOf = (server: DjangoServer, extra: Partial<ServerProfileInput> = {}) =>
    serverProfileSchema.parse({
      id: 'corp',
      displayName: 'Corp',
      baseUrl: server.baseUrl,
      kind: 'allauth',
      ...extra,
    })
  /** Every line every adapter logged, at every level: read by the last test. */
  const logged: string[] = []
  const logger = createLogger((line) => logged.push(line), 'debug')
  /** Session tokens and reset keys the tests saw, which must appear in no log line. */
  const secrets = new Set<string>()
  const adapter = (server: DjangoServer, extra: Partial<ServerProfileInput> = {}): AllauthBackend => {
    const profile = profileOf(server, extra)
    const backend = createBackend(profile as typeof profile & { kind: 'allauth' }, { fetch, logger })
    return {
      ...backend,
      signIn: async (...args) => {
        const result = await backend.signIn(...args)
        if (result.ok) secrets.add(String(JSON.parse(backend.serializeSession(result.value)).token))
        return result
      },
    }
  }
  const user = async (server: DjangoServer, tag: string) => {
    const u = freshUser(tag)
    await server.createUser(u.username, u.email, GOOD)
    return u
  }
  /** The reset link of the newest mail to that address, through the app's own link parser. */
  const linkFor = (server: DjangoServer, email: string) => {
    const mailed = server.lastLinkFor(email)
    const parsed = parseResetLink(mailed.url, { scheme: 'accountdesk', servers: [profileOf(server)] })
    if (!parsed.ok) throw new Error(`the app refused the mailed link: ${parsed.reason}`)
    secrets.add(parsed.token)
    return { url: mailed.url, uid: parsed.uid, token: parsed.token }
  }

  test("the sign-in field is what the server's config lists", async () => {
    expect(value(await adapter(byUsername).signInField())).toEqual({
      name: 'username',
      signInWith: 'username',
    })
    expect(value(await adapter(byEmail).signInField())).toEqual({ name: 'email', signInWith: 'email' })
    // Without the headless app there is no config: a clear "not offered here", not a guess.
    const none = await adapter(htmlOnly).signInField()
    expect(none.ok).toBe(false)
    if (!none.ok) expect(none.error).toMatchObject({ kind: 'unexpected-response', status: 404 })
  })

  test('sign in, who am I, sign out: the session token ends with the sign-out', async () => {
    const u = await user(byUsername, 'aaa')
    const backend = adapter(byUsername)
    const session = value(await backend.signIn(u.username, GOOD))
    expect(value(await backend.whoAmI(session))).toEqual({
      username: u.username,
      email: u.email,
      id: expect.any(String),
    })
    // Kept and restored as the secret store does.
    const restored = backend.restoreSession(backend.serializeSession(session))
    if (!restored) throw new Error('not restored')
    expect(value(await backend.whoAmI(restored)).username).toBe(u.username)
    value(await backend.signOut(session))
    const after = await backend.whoAmI(session)
    expect(after.ok).toBe(false)
    if (!after.ok) expect(after.error).toMatchObject({ kind: 'auth', sessionExpired: true })
    // Signing out twice is no error: the server had already forgotten the session.
    value(await backend.signOut(session))
  })

  test("a wrong password is refused with the server's own words", async () => {
    const u = await user(byUsername, 'aab')
    const result = await adapter(byUsername).signIn(u.username, 'Not-The-Password-1')
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.error).toEqual({
        kind: 'auth',
        message: { code: 'auth.wrong-credentials' },
        serverMessage: 'The username and/or password you specified are not correct.',
        sessionExpired: false,
      })
  })

  test('a server that signs in by e-mail address takes the address, in any case', async () => {
    const u = await user(byEmail, 'aac')
    const backend = adapter(byEmail)
    const session = value(await backend.signIn(u.email.toUpperCase(), GOOD))
    expect(value(await backend.whoAmI(session)).username).toBe(u.username)
    const wrong = await backend.signIn(u.email, 'Not-The-Password-1')
    expect(wrong.ok).toBe(false)
    if (!wrong.ok)
      expect(wrong.error).toMatchObject({
        kind: 'auth',
        message: { code: 'auth.wrong-credentials' },
        serverMessage: 'The email address and/or password you specified are not correct.',
      })
  })

  test('change password: coded refusals on their fields, then a new session token; other sessions end', async () => {
    const u = await user(byUsername, 'aad')
    const backend = adapter(byUsername)
    const session = value(await backend.signIn(u.username, GOOD))
    const elsewhere = value(await backend.signIn(u.username, GOOD))

    const weak = await backend.changePassword(session, { current: GOOD, new: 'password', retype: 'password' })
    expect(weak.ok).toBe(false)
    if (!weak.ok)
      expect(weak.error).toEqual({
        kind: 'validation',
        message: { code: 'form.check-fields' },
        fields: { newPassword: ['This password is too common.'] },
      })
    const wrongCurrent = await backend.changePassword(session, {
      current: 'Not-It-77x',
      new: GOOD2,
      retype: GOOD2,
    })
    expect(wrongCurrent.ok).toBe(false)
    if (!wrongCurrent.ok)
      expect(wrongCurrent.error).toMatchObject({
        kind: 'validation',
        fields: { currentPassword: ['Please type your current password.'] },
      })
    // The retyped password differs: refused here, nothing sent.
    const differ = await backend.changePassword(session, { current: GOOD, new: GOOD2, retype: GOOD3 })
    expect(differ.ok).toBe(false)
    if (!differ.ok)
      expect(differ.error).toMatchObject({
        kind: 'validation',
        fieldCodes: { retypePassword: [{ code: 'passwords-differ' }] },
      })

    const changed = value(await backend.changePassword(session, { current: GOOD, new: GOOD2, retype: GOOD2 }))
    expect(changed.otherSessions).toBe('signed-out')
    const next = changed.session
    if (!next) throw new Error('no session after the change')
    expect(value(await backend.whoAmI(next)).username).toBe(u.username)
    // What the app tells people is what happened: the old token and the other session are both over.
    for (const gone of [session, elsewhere] as BackendSession[]) {
      const who = await backend.whoAmI(gone)
      expect(who.ok).toBe(false)
      if (!who.ok) expect(who.error).toMatchObject({ kind: 'auth', sessionExpired: true })
    }
    value(await backend.signIn(u.username, GOOD2))
  })

  test('reset through the app link: request, check, refusals, confirm; the key then is dead and other sessions ended', async () => {
    const u = await user(byUsername, 'aae')
    const backend = adapter(byUsername)
    const elsewhere = value(await backend.signIn(u.username, GOOD))
    value(await backend.requestReset(u.email))
    const link = linkFor(byUsername, u.email)
    // docs/reset-links.md's recipe: allauth mails the app's scheme with the path of its own key page.
    expect(RECIPE_URL).toMatch(/^accountdesk:\/\//)
    expect(link.url).toBe(
      RECIPE_URL.replace(DOC_HOST, `127.0.0.1:${byUsername.port}`).replace(
        '{key}',
        `${link.uid}-${link.token}`,
      ),
    )
    expect(value(await backend.checkLink(link))).toBe('valid')

    const weak = await backend.confirmReset({ ...link, newPassword: '12345678', retypePassword: '12345678' })
    expect(weak.ok).toBe(false)
    if (!weak.ok)
      expect(weak.error).toEqual({
        kind: 'validation',
        message: { code: 'form.check-fields' },
        fields: { newPassword: ['This password is too common.', 'This password is entirely numeric.'] },
      })
    // A refused password does not use the key up.
    expect(value(await backend.checkLink(link))).toBe('valid')

    expect(value(await backend.confirmReset({ ...link, newPassword: GOOD3, retypePassword: GOOD3 }))).toEqual(
      {
        otherSessions: 'signed-out',
      },
    )
    const who = await backend.whoAmI(elsewhere)
    expect(who.ok).toBe(false)
    if (!who.ok) expect(who.error).toMatchObject({ kind: 'auth', sessionExpired: true })
    expect(value(await backend.checkLink(link))).toBe('dead')
    const again = await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })
    expect(again.ok).toBe(false)
    if (!again.ok)
      expect(again.error).toMatchObject({ kind: 'link-invalid', reason: 'dead', serverId: 'corp' })
    value(await backend.signIn(u.username, GOOD3))
  })

  test("reset through allauth's own page link, pasted; an expired key is dead", async () => {
    const u = await user(byEmail, 'aaf')
    const backend = adapter(byEmail)
    value(await backend.requestReset(u.email))
    const first = linkFor(byEmail, u.email)
    // No HEADLESS_FRONTEND_URLS: the mail links to allauth's page, which the app opens when pasted.
    expect(first.url).toBe(`${byEmail.baseUrl}/accounts/password/reset/key/${first.uid}-${first.token}/`)
    await byEmail.expireTokens()
    expect(value(await backend.checkLink(first))).toBe('dead')
    const late = await backend.confirmReset({ ...first, newPassword: GOOD2, retypePassword: GOOD2 })
    expect(late.ok).toBe(false)
    if (!late.ok) expect(late.error).toMatchObject({ kind: 'link-invalid', reason: 'dead' })

    value(await backend.requestReset(u.email))
    const second = linkFor(byEmail, u.email)
    expect(
      value(await backend.confirmReset({ ...second, newPassword: GOOD2, retypePassword: GOOD2 }))
        .otherSessions,
    ).toBe('signed-out')
    value(await backend.signIn(u.email, GOOD2))
  })

  test('asking for a reset: an unknown address succeeds the same way, a malformed one is refused on its field', async () => {
    const backend = adapter(byUsername)
    value(await backend.requestReset(freshUser('aag').email))
    const bad = await backend.requestReset('not-an-address')
    expect(bad.ok).toBe(false)
    if (!bad.ok)
      expect(bad.error).toEqual({
        kind: 'validation',
        message: { code: 'form.check-fields' },
        fields: { email: ['Enter a valid email address.'] },
      })
  })

  test("allauth's rate limits: too many reset mails (429) and too many wrong passwords, with a countdown", async () => {
    const u = await user(byEmail, 'aah')
    const backend = adapter(byEmail)
    // reset_password: 5 a minute per address by default.
    const answers: Result<void>[] = []
    for (let i = 0; i < 6; i++) answers.push(await backend.requestReset(u.email))
    expect(answers.slice(0, 5).every((a) => a.ok)).toBe(true)
    const limited = answers[5]
    expect(limited?.ok).toBe(false)
    if (limited && !limited.ok)
      expect(limited.error).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 60 })

    // login_failed: 5 in 300 s per account; the sixth is refused before the password is even looked at.
    const v = await user(byUsername, 'aai')
    const signIn = adapter(byUsername)
    const tries: Result<BackendSession>[] = []
    for (let i = 0; i < 6; i++) tries.push(await signIn.signIn(v.username, `Wrong-Guess-${i}x`))
    const last = tries[5]
    expect(last?.ok).toBe(false)
    if (last && !last.ok)
      expect(last.error).toEqual({
        kind: 'rate-limited',
        message: { code: 'rate-limited', seconds: 60 },
        serverMessage: 'Too many failed login attempts. Try again later.',
        retryAfterSeconds: 60,
      })
  })

  test('a session is bound to its server and origin: another address never gets the token', async () => {
    const u = await user(byUsername, 'aaj')
    const backend = adapter(byUsername)
    const stored = backend.serializeSession(value(await backend.signIn(u.username, GOOD)))
    // The same profile id, now pointing elsewhere (the address was edited): sign in again.
    expect(adapter(byEmail).restoreSession(stored)).toBeNull()
    expect(adapter(byUsername, { id: 'other' }).restoreSession(stored)).toBeNull()
    expect(adapter(byUsername).restoreSession(stored)).not.toBeNull()
  })

  test('nothing secret reached the log: no password, session token or reset key', () => {
    expect(logged.length).toBeGreaterThan(50)
    expect(secrets.size).toBeGreaterThan(5)
    for (const secret of [...secrets, GOOD, GOOD2, GOOD3])
      expect(logged.filter((line) => line.includes(secret))).toEqual([])
  })
})
