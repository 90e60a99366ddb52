import { rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../../src/main/services'
import { dataDirWithServers, testServiceDeps } from '../helpers/service-deps'
import { requireDjango, startDjango, type DjangoServer } from '../servers/django'

/**
 * django-forms sign-in against real Django login views that do more than the stock one: a redirect after the
 * login POST is not proof of a session. The app confirms the session (the password-change page with its form);
 * a redirect back to the login page is wrong credentials; anything else is a step the app cannot do here.
 */
const available = requireDjango()
const PASSWORD = 'Quartz-Lantern-58'

describe.runIf(available).each(['lockout', 'second-step', 'failure-redirect'] as const)(
  'django-forms sign-in on a server with the %s login view',
  (step) => {
    let django: DjangoServer
    let dataDir: string

    beforeAll(async () => {
      django = await startDjango({ signInStep: step })
      await django.createUser('alice', 'alice@example.com', PASSWORD)
      dataDir = await dataDirWithServers([
        { id: 'corp', displayName: 'Corp', baseUrl: django.baseUrl, kind: 'django-forms' },
      ])
    })
    afterAll(async () => {
      await django?.stop()
      if (dataDir) await rm(dataDir, { recursive: true, force: true })
    })

    const signIn = async (password: string) => {
      const services = await createServices(
        testServiceDeps(dataDir, { fetch: globalThis.fetch, now: () => new Date() }),
      )
      try {
        const result = await services.handlers.signIn({ serverId: 'corp', username: 'alice', password })
        const accounts = await services.handlers.listAccounts({})
        return { result, accounts: accounts.ok ? accounts.value : [] }
      } finally {
        await services.stop()
      }
    }

    if (step === 'failure-redirect') {
      it('a redirect back to the login page is a wrong username or password', async () => {
        const { result, accounts } = await signIn('not-the-password')
        expect(result).toEqual({
          ok: false,
          error: { kind: 'auth', message: { code: 'auth.wrong-credentials' }, sessionExpired: false },
        })
        expect(accounts).toEqual([])
      })
      it('the right password still signs in (the stock success path)', async () => {
        const { result } = await signIn(PASSWORD)
        expect(result).toMatchObject({ ok: true, value: { username: 'alice', signedIn: true } })
      })
      return
    }

    it('the right password is not shown as signed in: the user is sent to the website', async () => {
      const { result, accounts } = await signIn(PASSWORD)
      expect(result).toMatchObject({
        ok: false,
        error: { kind: 'auth', sessionExpired: false, signInOnWebsite: true },
      })
      expect(!result.ok && result.error.message).toEqual({ code: 'auth.sign-in-on-website' })
      expect(accounts).toEqual([])
    })
  },
)

/** A server whose login answers a token but whose who-am-I fails: the app must not show the account signed in. */
describe('a sign-in the server does not confirm (who-am-I fails)', () => {
  it('is an error, keeps no account, and ends the unconfirmed token', async () => {
    const seen: string[] = []
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`)
      req.resume()
      req.on('end', () => {
        if (req.url === '/auth/token/login/') {
          res.writeHead(200, { 'Content-Type': 'application/json' })
          res.end(JSON.stringify({ auth_token: 'abc123' }))
        } else if (req.url === '/auth/token/logout/') {
          res.writeHead(204)
          res.end()
        } else {
          res.writeHead(500, { 'Content-Type': 'text/plain' })
          res.end('boom')
        }
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const dataDir = await dataDirWithServers([{ id: 'api', displayName: 'API', baseUrl, kind: 'djoser' }])
    try {
      const services = await createServices(
        testServiceDeps(dataDir, { fetch: globalThis.fetch, now: () => new Date() }),
      )
      const result = await services.handlers.signIn({
        serverId: 'api',
        username: 'alice',
        password: PASSWORD,
      })
      expect(result).toMatchObject({ ok: false, error: { kind: 'server' } })
      expect(await services.handlers.listAccounts({})).toEqual({ ok: true, value: [] })
      await expect.poll(() => seen).toContain('POST /auth/token/logout/')
      await services.stop()
    } finally {
      await new Promise((resolve) => server.close(resolve))
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
