/**
 * Failure cases 1–9 of security.md, against a local misbehaving server: every one reaches the caller as the
 * right error kind with its fields, nothing is retried that could change something twice, and each call ends
 * by its deadline.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createBackend, type DjangoFormsBackend, type DjoserBackend } from '../../src/main/backends'
import { createNetRequestFetch } from '../../src/main/http/net-request-fetch'
import { silentLogger } from '../../src/main/log'
import { serverProfileSchema } from '../../src/shared/profile'
import { onTimeBound, timed } from '../helpers/timing'
import { toolsRequired } from '../helpers/tools-required'
import { createFakeElectronNet } from '../servers/fake-electron-net'
import { htmlPage, refusedBaseUrl, startFaultServer, type FaultServer } from '../servers/fault-server'

const TOKEN = 'a'.repeat(40)
const LINK = { uid: 'MQ', token: 'diuuld-2d25ac86beb4c8259fb9653408c7ceb9' }
const PW = 'Quartz-Lantern-58'

let fault: FaultServer
let elsewhere: FaultServer

beforeAll(async () => {
  ;[fault, elsewhere] = await Promise.all([startFaultServer(), startFaultServer()])
})
afterAll(async () => {
  await Promise.all([fault?.close(), elsewhere?.close()])
})
beforeEach(() => {
  fault.reset()
  elsewhere.reset()
})

const profileFor = (baseUrl: string, kind: 'djoser' | 'django-forms') =>
  serverProfileSchema.parse({ id: 'faulty', displayName: 'Faulty', baseUrl, kind, timeoutMs: DEADLINE_MS })
const djoserAt = (baseUrl: string): DjoserBackend =>
  createBackend(profileFor(baseUrl, 'djoser') as ReturnType<typeof profileFor> & { kind: 'djoser' }, {
    fetch,
    logger: silentLogger,
  })
const formsAt = (baseUrl: string): DjangoFormsBackend =>
  createBackend(
    profileFor(baseUrl, 'django-forms') as ReturnType<typeof profileFor> & { kind: 'django-forms' },
    {
      fetch,
      logger: silentLogger,
    },
  )

/** The adapters' deadline (profileFor's timeoutMs). */
const DEADLINE_MS = 1000

