import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createBackend, type DjangoFormsBackend, type DjoserBackend } from '../../src/main/backends'
import { createNetRequestFetch } from '../../src/main/http/net-request-fetch'
import { createLogger, silentLogger } from '../../src/main/log'
import { serverProfileSchema } from '../../src/shared/profile'
import { requireDjango, startDjango, type DjangoServer } from '../servers/django'
import { createFakeElectronNet } from '../servers/fake-electron-net'
import { freshUser, GOOD, GOOD2, GOOD3, tamper } from './djoser-conformance'

const available = requireDjango()

/** Django's messages, exactly as the HTML forms show them (U+2019 apostrophes). */
const MSG = {
  badLogin: 'Please enter a correct username and password. Note that both fields may be case-sensitive.',
  differ: 'The two password fields didn’t match.',
  tooShort: 'This password is too short. It must contain at least 8 characters.',
  tooCommon: 'This password is too common.',
  numeric: 'This password is entirely numeric.',
  similarUsername: 'The password is too similar to the username.',
  similarEmail: 'The password is too similar to the email address.',
  oldWrong: 'Your old password was entered incorrectly. Please enter it again.',
  invalidEmail: 'Enter a valid email address.',
}

/** Each flow runs on Django's stock templates, a crispy-forms Bootstrap 5 style set and an odd set. */
const TEMPLATE_SETS = ['stock', 'crispy', 'odd'] as const

