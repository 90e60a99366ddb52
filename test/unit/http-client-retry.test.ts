import { describe, expect, test } from 'vitest'
import { createHttpClient, timeoutError, type FetchLike } from '../../src/main/http/client'
import { startDeadline } from '../../src/main/http/deadline'
import { createLogger, silentLogger } from '../../src/main/log'

/** A fetch answering from a script, counting its calls. */
function scripted(answer: (call: number) => Response | Promise<Response>) {
  const seen: Request[] = []
  const fetchImpl: FetchLike = async (input, init) => {
    seen.push(new Request(input as RequestInfo, init))
    return answer(seen.length)
  }
  return { fetchImpl, seen }
}

const systemError = (code: string) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) })

async function sendOnce(
  fetchImpl: FetchLike,
  options: {
    method?: 'GET' | 'POST' | 'OPTIONS'
    url?: string
    timeoutMs?: number
    sleep?: (ms: number) => Promise<void>
    lines?: string[]
    userAgent?: string
  } = {},
) {
  const client = createHttpClient({
    fetch: fetchImpl,
    logger: options.lines ? createLogger((line) => options.lines?.push(line), 'debug') : silentLogger,
    sleep: options.sleep ?? (async () => {}),
    userAgent: options.userAgent,
  })
  const deadline = startDeadline(options.timeoutMs ?? 5_000)
  try {
    return await client.send({
      method: options.method ?? 'GET',
      url: options.url ?? 'http://127.0.0.1:9/auth/users/me/',
      deadline,
      label: 'test.label',
    })
  } finally {
    deadline.dispose()
  }
}

describe('the HTTP client: retries', () => {
  test.each([502, 503, 504])(
    'a GET answered %i is tried once more, after a quarter of a second',
    async (status) => {
      const pauses: number[] = []
      const { fetchImpl, seen } = scripted(
        (n) => new Response(n === 1 ? 'busy' : 'fine', { status: n === 1 ? status : 200 }),
      )
      const result = await sendOnce(fetchImpl, { sleep: async (ms) => void pauses.push(ms) })
      expect(result).toMatchObject({ ok: true, value: { status: 200, body: 'fine' } })
      expect(seen).toHaveLength(2)
      expect(pauses).toEqual([250])
    },
  )

  test.each([500, 501, 505, 429, 404])('a GET answered %i is not retried', async (status) => {
    const { fetchImpl, seen } = scripted(() => new Response('', { status }))
    expect(await sendOnce(fetchImpl)).toMatchObject({ ok: true, value: { status } })
    expect(seen).toHaveLength(1)
  })

  test('an OPTIONS is retried like a GET; a connection failure of unknown kind is not', async () => {
    const options = scripted((n) => new Response('', { status: n === 1 ? 503 : 200 }))
    expect(await sendOnce(options.fetchImpl, { method: 'OPTIONS' })).toMatchObject({
      ok: true,
      value: { status: 200 },
    })
    expect(options.seen).toHaveLength(2)
    const unknown = scripted(() => {
      throw new Error('something odd')
    })
    expect(await sendOnce(unknown.fetchImpl)).toMatchObject({ ok: false, error: { kind: 'unreachable' } })
    expect(unknown.seen).toHaveLength(1)
  })

  test('no retry when less than two pauses’ time is left before the deadline', async () => {
    const { fetchImpl, seen } = scripted(() => new Response('', { status: 503 }))
    expect(await sendOnce(fetchImpl, { timeoutMs: 400 })).toMatchObject({ ok: true, value: { status: 503 } })
    expect(seen).toHaveLength(1)
    const roomy = scripted(() => new Response('', { status: 503 }))
    await sendOnce(roomy.fetchImpl, { timeoutMs: 10_000 })
    expect(roomy.seen).toHaveLength(2)
  })

  test('a deadline that ends during the pause ends the request as a timeout that changed nothing', async () => {
    const { fetchImpl, seen } = scripted(() => new Response('', { status: 503 }))
    const result = await sendOnce(fetchImpl, {
      // Room for a retry after the first answer even on a slow machine; the pause outlasts the deadline.
      timeoutMs: 2_000,
      sleep: () => new Promise((resolve) => setTimeout(resolve, 2_100)),
    })
    expect(result).toEqual({ ok: false, error: timeoutError(false) })
    expect(seen).toHaveLength(1)
  })

  test('the retry and the failure are logged with the label, never the URL', async () => {
    const lines: string[] = []
    const { fetchImpl } = scripted((n) => {
      if (n === 1) throw systemError('ECONNRESET')
      throw systemError('ECONNREFUSED')
    })
    const result = await sendOnce(fetchImpl, { lines, url: 'http://127.0.0.1:9/reset/MQ/secret-path/' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'unreachable', host: '127.0.0.1:9' } })
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(events).toEqual([
      expect.objectContaining({
        event: 'http.failed',
        label: 'test.label',
        method: 'GET',
        failure: 'broken',
        ms: expect.any(Number),
      }),
      expect.objectContaining({ event: 'http.retry', label: 'test.label' }),
      expect.objectContaining({
        event: 'http.failed',
        label: 'test.label',
        method: 'GET',
        failure: 'unreachable',
      }),
    ])
    expect(lines.join('\n')).not.toMatch(/secret-path|MQ/)
    // The time each attempt took: small and never negative (not a clock reading).
    for (const { ms } of events.filter((e) => e['event'] === 'http.failed')) {
      expect(ms).toBeGreaterThanOrEqual(0)
      expect(ms).toBeLessThan(60_000)
    }
  })

  test('an answer’s log line carries how long it took', async () => {
    const lines: string[] = []
    const { fetchImpl } = scripted(() => new Response(null, { status: 204 }))
    await sendOnce(fetchImpl, { lines })
    const [line] = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(line).toMatchObject({ event: 'http.response', status: 204, ms: expect.any(Number) })
    expect(line?.['ms']).toBeGreaterThanOrEqual(0)
    expect(line?.['ms']).toBeLessThan(60_000)
  })
})