describe('djoser adapter: failure cases', () => {
  let backend: DjoserBackend
  const session = () => {
    const restored = backend.restoreSession(
      JSON.stringify({ v: 1, kind: 'djoser', serverId: 'faulty', token: TOKEN }),
    )
    if (!restored) throw new Error('restore')
    return restored
  }
  beforeEach(() => {
    backend = djoserAt(fault.baseUrl)
  })
  /** One answered call to the same server, now: the machine's current speed. */
  const baseline = async () => {
    fault.on('GET', '/baseline/', { kind: 'json', status: 200, body: {} })
    return (await timed(() => fetch(`${fault.baseUrl}/baseline/`).then((r) => r.text()))).ms
  }

  test('1. connection refused: unreachable', async () => {
    const refused = djoserAt(await refusedBaseUrl())
    expect(await refused.signIn('alice', PW)).toEqual({
      ok: false,
      error: {
        kind: 'unreachable',
        host: expect.any(String),
        message: { code: 'unreachable' },
      },
    })
    expect(await refused.requestReset('a@example.com')).toMatchObject({
      ok: false,
      error: { kind: 'unreachable' },
    })
  })

  test('1. DNS failure: unreachable', async () => {
    const nowhere = djoserAt('https://no-such-host.invalid')
    expect(
      await nowhere.whoAmI(
        nowhere.restoreSession(JSON.stringify({ v: 1, kind: 'djoser', serverId: 'faulty', token: TOKEN }))!,
      ),
    ).toMatchObject({
      ok: false,
      error: { kind: 'unreachable', host: 'no-such-host.invalid' },
    })
  })

  test('2–3. a server that never answers a POST: timeout by the deadline, and it may have applied', async () => {
    const base = await baseline()
    fault.on('POST', '/auth/users/reset_password/', { kind: 'hang' })
    const { value, ms } = await timed(() => backend.requestReset('a@example.com'))
    expect(value).toEqual({
      ok: false,
      error: { kind: 'timeout', message: { code: 'timeout.may-have-applied' }, mayHaveApplied: true },
    })
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS * 0.95)
    expect(ms).toBeLessThan(onTimeBound(DEADLINE_MS, base))
    // Never retried: it sends mail.
    expect(fault.requests.filter((r) => r.path === '/auth/users/reset_password/')).toHaveLength(1)
  })

  test('2. a GET that never answers: timeout that changed nothing', async () => {
    const base = await baseline()
    fault.on('GET', '/auth/users/me/', { kind: 'hang' })
    const { value, ms } = await timed(() => backend.whoAmI(session()))
    expect(value).toEqual({
      ok: false,
      error: { kind: 'timeout', message: { code: 'timeout.try-again' }, mayHaveApplied: false },
    })
    expect(ms).toBeLessThan(onTimeBound(DEADLINE_MS, base))
  })

  test('2. headers arrive, the body stalls: the deadline still fires', async () => {
    const base = await baseline()
    fault.on('POST', '/auth/token/login/', {
      kind: 'stall',
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      partialBody: '{"auth_token": "aaaa',
      declaredLength: 60,
    })
    const { value, ms } = await timed(() => backend.signIn('alice', PW))
    expect(value).toMatchObject({ ok: false, error: { kind: 'timeout', mayHaveApplied: true } })
    expect(ms).toBeLessThan(onTimeBound(DEADLINE_MS, base))
  })

  test('2. the caller cancels: cancelled, promptly', async () => {
    const base = await baseline()
    fault.on('POST', '/auth/token/login/', { kind: 'hang' })
    const controller = new AbortController()
    const pending = backend.signIn('alice', PW, { signal: controller.signal })
    await new Promise((r) => setTimeout(r, 100))
    // Measured from the cancel: it must end the call promptly, well before the deadline.
    const { value, ms } = await timed(() => (controller.abort(), pending))
    expect(value).toEqual({ ok: false, error: { kind: 'cancelled', message: { code: 'cancelled' } } })
    expect(ms).toBeLessThan(Math.min(onTimeBound(0, base), DEADLINE_MS))
  })

  test.each([
    ['seconds', '120', 120, 'Request was throttled. Expected available in 120 seconds.'],
    ['missing', undefined, 60, 'Request was throttled.'],
    ['huge', '99999999', 3600, 'Request was throttled.'],
    ['garbage', 'soon', 60, 'Request was throttled.'],
  ])('4. 429 with Retry-After %s', async (_name, header, seconds, detail) => {
    fault.on('POST', '/auth/users/reset_password/', {
      kind: 'json',
      status: 429,
      body: { detail },
      headers: header === undefined ? {} : { 'Retry-After': header },
    })
    expect(await backend.requestReset('a@example.com')).toEqual({
      ok: false,
      error: {
        kind: 'rate-limited',
        message: { code: 'rate-limited', seconds },
        serverMessage: detail,
        retryAfterSeconds: seconds,
      },
    })
  })

  test('4. 429 with Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 90_000).toUTCString()
    fault.on('POST', '/auth/users/reset_password/', {
      kind: 'json',
      status: 429,
      body: { detail: 'Slow down.' },
      headers: { 'Retry-After': at },
    })
    const result = await backend.requestReset('a@example.com')
    if (result.ok || result.error.kind !== 'rate-limited') throw new Error(JSON.stringify(result))
    expect(result.error.retryAfterSeconds).toBeGreaterThanOrEqual(88)
    expect(result.error.retryAfterSeconds).toBeLessThanOrEqual(91)
    expect(result.error.serverMessage).toBe('Slow down.')
  })

  test('4. 429 with an HTML body: the app’s own words with the wait', async () => {
    fault.on('POST', '/auth/token/login/', {
      kind: 'reply',
      status: 429,
      headers: { 'Content-Type': 'text/html', 'Retry-After': '30' },
      body: htmlPage('Too Many Requests'),
    })
    expect(await backend.signIn('alice', PW)).toEqual({
      ok: false,
      error: {
        kind: 'rate-limited',
        message: { code: 'rate-limited', seconds: 30 },
        retryAfterSeconds: 30,
      },
    })
  })

  test.each([500, 502, 503])(
    '5. %i with an HTML page: a server error, the POST sent once',
    async (status) => {
      fault.on('POST', '/auth/token/login/', {
        kind: 'reply',
        status,
        headers: { 'Content-Type': 'text/html' },
        body: htmlPage('Error'),
      })
      const result = await backend.signIn('alice', PW)
      expect(result).toEqual({
        ok: false,
        error: { kind: 'server', status, message: expect.objectContaining({ status }) },
      })
      expect(fault.requests).toHaveLength(1)
    },
  )

  test('5. a GET is retried once after a 503, and succeeds when the server recovers', async () => {
    fault.on('GET', '/auth/users/me/', {
      kind: 'sequence',
      steps: [
        {
          kind: 'reply',
          status: 503,
          headers: { 'Content-Type': 'text/html' },
          body: htmlPage('Unavailable'),
        },
        { kind: 'json', status: 200, body: { username: 'alice', email: 'alice@example.com', id: 1 } },
      ],
    })
    expect(await backend.whoAmI(session())).toEqual({
      ok: true,
      value: { username: 'alice', email: 'alice@example.com', id: '1' },
    })
    expect(fault.requests).toHaveLength(2)
  })

  test('5. a GET that keeps failing is tried twice, no more', async () => {
    fault.on('GET', '/auth/users/me/', {
      kind: 'reply',
      status: 502,
      headers: { 'Content-Type': 'text/html' },
      body: htmlPage('Bad gateway'),
    })
    expect(await backend.whoAmI(session())).toMatchObject({
      ok: false,
      error: { kind: 'server', status: 502 },
    })
    expect(fault.requests).toHaveLength(2)
  })

  test('6. a captive portal’s 200 HTML page is not a sign-in, and not a sent reset mail', async () => {
    const portal = {
      kind: 'reply' as const,
      status: 200,
      headers: { 'Content-Type': 'text/html' },
      body: htmlPage('Welcome to Hotel Wi-Fi'),
    }
    fault.on('POST', '/auth/token/login/', portal)
    fault.on('POST', '/auth/users/reset_password/', portal)
    expect(await backend.signIn('alice', PW)).toEqual({
      ok: false,
      error: { kind: 'unexpected-response', message: { code: 'captive-portal' }, status: 200 },
    })
    expect(await backend.requestReset('a@example.com')).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', status: 200 },
    })
  })

  test('6. a redirect to another host is not followed', async () => {
    fault.on('POST', '/auth/token/login/', {
      kind: 'reply',
      status: 302,
      headers: { Location: `${elsewhere.baseUrl}/portal/login/` },
    })
    const result = await backend.signIn('alice', PW)
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'unexpected-response',
        status: 302,
        message: { code: 'redirect.other-site', host: `127.0.0.1:${elsewhere.port}` },
      },
    })
    expect(elsewhere.requests).toHaveLength(0)
  })

  test('6. a same-origin redirect of a POST (missing trailing slash elsewhere) is not followed either', async () => {
    fault.on('POST', '/auth/users/reset_password/', {
      kind: 'reply',
      status: 301,
      headers: { Location: '/auth/users/reset_password' },
    })
    expect(await backend.requestReset('a@example.com')).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', status: 301 },
    })
    expect(fault.requests).toHaveLength(1)
  })

  test('6. 511 Network Authentication Required: the portal message', async () => {
    fault.on('POST', '/auth/token/login/', {
      kind: 'reply',
      status: 511,
      headers: { 'Content-Type': 'text/html' },
      body: htmlPage('Sign in'),
    })
    expect(await backend.signIn('alice', PW)).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', status: 511, message: { code: 'captive-portal' } },
    })
  })

  test('7. an untrusted certificate: a TLS error, never bypassed', async (context) => {
    const dir = mkdtempSync(join(tmpdir(), 'accountdesk-tls-'))
    let server: Server | undefined
    try {
      try {
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '1',
            '-subj',
            '/CN=127.0.0.1',
            '-keyout',
            join(dir, 'key.pem'),
            '-out',
            join(dir, 'cert.pem'),
          ],
          { stdio: 'ignore' },
        )
      } catch {
        if (toolsRequired()) throw new Error('openssl is needed for the TLS test (apt-get install openssl)')
        context.skip()
        return
      }
      server = createServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'application/json' })
          res.end(JSON.stringify({ auth_token: TOKEN }))
        },
      )
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
      const tls = djoserAt(`https://127.0.0.1:${(server.address() as AddressInfo).port}`)
      expect(await tls.signIn('alice', PW)).toEqual({
        ok: false,
        error: { kind: 'tls', message: { code: 'tls' } },
      })
    } finally {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('8. a proxy that wants credentials (407): a proxy error (through Electron-style net.request)', async () => {
    // Node's fetch turns a 407 into a bare network error; Chromium's stack hands it over once its login event
    // goes unanswered, which is what the app sees.
    fault.on('POST', '/auth/token/login/', {
      kind: 'reply',
      status: 407,
      headers: { 'Proxy-Authenticate': 'Basic realm="corp"' },
    })
    const viaNet = createBackend(
      profileFor(fault.baseUrl, 'djoser') as ReturnType<typeof profileFor> & { kind: 'djoser' },
      {
        fetch: createNetRequestFetch(createFakeElectronNet().request),
        logger: silentLogger,
      },
    )
    expect(await viaNet.signIn('alice', PW)).toEqual({
      ok: false,
      error: { kind: 'proxy', message: { code: expect.stringMatching(/^proxy\./) } },
    })
  })

  test.each([
    ['a status of 999', { kind: 'reply' as const, status: 999, body: '{}' }],
    [
      'a Latin-1 header byte (U+FFFD once Electron decodes it)',
      { kind: 'reply' as const, status: 200, headers: { 'X-Note': 'caf\u00e9' }, body: '{}' },
    ],
  ])(
    'Electron-style net.request, %s: an unexpected response, not a call that never ends',
    async (_what, behavior) => {
      fault.on('POST', '/auth/token/login/', behavior)
      const viaNet = createBackend(
        profileFor(fault.baseUrl, 'djoser') as ReturnType<typeof profileFor> & { kind: 'djoser' },
        { fetch: createNetRequestFetch(createFakeElectronNet().request), logger: silentLogger },
      )
      expect(await viaNet.signIn('alice', PW)).toEqual({
        ok: false,
        error: { kind: 'unexpected-response', message: { code: expect.any(String) } },
      })
    },
  )

  test('8. Chromium’s proxy failures: a proxy error', async () => {
    const proxyDown: typeof fetch = async () => {
      throw new Error('net::ERR_PROXY_CONNECTION_FAILED')
    }
    const viaProxy = createBackend(
      profileFor(fault.baseUrl, 'djoser') as ReturnType<typeof profileFor> & { kind: 'djoser' },
      {
        fetch: proxyDown,
        logger: silentLogger,
      },
    )
    expect(await viaProxy.signIn('alice', PW)).toEqual({
      ok: false,
      error: { kind: 'proxy', message: { code: expect.stringMatching(/^proxy\./) } },
    })
  })

  test('9. truncated JSON in a complete answer: unexpected response', async () => {
    fault.on('POST', '/auth/token/login/', {
      kind: 'reply',
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '{"auth_token": "aaaa',
    })
    expect(await backend.signIn('alice', PW)).toEqual({
      ok: false,
      error: {
        kind: 'unexpected-response',
        status: 200,
        message: expect.objectContaining({ code: 'response.bad-json' }),
      },
    })
  })

  test('9. the connection drops mid-body: a POST may or may not have applied, and is not retried', async () => {
    fault.on('POST', '/auth/users/set_password/', {
      kind: 'cut',
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      partialBody: '{"det',
      declaredLength: 50,
    })
    const result = await backend.changePassword(session(), {
      current: PW,
      new: 'Velvet-Harbour-91',
      retype: 'Velvet-Harbour-91',
    })
    expect(result).toEqual({
      ok: false,
      error: { kind: 'unexpected-response', message: { code: expect.stringMatching(/may-have-applied$/) } },
    })
    expect(fault.requests).toHaveLength(1)
  })

  test('9. the connection closes without an answer: a GET is retried once, then unreachable', async () => {
    fault.on('GET', '/auth/users/me/', { kind: 'destroy' })
    expect(await backend.whoAmI(session())).toMatchObject({ ok: false, error: { kind: 'unreachable' } })
    expect(fault.requests).toHaveLength(2)
  })

  test('9. wrong shapes: a login answer without a token, a “me” that is a list', async () => {
    fault.on('POST', '/auth/token/login/', { kind: 'json', status: 200, body: { token: 5 } })
    fault.on('GET', '/auth/users/me/', { kind: 'json', status: 200, body: [] })
    expect(await backend.signIn('alice', PW)).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', status: 200 },
    })
    expect(await backend.whoAmI(session())).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', status: 200 },
    })
  })

  test('9. DRF’s error shapes each land on their field', async () => {
    fault.on('POST', '/auth/users/reset_password_confirm/', {
      kind: 'sequence',
      steps: [
        { kind: 'json', status: 400, body: ['User with given email does not exist.'] },
        { kind: 'json', status: 400, body: { non_field_errors: ['Nope.'] } },
        {
          kind: 'json',
          status: 400,
          body: { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' },
        },
        {
          kind: 'json',
          status: 400,
          body: {
            new_password: ['A.', 'B.'],
            re_new_password: ['C.'],
            token: ['Invalid token for given user.'],
          },
        },
        { kind: 'json', status: 400, body: { token: ['Invalid token for given user.'] } },
        { kind: 'json', status: 400, body: { uid: ['Invalid user id or user doesn’t exist.'] } },
      ],
    })
    const confirm = () => backend.confirmReset({ ...LINK, newPassword: PW, retypePassword: PW })
    expect(await confirm()).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        message: { code: 'form.check-fields' },
        fields: { form: ['User with given email does not exist.'] },
      },
    })
    expect(await confirm()).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: { form: ['Nope.'] } },
    })
    expect(await confirm()).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: { form: [expect.stringMatching(/^JSON parse error/)] } },
    })
    expect(await confirm()).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        message: { code: 'form.check-fields' },
        fields: {
          newPassword: ['A.', 'B.'],
          retypePassword: ['C.'],
          token: ['Invalid token for given user.'],
        },
      },
    })
    expect(await confirm()).toMatchObject({
      ok: false,
      error: { kind: 'link-invalid', reason: 'dead', serverId: 'faulty' },
    })
    expect(await confirm()).toMatchObject({ ok: false, error: { kind: 'link-invalid', reason: 'dead' } })
  })

  test('9. a 401 in the middle of a change: sign in again, with the server’s words', async () => {
    fault.on('POST', '/auth/users/set_password/', {
      kind: 'json',
      status: 401,
      body: { detail: 'Invalid token.' },
      headers: { 'WWW-Authenticate': 'Token' },
    })
    expect(
      await backend.changePassword(session(), {
        current: PW,
        new: 'Velvet-Harbour-91',
        retype: 'Velvet-Harbour-91',
      }),
    ).toEqual({
      ok: false,
      error: {
        kind: 'auth',
        message: { code: 'session.ended' },
        serverMessage: 'Invalid token.',
        sessionExpired: true,
      },
    })
  })

  test('a 404 says the server does not offer this at that address', async () => {
    expect(await backend.signIn('alice', PW)).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', status: 404, message: { code: 'server.not-found', status: 404 } },
    })
  })

  test('requests carry what djoser needs: trailing slash, JSON, Accept, Token header', async () => {
    fault.on('POST', '/auth/users/set_password/', { kind: 'reply', status: 204 })
    fault.on('GET', '/auth/users/me/', {
      kind: 'json',
      status: 200,
      body: { username: 'alice', id: 1, email: '' },
    })
    const result = await backend.changePassword(session(), {
      current: PW,
      new: 'Velvet-Harbour-91',
      retype: 'Velvet-Harbour-91',
    })
    expect(result).toMatchObject({ ok: true, value: { otherSessions: 'may-remain' } })
    const [post, me] = fault.requests
    expect(post?.path).toBe('/auth/users/set_password/')
    expect(post?.headers['authorization']).toBe(`Token ${TOKEN}`)
    expect(post?.headers['accept']).toBe('application/json')
    expect(post?.headers['content-type']).toBe('application/json')
    // re_new_password always: servers with SET_PASSWORD_RETYPE need it, the others ignore it.
    expect(JSON.parse(post?.body ?? '')).toEqual({
      current_password: PW,
      new_password: 'Velvet-Harbour-91',
      re_new_password: 'Velvet-Harbour-91',
    })
    expect(me?.path).toBe('/auth/users/me/')
  })
})

