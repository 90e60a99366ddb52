import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { registerHandlers, type IpcInvokeEventLike } from '../../src/main/ipc/register'
import { createLogger } from '../../src/main/log'
import { isAppOrigin } from '../../src/main/security/origin'
import { startTestServices } from '../helpers/service-deps'
import { channelOf, type InvokeName, type RequestOf } from '../../src/shared/contract'
import type { AppError } from '../../src/shared/errors'
import { onTimeBound, timed } from '../helpers/timing'
import i18next, { type TFunction } from 'i18next'
import enErrors from '../../src/renderer/src/i18n/locales/en/errors.json'

// The renderer's heading for each kind of error (typechecked in the web project, so loaded by path here).
const RENDERER_DESCRIBE = path.resolve(import.meta.dirname, '../../src/renderer/src/errors/describe.ts')
const { errorTitle, errorMessage } = (await import(/* @vite-ignore */ RENDERER_DESCRIBE)) as {
  errorTitle: (t: TFunction<'errors'>, error: AppError) => string
  errorMessage: (t: TFunction<'errors'>, error: AppError) => string | { server: string }
}
// The English catalog the renderer words main's codes with (the same i18next, without the DOM).
const words = i18next.createInstance()
await words.init({
  lng: 'en',
  ns: ['errors'],
  resources: { en: { errors: enErrors } },
  interpolation: { escapeValue: false },
})
const t = words.getFixedT('en', 'errors')

/**
 * Failure cases 1–10 of security.md, end to end in main: a bridge call through the real IPC wrapper and the real
 * services, backend and HTTP client, against a fake network that misbehaves in each way. Every test pins the exact
 * words the user sees (the screen shows errorTitle over main's code, worded in English), checks the app is still usable
 * afterwards, and that no password, token or link reached the answer or the log. docs/security.md's fault
 * table is built from these tests.
 */
const PW = 'Quartz-Lantern-58'
const NEW_PW = 'Velvet-Harbour-91'
const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'
const LINK_TOKEN = 'diuuld-2d25ac86beb4c8259fb9653408c7ceb9'
const LINK = `https://accounts.example.com/reset/MQ/${LINK_TOKEN}`
const NOW = new Date('2026-11-30T12:00:00.000Z')
const SECRETS = [PW, NEW_PW, TOKEN, LINK_TOKEN]

// --- a fake network -------------------------------------------------------------------------------------------

