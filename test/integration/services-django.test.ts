import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/main/log'
import type { ServiceDeps, Services } from '../../src/main/services'
import { fakeSafeStorage } from '../helpers/fake-safe-storage'
import { startTestServices } from '../helpers/service-deps'
import type { LinkEvent } from '../../src/shared/contract'
import { generationUnderTest, requireDjango, startDjango, type DjangoServer } from '../servers/django'

/**
 * The main-process services end to end against the real Django server, as the renderer drives them through the
 * bridge: sign in, who am I, change password, reset through a link handed over as the OS would, sign out.
 */
const available = requireDjango()

/** The services with one server in settings.json (as Add server writes it), started as the shell starts them. */
async function startServicesFor(
  django: DjangoServer,
  kind: 'djoser' | 'django-forms',
  deps: Partial<ServiceDeps> = {},
): Promise<{ services: Services; dataDir: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'account-desk-services-'))
  await writeFile(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({
      version: 1,
      servers: [{ id: 'corp', displayName: 'Corp', baseUrl: django.baseUrl, kind }],
    }),
  )
  const services = await startTestServices(dataDir, {
    fetch: globalThis.fetch,
    safeStorage: fakeSafeStorage,
    now: () => new Date(),
    ...deps,
  })
  await services.handlers.rendererReady({})
  return {
    services,
    dataDir,
    async stop() {
      await services.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** djoser once; Django's HTML views on each template set (stock, crispy-forms Bootstrap 5 style, odd). */
const CASES = [
  ['djoser', 'stock'],
  ['django-forms', 'stock'],
  ['django-forms', 'crispy'],
  ['django-forms', 'odd'],
] as const

describe.runIf(available).each(CASES)(
  'services against real Django (%s, %s templates)',
  (kind, templates) => {
    let django: DjangoServer
    let dataDir: string
    let services: Services
    let stopServices: () => Promise<void>
    const events: LinkEvent[] = []
    const logs: string[] = []
    const PASSWORD = 'Quartz-Lantern-58'
    const NEW_PASSWORD = 'Copper-Meadow-91'
    const RESET_PASSWORD = 'Velvet-Harbour-27'

    beforeAll(async () => {
      django = await startDjango({ linkScheme: 'accountdesk', templates })
      await django.createUser('alice', 'alice@example.com', PASSWORD)
      ;({
        services,
        dataDir,
        stop: stopServices,
      } = await startServicesFor(django, kind, {
        logger: createLogger((line) => logs.push(line), 'debug'),
        emit: (name, payload) => name === 'onLink' && events.push(payload as LinkEvent),
      }))
    })
    afterAll(async () => {
      await stopServices?.()
      await django?.stop()
    })

    it('lists the configured server', async () => {
      const servers = await services.handlers.listServers({})
      expect(servers).toMatchObject({
        ok: true,
        value: [{ id: 'corp', kind, canCheckLink: kind === 'django-forms' }],
      })
    })

    it('refuses a wrong password with the server message on the form', async () => {
      const result = await services.handlers.signIn({
        serverId: 'corp',
        username: 'alice',
        password: 'wrong-password',
      })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.kind).toMatch(/auth|validation/)
    })

    let accountId = ''
    it('signs in, remembers who it is, and seals the session on disk', async () => {
      const result = await services.handlers.signIn({
        serverId: 'corp',
        username: 'alice',
        password: PASSWORD,
      })
      expect(result).toMatchObject({
        ok: true,
        value: { username: 'alice', signedIn: true, sessionStorage: 'encrypted' },
      })
      if (result.ok) accountId = result.value.id
      const who = await services.handlers.whoAmI({ accountId })
      expect(who).toMatchObject({ ok: true, value: { username: 'alice' } })
      const file = await readFile(path.join(dataDir, 'accounts.json'), 'utf8')
      expect(file).toContain('sealedSession')
      expect(file).not.toContain(PASSWORD)
    })

    it('changes the password; the new one signs in, the old one does not', async () => {
      const weak = await services.handlers.changePassword({
        accountId,
        currentPassword: PASSWORD,
        newPassword: '12345678',
        retypePassword: '12345678',
      })
      expect(weak).toMatchObject({ ok: false, error: { kind: 'validation' } })
      const changed = await services.handlers.changePassword({
        accountId,
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
        retypePassword: NEW_PASSWORD,
      })
      expect(changed).toMatchObject({ ok: true, value: { stillSignedIn: true } })
      // djoser keeps the API tokens of other devices (its Sign out ends them all); Django's sessions end with the
      // password, this app's own kept.
      expect(changed.ok && changed.value.otherSessions).toEqual(
        kind === 'djoser'
          ? { code: 'sessions.change-may-remain', endsAll: true }
          : { code: 'sessions.change-signed-out' },
      )
      const old = await services.handlers.signIn({ serverId: 'corp', username: 'alice', password: PASSWORD })
      expect(old.ok).toBe(false)
      const fresh = await services.handlers.signIn({
        serverId: 'corp',
        username: 'alice',
        password: NEW_PASSWORD,
      })
      expect(fresh.ok).toBe(true)
    })

    it('resets through a mailed link handed over as the OS would; the handle then dies', async () => {
      const twice = await Promise.all([
        services.handlers.requestReset({ serverId: 'corp', email: 'alice@example.com' }),
        services.handlers.requestReset({ serverId: 'corp', email: 'alice@example.com' }),
      ])
      expect(twice.every((r) => r.ok)).toBe(true)
      expect(django.mailsTo('alice@example.com')).toHaveLength(1) // a double submit sent one request
      const unknown = await services.handlers.requestReset({ serverId: 'corp', email: 'nobody@example.com' })
      expect(unknown).toEqual({ ok: true, value: { requestedAt: expect.any(String) } })

      const { url } = django.lastLinkFor('alice@example.com')
      expect(url.startsWith('accountdesk://')).toBe(true)
      services.links.fromUrl(url, 'open-url')
      const event = events.at(-1)
      expect(event).toMatchObject({ type: 'link', link: { serverId: 'corp', serverName: 'Corp' } })
      const handle = event?.type === 'link' ? event.link.handle : ''

      const check = await services.handlers.checkLink({ handle })
      expect(check).toMatchObject({
        ok: true,
        value: { status: kind === 'django-forms' ? 'valid' : 'unknown' },
      })

      const mismatch = await services.handlers.confirmReset({
        handle,
        newPassword: RESET_PASSWORD,
        retypePassword: 'other-thing-1',
      })
      if (kind === 'django-forms')
        expect(mismatch).toMatchObject({ ok: false, error: { kind: 'validation' } })
      const done = await services.handlers.confirmReset({
        handle,
        newPassword: RESET_PASSWORD,
        retypePassword: RESET_PASSWORD,
      })
      expect(done).toMatchObject({ ok: true, value: { serverId: 'corp', username: 'alice' } })
      // djoser keeps API tokens after a reset and says how to end them; Django's sessions end with the password.
      expect(done.ok && done.value.otherSessions).toEqual(
        kind === 'djoser'
          ? { code: 'sessions.reset-may-remain', endsAll: true }
          : { code: 'sessions.reset-signed-out' },
      )
      // This app's stored session for alice was dropped; she signs in with the new password.
      expect(
        (await services.handlers.listAccounts({})).ok && (await services.handlers.listAccounts({})),
      ).toMatchObject({
        value: [{ username: 'alice', signedIn: false }],
      })
      const again = await services.handlers.confirmReset({
        handle,
        newPassword: RESET_PASSWORD,
        retypePassword: RESET_PASSWORD,
      })
      expect(again).toMatchObject({ ok: false, error: { kind: 'link-invalid', reason: 'unknown-handle' } })
      expect(
        (await services.handlers.signIn({ serverId: 'corp', username: 'alice', password: RESET_PASSWORD }))
          .ok,
      ).toBe(true)
    })

    it('a used link pasted again is dead on the server', async () => {
      const { url } = django.lastLinkFor('alice@example.com')
      const pasted = await services.handlers.openPastedLink({ url })
      expect(pasted.ok).toBe(true)
      if (!pasted.ok) return
      const result = await services.handlers.confirmReset({
        handle: pasted.value.handle,
        newPassword: 'Amber-Lattice-44',
        retypePassword: 'Amber-Lattice-44',
      })
      expect(result).toMatchObject({
        ok: false,
        error: { kind: 'link-invalid', reason: 'dead', serverId: 'corp' },
      })
    })

    it('signs out, and nothing secret was logged or written', async () => {
      expect(await services.handlers.signOut({ accountId })).toEqual({ ok: true, value: {} })
      expect((await services.handlers.whoAmI({ accountId })).ok).toBe(false)
      const written = await Promise.all(
        (await readdir(dataDir)).map((f) => readFile(path.join(dataDir, f), 'utf8')),
      )
      const everything = [...logs, ...written].join('\n')
      for (const secret of [
        PASSWORD,
        NEW_PASSWORD,
        RESET_PASSWORD,
        django.lastLinkFor('alice@example.com').token,
      ]) {
        expect(everything).not.toContain(secret)
      }
    })
  },
)

describe.runIf(available)('services against a djoser server set up the way many are', () => {
  let django: DjangoServer
  let services: Services
  let stopServices: () => Promise<void>
  const PASSWORD = 'Quartz-Lantern-58'

  beforeAll(async () => {
    // Retyping required, signed out on a change, German by default and by Accept-Language — and a profile that
    // says none of it (as Add server makes it).
    django = await startDjango({
      retype: true,
      logoutOnPasswordChange: true,
      showEmailNotFound: true,
      languageCode: 'de',
      localeMiddleware: true,
    })
    await django.createUser('bruno', 'bruno@example.com', PASSWORD)
    ;({ services, stop: stopServices } = await startServicesFor(django, 'djoser', {
      languages: () => ['de-DE', 'en'],
    }))
  })
  afterAll(async () => {
    await stopServices?.()
    await django?.stop()
  })

  it('shows the server’s German messages, changes the password without being told about retyping, and says only that this app was signed out', async () => {
    const signedIn = await services.handlers.signIn({
      serverId: 'corp',
      username: 'bruno',
      password: PASSWORD,
    })
    if (!signedIn.ok) throw new Error(`sign-in: ${JSON.stringify(signedIn.error)}`)
    const accountId = signedIn.value.id
    expect(
      await services.handlers.changePassword({
        accountId,
        currentPassword: PASSWORD,
        newPassword: '12345678',
        retypePassword: '12345678',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        fields: { newPassword: expect.arrayContaining(['Dieses Passwort ist komplett numerisch. ']) },
      },
    })
    expect(
      await services.handlers.changePassword({
        accountId,
        currentPassword: PASSWORD,
        newPassword: 'Copper-Meadow-91',
        retypePassword: 'Copper-Meadow-91',
      }),
    ).toEqual({ ok: true, value: { stillSignedIn: false, otherSessions: null } })
  })

  it('an address the server says it does not know: its words on the e-mail field, not “check your mail”', async () => {
    // Debian 12's djoser 2.1 ships its German catalogue uncompiled (django.po without django.mo): English there.
    const message =
      generationUnderTest() === '3.2'
        ? 'User with given email does not exist.'
        : 'Es existiert kein Benutzer mit dieser E-Mailadresse.'
    expect(await services.handlers.requestReset({ serverId: 'corp', email: 'nobody@example.com' })).toEqual({
      ok: false,
      error: { kind: 'validation', message: { code: 'form.check-fields' }, fields: { email: [message] } },
    })
  })
})
