import { request as httpRequest } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/main/log'
import { startDemoServer, type DemoServer } from '../../src/main/demo'
import { requireDjango, startDjango, type DjangoServer } from '../servers/django'

/**
 * Differential test: the same raw HTTP requests, in the same order, to the real Django 3.2 + DRF 3.14 + djoser
 * 2.1 test server and to the demo server, and the answers compared status for status, header for header and
 * byte for byte (after replacing each server's own port, API tokens and reset tokens with placeholders).
 *
 * The only differences allowed are the demo's deliberate ones (docs/demo-server.md): it renders JSON only, so it
 * sends no `Vary: Accept`, lists only application/json under "renders", and answers `Accept: text/html` with 406.
 */
const available = requireDjango()

interface Sent {
  method: string
  path: string
  headers?: Record<string, string>
  /** A JSON value (sent as application/json), or a raw body with its own Content-Type header. */
  json?: unknown
  body?: string | Buffer
}

interface Answer {
  status: number
  headers: Record<string, string>
  body: string
}

/** Headers compared (Date and Server are the servers' own; Vary is the documented difference). */
const COMPARED = [
  'content-type',
  'allow',
  'www-authenticate',
  'retry-after',
  'location',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
]

interface Side {
  name: string
  baseUrl: string
  port: number
  /** Values to put back into requests, and to hide in answers: API tokens and reset links per user. */
  vars: Map<string, string>
  lastLink(email: string): Promise<{ uid: string; token: string; text: string; subject: string }>
}

function send(side: Side, sent: Sent): Promise<Answer> {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => side.vars.get(k) ?? `{${k}}`)
  const headers: Record<string, string> = { Host: `127.0.0.1:${side.port}`, Connection: 'close' }
  for (const [k, v] of Object.entries(sent.headers ?? {})) headers[k] = fill(v)
  let body: Buffer | undefined
  if (sent.json !== undefined) {
    headers['Content-Type'] ??= 'application/json'
    body = Buffer.from(fill(JSON.stringify(sent.json)), 'utf8')
  } else if (sent.body !== undefined)
    body = typeof sent.body === 'string' ? Buffer.from(fill(sent.body), 'utf8') : sent.body
  if (body) headers['Content-Length'] = String(body.length)
  return new Promise((resolve, reject) => {
    const options = {
      host: '127.0.0.1',
      port: side.port,
      method: sent.method,
      path: fill(sent.path),
      headers,
      agent: false,
    }
    const req = httpRequest(options, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const out: Record<string, string> = {}
        for (const name of COMPARED) {
          const v = res.headers[name]
          if (v !== undefined) out[name] = Array.isArray(v) ? v.join(', ') : v
        }
        resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString('utf8') })
      })
    })
    req.on('error', (error) =>
      reject(new Error(`${side.name}: ${sent.method} ${sent.path}: ${error.message}`)),
    )
    req.end(body)
  })
}

/** Hides what legitimately differs between two servers: their ports and the secrets they minted. */
function normalise(side: Side, answer: Answer): Answer {
  let body = answer.body.replaceAll(`127.0.0.1:${side.port}`, '127.0.0.1:PORT')
  for (const [k, v] of side.vars) if (v.length >= 8) body = body.replaceAll(v, `{${k}}`)
  body = body.replace('"renders":["application/json","text/html"]', '"renders":["application/json"]')
  const headers = { ...answer.headers }
  if (headers['location'])
    headers['location'] = headers['location'].replaceAll(`127.0.0.1:${side.port}`, 'PORT')
  return { ...answer, body }
}

