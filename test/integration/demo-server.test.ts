import { request as httpRequest } from 'node:http'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/main/log'
import {
  startDemoServer,
  toMailSummary,
  type DemoMail,
  type DemoServer,
  type DemoServerOptions,
} from '../../src/main/demo'
import { mailSummarySchema } from '../../src/shared/contract'
import { tamper } from './djoser-conformance'

/**
 * The demo server driven over real HTTP with Node's fetch (and node:http where fetch cannot say it: a Host header,
 * no Content-Length), through every endpoint and every state of a reset link. Expected bodies are djoser's own
 * (docs/server-protocol.md, "djoser"), byte for byte.
 */

let dir: string
let logLines: string[]
let clock: number
const now = () => new Date(clock)
const START = Date.UTC(2026, 10, 30, 11, 15, 23)

const logger = () => createLogger((line) => logLines.push(line), 'debug')

async function start(extra: Partial<DemoServerOptions> = {}, file = 'demo.json'): Promise<DemoServer> {
  return startDemoServer({ dataFile: path.join(dir, file), logger: logger(), now, ...extra })
}

interface Answer {
  status: number
  headers: Headers
  text: string
  json: () => unknown
}

async function call(
  server: DemoServer,
  method: string,
  route: string,
  options: { json?: unknown; token?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  if (options.token) headers['Authorization'] = `Token ${options.token}`
  let body: string | undefined = options.body
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.json)
  }
  const response = await fetch(`${server.baseUrl}${route}`, { method, headers, body, redirect: 'manual' })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) }
}

const portOf = (server: DemoServer) => Number(new URL(server.baseUrl).port)

/** node:http, for what fetch will not send (a foreign Host, a chunked body). */
function raw(
  server: DemoServer,
  method: string,
  route: string,
  headers: Record<string, string>,
  body?: string,
  chunked = false,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: portOf(server), method, path: route, headers },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
      },
    )
    req.on('error', reject)
    if (body !== undefined) {
      if (chunked) req.write(body)
      else req.end(body)
    }
    req.end()
  })
}

const login = async (server: DemoServer, username: string, password: string) => {
  const r = await call(server, 'POST', '/auth/token/login/', { json: { username, password } })
  expect(r.status).toBe(200)
  return (r.json() as { auth_token: string }).auth_token
}

const linkParts = (mail: DemoMail) => {
  const m = /\/reset\/([A-Za-z0-9_-]+)\/([0-9a-z]+-[0-9a-f]+)$/.exec(mail.link)
  if (!m) throw new Error('no link in mail')
  return { uid: m[1] as string, token: m[2] as string }
}

async function requestReset(server: DemoServer, email: string): Promise<DemoMail> {
  const before = server.mailbox.list().length
  const r = await call(server, 'POST', '/auth/users/reset_password/', { json: { email } })
  expect(r.status).toBe(204)
  const mails = server.mailbox.list()
  expect(mails.length).toBe(before + 1)
  return mails[0] as DemoMail
}

const confirm = (server: DemoServer, body: Record<string, unknown>) =>
  call(server, 'POST', '/auth/users/reset_password_confirm/', { json: body })

