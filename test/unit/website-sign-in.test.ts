import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../src/main/services'
import { createSystemOpener } from '../../src/main/security/external-links'
import { dataDirWithServers, testServiceDeps } from '../helpers/service-deps'

/**
 * "Sign in on the website" (a server asking for a second factor or showing a lockout page): the app opens the
 * server's own sign-in page in the system browser, only through the external-opener rules.
 */
describe('openSignInPage: the server’s sign-in page in the system browser', () => {
  let dataDir: string
  let services: Services
  const opened: string[] = []

  beforeAll(async () => {
    dataDir = await dataDirWithServers([
      {
        id: 'intranet',
        displayName: 'Intranet',
        baseUrl: 'https://intranet.example.com',
        kind: 'django-forms',
      },
      { id: 'api', displayName: 'API', baseUrl: 'https://api.example.com', kind: 'djoser' },
      { id: 'local', displayName: 'Local', baseUrl: 'http://127.0.0.1:8000', kind: 'django-forms' },
      { id: 'allauth', displayName: 'Allauth', baseUrl: 'https://id.example.com', kind: 'allauth' },
      {
        id: 'allauth-auth',
        displayName: 'Allauth under auth/',
        baseUrl: 'https://id2.example.com',
        kind: 'allauth',
        confirmPath: 'auth/password/reset/key/{uid}-{token}/',
      },
    ])
    const shell = { openExternal: async (url: string) => void opened.push(url) }
    services = await createServices(testServiceDeps(dataDir, { openExternal: createSystemOpener(shell) }))
  })
  afterAll(async () => {
    await services?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('opens the django-forms server’s login page, and nothing else', async () => {
    expect(await services.handlers.openSignInPage({ serverId: 'intranet' })).toEqual({ ok: true, value: {} })
    expect(opened).toEqual(['https://intranet.example.com/accounts/login/'])
  })

  it('opens an allauth server’s login page, beside its reset key page', async () => {
    opened.length = 0
    expect(await services.handlers.openSignInPage({ serverId: 'allauth' })).toEqual({ ok: true, value: {} })
    expect(await services.handlers.openSignInPage({ serverId: 'allauth-auth' })).toEqual({
      ok: true,
      value: {},
    })
    expect(opened).toEqual(['https://id.example.com/accounts/login/', 'https://id2.example.com/auth/login/'])
  })

  it.each([
    ['api', 'not-found', { code: 'server.no-sign-in-page' }],
    ['nowhere', 'not-found', { code: 'server.not-listed' }],
    ['local', 'policy', { code: 'website.https-only', url: 'http://127.0.0.1:8000/accounts/login/' }],
  ])('%s: refused (%s), the OS opener never called', async (serverId, kind, message) => {
    opened.length = 0
    const result = await services.handlers.openSignInPage({ serverId })
    expect(result).toMatchObject({ ok: false, error: { kind } })
    expect(!result.ok && result.error.message).toEqual(message)
    expect(opened).toEqual([])
  })

  it('without a system browser (the browser shell) it says where to go', async () => {
    const dir = await dataDirWithServers([
      { id: 'intranet', displayName: 'I', baseUrl: 'https://intranet.example.com', kind: 'django-forms' },
    ])
    try {
      const noBrowser = await createServices(testServiceDeps(dir))
      expect(await noBrowser.handlers.openSignInPage({ serverId: 'intranet' })).toMatchObject({
        ok: false,
        error: {
          message: { code: 'website.open-manually', url: 'https://intranet.example.com/accounts/login/' },
        },
      })
      await noBrowser.stop()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
