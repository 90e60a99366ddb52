import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createBackend, type Backend } from '../../src/main/backends'
import { silentLogger } from '../../src/main/log'
import { serverProfileSchema, type ServerProfileInput } from '../../src/shared/profile'
import { startTestServices } from '../helpers/service-deps'
import { requireDjango, startDjango, type DjangoServer } from '../servers/django'
import { freshUser, GOOD } from './djoser-conformance'

/**
 * Servers that sign people in by e-mail address: djoser with LOGIN_FIELD = 'email', and Django's LoginView with
 * an e-mail login form and authentication backend. The app learns it from the server (djoser's DRF metadata,
 * the login form's input) and signs in with the address; a server with a username login says so too.
 */
const available = requireDjango()

describe.runIf(available)('signing in by e-mail address', () => {
  let byEmail: DjangoServer
  let byUsername: DjangoServer
  let dataDir: string

  beforeAll(async () => {
    ;[byEmail, byUsername] = await Promise.all([startDjango({ loginField: 'email' }), startDjango()])
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'account-desk-email-login-'))
  })
  afterAll(async () => {
    await Promise.all([byEmail?.stop(), byUsername?.stop()])
    // The settings file may still be being written (atomic write: a temporary file, then a rename).
    if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
  })

  const backendOf = (
    server: DjangoServer,
    kind: 'djoser' | 'django-forms',
    extra: Partial<ServerProfileInput> = {},
  ) =>
    createBackend(
      serverProfileSchema.parse({ id: 'corp', displayName: 'Corp', baseUrl: server.baseUrl, kind, ...extra }),
      {
        fetch,
        logger: silentLogger,
      },
    )

  const KINDS = ['djoser', 'django-forms'] as const

  test.each(KINDS)(
    '%s: the server says it wants the e-mail address, and signing in with it works',
    async (kind) => {
      const u = freshUser(`em${kind.slice(0, 3)}`)
      await byEmail.createUser(u.username, u.email, GOOD)
      const backend: Backend = backendOf(byEmail, kind)
      const field = await backend.signInField()
      expect(field).toMatchObject({ ok: true, value: { signInWith: 'email' } })
      const session = await backend.signIn(u.email, GOOD)
      expect(session.ok).toBe(true)
      if (!session.ok) return
      expect(await backend.whoAmI(session.value)).toMatchObject({ ok: true })
      // The username is not what this server takes.
      expect(await backend.signIn(u.username, GOOD)).toMatchObject({
        ok: false,
        error: { kind: kind === 'djoser' ? 'auth' : 'validation' },
      })
      expect(await backend.signIn(u.email, 'Not-The-Password-1')).toMatchObject({
        ok: false,
        error: { kind: 'auth', sessionExpired: false },
      })
    },
  )

  test.each(KINDS)('%s: a username server says username, whatever the profile claims', async (kind) => {
    expect(await backendOf(byUsername, kind).signInField()).toMatchObject({
      ok: true,
      value: { signInWith: 'username' },
    })
    // djoser's metadata names the field outright; Django's stock form reads "Username" without saying more, so
    // there the profile decides.
    expect(await backendOf(byUsername, kind, { signInWith: 'email' }).signInField()).toMatchObject({
      ok: true,
      value: { signInWith: kind === 'djoser' ? 'username' : 'email' },
    })
  })

  test('djoser: without asking, the profile names the field', async () => {
    const u = freshUser('emprof')
    await byEmail.createUser(u.username, u.email, GOOD)
    expect((await backendOf(byEmail, 'djoser', { signInWith: 'email' }).signIn(u.email, GOOD)).ok).toBe(true)
    // A profile that says username on an e-mail server: djoser does not recognise the address.
    expect(await backendOf(byEmail, 'djoser').signIn(u.email, GOOD)).toMatchObject({
      ok: false,
      error: { kind: 'auth' },
    })
  })

  test('Add server asks the server, and the sign-in screen gets what it said', async () => {
    const services = await startTestServices(dataDir, { fetch })
    try {
      for (const kind of KINDS) {
        const added = await services.handlers.addServer({
          displayName: `Mail ${kind}`,
          baseUrl: kind === 'djoser' ? byEmail.baseUrl : byEmail.baseUrl.replace('127.0.0.1', 'localhost'),
          kind,
          signInWith: 'username',
        })
        expect(added).toMatchObject({ ok: true, value: { kind, signInWith: 'email' } })
      }
      const chosen = await services.handlers.addServer({
        displayName: 'Plain',
        baseUrl: byUsername.baseUrl,
        kind: 'django-forms',
        signInWith: 'email',
      })
      expect(chosen).toMatchObject({ ok: true, value: { signInWith: 'email' } })
      const listed = await services.handlers.listServers({})
      expect(listed.ok && listed.value.map((s) => s.signInWith)).toEqual(['email', 'email', 'email'])
    } finally {
      await services.stop()
    }
  })
})