const DEMO = { username: 'demo', email: 'demo@example.com', password: 'orange-bicycle-42' }
const NEW_PASSWORD = 'Kq9-zzvv-Lm'

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'demo-server-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the demo server over HTTP', () => {
  let server: DemoServer
  const mails: DemoMail[] = []

  beforeEach(async () => {
    clock = START
    logLines = []
    mails.length = 0
    await rm(path.join(dir, 'demo.json'), { force: true })
    server = await start({ onMail: (m) => mails.push(m) })
  })
  afterEach(async () => {
    await server.stop()
    // Nothing secret ever reaches the log: no password, no reset link or token, no API token.
    const log = logLines.join('\n')
    for (const secret of [DEMO.password, NEW_PASSWORD, ...mails.flatMap((m) => [m.link, linkParts(m).token])])
      expect(log).not.toContain(secret)
    expect(log).not.toMatch(/[0-9a-f]{40}/)
  })

  it('starts on 127.0.0.1 with the seeded demo account and a data file', async () => {
    expect(server.baseUrl).toBe(`http://127.0.0.1:${portOf(server)}`)
    expect(server.account).toEqual(DEMO)
    expect(server.notice).toBeUndefined()
    const data = JSON.parse(await readFile(path.join(dir, 'demo.json'), 'utf8'))
    expect(data.users).toHaveLength(1)
    expect(data.users[0]).toMatchObject({
      id: 1,
      username: 'demo',
      email: 'demo@example.com',
      lastLogin: null,
    })
    expect(data.users[0].password).toMatch(/^pbkdf2_sha256\$260000\$[A-Za-z0-9]{22}\$[A-Za-z0-9+/]{43}=$/)
    expect(JSON.stringify(data)).not.toContain(DEMO.password)
  })

  it('token login, me, and logout answer as djoser does', async () => {
    const token = await login(server, 'demo', DEMO.password)
    expect(token).toMatch(/^[0-9a-f]{40}$/)
    // One token per user: logging in again gives the same key.
    expect(await login(server, 'demo', DEMO.password)).toBe(token)

    const me = await call(server, 'GET', '/auth/users/me/', { token })
    expect(me.status).toBe(200)
    expect(me.text).toBe('{"email":"demo@example.com","id":1,"username":"demo"}')
    expect(me.headers.get('content-type')).toBe('application/json')
    expect(me.headers.get('x-frame-options')).toBe('DENY')
    expect(me.headers.get('x-content-type-options')).toBe('nosniff')
    expect(me.headers.get('referrer-policy')).toBe('same-origin')
    expect((await call(server, 'GET', '/auth/users/me/', { token: token.toUpperCase() })).status).toBe(401)
    expect(
      (await call(server, 'GET', '/auth/users/me/', { headers: { Authorization: `token ${token}` } })).status,
    ).toBe(200)
    // Only the endpoints the app calls: the rest of djoser is Django's 404 page.
    expect((await call(server, 'GET', '/auth/users/', { token })).status).toBe(404)

    for (const bad of [
      { username: 'demo', password: 'wrong' },
      { username: 'DEMO', password: DEMO.password },
      { username: 'nobody', password: DEMO.password },
      {},
      { email: DEMO.email, password: DEMO.password },
    ]) {
      const r = await call(server, 'POST', '/auth/token/login/', { json: bad })
      expect(r.status).toBe(400)
      expect(r.text).toBe('{"non_field_errors":["Unable to log in with provided credentials."]}')
    }
    // DRF trims CharFields, the password included.
    expect(await login(server, ' demo ', ` ${DEMO.password} `)).toBe(token)

    const logout = await call(server, 'POST', '/auth/token/logout/', { token })
    expect(logout.status).toBe(204)
    expect(logout.text).toBe('')
    expect(logout.headers.get('content-type')).toBeNull()
    const after = await call(server, 'GET', '/auth/users/me/', { token })
    expect(after.status).toBe(401)
    expect(after.text).toBe('{"detail":"Invalid token."}')
    expect(after.headers.get('www-authenticate')).toBe('Token')
    expect(await login(server, 'demo', DEMO.password)).not.toBe(token)
  })

  it('answers 401s, 405s, 415s and parse errors with DRF’s bodies', async () => {
    const anon = await call(server, 'GET', '/auth/users/me/')
    expect(anon.status).toBe(401)
    expect(anon.text).toBe('{"detail":"Authentication credentials were not provided."}')
    expect(anon.headers.get('www-authenticate')).toBe('Token')
    expect(
      (await call(server, 'GET', '/auth/users/me/', { headers: { Authorization: 'Bearer abc' } })).status,
    ).toBe(401)
    // GET on a POST-only endpoint: 401 when anonymous (permission first), 405 with a token.
    expect((await call(server, 'GET', '/auth/users/set_password/')).status).toBe(401)
    const token = await login(server, 'demo', DEMO.password)
    const get = await call(server, 'GET', '/auth/users/set_password/', { token })
    expect(get.status).toBe(405)
    expect(get.text).toBe('{"detail":"Method \\"GET\\" not allowed."}')
    // An invalid token fails even where anonymous callers are allowed.
    expect(
      (await call(server, 'POST', '/auth/users/reset_password/', { json: {}, token: 'bad' })).status,
    ).toBe(401)

    const plain = await call(server, 'POST', '/auth/users/reset_password/', {
      body: 'x',
      headers: { 'Content-Type': 'text/plain' },
    })
    expect(plain.status).toBe(415)
    expect(plain.text).toBe('{"detail":"Unsupported media type \\"text/plain\\" in request."}')
    const notJson = await call(server, 'POST', '/auth/users/reset_password/', {
      body: 'hello',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(notJson.status).toBe(400)
    expect(notJson.json()).toEqual({ detail: expect.stringMatching(/^JSON parse error - /) })
    expect((await call(server, 'POST', '/auth/users/reset_password/', { json: [DEMO.email] })).text).toBe(
      '{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}',
    )
    // A body beyond what djoser ever needs is refused; the server lives on.
    const huge = await call(server, 'POST', '/auth/token/login/', {
      body: `{"username":"${'x'.repeat(100_000)}"}`,
      headers: { 'Content-Type': 'application/json' },
    })
    expect(huge.status).toBe(413)
    expect((await call(server, 'GET', '/auth/users/me/', { token })).status).toBe(200)
  })

  it('refuses a Host it does not serve (DNS rebinding), as Django’s ALLOWED_HOSTS does', async () => {
    const evil = await raw(server, 'GET', '/auth/users/me/', { Host: 'evil.example' })
    expect(evil.status).toBe(400)
    expect(evil.text).toContain('Bad Request (400)')
    expect(
      (await raw(server, 'GET', '/auth/users/me/', { Host: `localhost:${portOf(server)}` })).status,
    ).toBe(401)
  })

  it('sends the reset mail in the request’s language (Accept-Language, as LocaleMiddleware reads it)', async () => {
    const r = await call(server, 'POST', '/auth/users/reset_password/', {
      json: { email: DEMO.email },
      headers: { 'Accept-Language': 'fr;q=0.9, de-AT;q=0.8, en;q=0.5' },
    })
    expect(r.status).toBe(204)
    const mail = server.mailbox.list()[0] as DemoMail
    const host = `127.0.0.1:${portOf(server)}`
    const { token } = linkParts(mail)
    expect(mail.subject).toBe(`Passwort auf ${host} zurücksetzen`)
    expect(mail.text).toBe(
      [
        `Sie erhalten diese E-Mail, weil Sie ein neues Passwort für Ihr Benutzerkonto auf ${host} angefordert haben.`,
        '',
        'Bitte öffnen Sie folgende Seite, um Ihr neues Passwort einzugeben:',
        `http://${host}/reset/MQ/${token}`,
        'Ihr Benutzername, falls Sie ihn vergessen haben: demo',
        '',
        'Vielen Dank, dass Sie unsere Website nutzen!',
        '',
        `Das Team von ${host}`,
      ].join('\n'),
    )
  })

  it('sends the reset mail in djoser’s words to existing addresses only, and answers 204 either way', async () => {
    const mail = await requestReset(server, DEMO.email)
    const host = `127.0.0.1:${portOf(server)}`
    const { uid, token } = linkParts(mail)
    expect(uid).toBe('MQ')
    expect(token).toMatch(/^[0-9a-z]{1,13}-[0-9a-f]{32}$/)
    expect(mail.link).toBe(`http://${host}/reset/MQ/${token}`)
    expect(mail).toMatchObject({
      to: DEMO.email,
      from: 'webmaster@localhost',
      subject: `Password reset on ${host}`,
    })
    expect(mail.date).toBe(new Date(START).toISOString())
    expect(mail.text).toBe(
      [
        `You're receiving this email because you requested a password reset for your user account at ${host}.`,
        '',
        'Please go to the following page and choose a new password:',
        `http://${host}/reset/MQ/${token}`,
        "Your username, in case you've forgotten: demo",
        '',
        'Thanks for using our site!',
        '',
        `The ${host} team`,
      ].join('\n'),
    )
    expect(mails).toEqual([mail])
    // What the demo mailbox shows: the mail as a mail client would, its link included, and whether it works.
    expect(server.linkWorks(mail)).toBe(true)
    const summary = mailSummarySchema.parse(toMailSummary(mail, server.linkWorks(mail)))
    expect(summary.text).toContain(
      `Please go to the following page and choose a new password:\nhttp://${host}/reset/MQ/${token}\n`,
    )
    expect(summary).toMatchObject({
      id: mail.id,
      to: DEMO.email,
      hasLink: true,
      link: `http://${host}/reset/MQ/${token}`,
      linkWorks: true,
      receivedAt: mail.date,
    })
    expect(server.mailbox.get(mail.id)).toEqual(mail)

    // Unknown and differently cased addresses: the same 204, no mail.
    for (const email of ['nobody@example.com', 'DEMO@example.com']) {
      const r = await call(server, 'POST', '/auth/users/reset_password/', { json: { email } })
      expect(r.status).toBe(204)
      expect(r.text).toBe('')
    }
    expect(server.mailbox.list()).toHaveLength(1)
    // DRF trims the address; the same address again sends another mail.
    await requestReset(server, `  ${DEMO.email}  `)

    for (const [json, text] of [
      [{ email: 'not-an-email' }, '{"email":["Enter a valid email address."]}'],
      [{ email: [DEMO.email] }, '{"email":["Enter a valid email address."]}'],
      [{}, '{"email":["This field is required."]}'],
      [{ email: '' }, '{"email":["This field may not be blank."]}'],
      [{ email: null }, '{"email":["This field may not be null."]}'],
    ] as const) {
      const r = await call(server, 'POST', '/auth/users/reset_password/', { json })
      expect(r.status).toBe(400)
      expect(r.text).toBe(text)
    }
    expect(server.mailbox.list()).toHaveLength(2)
  })

  it('confirms a reset in djoser’s validation order, then the link is dead and the new password works', async () => {
    const apiToken = await login(server, 'demo', DEMO.password)
    clock += 1000
    const { uid, token } = linkParts(await requestReset(server, DEMO.email))
    const expectConfirm = async (body: Record<string, unknown>, status: number, text: string) => {
      const r = await confirm(server, body)
      expect(r.status).toBe(status)
      expect(r.text).toBe(text)
    }
    await expectConfirm(
      {},
      400,
      '{"uid":["This field is required."],"token":["This field is required."],"new_password":["This field is required."]}',
    )
    await expectConfirm({ uid, token }, 400, '{"new_password":["This field is required."]}')
    await expectConfirm(
      { uid, token, new_password: '' },
      400,
      '{"new_password":["This field may not be blank."]}',
    )
    await expectConfirm(
      { uid, token, new_password: 'Ab1!x' },
      400,
      '{"new_password":["This password is too short. It must contain at least 8 characters."]}',
    )
    await expectConfirm(
      { uid, token, new_password: 'password' },
      400,
      '{"new_password":["This password is too common."]}',
    )
    await expectConfirm(
      { uid, token, new_password: '73829164' },
      400,
      '{"new_password":["This password is entirely numeric."]}',
    )
    await expectConfirm(
      { uid, token, new_password: '1234567' },
      400,
      '{"new_password":["This password is too short. It must contain at least 8 characters.","This password is too common.","This password is entirely numeric."]}',
    )
    // Validators come before the link: a weak password is reported even with a dead link.
    await expectConfirm(
      { uid: 'Mg', token: 'garbage', new_password: 'password' },
      400,
      '{"new_password":["This password is too common."]}',
    )
    for (const badUid of ['Mg', '!!', 'YWJj'])
      await expectConfirm(
        { uid: badUid, token, new_password: NEW_PASSWORD },
        400,
        '{"uid":["Invalid user id or user doesn\'t exist."]}',
      )
    for (const badToken of [tamper(token), 'abc', 'x'.repeat(300)])
      await expectConfirm(
        { uid, token: badToken, new_password: NEW_PASSWORD },
        400,
        '{"token":["Invalid token for given user."]}',
      )
    // RETYPE is off: a mismatched re_new_password is ignored. The padded uid works too.
    await expectConfirm(
      { uid: `${uid}==`, token, new_password: NEW_PASSWORD, re_new_password: 'other' },
      204,
      '',
    )

    await expectConfirm(
      { uid, token, new_password: 'Another-pass-9' },
      400,
      '{"token":["Invalid token for given user."]}',
    )
    expect(
      (
        await call(server, 'POST', '/auth/token/login/', {
          json: { username: 'demo', password: DEMO.password },
        })
      ).status,
    ).toBe(400)
    // The API token survives a reset (djoser never revokes it).
    expect((await call(server, 'GET', '/auth/users/me/', { token: apiToken })).status).toBe(200)
    expect(await login(server, 'demo', NEW_PASSWORD)).toBe(apiToken)
  })

  it('does not apply the similarity rule on reset confirm (djoser’s AnonymousUser), but does on set_password', async () => {
    await server.createUser({ username: 'alice', email: 'alice@example.com', password: 'Wonderland-77' })
    const { uid, token } = linkParts(await requestReset(server, 'alice@example.com'))
    expect(uid).toBe('Mg')
    expect((await confirm(server, { uid, token, new_password: 'alice1234' })).status).toBe(204)
    const apiToken = await login(server, 'alice', 'alice1234')
    const set = (new_password: string) =>
      call(server, 'POST', '/auth/users/set_password/', {
        token: apiToken,
        json: { current_password: 'alice1234', new_password },
      })
    expect((await set('Alice-987')).text).toBe(
      '{"new_password":["The password is too similar to the username."]}',
    )
    expect((await set('aliceexample')).text).toBe(
      '{"new_password":["The password is too similar to the email address."]}',
    )
    expect((await set('Tremble-Oak-55')).status).toBe(204)
  })

  it('kills outstanding links on login, e-mail change, password change and expiry; several links can be live', async () => {
    const attempt = (parts: { uid: string; token: string }) =>
      confirm(server, { ...parts, new_password: NEW_PASSWORD })
    const dead = '{"token":["Invalid token for given user."]}'

    // Two outstanding links from different seconds are both valid until one is used.
    const first = linkParts(await requestReset(server, DEMO.email))
    clock += 2000
    const second = linkParts(await requestReset(server, DEMO.email))
    expect(first.token).not.toBe(second.token)

    // A login in between ends both.
    clock += 2000
    const apiToken = await login(server, 'demo', DEMO.password)
    expect((await attempt(first)).text).toBe(dead)
    expect((await attempt(second)).text).toBe(dead)

    // set_password ends it.
    clock += 2000
    const beforeChange = linkParts(await requestReset(server, DEMO.email))
    const change = await call(server, 'POST', '/auth/users/set_password/', {
      token: apiToken,
      json: { current_password: DEMO.password, new_password: NEW_PASSWORD },
    })
    expect(change.status).toBe(204)
    expect((await attempt(beforeChange)).text).toBe(dead)
    // The session survives set_password (LOGOUT_ON_PASSWORD_CHANGE is off).
    expect((await call(server, 'GET', '/auth/users/me/', { token: apiToken })).status).toBe(200)

    // Expiry: valid at exactly the timeout, dead one second later.
    clock += 2000
    const aging = linkParts(await requestReset(server, DEMO.email))
    clock += 259_200_000
    const stillGood = await confirm(server, { ...aging, new_password: 'Fresh-pass-77' })
    expect(stillGood.status).toBe(204)
    clock += 2000
    const expiring = linkParts(await requestReset(server, DEMO.email))
    clock += 259_201_000
    expect((await confirm(server, { ...expiring, new_password: 'Fresh-pass-78' })).text).toBe(dead)
    // advanceTokenClock (the test server's clock control) ages links the same way.
    const aged = linkParts(await requestReset(server, DEMO.email))
    server.advanceTokenClock(259_201)
    expect((await confirm(server, { ...aged, new_password: 'Fresh-pass-79' })).text).toBe(dead)
  })

  it('set_password follows djoser’s field order and messages', async () => {
    const token = await login(server, 'demo', DEMO.password)
    const set = (json: unknown) => call(server, 'POST', '/auth/users/set_password/', { token, json })
    expect((await set({})).text).toBe(
      '{"new_password":["This field is required."],"current_password":["This field is required."]}',
    )
    expect((await set({ current_password: 'wrong', new_password: '1' })).text).toBe(
      '{"current_password":["Invalid password."]}',
    )
    expect((await set({ current_password: DEMO.password, new_password: '73829164' })).text).toBe(
      '{"new_password":["This password is entirely numeric."]}',
    )
    expect((await call(server, 'POST', '/auth/users/set_password/', { json: {} })).status).toBe(401)

    await server.reset()
    expect(await login(server, 'demo', DEMO.password)).toMatch(/^[0-9a-f]{40}$/)
  })

  it('throttles reset requests per address (5/min) and logins per username (10/min), with Retry-After', async () => {
    for (let i = 0; i < 5; i++) await requestReset(server, DEMO.email)
    clock += 12_000
    const limited = await call(server, 'POST', '/auth/users/reset_password/', { json: { email: DEMO.email } })
    expect(limited.status).toBe(429)
    expect(limited.text).toBe('{"detail":"Request was throttled. Expected available in 48 seconds."}')
    expect(limited.headers.get('retry-after')).toBe('48')
    expect(server.mailbox.list()).toHaveLength(5)
    // Another address is not held back, and the first one is free again after the window.
    expect(
      (await call(server, 'POST', '/auth/users/reset_password/', { json: { email: 'x@example.com' } }))
        .status,
    ).toBe(204)
    clock += 48_001
    await requestReset(server, DEMO.email)

    for (let i = 0; i < 10; i++)
      await call(server, 'POST', '/auth/token/login/', { json: { username: 'demo', password: 'wrong' } })
    const locked = await call(server, 'POST', '/auth/token/login/', {
      json: { username: 'demo', password: DEMO.password },
    })
    expect(locked.status).toBe(429)
    expect(locked.text).toBe('{"detail":"Request was throttled. Expected available in 60 seconds."}')
    // reset() clears the throttles with everything else.
    await server.reset()
    expect(await login(server, 'demo', DEMO.password)).toMatch(/^[0-9a-f]{40}$/)
  })

  it('reset() restores the seed and empties the mailbox', async () => {
    const token = await login(server, 'demo', DEMO.password)
    await call(server, 'POST', '/auth/users/set_password/', {
      token,
      json: { current_password: DEMO.password, new_password: NEW_PASSWORD },
    })
    await server.createUser({ username: 'extra', email: 'extra@example.com', password: 'Wonderland-77' })
    const { uid, token: link } = linkParts(await requestReset(server, DEMO.email))
    await server.reset()
    expect(server.mailbox.list()).toEqual([])
    expect((await call(server, 'GET', '/auth/users/me/', { token })).status).toBe(401)
    expect((await confirm(server, { uid, token: link, new_password: 'Whatever-77' })).status).toBe(400)
    expect(await login(server, 'demo', DEMO.password)).toMatch(/^[0-9a-f]{40}$/)
    expect(
      (
        await call(server, 'POST', '/auth/token/login/', {
          json: { username: 'extra', password: 'Wonderland-77' },
        })
      ).status,
    ).toBe(400)
  })
})

describe('the demo server’s data file', () => {
  beforeEach(() => {
    clock = START
    logLines = []
  })

  it('persists across restarts: a changed password stays changed', async () => {
    const first = await start({}, 'persist.json')
    const token = await login(first, 'demo', DEMO.password)
    await call(first, 'POST', '/auth/users/set_password/', {
      token,
      json: { current_password: DEMO.password, new_password: NEW_PASSWORD },
    })
    await first.stop()
    const second = await start({}, 'persist.json')
    expect(await login(second, 'demo', NEW_PASSWORD)).toBe(token)
    await second.stop()
  })

  it('moves a corrupt file aside, starts from the seed and says so', async () => {
    const file = path.join(dir, 'corrupt.json')
    for (const content of ['{"version":1,"users":[', '{"version":2}', '']) {
      await rm(file, { force: true })
      await writeFile(file, content)
      const server = await start({}, 'corrupt.json')
      expect(server.notice).toMatchObject({
        code: 'notice.demo-data-unreadable',
        keptAs: expect.stringMatching(/^corrupt\.json\.corrupt-/),
      })
      expect(await login(server, 'demo', DEMO.password)).toMatch(/^[0-9a-f]{40}$/)
      await server.stop()
    }
    const kept = (await readdir(dir)).filter((f) => f.startsWith('corrupt.json.corrupt-'))
    expect(kept.length).toBeGreaterThanOrEqual(1)
    expect(logLines.join('\n')).toContain('demo.data.corrupt')
  })

  it('writes atomically: no temp file is left behind, and the file is private', async () => {
    const server = await start({}, 'atomic.json')
    await Promise.all([1, 2, 3].map(() => login(server, 'demo', DEMO.password)))
    await server.stop()
    expect((await readdir(dir)).filter((f) => f.includes('atomic.json') && f.endsWith('.tmp'))).toEqual([])
    const { stat } = await import('node:fs/promises')
    if (process.platform !== 'win32')
      expect((await stat(path.join(dir, 'atomic.json'))).mode & 0o777).toBe(0o600)
  })
})