describe.runIf(available)('the demo server against Django + djoser, request for request', () => {
  let dir: string
  let django: DjangoServer
  let demo: DemoServer
  let sides: [Side, Side]
  const compared: string[] = []

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'demo-vs-django-'))
    ;[django, demo] = await Promise.all([
      startDjango(),
      startDemoServer({ dataFile: path.join(dir, 'demo.json'), logger: silentLogger, throttle: false }),
    ])
    // The same users with the same ids: the demo seeds `demo` as user 1, so Django gets it first too.
    await django.createUser('demo', 'demo@example.com', demo.account.password)
    for (const [u, e, p] of [
      ['alice', 'alice@example.com', 'Correct-Horse-1'],
      ['bob', 'bob@example.com', 'Correct-Horse-2'],
    ] as const) {
      await django.createUser(u, e, p)
      await demo.createUser({ username: u, email: e, password: p })
    }
    sides = [
      {
        name: 'django',
        baseUrl: django.baseUrl,
        port: django.port,
        vars: new Map(),
        async lastLink(email) {
          const mails = django.mailsTo(email)
          const mail = mails[mails.length - 1]
          const link = django.lastLinkFor(email)
          return {
            uid: link.uid,
            token: link.token,
            text: (mail?.text ?? '').trim(),
            subject: mail?.subject ?? '',
          }
        },
      },
      {
        name: 'demo',
        baseUrl: demo.baseUrl,
        port: demo.port,
        vars: new Map(),
        async lastLink(email) {
          const mail = demo.mailbox.list().find((m) => m.to === email)
          if (!mail) throw new Error(`no mail to ${email}`)
          const m = /\/reset\/([A-Za-z0-9_-]+)\/([0-9a-z]+-[0-9a-f]+)$/.exec(mail.link) as RegExpExecArray
          return { uid: m[1] as string, token: m[2] as string, text: mail.text.trim(), subject: mail.subject }
        },
      },
    ]
  }, 60_000)

  afterAll(async () => {
    await Promise.all([django?.stop(), demo?.stop()])
    if (dir) await rm(dir, { recursive: true, force: true })
    console.log(`demo vs Django: ${compared.length} requests answered alike`)
  })

  /** Sends to both and expects the same normalised answer. */
  async function same(
    sent: Sent,
    capture?: (answers: [Answer, Answer]) => void,
    label = `${sent.method} ${sent.path}`,
  ): Promise<[Answer, Answer]> {
    const answers = (await Promise.all(sides.map((s) => send(s, sent)))) as [Answer, Answer]
    capture?.(answers)
    const [a, b] = answers.map((ans, i) => normalise(sides[i] as Side, ans)) as [Answer, Answer]
    expect(b, `${label} ${JSON.stringify(sent.json ?? sent.body ?? '')}`).toEqual(a)
    compared.push(label)
    return answers
  }

  async function loginAs(name: string, username: string, password: string) {
    await same({ method: 'POST', path: '/auth/token/login/', json: { username, password } }, (answers) =>
      answers.forEach((a, i) =>
        sides[i]?.vars.set(name, (JSON.parse(a.body) as { auth_token: string }).auth_token),
      ),
    )
  }

  async function mailFor(email: string, prefix: string) {
    for (const side of sides) {
      const link = await side.lastLink(email)
      side.vars.set(`${prefix}Uid`, link.uid)
      side.vars.set(`${prefix}Token`, link.token)
      side.vars.set(`${prefix}Text`, link.text)
      side.vars.set(`${prefix}Subject`, link.subject)
    }
    const norm = (s: Side, key: string) =>
      (s.vars.get(key) ?? '')
        .replaceAll(`127.0.0.1:${s.port}`, '127.0.0.1:PORT')
        .replaceAll(s.vars.get(`${prefix}Token`) ?? '', 'TOKEN')
    expect(norm(sides[1], `${prefix}Text`)).toBe(norm(sides[0], `${prefix}Text`))
    expect(norm(sides[1], `${prefix}Subject`)).toBe(norm(sides[0], `${prefix}Subject`))
  }

  it('login: good, again, and every kind of refusal', async () => {
    await loginAs('alice', 'alice', 'Correct-Horse-1')
    await same({
      method: 'POST',
      path: '/auth/token/login/',
      json: { username: 'alice', password: 'Correct-Horse-1' },
    })
    await same({
      method: 'POST',
      path: '/auth/token/login',
      json: { username: 'alice', password: ' Correct-Horse-1 ' },
    })
    for (const json of [
      { username: 'alice', password: 'wrong' },
      { username: 'ALICE', password: 'Correct-Horse-1' },
      { username: 'nobody', password: 'x' },
      {},
      { email: 'alice@example.com', password: 'Correct-Horse-1' },
      { username: '', password: 'x' },
      { username: null, password: null },
      { username: 1, password: [1] },
      { username: 'alice', password: 'Correct-Horse-1', extra: { deep: [1, 2] } },
      [1],
      's',
      { username: 'alice\u0000', password: 'x' },
    ])
      await same({ method: 'POST', path: '/auth/token/login/', json })
    for (const body of [
      'username=&password=x',
      'username=alice&password=Correct-Horse-1',
      'username=bob&username=alice&password=Correct-Horse-1',
    ])
      await same({
        method: 'POST',
        path: '/auth/token/login/',
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      })
  })

  it('parse errors, content types and Accept', async () => {
    const json = { 'Content-Type': 'application/json' }
    for (const body of [
      'hello',
      '   ',
      '{"username":"alice","password":"x"',
      '{"a":"\u0001"}',
      '{"a":\n"b",\n',
      '{"a":-}',
      '{"a":01}',
      '{"a":[1,]}',
      '{"a":1,}',
      '{"a":NaN}',
      '{"a":1e400}',
      '{"a":"\\q"}',
      '{"a":"\\u12"}',
      '{"a":1} x',
      "{'a':1}",
      '\ufeff{}',
      '{"username":"\\ud83d\\ude00","password":1.5}',
    ])
      await same({ method: 'POST', path: '/auth/token/login/', body, headers: json })
    await same({ method: 'POST', path: '/auth/token/login/', body: Buffer.from([0xff, 0xfe]), headers: json })
    await same({
      method: 'POST',
      path: '/auth/token/login/',
      body: Buffer.from('{"username":"ab\xc3', 'latin1'),
      headers: json,
    })
    for (const type of [
      'text/plain',
      'Application/JSON',
      'application/vnd.api+json',
      'multipart/form-data',
      '*/*',
      'application/json; charset=latin-1',
    ])
      await same({
        method: 'POST',
        path: '/auth/token/login/',
        body: '{}',
        headers: { 'Content-Type': type },
      })
    await same({ method: 'POST', path: '/auth/token/login/', body: 'x' })
    const boundary = 'AaB03x'
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="username"\r\n\r\nalice\r\n--${boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\nCorrect-Horse-1\r\n--${boundary}--\r\n`
    await same({
      method: 'POST',
      path: '/auth/token/login/',
      body: multipart,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    })
    for (const accept of [
      'application/xml',
      'application/json; indent=2',
      'application/*;q=0.5',
      '*/*; q=0',
      '*/*; indent=4',
      'text/csv, application/json',
    ])
      await same({
        method: 'POST',
        path: '/auth/token/login/',
        json: { username: 'alice', password: 'x' },
        headers: { Accept: accept },
      })
    await same({ method: 'POST', path: '/auth/token/login/?format=json', json: {} })
    await same({ method: 'POST', path: '/auth/token/login/?format=xml', json: {} })
  })

  it('authentication headers, methods, slashes and unknown paths', async () => {
    for (const auth of [
      'Token {alice}',
      'token {alice}',
      'Bearer {alice}',
      'Token',
      'Token a b',
      'Token 0000000000000000000000000000000000000000',
      'Basic Zm9vOmJhcg==',
    ])
      await same({ method: 'GET', path: '/auth/users/me/', headers: { Authorization: auth } })
    const alice = { Authorization: 'Token {alice}' }
    for (const [method, p, headers] of [
      ['GET', '/auth/users/set_password/', {}],
      ['GET', '/auth/users/set_password/', alice],
      ['GET', '/auth/users/reset_password/', {}],
      ['PATCH', '/auth/users/reset_password/', alice],
      ['DELETE', '/auth/token/login/', {}],
      ['GET', '/auth/token/logout/', {}],
      ['GET', '/auth/token/logout/', alice],
      ['POST', '/auth/users/me/', {}],
      ['POST', '/auth/users/me/', alice],
      ['OPTIONS', '/auth/users/me/', {}],
      ['OPTIONS', '/auth/users/reset_password/', {}],
      ['OPTIONS', '/auth/users/set_password/', alice],
      ['OPTIONS', '/auth/token/login/', {}],
      ['OPTIONS', '/auth/token/logout/', alice],
      ['OPTIONS', '/auth/', {}],
      ['OPTIONS', '/auth/users/2/', alice],
      ['OPTIONS', '/auth/users/3/', alice],
      ['GET', '/auth/', {}],
      ['GET', '/auth/.json', {}],
      ['GET', '/auth/users/', {}],
      ['GET', '/auth/users/', alice],
      ['GET', '/auth/users/2/', alice],
      ['GET', '/auth/users/02/', alice],
      ['GET', '/auth/users/3/', alice],
      ['GET', '/auth/users/abc/', alice],
      ['GET', '/auth/users/activation/', alice],
      ['GET', '/auth/users/set_username/', {}],
      ['OPTIONS', '/auth/users/activation/', alice],
      ['OPTIONS', '/auth/users/resend_activation/', alice],
      ['OPTIONS', '/auth/users/set_username/', alice],
      ['OPTIONS', '/auth/users/reset_username/', alice],
      ['OPTIONS', '/auth/users/reset_username_confirm/', alice],
      ['POST', '/auth/users/set_username/', {}],
      ['GET', '/auth/users/me.json', alice],
      ['GET', '/auth/users/me.xml', alice],
      ['GET', '/auth/users/me', alice],
      ['GET', '/auth/users/me?x=1', {}],
      ['PUT', '/auth/users/reset_password', {}],
      ['GET', '/auth', {}],
      ['GET', '/nope', {}],
      ['GET', '/auth/users/me/extra', alice],
      ['GET', '/auth/users/a.b/', alice],
      ['POST', '/auth/users/reset_password/', { Authorization: 'Token bad' }],
    ] as const)
      await same({ method, path: p, headers: { ...headers } })
  })

  it('the me endpoints and account creation', async () => {
    await loginAs('bob', 'bob', 'Correct-Horse-2')
    const bob = { Authorization: 'Token {bob}' }
    for (const json of [
      { email: 'not' },
      { email: null },
      { email: ['x@example.com'] },
      { email: `${'a'.repeat(250)}@x.io` },
      { email: '  Bob2@Example.COM  ', username: 'zzz', id: 9 },
      { email: '' },
    ])
      await same({ method: 'PATCH', path: '/auth/users/me/', json, headers: bob })
    await same({ method: 'PUT', path: '/auth/users/me/', json: {}, headers: bob })
    await same({ method: 'PUT', path: '/auth/users/me/', json: { email: 'bob@example.com' }, headers: bob })
    await same({
      method: 'PATCH',
      path: '/auth/users/me/',
      body: 'email=',
      headers: { ...bob, 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    await same({ method: 'PUT', path: '/auth/users/me/', json: { email: 'bob@example.com' }, headers: bob })
    await same({ method: 'DELETE', path: '/auth/users/me/', json: {}, headers: bob })
    await same({
      method: 'DELETE',
      path: '/auth/users/me/',
      json: { current_password: 'nope' },
      headers: bob,
    })
    for (const json of [
      {},
      { username: 'alice', password: 'x', email: 'bad' },
      { username: 'carol!', password: 'carol12345', email: 'carol@example.com' },
      { username: 'carol', password: 'carol1234' },
      { username: 'x'.repeat(151), password: 'Wonderland-77' },
      { username: 'carol', password: 'Wonderland-77', email: 'Carol@EXAMPLE.com' },
    ])
      await same({ method: 'POST', path: '/auth/users/', json })
  })

  it('reset_password: the mail, unknown addresses, and validation', async () => {
    await same({ method: 'POST', path: '/auth/users/reset_password/', json: { email: 'alice@example.com' } })
    await mailFor('alice@example.com', 'a1')
    for (const json of [
      { email: 'nobody@example.com' },
      { email: 'ALICE@example.com' },
      { email: 'a@localhost' },
      { email: 'not-an-email' },
      { email: ['alice@example.com'] },
      { email: 12 },
      { email: 'a@b' },
      {},
      { email: '' },
      { email: null },
    ])
      await same({ method: 'POST', path: '/auth/users/reset_password/', json })
    await same({
      method: 'POST',
      path: '/auth/users/reset_password/',
      body: 'email=%20alice%40example.com%20',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    await mailFor('alice@example.com', 'a2')
  })

  it('reset_password_confirm: validation order, uid decoding, djoser’s crashes, success and reuse', async () => {
    await same({ method: 'POST', path: '/auth/users/reset_password/', json: { email: 'alice@example.com' } })
    await mailFor('alice@example.com', 'c')
    const confirm = (json: unknown) =>
      same({ method: 'POST', path: '/auth/users/reset_password_confirm/', json })
    for (const json of [
      {},
      { uid: '{cUid}', token: '{cToken}' },
      { uid: '{cUid}', token: '{cToken}', new_password: '' },
      { uid: '{cUid}', token: '{cToken}', new_password: '   ' },
      { uid: '{cUid}', token: '{cToken}', new_password: 'Ab1!x' },
      { uid: '{cUid}', token: '{cToken}', new_password: 'password' },
      { uid: '{cUid}', token: '{cToken}', new_password: '73829164' },
      { uid: '{cUid}', token: '{cToken}', new_password: '1234567' },
      { uid: '{cUid}', token: '{cToken}', new_password: '²³¹⁴⁵⁶⁷⁸' },
      { uid: 'Mg', token: 'garbage', new_password: 'password' },
      { uid: 'Mzk', token: '{cToken}', new_password: 'Kq9-zzvv-Lm' },
      { uid: '!!', token: '{cToken}', new_password: 'Kq9-zzvv-Lm' },
      { uid: 'YWJj', token: '{cToken}', new_password: 'Kq9-zzvv-Lm' },
      { uid: 'IDI', token: '{cToken}', new_password: 'Kq9-zzvv-Lm' },
      { uid: 'Kzk', token: '{cToken}', new_password: 'Kq9-zzvv-Lm' },
      { uid: 'M!g', token: 'abc', new_password: 'Kq9-zzvv-Lm' },
      { uid: 'Mw', token: '{cToken}', new_password: 'Kq9-zzvv-Lm' },
      { uid: '{cUid}', token: 'abc', new_password: 'Kq9-zzvv-Lm' },
      { uid: '{cUid}', token: 'x'.repeat(300), new_password: 'Kq9-zzvv-Lm' },
      { uid: '{cUid}', token: ' {cToken} ', new_password: 'Kq9-zzvv-Lm' },
      { uid: '{cUid}', token: 0, new_password: 'Kq9-zzvv-Lm' },
      { uid: '{cUid}', token: 5, new_password: 'Kq9-zzvv-Lm' },
      { uid: 2, token: '{cToken}', new_password: 'Kq9-zzvv-Lm' },
      { uid: '{cUid}', token: ['{cToken}'], new_password: 'Kq9-zzvv-Lm' },
    ])
      await confirm(json)
    await same({
      method: 'POST',
      path: '/auth/users/reset_password_confirm/',
      body: 'uid={cUid}&token=x&new_password=Kq9-zzvv-Lm&uid=Mw',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    // Similar to the username: accepted on reset (djoser's AnonymousUser), with a padded uid and an ignored retype.
    await confirm({ uid: '{cUid}==', token: '{cToken}', new_password: 'alice1234', re_new_password: 'nope' })
    await confirm({ uid: '{cUid}', token: '{cToken}', new_password: 'Kq9-zzvv-Lm' })
    await same({
      method: 'POST',
      path: '/auth/token/login/',
      json: { username: 'alice', password: 'alice1234' },
    })
    // The API token survived the reset.
    await same({ method: 'GET', path: '/auth/users/me/', headers: { Authorization: 'Token {alice}' } })
  })

  it('a login between request and confirm kills the link', async () => {
    await same({ method: 'POST', path: '/auth/users/reset_password/', json: { email: 'alice@example.com' } })
    await mailFor('alice@example.com', 'k')
    // Another second, so that the login's last_login differs from the token's.
    await new Promise((r) => setTimeout(r, 1100))
    await same({
      method: 'POST',
      path: '/auth/token/login/',
      json: { username: 'alice', password: 'alice1234' },
    })
    await same({
      method: 'POST',
      path: '/auth/users/reset_password_confirm/',
      json: { uid: '{kUid}', token: '{kToken}', new_password: 'Kq9-zzvv-Lm' },
    })
  })

  it('djoser’s other actions: activation, resend_activation, set_username, reset_username(_confirm)', async () => {
    await same({ method: 'POST', path: '/auth/users/reset_password/', json: { email: 'bob@example.com' } })
    await mailFor('bob@example.com', 'b')
    for (const [p, json] of [
      ['activation', {}],
      ['activation', { uid: 'Mzk', token: 'x' }],
      ['activation', { uid: '{bUid}', token: 'x' }],
      ['activation', { uid: '{bUid}', token: '{bToken}' }],
      ['resend_activation', {}],
      ['resend_activation', { email: 'bob@example.com' }],
      ['resend_activation', { email: 'nobody@example.com' }],
      ['reset_username', { email: 'bad' }],
      ['reset_username', { email: 'nobody@example.com' }],
      ['reset_username', { email: 'bob@example.com' }],
      ['reset_username_confirm', {}],
      ['reset_username_confirm', { new_username: 'bobby' }],
      ['reset_username_confirm', { new_username: 'bobby', uid: '{bUid}', token: 'x' }],
      ['reset_username_confirm', { new_username: 'alice', uid: '{bUid}', token: '{bToken}' }],
    ] as const)
      await same({ method: 'POST', path: `/auth/users/${p}/`, json })
    await loginAs('bob2', 'bob', 'Correct-Horse-2')
    const bob = { Authorization: 'Token {bob2}' }
    for (const json of [
      {},
      { new_username: 'alice!', current_password: 'x' },
      { new_username: 'bob', current_password: 'Correct-Horse-2' },
      { new_username: 'robert', current_password: 'Correct-Horse-2' },
    ])
      await same({ method: 'POST', path: '/auth/users/set_username/', json, headers: bob })
    await same({ method: 'GET', path: '/auth/users/me/', headers: bob })
  })

  it('more edges: percent-encoded paths, odd headers, inactive and password-less accounts, shared e-mails', async () => {
    await loginAs('carol', 'carol', 'Wonderland-77')
    const carol = { Authorization: 'Token {carol}' }
    for (const [method, p, headers] of [
      ['POST', '/auth/', {}],
      ['GET', '/auth/users/me/', { ...carol, Accept: '' }],
      ['GET', '/auth/users/me/?format=', carol],
      ['GET', '/auth/users/me/?format=json&format=xml', carol],
      ['POST', '/auth/users/reset%5Fpassword/', {}],
      ['GET', '/auth/users/%6De/', carol],
      ['DELETE', '/auth/users/3/', carol],
      ['DELETE', '/auth/users/99/', carol],
      ['PATCH', '/auth/users/4/', carol],
      ['PUT', '/auth/users/+4/', carol],
    ] as const)
      await same({ method, path: p, headers: { ...headers } })
    await same({ method: 'GET', path: '/auth/users/me/', headers: { Authorization: 'Token caf\xe9' } })
    for (const side of sides) {
      const create =
        side.name === 'django'
          ? (u: string, e: string, p: string | null, active: boolean) =>
              django.createUser(u, e, p as string, { active })
          : (u: string, e: string, p: string | null, active: boolean) =>
              demo.createUser({ username: u, email: e, password: p, active })
      await create('sleepy', 'sleepy@example.com', 'Wonderland-77', false)
    }
    await same({
      method: 'POST',
      path: '/auth/token/login/',
      json: { username: 'sleepy', password: 'Wonderland-77' },
    })
    await same({ method: 'POST', path: '/auth/users/reset_password/', json: { email: 'sleepy@example.com' } })
    await same({
      method: 'POST',
      path: '/auth/users/resend_activation/',
      json: { email: 'sleepy@example.com' },
    })
    // Two accounts on one address: Django's MultipleObjectsReturned.
    await same({
      method: 'PATCH',
      path: '/auth/users/me/',
      json: { email: 'alice@example.com' },
      headers: carol,
    })
    await same({ method: 'POST', path: '/auth/users/reset_password/', json: { email: 'alice@example.com' } })
    await same({
      method: 'PATCH',
      path: '/auth/users/me/',
      json: { email: 'carol@example.com' },
      headers: carol,
    })
    for (const json of [
      { username: 'Jürgen', password: 'Wonderland-77', email: 'j@EXAMPLE.org' },
      { username: '\uff46\uff55\uff4c\uff4c', password: 'Wonderland-77' },
      { username: 'dave', password: 'dave', email: 'dave@example.com' },
      { username: 'erin', password: 'Wonderland-77', email: ' erin@Example.COM ' },
    ])
      await same({
        method: 'POST',
        path: '/auth/users/',
        body: JSON.stringify(json),
        headers: { 'Content-Type': 'application/json' },
      })
    const boundary = 'Zz9'
    const withFile = `--${boundary}\r\nContent-Disposition: form-data; name="email"; filename="e.txt"\r\nContent-Type: text/plain\r\n\r\nalice@example.com\r\n--${boundary}--\r\n`
    await same({
      method: 'POST',
      path: '/auth/users/reset_password/',
      body: withFile,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    })
    await same({
      method: 'PUT',
      path: '/auth/users/me/',
      body: 'email=carol2%40example.com',
      headers: { ...carol, 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    await same({
      method: 'POST',
      path: '/auth/users/set_password/',
      json: { current_password: 'Wonderland-77', new_password: 'Harbour-Lights-12', re_new_password: 'x' },
      headers: carol,
    })
  })

  it('differs only where docs/demo-server.md says: JSON rendering only', async () => {
    const sent: Sent = { method: 'GET', path: '/auth/', headers: { Accept: 'text/html' } }
    const [fromDjango, fromDemo] = await Promise.all(sides.map((side) => send(side, sent)))
    expect(fromDjango?.status).toBe(200)
    expect(fromDjango?.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(fromDemo?.status).toBe(406)
    expect(fromDemo?.body).toBe('{"detail":"Could not satisfy the request Accept header."}')
  })

  it('set_password and logout', async () => {
    const alice = { Authorization: 'Token {alice}' }
    for (const json of [
      {},
      { current_password: 'x', new_password: '1' },
      { current_password: 'alice1234', new_password: 'alice' },
      { current_password: 'alice1234', new_password: 'aliceexample' },
      { current_password: 'alice1234', new_password: 'Alice-987' },
      { current_password: 'alice1234', new_password: '  ' },
      { current_password: 'alice1234', new_password: 'Correct-Horse-1' },
    ])
      await same({ method: 'POST', path: '/auth/users/set_password/', json, headers: alice })
    await same({
      method: 'POST',
      path: '/auth/token/login/',
      json: { username: 'alice', password: 'Correct-Horse-1' },
    })
    await same({ method: 'POST', path: '/auth/token/logout/', headers: alice })
    await same({ method: 'GET', path: '/auth/users/me/', headers: alice })
    await same({ method: 'POST', path: '/auth/token/logout/', headers: alice })
    await same({ method: 'POST', path: '/auth/token/logout/' })
  })
})
