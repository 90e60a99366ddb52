import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoServer, type DemoServer } from '../../src/main/demo'
import { silentLogger } from '../../src/main/log'
import { requireDjango, startDjango, type DjangoServer } from '../servers/django'

/**
 * Protocol test: the same calls, in the same order, to the real Django + djoser test server and to the demo
 * server, compared by status and JSON shape (keys and value types, not wording or secrets). What the app relies
 * on is the protocol; the demo's texts come from the same validators (src/shared) and are pinned by its own tests.
 */
const available = requireDjango()

/** A JSON value's shape: its type, with the keys of objects and the shapes of array items. */
function shape(value: unknown): unknown {
  if (Array.isArray(value))
    return [...new Set(value.map((v) => JSON.stringify(shape(v))))].map((s) => JSON.parse(s))
  if (value === null) return 'null'
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    )
  return typeof value
}

interface Side {
  name: string
  baseUrl: string
  /** Per side: API tokens and reset-link parts, put into calls where `{name}` stands. */
  vars: Map<string, string>
  lastLink(email: string): { uid: string; token: string }
}

interface Call {
  method: 'GET' | 'POST'
  path: string
  json?: unknown
  /** A `{name}` of an API token. */
  token?: string
}

async function send(side: Side, call: Call): Promise<{ status: number; body: unknown }> {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => side.vars.get(k) ?? `{${k}}`)
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (call.token) headers['Authorization'] = `Token ${fill(`{${call.token}}`)}`
  if (call.json !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(`${side.baseUrl}${call.path}`, {
    method: call.method,
    headers,
    body: call.json === undefined ? undefined : fill(JSON.stringify(call.json)),
  })
  const text = await response.text()
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null }
}