describe.runIf(available).each(TEMPLATE_SETS)(
  'the django-forms adapter against Django’s auth views, %s templates',
  (templates) => {
    let main: DjangoServer
    let shortLived: DjangoServer
    let backend: DjangoFormsBackend
    const logLines: string[] = []
    const secrets = new Set<string>([GOOD, GOOD2, GOOD3])

    const forms = (
      server: DjangoServer,
      fetchImpl: typeof fetch = fetch,
      logger = silentLogger,
    ): DjangoFormsBackend => {
      const profile = serverProfileSchema.parse({
        id: 'forms',
        displayName: 'Django',
        baseUrl: server.baseUrl,
        kind: 'django-forms',
      })
      return createBackend(profile as typeof profile & { kind: 'django-forms' }, { fetch: fetchImpl, logger })
    }

    beforeAll(async () => {
      ;[main, shortLived] = await Promise.all([
        startDjango({ templates }),
        startDjango({ resetTimeoutSeconds: 1, templates }),
      ])
      console.log(`Django start: ${main.startMs} ms and ${shortLived.startMs} ms (two in parallel)`)
      backend = forms(
        main,
        fetch,
        createLogger((line) => logLines.push(line), 'debug'),
      )
    })
    afterAll(async () => {
      await Promise.all([main?.stop(), shortLived?.stop()])
    })

    const user = async (tag: string, server = main) => {
      const u = freshUser(tag)
      await server.createUser(u.username, u.email, GOOD)
      return u
    }
    const signIn = async (username: string, password: string, b = backend) => {
      const result = await b.signIn(username, password)
      if (!result.ok) throw new Error(`sign-in failed: ${JSON.stringify(result.error)}`)
      secrets.add(b.serializeSession(result.value))
      return result.value
    }
    const requestLink = async (email: string, server = main, b = backend) => {
      expect(await b.requestReset(email)).toEqual({ ok: true, value: undefined })
      const link = server.lastLinkFor(email)
      secrets.add(link.token)
      return link
    }
    const dead = {
      ok: false,
      error: expect.objectContaining({ kind: 'link-invalid', reason: 'dead', serverId: 'forms' }),
    }

    test('signs in (LoginView), knows who is signed in, and signs out', async () => {
      const u = await user('fsign')
      const session = await signIn(u.username, GOOD)
      expect(await backend.whoAmI(session)).toEqual({ ok: true, value: { username: u.username } })
      const restored = backend.restoreSession(backend.serializeSession(session))
      expect(restored && (await backend.whoAmI(restored))).toMatchObject({ ok: true })
      expect(await backend.signOut(session)).toEqual({ ok: true, value: undefined })
      expect(await backend.whoAmI(session)).toMatchObject({
        ok: false,
        error: { kind: 'auth', sessionExpired: true },
      })
      expect(await backend.signOut(session)).toEqual({ ok: true, value: undefined })
    })

    test('a wrong password gets Django’s message verbatim', async () => {
      const u = await user('fwrong')
      expect(await backend.signIn(u.username, 'Not-The-Password-1')).toEqual({
        ok: false,
        error: {
          kind: 'auth',
          message: { code: 'auth.wrong-credentials' },
          serverMessage: MSG.badLogin,
          sessionExpired: false,
        },
      })
    })

    test('a reset request for an unknown address is answered exactly like a known one', async () => {
      const u = await user('fsame')
      const known = await backend.requestReset(u.email)
      const unknown = await backend.requestReset(`nobody-${u.username}@example.com`)
      expect(known).toEqual({ ok: true, value: undefined })
      expect(unknown).toEqual(known)
      const link = main.lastLinkFor(u.email)
      expect(link.url).toBe(`${main.baseUrl}/accounts/reset/${link.uid}/${link.token}/`)
      expect(main.mailsTo(u.email).at(-1)?.text).toContain('Your username, in case you’ve forgotten:')
    })

    test('a malformed address gets Django’s message on the email field', async () => {
      expect(await backend.requestReset('not-an-email')).toEqual({
        ok: false,
        error: {
          kind: 'validation',
          message: { code: 'form.check-fields' },
          fields: { email: [MSG.invalidEmail] },
        },
      })
    })

    test('checks a link without using it, resets with it, and the link is dead afterwards', async () => {
      const u = await user('freset')
      const link = await requestLink(u.email)
      expect(backend.canCheckLink).toBe(true)
      expect(await backend.checkLink(link)).toEqual({ ok: true, value: 'valid' })
      expect(await backend.checkLink(link)).toEqual({ ok: true, value: 'valid' })
      expect(await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toEqual({
        ok: true,
        value: { otherSessions: 'signed-out' },
      })
      expect(await backend.checkLink(link)).toEqual({ ok: true, value: 'dead' })
      expect(await backend.confirmReset({ ...link, newPassword: GOOD3, retypePassword: GOOD3 })).toEqual(dead)
      expect((await backend.signIn(u.username, GOOD2)).ok).toBe(true)
      expect(await backend.signIn(u.username, GOOD)).toMatchObject({ ok: false, error: { kind: 'auth' } })
    })

    test('weak, similar and mismatched passwords get Django’s messages on their fields; the link survives', async () => {
      const u = await user('fweak')
      const link = await requestLink(u.email)
      const fieldsOf = async (pw: string, retype = pw) => {
        const result = await backend.confirmReset({ ...link, newPassword: pw, retypePassword: retype })
        if (result.ok || result.error.kind !== 'validation')
          throw new Error(`expected validation: ${JSON.stringify(result)}`)
        return result.error.fields
      }
      expect(await fieldsOf('Ab1!x')).toEqual({ retypePassword: [MSG.tooShort] })
      expect(await fieldsOf('password')).toEqual({ retypePassword: [MSG.tooCommon] })
      expect(await fieldsOf('73829164')).toEqual({ retypePassword: [MSG.numeric] })
      expect(await fieldsOf('1234567')).toEqual({
        retypePassword: [MSG.tooShort, MSG.tooCommon, MSG.numeric],
      })
      // Unlike djoser, the HTML flow applies the similarity check on reset.
      expect(await fieldsOf(`${u.username}1234`)).toEqual({ retypePassword: [MSG.similarUsername] })
      expect(await fieldsOf(GOOD2, GOOD3)).toEqual({ retypePassword: [MSG.differ] })
      expect(await backend.checkLink(link)).toEqual({ ok: true, value: 'valid' })
      expect((await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).ok).toBe(
        true,
      )
    })

    test('tampered tokens and unknown uids are dead links; malformed ones are refused before any request', async () => {
      const u = await user('ftamper')
      const link = await requestLink(u.email)
      expect(await backend.checkLink({ ...link, token: tamper(link.token) })).toEqual({
        ok: true,
        value: 'dead',
      })
      expect(
        await backend.confirmReset({
          ...link,
          token: tamper(link.token),
          newPassword: GOOD2,
          retypePassword: GOOD2,
        }),
      ).toEqual(dead)
      const nobody = Buffer.from('987654').toString('base64url')
      expect(
        await backend.confirmReset({ ...link, uid: nobody, newPassword: GOOD2, retypePassword: GOOD2 }),
      ).toEqual(dead)
      expect(await backend.checkLink({ uid: 'MQ/../../admin', token: link.token })).toMatchObject({
        ok: false,
        error: { kind: 'link-invalid', reason: 'refused' },
      })
      expect(await backend.checkLink(link)).toEqual({ ok: true, value: 'valid' })
    })

    test('a sign-in between the request and the confirm kills the link', async () => {
      const u = await user('fbetween')
      const link = await requestLink(u.email)
      await signIn(u.username, GOOD)
      expect(await backend.checkLink(link)).toEqual({ ok: true, value: 'dead' })
      expect(await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toEqual(dead)
    })

    test('an expired link is dead (the server’s token clock moved past PASSWORD_RESET_TIMEOUT)', async () => {
      const u = await user('fexpire')
      const link = await requestLink(u.email)
      await main.expireTokens()
      expect(await backend.checkLink(link)).toEqual({ ok: true, value: 'dead' })
      expect(await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toEqual(dead)
    })

    test('an expired link is dead (a real one-second PASSWORD_RESET_TIMEOUT)', async () => {
      const b = forms(shortLived)
      const u = await user('fshort', shortLived)
      const link = await requestLink(u.email, shortLived, b)
      // Django compares whole seconds and strictly: a token is dead once two seconds have ticked over.
      await new Promise((r) => setTimeout(r, 2100))
      expect(await b.checkLink(link)).toEqual({ ok: true, value: 'dead' })
      expect(await b.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toEqual(dead)
    })

    test('changes the password (PasswordChangeView): this session goes on under a new key, other sessions end', async () => {
      const u = await user('fchange')
      const session = await signIn(u.username, GOOD)
      const other = await signIn(u.username, GOOD)
      const changed = await backend.changePassword(session, { current: GOOD, new: GOOD2, retype: GOOD2 })
      if (!changed.ok) throw new Error(JSON.stringify(changed.error))
      expect(changed.value.otherSessions).toBe('signed-out')
      expect(changed.value.session).not.toBeNull()
      expect(await backend.whoAmI(changed.value.session!)).toEqual({
        ok: true,
        value: { username: u.username },
      })
      expect(await backend.whoAmI(other)).toMatchObject({
        ok: false,
        error: { kind: 'auth', sessionExpired: true },
      })
      expect((await backend.signIn(u.username, GOOD2)).ok).toBe(true)
    })

    test('a session ended by a change elsewhere: the change asks to sign in again', async () => {
      const u = await user('fended')
      const session = await signIn(u.username, GOOD)
      const other = await signIn(u.username, GOOD)
      expect((await backend.changePassword(other, { current: GOOD, new: GOOD2, retype: GOOD2 })).ok).toBe(
        true,
      )
      expect(await backend.changePassword(session, { current: GOOD2, new: GOOD3, retype: GOOD3 })).toEqual({
        ok: false,
        error: { kind: 'auth', message: { code: 'session.ended' }, sessionExpired: true },
      })
    })

    test('a wrong current password, a mismatch, a numeric and an e-mail-like password, each on its field', async () => {
      const u = await user('fcurrent')
      const session = await signIn(u.username, GOOD)
      const fieldsOf = async (current: string, pw: string, retype = pw) => {
        const result = await backend.changePassword(session, { current, new: pw, retype })
        if (result.ok || result.error.kind !== 'validation')
          throw new Error(`expected validation: ${JSON.stringify(result)}`)
        return result.error.fields
      }
      expect(await fieldsOf('Wrong-Guess-77', GOOD2)).toEqual({ currentPassword: [MSG.oldWrong] })
      expect(await fieldsOf(GOOD, GOOD2, GOOD3)).toEqual({ retypePassword: [MSG.differ] })
      expect(await fieldsOf(GOOD, '58302917')).toEqual({ retypePassword: [MSG.numeric] })
      expect(await fieldsOf(GOOD, `${u.username.slice(0, 4)}example`)).toEqual({
        retypePassword: [MSG.similarEmail],
      })
      // The failed attempts left the session and the password as they were.
      expect(await backend.whoAmI(session)).toMatchObject({ ok: true })
    })

    test('links are interchangeable with djoser’s: a Django link redeemed through the djoser adapter', async () => {
      const profile = serverProfileSchema.parse({
        id: 'dj',
        displayName: 'Django',
        baseUrl: main.baseUrl,
        kind: 'djoser',
      })
      const djoser = createBackend(profile as typeof profile & { kind: 'djoser' }, {
        fetch,
        logger: silentLogger,
      }) as DjoserBackend
      const u = await user('finter')
      const link = await requestLink(u.email)
      expect(await djoser.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toMatchObject(
        {
          ok: true,
        },
      )
      expect(await backend.checkLink(link)).toEqual({ ok: true, value: 'dead' })
    })

    test('the whole flow over Electron-style net.request (manual redirects as events) works the same', async () => {
      const net = createFakeElectronNet()
      const b = forms(main, createNetRequestFetch(net.request))
      const u = await user('fnet')
      const session = await b.signIn(u.username, GOOD)
      expect(session.ok).toBe(true)
      const link = await requestLink(u.email, main, b)
      expect(await b.checkLink(link)).toEqual({ ok: true, value: 'valid' })
      expect(await b.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).toMatchObject({
        ok: true,
      })
      expect((await b.signIn(u.username, GOOD2)).ok).toBe(true)
      expect(net.calls.length).toBeGreaterThan(5)
      expect(net.calls.every((c) => c.redirect === 'manual' && c.credentials === 'omit')).toBe(true)
    })

    test('nothing secret reached the log', () => {
      const log = logLines.join('\n')
      expect(logLines.length).toBeGreaterThan(20)
      for (const secret of secrets) expect(log.includes(secret)).toBe(false)
      expect(log).not.toMatch(/csrftoken|sessionid/)
    })
  },
)
