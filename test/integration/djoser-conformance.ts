/**
 * The djoser protocol, as the app's djoser adapter sees it: one suite that any server speaking djoser must pass.
 * It runs against the real Django + djoser test server (backends-djoser.test.ts) and against the app's embedded
 * demo server. The target is small on purpose:
 *
 *   defineDjoserConformance('demo server', () => ({ baseUrl, createUser, lastLinkFor, expireTokens }))
 *
 * Each test makes its own users, so tests do not depend on each other. Messages are djoser's and Django's,
 * exactly (docs/server-protocol.md, "djoser").
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createBackend, type DjoserBackend } from '../../src/main/backends'
import { createLogger } from '../../src/main/log'
import { serverProfileSchema } from '../../src/shared/profile'

export interface DjoserTarget {
  /** http://127.0.0.1:<port>, no trailing slash. */
  baseUrl: string
  /** djoser's URL prefix; default '/auth/'. */
  prefix?: string
  createUser(username: string, email: string, password: string): Promise<unknown>
  /** uid and token of the newest reset link mailed to this address. */
  lastLinkFor(email: string): { uid: string; token: string } | Promise<{ uid: string; token: string }>
  /** Makes outstanding reset links expire; tests of expiry are skipped without it. */
  expireTokens?(): Promise<void>
}

/** Strong enough for Django's four validators, unlike any username below. */
export const GOOD = 'Quartz-Lantern-58'
export const GOOD2 = 'Velvet-Harbour-91'
export const GOOD3 = 'Cobalt-Meadow-37'

export const MSG = {
  /** What the app says for DRF's "Unable to log in with provided credentials." */
  badCredentials: 'That username and password don’t match.',
  invalidToken: 'Invalid token.',
  tooShort: 'This password is too short. It must contain at least 8 characters.',
  tooCommon: 'This password is too common.',
  numeric: 'This password is entirely numeric.',
  similarUsername: 'The password is too similar to the username.',
  similarEmail: 'The password is too similar to the email address.',
  invalidPassword: 'Invalid password.',
  invalidEmail: 'Enter a valid email address.',
  /** The app's own check when the server has no retype field: Django's wording. */
  differ: 'The two password fields didn’t match.',
} as const

let counter = 0
/** A fresh username (letters only, so it never looks like a password) and its e-mail. */
export function freshUser(tag: string): { username: string; email: string } {
  counter += 1
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  let suffix = ''
  let n = Date.now() * 100 + counter
  for (let i = 0; i < 6; i++) {
    suffix += letters[n % 26]
    n = Math.floor(n / 26)
  }
  const username = `${tag}${suffix}${letters[counter % 26]}`
  return { username, email: `${username}@example.com` }
}

/** A token with its last hex digit changed. */
export const tamper = (token: string) => token.slice(0, -1) + (token.endsWith('0') ? '1' : '0')

