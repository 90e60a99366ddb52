import { describe, expect, test } from 'vitest'
import { createHttpClient, MAX_RESPONSE_BYTES, type FetchLike } from '../../src/main/http/client'
import { startDeadline } from '../../src/main/http/deadline'
import { createLogger, silentLogger } from '../../src/main/log'

type Seen = {
  method: string
  url: string
  redirect: RequestRedirect
  credentials: RequestCredentials
  headers: Headers
  body: string
}

/** A fetch that records what it was asked and answers from a script. */
function scripted(answer: (call: number, seen: Seen, signal: AbortSignal) => Promise<Response>) {
  const calls: Seen[] = []
  const fetchImpl: FetchLike = async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    const seen: Seen = {
      method: request.method,
      url: request.url,
      redirect: request.redirect,
      credentials: request.credentials,
      headers: request.headers,
      body: request.method === 'GET' ? '' : await request.text(),
    }
    calls.push(seen)
    return answer(calls.length, seen, request.signal)
  }
  return { fetchImpl, calls }
}

const never = (signal: AbortSignal) =>
  new Promise<Response>((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
  )

const systemError = (code: string) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) })

const send = async (
  fetchImpl: FetchLike,
  request: { method?: 'GET' | 'POST'; timeoutMs?: number; signal?: AbortSignal; idempotent?: boolean } = {},
) => {
  const client = createHttpClient({ fetch: fetchImpl, logger: silentLogger, sleep: async () => {} })
  const deadline = startDeadline(request.timeoutMs ?? 2000, request.signal)
  try {
    return await client.send({
      method: request.method ?? 'GET',
      url: 'http://127.0.0.1:9/auth/users/me/',
      headers: { Accept: 'application/json' },
      body: request.method === 'POST' ? '{"a":1}' : undefined,
      idempotent: request.idempotent,
      deadline,
      label: 'test',
    })
  } finally {
    deadline.dispose()
  }
}