describe('django-forms adapter: failure cases', () => {
  let backend: DjangoFormsBackend
  const csrf = 'c'.repeat(64)
  const form = (inputs: string) =>
    `<!doctype html><html><body><form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${csrf}">${inputs}<button>Go</button></form></body></html>`
  const html = (body: string, status = 200, headers: Record<string, string | string[]> = {}) => ({
    kind: 'reply' as const,
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
    body,
  })
  const session = () => {
    const restored = backend.restoreSession(
      JSON.stringify({
        v: 1,
        kind: 'django-forms',
        serverId: 'faulty',
        username: 'alice',
        cookies: [
          { name: 'sessionid', value: 's1', path: '/' },
          { name: 'csrftoken', value: csrf, path: '/' },
        ],
      }),
    )
    if (!restored) throw new Error('restore')
    return restored
  }
  beforeEach(() => {
    backend = formsAt(fault.baseUrl)
  })

  test('1. connection refused: unreachable', async () => {
    expect(await formsAt(await refusedBaseUrl()).signIn('alice', PW)).toMatchObject({
      ok: false,
      error: { kind: 'unreachable' },
    })
  })

  test('6. a portal page where the sign-in form should be', async () => {
    fault.on('GET', '/accounts/login/', html(htmlPage('Welcome to Hotel Wi-Fi')))
    expect(await backend.signIn('alice', PW)).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', message: { code: 'captive-portal' } },
    })
  })

  test('6. a redirect to another host is not followed, even for a GET', async () => {
    fault.on('GET', '/accounts/password_reset/', {
      kind: 'reply',
      status: 302,
      headers: { Location: `${elsewhere.baseUrl}/login` },
    })
    expect(await backend.requestReset('a@example.com')).toMatchObject({
      ok: false,
      error: {
        kind: 'unexpected-response',
        message: { code: 'redirect.other-site', host: `127.0.0.1:${elsewhere.port}` },
      },
    })
    expect(elsewhere.requests).toHaveLength(0)
  })

  test('a sign-in form whose action is on another host, or that submits by GET, is refused: nothing is sent', async () => {
    const inputs = '<input name="username"><input type="password" name="password">'
    fault.on(
      'GET',
      '/accounts/login/',
      html(
        form(inputs).replace(
          '<form method="post">',
          `<form method="post" action="${elsewhere.baseUrl}/collect">`,
        ),
      ),
    )
    const refused = {
      ok: false,
      error: {
        kind: 'unexpected-response',
        message: expect.objectContaining({ code: 'form.sends-elsewhere' }),
      },
    }
    expect(await backend.signIn('alice', PW)).toMatchObject(refused)
    fault.on('GET', '/accounts/login/', html(form(inputs).replace('method="post"', 'method="get"')))
    expect(await backend.signIn('alice', PW)).toMatchObject(refused)
    expect(fault.requests.every((r) => r.method === 'GET')).toBe(true)
    expect(elsewhere.requests).toHaveLength(0)
  })

  test('a form’s action on the same server is where the post goes', async () => {
    const inputs = '<input type="email" name="email">'
    fault.on(
      'GET',
      '/accounts/password_reset/',
      html(form(inputs).replace('method="post"', 'method="post" action="/reset/start/?step=2"')),
    )
    fault.on('POST', '/reset/start/', {
      kind: 'reply',
      status: 302,
      headers: { Location: '/accounts/password_reset/done/' },
    })
    expect(await backend.requestReset('a@example.com')).toEqual({ ok: true, value: undefined })
    expect(fault.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /accounts/password_reset/',
      'POST /reset/start/',
    ])
  })

  test('the link’s redirect: followed with the session cookie it sets, and enough on its own for checkLink', async () => {
    const linkPath = `/accounts/reset/${LINK.uid}/${LINK.token}/`
    const setPassword = `/accounts/reset/${LINK.uid}/set-password/`
    fault.on('GET', linkPath, {
      kind: 'reply',
      status: 302,
      headers: { Location: setPassword, 'Set-Cookie': ['sessionid=abc123; HttpOnly; Path=/; SameSite=Lax'] },
    })
    fault.on(
      'GET',
      setPassword,
      html(form('<input type="password" name="new_password1"><input type="password" name="new_password2">')),
    )
    fault.on('POST', setPassword, {
      kind: 'reply',
      status: 302,
      headers: { Location: '/accounts/reset/done/' },
    })
    expect(await backend.checkLink(LINK)).toEqual({ ok: true, value: 'valid' })
    expect(fault.requests.map((r) => r.path)).toEqual([linkPath])
    fault.requests.length = 0
    expect(await backend.confirmReset({ ...LINK, newPassword: PW, retypePassword: PW })).toEqual({
      ok: true,
      value: { otherSessions: 'signed-out' },
    })
    expect(fault.requests.map((r) => `${r.method} ${r.path} ${r.headers['cookie'] ?? '-'}`)).toEqual([
      `GET ${linkPath} -`,
      `GET ${setPassword} sessionid=abc123`,
      `POST ${setPassword} sessionid=abc123`,
    ])
    expect(Object.fromEntries(new URLSearchParams(fault.requests[2]?.body))).toEqual({
      csrfmiddlewaretoken: csrf,
      new_password1: PW,
      new_password2: PW,
    })
  })

  test('a link redirect whose session cookie never arrives is not reported as a dead link', async () => {
    fault.on('GET', `/accounts/reset/${LINK.uid}/${LINK.token}/`, {
      kind: 'reply',
      status: 302,
      headers: { Location: `/accounts/reset/${LINK.uid}/set-password/` },
    })
    fault.on(
      'GET',
      `/accounts/reset/${LINK.uid}/set-password/`,
      html(htmlPage('Password reset unsuccessful')),
    )
    expect(await backend.confirmReset({ ...LINK, newPassword: PW, retypePassword: PW })).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', message: { code: 'link.session-lost' } },
    })
  })

  test('a redirect loop ends after five hops', async () => {
    fault.on('GET', '/accounts/password_reset/', {
      kind: 'reply',
      status: 302,
      headers: { Location: '/accounts/password_reset/' },
    })
    expect(await backend.requestReset('a@example.com')).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', message: { code: 'redirect.too-many' } },
    })
    expect(fault.requests.length).toBe(6)
  })

  test('4. a throttled form post (429 HTML): rate-limited with Retry-After', async () => {
    fault.on('GET', '/accounts/password_reset/', html(form('<input type="email" name="email">')))
    fault.on(
      'POST',
      '/accounts/password_reset/',
      html(htmlPage('Too many requests'), 429, { 'Retry-After': '600' }),
    )
    expect(await backend.requestReset('a@example.com')).toEqual({
      ok: false,
      error: {
        kind: 'rate-limited',
        message: { code: 'rate-limited', seconds: 600 },
        retryAfterSeconds: 600,
      },
    })
    const post = fault.requests[1]
    expect(post?.headers['cookie']).toBeUndefined()
    expect(new URLSearchParams(post?.body).get('csrfmiddlewaretoken')).toBe(csrf)
    expect(post?.headers['referer']).toBe(`${fault.baseUrl}/accounts/password_reset/`)
  })

  test('5. 503 on the sign-in page: a server error', async () => {
    fault.on('GET', '/accounts/login/', html(htmlPage('Service Unavailable'), 503))
    expect(await backend.signIn('alice', PW)).toMatchObject({
      ok: false,
      error: { kind: 'server', status: 503 },
    })
  })

  test('2–3. the final confirm post hangs: timeout that may have applied; a hanging link page changed nothing', async () => {
    fault.on(
      'GET',
      `/accounts/reset/${LINK.uid}/${LINK.token}/`,
      html(form('<input type="password" name="new_password1"><input type="password" name="new_password2">')),
    )
    fault.on('POST', `/accounts/reset/${LINK.uid}/${LINK.token}/`, { kind: 'hang' })
    expect(await backend.confirmReset({ ...LINK, newPassword: PW, retypePassword: PW })).toMatchObject({
      ok: false,
      error: { kind: 'timeout', mayHaveApplied: true },
    })
    fault.reset()
    fault.on('GET', `/accounts/reset/${LINK.uid}/${LINK.token}/`, { kind: 'hang' })
    expect(await backend.confirmReset({ ...LINK, newPassword: PW, retypePassword: PW })).toMatchObject({
      ok: false,
      error: { kind: 'timeout', mayHaveApplied: false },
    })
  })

  test('9. the session ends during a change: login_required’s redirect means sign in again', async () => {
    fault.on(
      'GET',
      '/accounts/password_change/',
      html(
        form(
          '<input type="password" name="old_password"><input name="new_password1"><input name="new_password2">',
        ),
      ),
    )
    fault.on('POST', '/accounts/password_change/', {
      kind: 'reply',
      status: 302,
      headers: { Location: '/accounts/login/?next=/accounts/password_change/' },
    })
    expect(
      await backend.changePassword(session(), {
        current: PW,
        new: 'Velvet-Harbour-91',
        retype: 'Velvet-Harbour-91',
      }),
    ).toEqual({
      ok: false,
      error: { kind: 'auth', message: { code: 'session.ended' }, sessionExpired: true },
    })
    expect(fault.requests[0]?.headers['cookie']).toBe(`sessionid=s1; csrftoken=${csrf}`)
  })

  test('a CSRF refusal (403) is told as such', async () => {
    fault.on('GET', '/accounts/password_reset/', html(form('<input type="email" name="email">')))
    fault.on(
      'POST',
      '/accounts/password_reset/',
      html('<h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p>', 403),
    )
    expect(await backend.requestReset('a@example.com')).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', status: 403, message: { code: 'form.csrf-refused' } },
    })
  })

  test('a 200 without a form after a link is a dead link; a JSON page is not a Django page', async () => {
    fault.on(
      'GET',
      `/accounts/reset/${LINK.uid}/${LINK.token}/`,
      html('<h1>Password reset unsuccessful</h1><p>The password reset link was invalid.</p>'),
    )
    expect(await backend.checkLink(LINK)).toEqual({ ok: true, value: 'dead' })
    fault.on('GET', `/accounts/reset/${LINK.uid}/${LINK.token}/`, { kind: 'json', status: 200, body: {} })
    expect(await backend.checkLink(LINK)).toMatchObject({ ok: false, error: { kind: 'unexpected-response' } })
  })
})