type Reply = Response | 'hang' | 'stall' | Error | ((request: Request) => Reply)
interface Net {
  fetch: typeof fetch
  routes: Map<string, Reply[]>
  requests: { method: string; path: string; body: string }[]
  /** The reply to `METHOD /path`; several replies are used in turn, the last one for good. */
  on(method: string, pathname: string, ...replies: Reply[]): void
  /** Every request fails below HTTP with this error. */
  down(error: Error | null): void
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })
const html = (status: number, title: string, headers: Record<string, string> = {}) =>
  new Response(
    `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
    {
      status,
      headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
    },
  )
const transport = (code: string, message = 'fetch failed') =>
  Object.assign(new TypeError(message), { cause: Object.assign(new Error(code), { code }) })
const chromium = (code: string) => new Error(`net::${code}`)

function fakeNet(): Net {
  const routes = new Map<string, Reply[]>()
  const requests: Net['requests'] = []
  let downWith: Error | null = null
  const abortable = (signal: AbortSignal | null | undefined) =>
    new Promise<never>((_resolve, reject) => {
      const fail = () =>
        reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'))
      if (signal?.aborted) fail()
      signal?.addEventListener('abort', fail, { once: true })
    })
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init)
    const signal = init?.signal ?? request.signal
    const url = new URL(request.url)
    const body = request.method === 'GET' ? '' : await request.clone().text()
    requests.push({ method: request.method, path: url.pathname, body })
    if (downWith) throw downWith
    const queue = routes.get(`${request.method} ${url.pathname}`)
    let reply: Reply =
      queue && queue.length > 1 ? queue.shift()! : (queue?.[0] ?? json(404, { detail: 'Not found.' }))
    while (typeof reply === 'function') reply = reply(request)
    if (reply === 'hang') return abortable(signal)
    if (reply === 'stall') {
      // Headers arrive; the body starts and never finishes.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"auth_token": "aaaa'))
          signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true })
        },
      })
      return new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } })
    }
    if (reply instanceof Error) throw reply
    return reply.clone()
  }) as typeof fetch
  return {
    fetch,
    routes,
    requests,
    on: (method, pathname, ...replies) => void routes.set(`${method} ${pathname}`, replies),
    down: (error) => void (downWith = error),
  }
}

// --- the app --------------------------------------------------------------------------------------------------

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

async function startApp() {
  const net = fakeNet()
  const logs: string[] = []
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'security-faults-'))
  dirs.push(dataDir)
  await writeFile(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({
      version: 1,
      servers: [
        {
          id: 'corp',
          displayName: 'Corp',
          baseUrl: 'https://accounts.example.com',
          kind: 'djoser',
          timeoutMs: DEADLINE_MS,
        },
      ],
    }),
  )
  const logger = createLogger(
    (line) => logs.push(line),
    'debug',
    () => NOW,
  )
  const events: unknown[] = []
  const services = await startTestServices(dataDir, {
    fetch: net.fetch,
    logger,
    emit: (name, payload) => events.push({ name, payload }),
    now: () => NOW,
  })
  const listeners = new Map<string, (e: IpcInvokeEventLike, p: unknown) => Promise<unknown>>()
  registerHandlers(
    { handle: (c, l) => void listeners.set(c, l), removeHandler: (c) => void listeners.delete(c) },
    services.handlers,
    { isAppUrl: (u) => isAppOrigin(u), logger },
  )
  const frame = { url: 'app://account-desk/index.html', parent: null }
  /** A bridge call exactly as the renderer makes it. */
  const call = async <K extends InvokeName>(name: K, payload: RequestOf<K>) => {
    const result = (await listeners.get(channelOf(name))!(
      { senderFrame: frame, sender: { mainFrame: frame } },
      payload,
    )) as { ok: true; value: unknown } | { ok: false; error: AppError }
    const said = JSON.stringify(result)
    for (const secret of SECRETS) expect(said, `${name} answered with a secret`).not.toContain(secret)
    return result
  }
  const signedIn = async () => {
    net.on('POST', '/auth/token/login/', json(200, { auth_token: TOKEN }))
    net.on('GET', '/auth/users/me/', json(200, { username: 'alice', email: 'alice@example.com', id: 1 }))
    const result = await call('signIn', { serverId: 'corp', username: 'alice', password: PW })
    if (!result.ok) throw new Error(`sign-in failed: ${JSON.stringify(result)}`)
    net.requests.length = 0
    return (result.value as { id: string }).id
  }
  const stillUsable = async () => {
    expect(await call('listServers', {})).toMatchObject({ ok: true, value: [{ id: 'corp' }] })
    const logText = logs.join('\n')
    for (const secret of SECRETS) expect(logText, 'a secret in the log').not.toContain(secret)
  }
  return { net, logs, call, signedIn, stillUsable, services, events }
}

/** What the screen shows for an error: the heading for its kind over main's message. */
const seen = (result: { ok: boolean; error?: AppError }) => {
  if (result.ok || !result.error) throw new Error(`expected a failure, got ${JSON.stringify(result)}`)
  // A validation error's words are the server's, on its fields; the first of them stands for what is seen.
  const onField =
    result.error.kind === 'validation' ? Object.values(result.error.fields).flat()[0] : undefined
  const message = onField ?? errorMessage(t, result.error)
  return `${errorTitle(t, result.error)}: ${typeof message === 'string' ? message : message.server}`
}
/** The configured server's deadline (startApp's timeoutMs). */
const DEADLINE_MS = 1000
/** One answered call through the same app, now: the machine's current speed. */
const baseline = async (app: Awaited<ReturnType<typeof startApp>>) =>
  (await timed(() => app.call('listServers', {}))).ms

const OFFLINE =
  'No connection: This computer is not connected to a network. Check your connection, then try again.'
const UNREACHABLE = (host: string) =>
  `Can’t reach ${host}: Nothing answered at this address. The server may be down, or the address may be wrong. Nothing was sent.`
const PORTAL =
  'Unexpected answer from the server: The server answered with a web page instead of data. If this network needs you to sign in first (hotel, airport, guest Wi-Fi), open a browser and do that, then try again.'
const TLS =
  'The secure connection failed: The server’s security certificate is not valid for this address (expired, for another name, or not trusted). The connection was stopped.'
const MAY_HAVE_APPLIED =
  'It may have worked: The server did not answer in time. The change may already have been made: check (for example by signing in with the new password) before trying again.'

// --- the cases ------------------------------------------------------------------------------------------------

describe('1. offline, DNS failure, connection refused', () => {
  it.each([
    ['connection refused', transport('ECONNREFUSED'), 'unreachable'],
    ['DNS failure', transport('ENOTFOUND'), 'unreachable'],
    ['offline (Chromium)', chromium('ERR_INTERNET_DISCONNECTED'), 'offline'],
    ['DNS failure (Chromium)', chromium('ERR_NAME_NOT_RESOLVED'), 'unreachable'],
  ])(
    '%s: "Can’t reach <server>" or (own network down) "No connection"; the next try works',
    async (_what, error, kind) => {
      const app = await startApp()
      app.net.down(error)
      const failed = await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW })
      if (kind === 'offline') expect(seen(failed)).toBe(OFFLINE)
      else {
        expect(failed).toMatchObject({ error: { kind, host: expect.any(String) } })
        if (!failed.ok && failed.error.kind === 'unreachable')
          expect(seen(failed)).toBe(UNREACHABLE(failed.error.host))
      }
      expect(failed).toMatchObject({ error: { kind } })
      await app.stillUsable()
      app.net.down(null)
      await app.signedIn()
    },
  )
})

describe('2. no answer, or a body that stalls: the deadline fires; the user can cancel', () => {
  it('a GET that never answers: "The server took too long", by the 1 s deadline', async () => {
    const app = await startApp()
    const id = await app.signedIn()
    const base = await baseline(app)
    app.net.on('GET', '/auth/users/me/', 'hang')
    const { value, ms } = await timed(() => app.call('whoAmI', { accountId: id }))
    expect(seen(value)).toBe('The server took too long: The server did not answer in time. Try again.')
    expect(value).toMatchObject({ error: { kind: 'timeout', mayHaveApplied: false } })
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS * 0.9)
    expect(ms).toBeLessThan(onTimeBound(DEADLINE_MS, base))
    await app.stillUsable()
  })

  it('headers arrive and the body stalls: the deadline still fires', async () => {
    const app = await startApp()
    const base = await baseline(app)
    app.net.on('POST', '/auth/token/login/', 'stall')
    const { value, ms } = await timed(() =>
      app.call('signIn', { serverId: 'corp', username: 'alice', password: PW }),
    )
    expect(seen(value)).toBe(MAY_HAVE_APPLIED)
    expect(ms).toBeLessThan(onTimeBound(DEADLINE_MS, base))
    await app.stillUsable()
  })

  it('Cancel ends a call under way at once: "Cancelled"', async () => {
    const app = await startApp()
    const base = await baseline(app)
    app.net.on('POST', '/auth/token/login/', 'hang')
    const pending = app.call('signIn', { serverId: 'corp', username: 'alice', password: PW })
    await new Promise((r) => setTimeout(r, 50))
    // Measured from the cancel: it must end the call promptly, well before the deadline.
    const { value, ms } = await timed(async () => {
      expect(await app.call('cancelPending', {})).toEqual({ ok: true, value: {} })
      return pending
    })
    expect(seen(value)).toBe('Cancelled: Cancelled.')
    expect(ms).toBeLessThan(Math.min(onTimeBound(0, base), DEADLINE_MS / 2))
    await app.stillUsable()
  })
})

describe('3. a timeout after the server may have applied the change: never a blind retry', () => {
  it('change password: "It may have worked", sent once', async () => {
    const app = await startApp()
    const id = await app.signedIn()
    app.net.on('POST', '/auth/users/set_password/', 'hang')
    const result = await app.call('changePassword', {
      accountId: id,
      currentPassword: PW,
      newPassword: NEW_PW,
      retypePassword: NEW_PW,
    })
    expect(seen(result)).toBe(MAY_HAVE_APPLIED)
    expect(result).toMatchObject({ error: { kind: 'timeout', mayHaveApplied: true } })
    expect(app.net.requests.filter((r) => r.path === '/auth/users/set_password/')).toHaveLength(1)
    await app.stillUsable()
  })

  it('confirm reset: "It may have worked", sent once', async () => {
    const app = await startApp()
    const opened = await app.call('openPastedLink', { url: LINK })
    if (!opened.ok) throw new Error(JSON.stringify(opened))
    app.net.on('POST', '/auth/users/reset_password_confirm/', 'hang')
    const handle = (opened.value as { handle: string }).handle
    const result = await app.call('confirmReset', { handle, newPassword: NEW_PW, retypePassword: NEW_PW })
    expect(seen(result)).toBe(MAY_HAVE_APPLIED)
    expect(app.net.requests.filter((r) => r.path === '/auth/users/reset_password_confirm/')).toHaveLength(1)
  })
})

describe('4. 429 with Retry-After in seconds, as a date, missing or huge', () => {
  it.each([
    [
      'seconds, DRF’s words',
      { 'Retry-After': '120' },
      'Request was throttled. Expected available in 120 seconds.',
      120,
    ],
    [
      'an HTTP date 90 s ahead',
      { 'Retry-After': new Date(NOW.getTime() + 90_000).toUTCString() },
      'Slow down.',
      90,
    ],
    ['missing', {}, 'Request was throttled.', 60],
    ['huge (capped at an hour)', { 'Retry-After': '99999999' }, 'Request was throttled.', 3600],
  ])('%s: the server’s words and a countdown', async (_what, headers, detail, seconds) => {
    const app = await startApp()
    app.net.on('POST', '/auth/users/reset_password/', json(429, { detail }, headers))
    const result = await app.call('requestReset', { serverId: 'corp', email: 'alice@example.com' })
    expect(seen(result)).toBe(`Too many attempts: ${detail}`)
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'rate-limited',
        message: { code: 'rate-limited', seconds },
        serverMessage: detail,
        retryAfterSeconds: seconds,
      },
    })
    expect(app.net.requests).toHaveLength(1)
    await app.stillUsable()
  })

  it.each([
    ['30', 'Too many attempts: Too many attempts. Try again in 30 seconds.'],
    ['600', 'Too many attempts: Too many attempts. Try again in 10 minutes.'],
  ])('an HTML 429 with Retry-After %s: the app’s own words with the wait', async (after, words) => {
    const app = await startApp()
    app.net.on('POST', '/auth/token/login/', html(429, 'Too Many Requests', { 'Retry-After': after }))
    expect(seen(await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW }))).toBe(words)
  })
})

describe('5. 502/503/504 with HTML bodies, and 500: only what is safe is retried', () => {
  it.each([
    [
      500,
      'The server had a problem: The server ran into a problem (HTTP 500). Try again later; if it keeps happening, tell the server’s administrators.',
    ],
    [
      502,
      'The server had a problem: The server is not available right now (HTTP 502). Try again in a few minutes.',
    ],
    [
      503,
      'The server had a problem: The server is not available right now (HTTP 503). Try again in a few minutes.',
    ],
    [
      504,
      'The server had a problem: The server is not available right now (HTTP 504). Try again in a few minutes.',
    ],
  ])('%i on a POST: said plainly, sent once', async (status, words) => {
    const app = await startApp()
    app.net.on('POST', '/auth/token/login/', html(status, 'Error'))
    const result = await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW })
    expect(seen(result)).toBe(words)
    expect(app.net.requests).toHaveLength(1)
    await app.stillUsable()
  })

  it('a 503 on a GET is retried once and the call succeeds when the server recovers', async () => {
    const app = await startApp()
    const id = await app.signedIn()
    app.net.on('GET', '/auth/users/me/', html(503, 'Unavailable'), json(200, { username: 'alice', id: 1 }))
    expect(await app.call('whoAmI', { accountId: id })).toMatchObject({
      ok: true,
      value: { username: 'alice' },
    })
    expect(app.net.requests).toHaveLength(2)
  })
})

describe('6. a captive portal: 200 HTML, a redirect to another host, 511', () => {
  it('200 text/html where JSON is expected: not a sign-in, and not a sent reset mail', async () => {
    const app = await startApp()
    app.net.on('POST', '/auth/token/login/', html(200, 'Welcome to Hotel Wi-Fi'))
    app.net.on('POST', '/auth/users/reset_password/', html(200, 'Welcome to Hotel Wi-Fi'))
    expect(seen(await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW }))).toBe(PORTAL)
    expect(seen(await app.call('requestReset', { serverId: 'corp', email: 'alice@example.com' }))).toBe(
      PORTAL,
    )
    await app.stillUsable()
  })

  it('a redirect to another host is not followed', async () => {
    const app = await startApp()
    app.net.on(
      'POST',
      '/auth/token/login/',
      new Response(null, { status: 302, headers: { location: 'https://portal.example.net/login?next=x' } }),
    )
    expect(seen(await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW }))).toBe(
      'Unexpected answer from the server: The server sent the request on to another site (portal.example.net). The app does not follow that; check the server address, or sign in to the network first if it needs that.',
    )
    expect(app.net.requests.map((r) => r.path)).toEqual(['/auth/token/login/'])
  })

  it('511 Network Authentication Required', async () => {
    const app = await startApp()
    app.net.on('POST', '/auth/token/login/', html(511, 'Sign in to the network'))
    expect(seen(await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW }))).toBe(PORTAL)
  })
})

describe('7. TLS: expired, wrong host, untrusted root — never bypassed', () => {
  it.each([
    ['expired (Node)', transport('CERT_HAS_EXPIRED')],
    ['wrong host (Node)', transport('ERR_TLS_CERT_ALTNAME_INVALID')],
    ['untrusted root (Node)', transport('SELF_SIGNED_CERT_IN_CHAIN')],
    ['expired (Chromium)', chromium('ERR_CERT_DATE_INVALID')],
    ['wrong host (Chromium)', chromium('ERR_CERT_COMMON_NAME_INVALID')],
    ['untrusted root (Chromium)', chromium('ERR_CERT_AUTHORITY_INVALID')],
  ])('%s: "The secure connection failed", tried once', async (_what, error) => {
    const app = await startApp()
    app.net.down(error)
    expect(seen(await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW }))).toBe(TLS)
    expect(app.net.requests).toHaveLength(1)
    await app.stillUsable()
  })
})

describe('8. the proxy is down or asks for credentials', () => {
  it.each([
    [
      'proxy down (Chromium)',
      chromium('ERR_PROXY_CONNECTION_FAILED'),
      'Proxy problem: The network proxy could not be used. Check the proxy settings of this computer or ask your IT team.',
    ],
    [
      'tunnel refused (Chromium)',
      chromium('ERR_TUNNEL_CONNECTION_FAILED'),
      'Proxy problem: The network proxy could not be used. Check the proxy settings of this computer or ask your IT team.',
    ],
  ])('%s', async (_what, error, words) => {
    const app = await startApp()
    app.net.down(error)
    expect(seen(await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW }))).toBe(words)
    await app.stillUsable()
  })

  it('407 Proxy Authentication Required', async () => {
    const app = await startApp()
    app.net.on(
      'POST',
      '/auth/token/login/',
      new Response(null, { status: 407, headers: { 'proxy-authenticate': 'Basic realm="corp"' } }),
    )
    expect(seen(await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW }))).toBe(
      'Proxy problem: The network proxy asks for a sign-in that the app cannot give. Ask your IT team.',
    )
  })
})

describe('9. truncated JSON, wrong shapes, DRF’s error shapes, a 401 in the middle of a change', () => {
  it('truncated JSON', async () => {
    const app = await startApp()
    app.net.on(
      'POST',
      '/auth/token/login/',
      new Response('{"auth_token": "a1b2', { status: 200, headers: { 'content-type': 'application/json' } }),
    )
    expect(seen(await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW }))).toBe(
      'Unexpected answer from the server: The server’s answer was cut off or is not valid JSON (HTTP 200).',
    )
  })

  it('a wrong shape (a login answer without a token)', async () => {
    const app = await startApp()
    app.net.on('POST', '/auth/token/login/', json(200, { token: 5 }))
    expect(seen(await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW }))).toBe(
      'Unexpected answer from the server: The server’s answer did not have the expected content.',
    )
  })

  it('wrong credentials (DRF non_field_errors): "Sign-in failed", in plain words', async () => {
    const app = await startApp()
    app.net.on(
      'POST',
      '/auth/token/login/',
      json(400, { non_field_errors: ['Unable to log in with provided credentials.'] }),
    )
    expect(seen(await app.call('signIn', { serverId: 'corp', username: 'alice', password: PW }))).toBe(
      'Sign-in failed: That username and password don’t match.',
    )
  })

  it('DRF field errors land on their fields, verbatim', async () => {
    const app = await startApp()
    const opened = await app.call('openPastedLink', { url: LINK })
    if (!opened.ok) throw new Error(JSON.stringify(opened))
    const handle = (opened.value as { handle: string }).handle
    app.net.on(
      'POST',
      '/auth/users/reset_password_confirm/',
      json(400, { new_password: ['This password is too common.', 'This password is entirely numeric.'] }),
    )
    const result = await app.call('confirmReset', {
      handle,
      newPassword: '12345678',
      retypePassword: '12345678',
    })
    expect(seen(result)).toBe('Please check the form: This password is too common.')
    expect(result).toMatchObject({
      error: {
        kind: 'validation',
        fields: { newPassword: ['This password is too common.', 'This password is entirely numeric.'] },
      },
    })
  })

  it('a 401 in the middle of a change: "You have been signed out", and the account says so', async () => {
    const app = await startApp()
    const id = await app.signedIn()
    app.net.on(
      'POST',
      '/auth/users/set_password/',
      json(401, { detail: 'Invalid token.' }, { 'www-authenticate': 'Token' }),
    )
    const result = await app.call('changePassword', {
      accountId: id,
      currentPassword: PW,
      newPassword: NEW_PW,
      retypePassword: NEW_PW,
    })
    expect(seen(result)).toBe('You have been signed out: Invalid token.')
    expect(await app.call('listAccounts', {})).toMatchObject({ ok: true, value: [{ id, signedIn: false }] })
  })

  it('two submits of the same form send one request', async () => {
    const app = await startApp()
    app.net.on('POST', '/auth/users/reset_password/', new Response(null, { status: 204 }))
    const [a, b] = await Promise.all([
      app.call('requestReset', { serverId: 'corp', email: 'alice@example.com' }),
      app.call('requestReset', { serverId: 'corp', email: 'Alice@example.com ' }),
    ])
    expect(a).toEqual(b)
    expect(a).toMatchObject({ ok: true })
    expect(app.net.requests).toHaveLength(1)
  })
})

describe('10. links: malformed, oversized, argument injection, expired or used', () => {
  it.each([
    ['not a link at all', 'reset my password please', 'This is not a password reset link.'],
    ['malformed (no server)', 'accountdesk://', 'This link does not name a server.'],
    [
      'cut off',
      `https://accounts.example.com/reset/MQ/diuuld-2d25`,
      'The code in this link is damaged or cut off. Copy the whole link from the mail, or ask for a new one.',
    ],
    [
      'oversized',
      `https://accounts.example.com/reset/MQ/${'a'.repeat(2100)}`,
      'This link is too long to be a password reset link (over 2,048 characters).',
    ],
    [
      'for an unknown server',
      `https://evil.example/reset/MQ/${LINK_TOKEN}`,
      'This link is not for any of the servers in Account Desk.',
    ],
    [
      'an argument-injection string',
      `accountdesk://accounts.example.com/" --gpu-launcher="calc.exe`,
      'This link contains characters that reset links never have (spaces, backslashes or letters outside plain ASCII).',
    ],
    [
      'a file: URL',
      'file:///C:/Windows/System32/calc.exe',
      'Account Desk opens reset links that start with accountdesk:// or https://.',
    ],
    [
      'plain http to a remote server',
      `http://accounts.example.com/reset/MQ/${LINK_TOKEN}`,
      'Plain http:// reset links are accepted only for a server on this computer. Use the https:// link.',
    ],
  ])('%s: "This link can’t be used" and why', async (_what, url, words) => {
    const app = await startApp()
    const result = await app.call('openPastedLink', { url })
    expect(seen(result)).toBe(`This link can’t be used: ${words}`)
    expect(result).toMatchObject({ error: { kind: 'link-invalid', reason: 'refused' } })
    expect(app.net.requests).toHaveLength(0)
  })

  it.each([
    ['expired or used', { token: ['Invalid token for given user.'] }],
    ['for a user that is gone', { uid: ['Invalid user id or user doesn’t exist.'] }],
  ])('%s: one "dead link" state with "send a new link"', async (_what, body) => {
    const app = await startApp()
    const opened = await app.call('openPastedLink', { url: LINK })
    if (!opened.ok) throw new Error(JSON.stringify(opened))
    app.net.on('POST', '/auth/users/reset_password_confirm/', json(400, body))
    const handle = (opened.value as { handle: string }).handle
    const result = await app.call('confirmReset', { handle, newPassword: NEW_PW, retypePassword: NEW_PW })
    expect(seen(result)).toBe(
      'This link can’t be used: This reset link can’t be used any more: it has expired, it was already used, or the account changed since it was sent (a password change or a sign-in ends it).',
    )
    expect(result).toMatchObject({ error: { kind: 'link-invalid', reason: 'dead', serverId: 'corp' } })
  })

  it('a handle that is gone (used, discarded, or from before a restart)', async () => {
    const app = await startApp()
    const result = await app.call('confirmReset', {
      handle: 'x'.repeat(32),
      newPassword: NEW_PW,
      retypePassword: NEW_PW,
    })
    expect(seen(result)).toBe(
      'This link can’t be used: This link is no longer open in Account Desk. Open it again from your e-mail, or send a new one.',
    )
  })

  it('links from the OS: argv injection is refused and two links in a row arrive in order', async () => {
    const app = await startApp()
    await app.call('rendererReady', {})
    app.services.links.fromArgv(
      ['/opt/Account Desk/account-desk', '--gpu-launcher=calc.exe', '--', 'accountdesk://x" --inspect'],
      'argv',
    )
    app.services.links.fromUrl(`accountdesk://accounts.example.com/reset/MQ/${LINK_TOKEN}`, 'open-url')
    app.services.links.fromUrl(`accountdesk://accounts.example.com/reset/Mg/${LINK_TOKEN}`, 'open-url')
    await new Promise((r) => setTimeout(r, 20))
    expect(app.events).toEqual([
      {
        name: 'onLink',
        payload: {
          type: 'refused',
          message: { code: 'link.refused.bad-characters' },
        },
      },
      { name: 'onLink', payload: { type: 'link', link: expect.objectContaining({ serverId: 'corp' }) } },
      { name: 'onLink', payload: { type: 'link', link: expect.objectContaining({ serverId: 'corp' }) } },
    ])
    const [, first, second] = app.events as { payload: { link: { handle: string } } }[]
    expect(first!.payload.link.handle).not.toBe(second!.payload.link.handle)
    expect(JSON.stringify(app.events)).not.toContain(LINK_TOKEN)
  })
})