describe('the HTTP client: requests and answers', () => {
  test('asks for no cache, sends its own User-Agent when given one', async () => {
    const { fetchImpl, seen } = scripted(() => new Response('', { status: 200 }))
    await sendOnce(fetchImpl, { userAgent: 'AccountDesk/1.2 (test)' })
    expect(seen[0]?.cache).toBe('no-store')
    expect(seen[0]?.headers.get('user-agent')).toBe('AccountDesk/1.2 (test)')
  })

  test('header names come back lower-case, Set-Cookie kept apart; the body as text', async () => {
    const { fetchImpl } = scripted(
      () =>
        new Response('{"a":1}', {
          status: 200,
          headers: [
            ['Content-Type', 'application/json'],
            ['X-Many', 'one'],
            ['X-Many', 'two'],
            ['Set-Cookie', 'a=1'],
          ],
        }),
    )
    const result = await sendOnce(fetchImpl)
    expect(result).toMatchObject({ ok: true })
    if (!result.ok) return
    expect(result.value.headers).toEqual({ 'content-type': 'application/json', 'x-many': 'one, two' })
    expect(result.value.setCookies).toEqual(['a=1'])
    expect(result.value.body).toBe('{"a":1}')
  })

  test('a timeout’s words say whether the change may already have been made', () => {
    expect(timeoutError(false)).toEqual({
      kind: 'timeout',
      message: { code: 'timeout.try-again' },
      mayHaveApplied: false,
    })
    expect(timeoutError(true)).toMatchObject({ kind: 'timeout', mayHaveApplied: true })
    expect(timeoutError(true).message).toEqual({ code: 'timeout.may-have-applied' })
  })

  test('an address that is not a URL fails without naming anything from it', async () => {
    const { fetchImpl, seen } = scripted(() => new Response('', { status: 200 }))
    const result = await sendOnce(fetchImpl, { url: 'http://[broken/secret-token' })
    expect(result.ok).toBe(false)
    expect(seen).toHaveLength(0)
    if (result.ok) return
    expect(result.error).toMatchObject({ kind: 'unreachable', host: 'the server' })
    expect(JSON.stringify(result.error)).not.toMatch(/secret-token|broken/)
  })
})
