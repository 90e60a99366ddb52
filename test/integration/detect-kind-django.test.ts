import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { detectKind } from '../../src/main/backends/detect-kind'
import { silentLogger } from '../../src/main/log'
import type { Services } from '../../src/main/services'
import { startTestServices } from '../helpers/service-deps'
import { generationUnderTest, requireDjango, startDjango, type DjangoServer } from '../servers/django'

/**
 * Add server's check against the real Django test servers (djoser on DRF and Django's own auth views, both
 * mounted, as on many sites), on each Django generation: what it finds, what it learns of the sign-in, and that
 * the kind it finds is one the app then adds and speaks.
 */
const available = requireDjango()
/** The check's own deadline is a few seconds; a loaded test machine gets more so a slow answer is not a miss. */
const TIMEOUT_MS = 20_000

describe.runIf(available)(`Add server finds the kind on ${generationUnderTest()}`, () => {
  let byUsername: DjangoServer
  let byEmail: DjangoServer
  let crispy: DjangoServer
  let dataDir: string
  let services: Services

  beforeAll(async () => {
    ;[byUsername, byEmail, crispy] = await Promise.all([
      startDjango(),
      startDjango({ loginField: 'email' }),
      startDjango({ templates: 'crispy' }),
    ])
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'account-desk-detect-'))
    services = await startTestServices(dataDir, { fetch })
  })
  afterAll(async () => {
    await services?.stop()
    await Promise.all([byUsername?.stop(), byEmail?.stop(), crispy?.stop()])
    if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
  })

  const detect = (server: DjangoServer) =>
    detectKind(server.baseUrl, { fetch, logger: silentLogger, timeoutMs: TIMEOUT_MS })

  test('a username server: djoser first, Django’s pages too, both saying username', async () => {
    const started = performance.now()
    const result = await detect(byUsername)
    const ms = Math.round(performance.now() - started)
    console.info(`detect on ${generationUnderTest()}: ${ms} ms`)
    expect(result).toEqual({
      ok: true,
      value: {
        baseUrl: byUsername.baseUrl,
        found: [
          { software: 'djoser', kind: 'djoser', signIn: 'username' },
          { software: 'django-forms', kind: 'django-forms', signIn: 'username', forgotPage: true },
        ],
      },
    })
  })

  test('an e-mail server: both say people sign in with their e-mail address', async () => {
    const result = await detect(byEmail)
    expect(result).toMatchObject({
      ok: true,
      value: {
        found: [
          { software: 'djoser', signIn: 'email' },
          { software: 'django-forms', signIn: 'email' },
        ],
      },
    })
  })

  test('Bootstrap-styled pages (crispy-forms) are still Django’s pages', async () => {
    const result = await detect(crispy)
    expect(result).toMatchObject({
      ok: true,
      value: { found: [{ software: 'djoser' }, { software: 'django-forms', forgotPage: true }] },
    })
  })

  test('through the bridge: the found kind is added and signs in; the same address again is refused unasked', async () => {
    const detected = await services.handlers.detectServer({ baseUrl: `${byEmail.baseUrl}/` })
    if (!detected.ok) throw new Error(detected.error.message.code)
    expect(detected.value.baseUrl).toBe(byEmail.baseUrl)
    const kind = detected.value.found[0]?.kind
    if (!kind) throw new Error('no kind found')
    const added = await services.handlers.addServer({
      displayName: 'Mail Corp',
      baseUrl: byEmail.baseUrl,
      kind,
    })
    expect(added).toMatchObject({ ok: true, value: { kind: 'djoser', signInWith: 'email' } })
    await byEmail.createUser('detected', 'detected@example.com', 'Sw0rdfish-detect-42')
    if (!added.ok) return
    const signedIn = await services.handlers.signIn({
      serverId: added.value.id,
      username: 'detected@example.com',
      password: 'Sw0rdfish-detect-42',
    })
    expect(signedIn).toMatchObject({ ok: true })
    expect(await services.handlers.detectServer({ baseUrl: byEmail.baseUrl })).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        message: { code: 'server.already-listed' },
        fieldCodes: { baseUrl: [{ code: 'server.already-listed' }] },
      },
    })
  })
})