export function defineDjoserConformance(name: string, getTarget: () => DjoserTarget): void {
  describe(`djoser conformance: ${name}`, () => {
    const logLines: string[] = []
    const secrets = new Set<string>()
    let target: DjoserTarget
    let backend: DjoserBackend

    beforeAll(() => {
      target = getTarget()
      const profile = serverProfileSchema.parse({
        id: 'conformance',
        displayName: name,
        baseUrl: target.baseUrl,
        kind: 'djoser',
        prefix: target.prefix,
        timeoutMs: 15000,
      })
      backend = createBackend(profile as typeof profile & { kind: 'djoser' }, {
        fetch: globalThis.fetch,
        logger: createLogger((line) => logLines.push(line), 'debug'),
      })
    })

    const user = async (tag: string, password = GOOD) => {
      const made = freshUser(tag)
      await target.createUser(made.username, made.email, password)
      secrets.add(password)
      return made
    }
    const signIn = async (username: string, password: string) => {
      const result = await backend.signIn(username, password)
      if (!result.ok) throw new Error(`sign-in failed: ${JSON.stringify(result.error)}`)
      secrets.add(backend.serializeSession(result.value))
      return result.value
    }
    const linkFor = async (email: string) => {
      const link = await target.lastLinkFor(email)
      secrets.add(link.token)
      return link
    }
    const requestLink = async (email: string) => {
      expect(await backend.requestReset(email)).toEqual({ ok: true, value: undefined })
      return linkFor(email)
    }

    test('signs in and says who is signed in', async () => {
      const u = await user('who')
      const session = await signIn(u.username, GOOD)
      expect(await backend.whoAmI(session)).toEqual({
        ok: true,
        // djoser's `id` is the primary key a reset link's uid encodes: it names the account a link is for.
        value: { username: u.username, email: u.email, id: expect.stringMatching(/^\d+$/) },
      })
      const restored = backend.restoreSession(backend.serializeSession(session))
      expect(restored).not.toBeNull()
      expect(await backend.whoAmI(restored!)).toMatchObject({ ok: true, value: { username: u.username } })
    })

    test('refuses a wrong password and an unknown user with the same message', async () => {
      const u = await user('wrong')
      const wrong = await backend.signIn(u.username, 'Not-The-Password-1')
      const unknown = await backend.signIn(`${u.username}nobody`, GOOD)
      expect(wrong).toEqual({
        ok: false,
        error: { kind: 'auth', message: { code: 'auth.wrong-credentials' }, sessionExpired: false },
      })
      expect(unknown).toEqual(wrong)
    })

    test('signs out: the session is gone, and signing out again is harmless', async () => {
      const u = await user('out')
      const session = await signIn(u.username, GOOD)
      expect(await backend.signOut(session)).toEqual({ ok: true, value: undefined })
      expect(await backend.whoAmI(session)).toEqual({
        ok: false,
        error: {
          kind: 'auth',
          message: { code: 'session.ended' },
          serverMessage: MSG.invalidToken,
          sessionExpired: true,
        },
      })
      expect(await backend.signOut(session)).toEqual({ ok: true, value: undefined })
    })

    test('answers a reset request for an unknown address exactly like one for a known address', async () => {
      const u = await user('same')
      const known = await backend.requestReset(u.email)
      const unknown = await backend.requestReset(`nobody-${u.username}@example.com`)
      expect(known).toEqual({ ok: true, value: undefined })
      expect(unknown).toEqual(known)
      const link = await linkFor(u.email)
      expect(link.uid).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(link.token).toMatch(/^[0-9a-z]{1,13}-[0-9a-f]{20,64}$/)
    })

    test('puts a malformed address error on the email field', async () => {
      expect(await backend.requestReset('not-an-email')).toEqual({
        ok: false,
        error: {
          kind: 'validation',
          message: { code: 'form.check-fields' },
          fields: { email: [MSG.invalidEmail] },
        },
      })
    })

    test('resets a password with the mailed link; the new password signs in, the old one does not', async () => {
      const u = await user('reset')
      const link = await requestLink(u.email)
      const done = await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })
      expect(done).toEqual({ ok: true, value: { otherSessions: 'may-remain' } })
      secrets.add(GOOD2)
      expect((await backend.signIn(u.username, GOOD2)).ok).toBe(true)
      expect(await backend.signIn(u.username, GOOD)).toMatchObject({ ok: false, error: { kind: 'auth' } })
    })

    test('rejects short, common and numeric passwords with Django’s messages, and the link survives', async () => {
      const u = await user('weak')
      const link = await requestLink(u.email)
      const attempt = (pw: string) => backend.confirmReset({ ...link, newPassword: pw, retypePassword: pw })
      const fieldsOf = async (pw: string) => {
        const result = await attempt(pw)
        if (result.ok || result.error.kind !== 'validation')
          throw new Error(`expected validation: ${JSON.stringify(result)}`)
        return result.error.fields
      }
      expect(await fieldsOf('Ab1!x')).toEqual({ newPassword: [MSG.tooShort] })
      expect(await fieldsOf('password')).toEqual({ newPassword: [MSG.tooCommon] })
      expect(await fieldsOf('73829164')).toEqual({ newPassword: [MSG.numeric] })
      expect(await fieldsOf('1234567')).toEqual({ newPassword: [MSG.tooShort, MSG.tooCommon, MSG.numeric] })
      // Failed attempts do not use the link up.
      expect(await attempt(GOOD3)).toEqual({ ok: true, value: { otherSessions: 'may-remain' } })
    })

    test('never sends a password whose retype differs', async () => {
      const u = await user('differ')
      const link = await requestLink(u.email)
      const result = await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD3 })
      expect(result).toMatchObject({
        ok: false,
        // The app's own check (Django's words, worded by the renderer): a code on the field, not the server's text.
        error: {
          kind: 'validation',
          message: { code: 'passwords-differ' },
          fieldCodes: { retypePassword: [{ code: 'passwords-differ' }] },
        },
      })
      // Nothing was changed: the link still works.
      expect((await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).ok).toBe(
        true,
      )
    })

    test('a used link is dead: a second confirm fails', async () => {
      const u = await user('used')
      const link = await requestLink(u.email)
      expect((await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).ok).toBe(
        true,
      )
      expect(await backend.confirmReset({ ...link, newPassword: GOOD3, retypePassword: GOOD3 })).toEqual({
        ok: false,
        error: expect.objectContaining({ kind: 'link-invalid', reason: 'dead', serverId: 'conformance' }),
      })
    })

    test('a tampered token and a uid of nobody are dead links', async () => {
      const u = await user('tamper')
      const link = await requestLink(u.email)
      const dead = { ok: false, error: expect.objectContaining({ kind: 'link-invalid', reason: 'dead' }) }
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
      // The real link is untouched by those attempts.
      expect((await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 })).ok).toBe(
        true,
      )
    })

    test('refuses a malformed link before sending anything', async () => {
      const result = await backend.confirmReset({
        uid: '../x',
        token: 'abc',
        newPassword: GOOD2,
        retypePassword: GOOD2,
      })
      expect(result).toMatchObject({ ok: false, error: { kind: 'link-invalid', reason: 'refused' } })
      expect(await backend.checkLink({ uid: 'MQ', token: 'nope' })).toMatchObject({
        ok: false,
        error: { reason: 'refused' },
      })
    })

    test('a sign-in between the request and the confirm kills the link', async () => {
      const u = await user('between')
      const link = await requestLink(u.email)
      await signIn(u.username, GOOD)
      expect(
        await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 }),
      ).toMatchObject({
        ok: false,
        error: { kind: 'link-invalid', reason: 'dead' },
      })
    })

    test('an expired link is dead', async (context) => {
      if (!target.expireTokens) {
        context.skip()
        return
      }
      const u = await user('expired')
      const link = await requestLink(u.email)
      await target.expireTokens()
      expect(
        await backend.confirmReset({ ...link, newPassword: GOOD2, retypePassword: GOOD2 }),
      ).toMatchObject({
        ok: false,
        error: { kind: 'link-invalid', reason: 'dead' },
      })
    })

    test('cannot check a link without using it, and says so', async () => {
      expect(backend.canCheckLink).toBe(false)
      expect(
        await backend.checkLink({ uid: 'MQ', token: 'diuuld-2d25ac86beb4c8259fb9653408c7ceb9' }),
      ).toEqual({
        ok: true,
        value: 'unknown',
      })
    })

    test('changes the password of a signed-in account', async () => {
      const u = await user('change')
      const session = await signIn(u.username, GOOD)
      const changed = await backend.changePassword(session, { current: GOOD, new: GOOD2, retype: GOOD2 })
      if (!changed.ok) throw new Error(JSON.stringify(changed.error))
      // Either the server keeps the (shared) token, or it ends it for everyone.
      if (changed.value.session) {
        expect(changed.value.otherSessions).toBe('may-remain')
        expect((await backend.whoAmI(changed.value.session)).ok).toBe(true)
      } else expect(changed.value.otherSessions).toBe('signed-out')
      expect((await backend.signIn(u.username, GOOD2)).ok).toBe(true)
      expect(await backend.signIn(u.username, GOOD)).toMatchObject({ ok: false, error: { kind: 'auth' } })
    })

    test('puts a wrong current password on its field', async () => {
      const u = await user('current')
      const session = await signIn(u.username, GOOD)
      expect(
        await backend.changePassword(session, { current: 'Wrong-Guess-77', new: GOOD2, retype: GOOD2 }),
      ).toEqual({
        ok: false,
        error: {
          kind: 'validation',
          message: { code: 'form.check-fields' },
          fields: { currentPassword: [MSG.invalidPassword] },
        },
      })
    })

    test('refuses new passwords similar to the username or the e-mail, or numeric', async () => {
      // A long username (22 letters): Django's ratio 2·matches/(len a + len b) of the 11-letter probe below can then
      // never reach 0.7 against it, whatever random letters freshUser picks (with 'simil' it sometimes did).
      const u = await user('similarityprobe')
      const session = await signIn(u.username, GOOD)
      const change = (pw: string) => backend.changePassword(session, { current: GOOD, new: pw, retype: pw })
      expect(await change(`${u.username}-1`)).toMatchObject({
        ok: false,
        error: { kind: 'validation', fields: { newPassword: [MSG.similarUsername] } },
      })
      // "<4 letters>example" is close to the e-mail's part "example" but not to the username.
      expect(await change(`${u.username.slice(0, 4)}example`)).toMatchObject({
        ok: false,
        error: { kind: 'validation', fields: { newPassword: [MSG.similarEmail] } },
      })
      expect(await change('58302917')).toMatchObject({
        ok: false,
        error: { kind: 'validation', fields: { newPassword: [MSG.numeric] } },
      })
    })

    test('a change with a session the server has ended asks to sign in again', async () => {
      const u = await user('ended')
      const session = await signIn(u.username, GOOD)
      expect((await backend.signOut(session)).ok).toBe(true)
      expect(await backend.changePassword(session, { current: GOOD, new: GOOD2, retype: GOOD2 })).toEqual({
        ok: false,
        error: {
          kind: 'auth',
          message: { code: 'session.ended' },
          serverMessage: MSG.invalidToken,
          sessionExpired: true,
        },
      })
      expect((await backend.signIn(u.username, GOOD)).ok).toBe(true)
    })

    afterAll(() => {
      // Nothing secret ever reached the log: passwords, reset tokens, session tokens.
      const log = logLines.join('\n')
      expect(logLines.length).toBeGreaterThan(10)
      for (const secret of secrets) expect(log.includes(secret), 'a secret reached the log').toBe(false)
    })
  })
}
