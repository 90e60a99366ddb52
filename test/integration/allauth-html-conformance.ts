import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createBackend, type AllauthHtmlBackend, type BackendSession } from '../../src/main/backends'
import { detectKind } from '../../src/main/backends/detect-kind'
import { parseResetLink } from '../../src/main/links/parse-reset-link'
import { createLogger, silentLogger } from '../../src/main/log'
import type { Result } from '../../src/shared/errors'
import { serverProfileSchema, type ServerProfileInput } from '../../src/shared/profile'
import {
  allauthLabel,
  requireAllauth,
  startDjango,
  type AllauthRelease,
  type DjangoServer,
} from '../servers/django'
import { freshUser, GOOD, GOOD2, GOOD3 } from './djoser-conformance'

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`)
  return result.value
}

/**
 * The allauth-html adapter against a real django-allauth without its headless API (`allauth: 'html'`): one
 * server of that release, its own users, few wrong passwords (allauth's lockout is on, as on a real server).
 */
export function defineAllauthHtmlConformance(release: AllauthRelease): void {
  const available = requireAllauth(release)

  describe.runIf(available)(`the allauth-html adapter against ${allauthLabel(release)}`, () => {
    let server: DjangoServer
    let other: DjangoServer

    beforeAll(async () => {
      ;[server, other] = await Promise.all([
        startDjango({ allauth: 'html', allauthRelease: release }),
        startDjango({ allauth: 'html', allauthRelease: release }),
      ])
    })
    afterAll(async () => {
      await Promise.all([server, other].map((d) => d?.stop()))
    })

    const profileOf = (target: DjangoServer, extra: Partial<ServerProfileInput> = {}) =>
      serverProfileSchema.parse({
        id: 'corp',
        displayName: 'Corp',
        baseUrl: target.baseUrl,
        kind: 'allauth-html',
        ...extra,
      })
    /** Every line the adapters logged, at every level: read by the last test. */
    const logged: string[] = []
    const logger = createLogger((line) => logged.push(line), 'debug')
    /** Session cookies and reset keys the tests saw, which must appear in no log line. */
    const secrets = new Set<string>()
    const adapter = (target = server, extra: Partial<ServerProfileInput> = {}): AllauthHtmlBackend => {
      const profile = profileOf(target, extra)
      const backend = createBackend(profile as typeof profile & { kind: 'allauth-html' }, { fetch, logger })
      return {
        ...backend,
        signIn: async (...args) => {
          const result = await backend.signIn(...args)
          if (result.ok) {
            const { cookies } = JSON.parse(backend.serializeSession(result.value)) as {
              cookies: { name: string; value: string }[]
            }
            for (const c of cookies) if (c.name === 'sessionid') secrets.add(c.value)
          }
          return result
        },
      }
    }
    const user = async (tag: string) => {
      const u = freshUser(tag)
      await server.createUser(u.username, u.email, GOOD)
      return u
    }
    const linkFor = (email: string) => {
      const mailed = server.lastLinkFor(email)
      const parsed = parseResetLink(mailed.url, { scheme: 'accountdesk', servers: [profileOf(server)] })
      if (!parsed.ok) throw new Error(`the app refused the mailed link: ${parsed.reason}`)
      secrets.add(parsed.token)
      return { url: mailed.url, uid: parsed.uid, token: parsed.token }
    }

    test('the sign-in field is the login form’s, as its label says; Add server finds the kind', async () => {
      expect(value(await adapter().signInField())).toEqual({ name: 'login', signInWith: 'username' })
      const found = value(
        await detectKind(server.baseUrl, { fetch, logger: silentLogger, timeoutMs: 20_000 }),
      )
      expect(found.found.find((f) => f.software === 'allauth-html')).toEqual({
        software: 'allauth-html',
        kind: 'allauth-html',
        signIn: 'username',
      })
    })

    test('sign in, who am I, sign out; wrong credentials in allauth’s words', async () => {
      const u = await user('hta')
      const backend = adapter()
      const session = value(await backend.signIn(u.username, GOOD))
      expect(value(await backend.whoAmI(session))).toEqual({ username: u.username })
      const restored = backend.restoreSession(backend.serializeSession(session))
      if (!restored) throw new Error('not restored')
      expect(value(await backend.whoAmI(restored)).username).toBe(u.username)
      value(await backend.signOut(session))
      const after = await backend.whoAmI(session)
      expect(after.ok).toBe(false)
      if (!after.ok) expect(after.error).toMatchObject({ kind: 'auth', sessionExpired: true })
      value(await backend.signOut(session))

      const wrong = await backend.signIn(u.username, 'Not-The-Password-1')
      expect(wrong.ok).toBe(false)
      if (!wrong.ok)
        expect(wrong.error).toEqual({
          kind: 'auth',
          message: { code: 'auth.wrong-credentials' },
          serverMessage: 'The username and/or password you specified are not correct.',
          sessionExpired: false,
        })
    })

    test('change password: refusals on their fields, then the session goes on; other sessions end', async () => {
      const u = await user('htb')
      const backend = adapter()
      const session = value(await backend.signIn(u.username, GOOD))
      const elsewhere = value(await backend.signIn(u.username, GOOD))

      const weak = await backend.changePassword(session, {
        current: GOOD,
        new: 'password',
        retype: 'password',
      })
      expect(weak.ok).toBe(false)
      if (!weak.ok)
        expect(weak.error).toMatchObject({
          kind: 'validation',
          fields: { newPassword: expect.arrayContaining(['This password is too common.']) },
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
      const differ = await backend.changePassword(session, { current: GOOD, new: GOOD2, retype: GOOD3 })
      expect(differ.ok).toBe(false)
      if (!differ.ok)
        expect(differ.error).toMatchObject({
          kind: 'validation',
          fields: { retypePassword: ['You must type the same password each time.'] },
        })

      const changed = value(
        await backend.changePassword(session, { current: GOOD, new: GOOD2, retype: GOOD2 }),
      )
      expect(changed.otherSessions).toBe('signed-out')
      const next = changed.session
      if (!next) throw new Error('no session after the change')
      expect(value(await backend.whoAmI(next)).username).toBe(u.username)
      const gone = await backend.whoAmI(elsewhere)
      expect(gone.ok).toBe(false)
      if (!gone.ok) expect(gone.error).toMatchObject({ kind: 'auth', sessionExpired: true })
      value(await backend.signIn(u.username, GOOD2))
    })

    test('reset by the mailed key link: check, a refused password, confirm; the key is then dead', async () => {
      const u = await user('htc')
      const backend = adapter()
      const elsewhere = value(await backend.signIn(u.username, GOOD))
      value(await backend.requestReset(u.email))
      const link = linkFor(u.email)
      expect(link.url).toBe(`${server.baseUrl}/accounts/password/reset/key/${link.uid}-${link.token}/`)
      expect(value(await backend.checkLink(link))).toBe('valid')

      const weak = await backend.confirmReset({
        ...link,
        newPassword: '12345678',
        retypePassword: '12345678',
      })
      expect(weak.ok).toBe(false)
      if (!weak.ok)
        expect(weak.error).toMatchObject({
          kind: 'validation',
          fields: {
            newPassword: expect.arrayContaining([
              'This password is too common.',
              'This password is entirely numeric.',
            ]),
          },
        })
      expect(value(await backend.checkLink(link))).toBe('valid')

      expect(
        value(await backend.confirmReset({ ...link, newPassword: GOOD3, retypePassword: GOOD3 })),
      ).toEqual({
        otherSessions: 'signed-out',
      })
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

    test('an expired key is dead; asking for a reset: an unknown address succeeds, a malformed one is refused', async () => {
      const u = await user('htd')
      const backend = adapter()
      value(await backend.requestReset(u.email))
      const link = linkFor(u.email)
      await server.expireTokens()
      expect(value(await backend.checkLink(link))).toBe('dead')
      const late = await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })
      expect(late.ok).toBe(false)
      if (!late.ok) expect(late.error).toMatchObject({ kind: 'link-invalid', reason: 'dead' })

      // ACCOUNT_PREVENT_ENUMERATION (on by default in both): an unknown address is mailed nothing, silently.
      value(await backend.requestReset(freshUser('hte').email))
      const bad = await backend.requestReset('not-an-address')
      expect(bad.ok).toBe(false)
      if (!bad.ok)
        expect(bad.error).toMatchObject({ kind: 'validation', fields: { email: [expect.any(String)] } })
    })

    test('too many wrong passwords: rate-limited with allauth’s words and a countdown', async () => {
      const u = await user('htf')
      const backend = adapter()
      let last: Result<BackendSession> | undefined
      // Five failures in five minutes per account, by default in both releases; the next is refused unread.
      for (let i = 0; i < 7; i++) {
        last = await backend.signIn(u.username, `Wrong-Guess-${i}x`)
        if (!last.ok && last.error.kind === 'rate-limited') break
      }
      expect(last?.ok).toBe(false)
      if (last && !last.ok)
        expect(last.error).toEqual({
          kind: 'rate-limited',
          message: { code: 'rate-limited', seconds: 60 },
          serverMessage: 'Too many failed login attempts. Try again later.',
          retryAfterSeconds: 60,
        })
    })

    test('a session is bound to its server and origin', async () => {
      const u = await user('htg')
      const backend = adapter()
      const stored = backend.serializeSession(value(await backend.signIn(u.username, GOOD)))
      expect(adapter(other).restoreSession(stored)).toBeNull()
      expect(adapter(server, { id: 'other' }).restoreSession(stored)).toBeNull()
      expect(adapter().restoreSession(stored)).not.toBeNull()
    })

    test('nothing secret reached the log: no password, session cookie or reset key', () => {
      expect(logged.length).toBeGreaterThan(30)
      expect(secrets.size).toBeGreaterThan(4)
      for (const secret of [...secrets, GOOD, GOOD2, GOOD3])
        expect(logged.filter((line) => line.includes(secret))).toEqual([])
    })
  })
}