describe('the HTTP client (axios over an injected fetch)', () => {
  test('asks the fetch for manual redirects and no cookies of its own, and hands 3xx back untouched', async () => {
    const { fetchImpl, calls } = scripted(
      async () =>
        new Response(null, {
          status: 302,
          headers: [
            ['Location', '/elsewhere/'],
            ['Set-Cookie', 'a=1; Expires=Thu, 01 Jan 2099 00:00:00 GMT; Path=/'],
            ['Set-Cookie', 'b=2; Path=/'],
          ],
        }),
    )
    const result = await send(fetchImpl, { method: 'POST' })
    expect(result).toEqual({
      ok: true,
      value: {
        status: 302,
        headers: expect.objectContaining({ location: '/elsewhere/' }),
        setCookies: ['a=1; Expires=Thu, 01 Jan 2099 00:00:00 GMT; Path=/', 'b=2; Path=/'],
        body: '',
        url: 'http://127.0.0.1:9/auth/users/me/',
      },
    })
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({
      method: 'POST',
      redirect: 'manual',
      credentials: 'omit',
      body: '{"a":1}',
    })
    expect(calls[0]?.headers.get('accept')).toBe('application/json')
    expect(calls[0]?.headers.get('user-agent')).toBe('AccountDesk')
  })

  test('hands the fetch the address and its options, not a Request built beforehand (fetch builds its own)', async () => {
    const inputs: unknown[] = []
    const fetchImpl: FetchLike = async (input, init) => {
      inputs.push(input)
      expect(init).toMatchObject({
        method: 'GET',
        redirect: 'manual',
        cache: 'no-store',
        credentials: 'omit',
      })
      expect(init?.signal).toBeInstanceOf(AbortSignal)
      return new Response('{}', { status: 200 })
    }
    expect(await send(fetchImpl)).toMatchObject({ ok: true, value: { status: 200, body: '{}' } })
    expect(inputs).toEqual(['http://127.0.0.1:9/auth/users/me/'])
  })

  test('a deadline ends a GET as a timeout that changed nothing, and a POST as one that may have applied', async () => {
    const { fetchImpl } = scripted(async (_n, _seen, signal) => never(signal))
    expect(await send(fetchImpl, { timeoutMs: 50 })).toMatchObject({
      ok: false,
      error: { kind: 'timeout', mayHaveApplied: false },
    })
    expect(await send(fetchImpl, { method: 'POST', timeoutMs: 50 })).toMatchObject({
      ok: false,
      error: { kind: 'timeout', mayHaveApplied: true },
    })
    // A POST the caller marks idempotent (sign-out) changed nothing worth warning about.
    expect(await send(fetchImpl, { method: 'POST', timeoutMs: 50, idempotent: true })).toMatchObject({
      ok: false,
      error: { kind: 'timeout', mayHaveApplied: false },
    })
  })

  test('a body that stalls after the headers is ended by the deadline too', async () => {
    const { fetchImpl } = scripted(async (_n, _seen, signal) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"auth_'))
          signal.addEventListener('abort', () => controller.error(signal.reason), { once: true })
        },
      })
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
    expect(await send(fetchImpl, { method: 'POST', timeoutMs: 80 })).toMatchObject({
      ok: false,
      error: { kind: 'timeout', mayHaveApplied: true },
    })
  })

  test('the caller’s signal cancels', async () => {
    const { fetchImpl } = scripted(async (_n, _seen, signal) => never(signal))
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 20)
    expect(await send(fetchImpl, { signal: controller.signal })).toEqual({
      ok: false,
      error: { kind: 'cancelled', message: { code: 'cancelled' } },
    })
    const already = new AbortController()
    already.abort()
    expect(await send(fetchImpl, { signal: already.signal })).toMatchObject({
      ok: false,
      error: { kind: 'cancelled' },
    })
  })

  test('retries a GET once after a gateway error or a broken connection, never a POST', async () => {
    const gateway = scripted(
      async () =>
        new Response('<h1>Bad Gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
    )
    expect(await send(gateway.fetchImpl)).toMatchObject({ ok: true, value: { status: 502 } })
    expect(gateway.calls).toHaveLength(2)
    await send(gateway.fetchImpl, { method: 'POST' })
    expect(gateway.calls).toHaveLength(3)

    const reset = scripted(async (n) => {
      if (n === 1) throw systemError('ECONNRESET')
      return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
    expect(await send(reset.fetchImpl)).toMatchObject({ ok: true, value: { status: 200 } })
    expect(reset.calls).toHaveLength(2)

    const resetPost = scripted(async () => {
      throw systemError('ECONNRESET')
    })
    expect(await send(resetPost.fetchImpl, { method: 'POST' })).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', message: { code: 'connection.broken-may-have-applied' } },
    })
    expect(resetPost.calls).toHaveLength(1)
  })

  test('does not retry what a retry cannot fix: refused, DNS, TLS', async () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'CERT_HAS_EXPIRED']) {
      const failing = scripted(async () => {
        throw systemError(code)
      })
      const result = await send(failing.fetchImpl)
      expect(result.ok).toBe(false)
      expect(failing.calls).toHaveLength(1)
    }
  })

  test('an opaque redirect (status 0) and Electron’s “Redirect was cancelled” are unexpected answers', async () => {
    const opaque = scripted(async () => {
      const response = new Response(null, { status: 200 })
      Object.defineProperty(response, 'status', { value: 0 })
      return response
    })
    expect(await send(opaque.fetchImpl)).toMatchObject({ ok: false, error: { kind: 'unexpected-response' } })
    const electron = scripted(async () => {
      throw new Error('Redirect was cancelled')
    })
    expect(await send(electron.fetchImpl)).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', message: { code: 'redirect.not-followed' } },
    })
  })

  test('refuses bodies beyond the size cap, whether their length is declared or not', async () => {
    const body = 'x'.repeat(MAX_RESPONSE_BYTES + 10)
    const undeclared = scripted(
      async () => new Response(body, { status: 200, headers: { 'Content-Type': 'text/html' } }),
    )
    const declared = scripted(
      async () => new Response(body, { status: 200, headers: { 'Content-Length': String(body.length) } }),
    )
    for (const { fetchImpl } of [undeclared, declared])
      expect(await send(fetchImpl)).toMatchObject({
        ok: false,
        error: { kind: 'unexpected-response', message: { code: 'response.too-large' } },
      })
    const atCap = scripted(async () => new Response('y'.repeat(MAX_RESPONSE_BYTES), { status: 200 }))
    expect(await send(atCap.fetchImpl)).toMatchObject({ ok: true, value: { status: 200 } })
  })

  test('logs the label, the status and the time, never the URL or the body', async () => {
    const lines: string[] = []
    const { fetchImpl } = scripted(
      async () =>
        new Response('{"auth_token":"0123456789abcdef0123456789abcdef01234567"}', {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    )
    const client = createHttpClient({ fetch: fetchImpl, logger: createLogger((l) => lines.push(l), 'debug') })
    const deadline = startDeadline(1000)
    await client.send({
      method: 'GET',
      url: 'http://127.0.0.1:9/accounts/reset/MQ/diuuld-2d25ac86beb4c8259fb9653408c7ceb9/',
      deadline,
      label: 'forms.link',
    })
    deadline.dispose()
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({
      event: 'http.response',
      label: 'forms.link',
      method: 'GET',
      status: 200,
    })
    expect(lines[0]).not.toMatch(/diuuld|0123456789abcdef|MQ|127\.0\.0\.1/)
  })
})

describe('Accept-Language', () => {
  const sendWith = async (languages: (() => readonly string[]) | undefined) => {
    const { fetchImpl, calls } = scripted(async () => new Response('{}', { status: 200 }))
    const client = createHttpClient({ fetch: fetchImpl, logger: silentLogger, languages })
    const deadline = startDeadline(2000)
    try {
      await client.send({ method: 'GET', url: 'http://127.0.0.1:9/x/', deadline, label: 'test' })
    } finally {
      deadline.dispose()
    }
    return calls[0]?.headers.get('accept-language') ?? null
  }

  test('every request carries the app’s languages, most wanted first, read at each call', async () => {
    let languages: readonly string[] = ['de-DE', 'en-US']
    const live = () => languages
    expect(await sendWith(live)).toBe('de-DE, en-US;q=0.9')
    languages = ['fr']
    expect(await sendWith(live)).toBe('fr')
  })

  test('one client follows a change of languages between two requests', async () => {
    const { fetchImpl, calls } = scripted(async () => new Response('{}', { status: 200 }))
    let languages: readonly string[] = ['de-DE']
    const client = createHttpClient({ fetch: fetchImpl, logger: silentLogger, languages: () => languages })
    const deadline = startDeadline(2000)
    try {
      for (const next of [['de-DE'], ['de-DE'], ['fr', 'de'], []]) {
        languages = next
        await client.send({ method: 'GET', url: 'http://127.0.0.1:9/x/', deadline, label: 'test' })
      }
    } finally {
      deadline.dispose()
    }
    expect(calls.map((c) => c.headers.get('accept-language'))).toEqual([
      'de-DE',
      'de-DE',
      'fr, de;q=0.9',
      null,
    ])
  })

  test('no languages, no header: the server’s own default applies', async () => {
    expect(await sendWith(undefined)).toBeNull()
    expect(await sendWith(() => [])).toBeNull()
  })
})