describe.runIf(available)('the demo server against Django + djoser: the protocol the app uses', () => {
  let dir: string
  let django: DjangoServer
  let demo: DemoServer
  let sides: Side[]
  let compared = 0

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'demo-protocol-'))
    ;[django, demo] = await Promise.all([
      startDjango(),
      startDemoServer({ dataFile: path.join(dir, 'demo.json'), logger: silentLogger, throttle: false }),
    ])
    await django.createUser('demo', 'demo@example.com', demo.account.password)
    await django.createUser('alice', 'alice@example.com', 'Correct-Horse-1')
    await demo.createUser({ username: 'alice', email: 'alice@example.com', password: 'Correct-Horse-1' })
    const linkIn = (link: string) => {
      const m = /\/reset\/([A-Za-z0-9_-]+)\/([0-9a-z]+-[0-9a-f]+)\/?$/.exec(link)
      if (!m) throw new Error('no reset link')
      return { uid: m[1] as string, token: m[2] as string }
    }
    sides = [
      { name: 'django', baseUrl: django.baseUrl, vars: new Map(), lastLink: (e) => django.lastLinkFor(e) },
      {
        name: 'demo',
        baseUrl: demo.baseUrl,
        vars: new Map(),
        lastLink: (e) => linkIn(demo.mailbox.list().find((m) => m.to === e)?.link ?? ''),
      },
    ]
  }, 60_000)

  afterAll(async () => {
    await Promise.all([django?.stop(), demo?.stop()])
    if (dir) await rm(dir, { recursive: true, force: true })
    console.log(`demo vs djoser: ${compared} calls answered alike`)
  })

  /** Sends to both; expects the same status and JSON shape. Returns both answers (django, demo). */
  async function same(call: Call) {
    const answers = await Promise.all(sides.map((side) => send(side, call)))
    const [real, ours] = answers as [{ status: number; body: unknown }, { status: number; body: unknown }]
    const label = `${call.method} ${call.path} ${JSON.stringify(call.json ?? '')}`
    expect({ status: ours.status, shape: shape(ours.body) }, label).toEqual({
      status: real.status,
      shape: shape(real.body),
    })
    compared++
    return answers
  }

  const remember =
    (name: string, pick: (body: unknown, side: Side) => string) => (answers: { body: unknown }[]) =>
      answers.forEach((a, i) => sides[i]?.vars.set(name, pick(a.body, sides[i] as Side)))

  const signIn = async (name: string, username: string, password: string) =>
    remember(
      name,
      (body) => (body as { auth_token: string }).auth_token,
    )(await same({ method: 'POST', path: '/auth/token/login/', json: { username, password } }))

  const mailedLink = async (email: string) => {
    await same({ method: 'POST', path: '/auth/users/reset_password/', json: { email } })
    for (const side of sides) {
      const { uid, token } = side.lastLink(email)
      side.vars.set('uid', uid)
      side.vars.set('resetToken', token)
    }
  }

  it('sign-in, who am I, sign-out', async () => {
    await signIn('alice', 'alice', 'Correct-Horse-1')
    for (const json of [
      { username: 'alice', password: 'wrong' },
      { username: 'nobody', password: 'x' },
      {},
      { username: '', password: 'x' },
      { username: null, password: null },
      [1],
    ])
      await same({ method: 'POST', path: '/auth/token/login/', json })
    await same({ method: 'GET', path: '/auth/users/me/', token: 'alice' })
    await same({ method: 'GET', path: '/auth/users/me/' })
    await same({ method: 'GET', path: '/auth/users/me/', token: 'nobody' })
    await same({ method: 'GET', path: '/auth/token/login/' })
    await same({ method: 'POST', path: '/auth/token/logout/', token: 'alice' })
    await same({ method: 'GET', path: '/auth/users/me/', token: 'alice' })
    await same({ method: 'POST', path: '/auth/token/logout/' })
  })

  it('reset request and confirm: field errors, validators, dead and used links', async () => {
    for (const json of [
      { email: 'nobody@example.com' },
      { email: 'not-an-email' },
      {},
      { email: '' },
      { email: [1] },
    ])
      await same({ method: 'POST', path: '/auth/users/reset_password/', json })
    await mailedLink('alice@example.com')
    const confirm = (json: Record<string, unknown>) =>
      same({ method: 'POST', path: '/auth/users/reset_password_confirm/', json })
    for (const json of [
      {},
      { uid: '{uid}', token: '{resetToken}' },
      { uid: '{uid}', token: '{resetToken}', new_password: 'short' },
      { uid: '{uid}', token: '{resetToken}', new_password: 'password' },
      { uid: '{uid}', token: '{resetToken}', new_password: '73829164021' },
      { uid: 'Zm9v', token: '{resetToken}', new_password: 'Tremble-Oak-55' },
      { uid: '{uid}', token: '1-abc', new_password: 'Tremble-Oak-55' },
    ])
      await confirm(json)
    await confirm({ uid: '{uid}', token: '{resetToken}', new_password: 'Tremble-Oak-55' })
    // Single use: the same link again is dead.
    await confirm({ uid: '{uid}', token: '{resetToken}', new_password: 'Tremble-Oak-56' })
    await signIn('alice', 'alice', 'Tremble-Oak-55')
  })

  it('change password: field errors, a wrong current password, validators, success', async () => {
    await signIn('demo', 'demo', demo.account.password)
    const change = (json: Record<string, unknown>, token = 'demo') =>
      same({ method: 'POST', path: '/auth/users/set_password/', json, token })
    for (const json of [
      {},
      { current_password: 'wrong', new_password: 'Tremble-Oak-55' },
      { current_password: demo.account.password, new_password: 'demo1234' },
      { current_password: demo.account.password, new_password: '12345678' },
    ])
      await change(json)
    await same({ method: 'POST', path: '/auth/users/set_password/', json: {} })
    await change({ current_password: demo.account.password, new_password: 'Quartz-Lantern-58' })
    await signIn('demo', 'demo', 'Quartz-Lantern-58')
  })
})
