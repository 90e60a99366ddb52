import { EventEmitter } from 'node:events'
import { describe, expect, test } from 'vitest'
import { ElectronEmitter } from '../helpers/electron-emitter'
import { classifyTransportError, transportFailureToAppError } from '../../src/main/http/transport-errors'
import {
  UnreadableResponseError,
  createNetRequestFetch,
  type NetClientRequest,
  type NetRequestOptions,
} from '../../src/main/http/net-request-fetch'

/** A scripted ClientRequest: what Electron's net.request returns, reduced to its events. */
class FakeRequest extends ElectronEmitter {
  headers: Record<string, string> = {}
  written: Buffer[] = []
  ended = false
  aborted = false
  constructor(readonly options: NetRequestOptions) {
    super()
  }
  setHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value
  }
  write(chunk: Buffer) {
    this.written.push(chunk)
  }
  end() {
    this.ended = true
  }
  // Electron's abort() emits no 'error' (client-request docs: the 'abort' event, then 'close').
  abort() {
    this.aborted = true
  }
}

function fakeNet() {
  const made: FakeRequest[] = []
  const request = (options: NetRequestOptions) => {
    const r = new FakeRequest(options)
    made.push(r)
    return r as unknown as NetClientRequest
  }
  return { made, fetch: createNetRequestFetch(request) }
}

const incoming = (statusCode: number, headers: Record<string, string | string[]>) =>
  incomingWith(statusCode, 'X', headers)

const tick = () => new Promise((r) => setImmediate(r))

describe('createNetRequestFetch (Electron net.request as a fetch)', () => {
  test('asks for manual redirects, no session cookies, no cache; sends headers and body', async () => {
    const net = fakeNet()
    const pending = net.fetch('https://example.com/auth/token/login/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': '2', Cookie: 'a=1' },
      body: '{}',
    })
    await tick()
    const r = net.made[0]!
    expect(r.options).toEqual({
      method: 'POST',
      url: 'https://example.com/auth/token/login/',
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
    })
    expect(r.headers['content-type']).toBe('application/json')
    expect(r.headers['cookie']).toBe('a=1')
    expect(r.headers['content-length']).toBeUndefined()
    expect(Buffer.concat(r.written).toString()).toBe('{}')
    expect(r.ended).toBe(true)
    const res = incoming(200, {
      'content-type': 'application/json',
      'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
    })
    r.emit('response', res)
    res.emit('data', Buffer.from('{"ok":'))
    res.emit('data', Buffer.from('true}'))
    res.emit('end')
    const response = await pending
    expect(response.status).toBe(200)
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(await response.json()).toEqual({ ok: true })
  })

  test('a redirect comes back as a response (status, Location, Set-Cookie) and is not followed', async () => {
    const net = fakeNet()
    const pending = net.fetch('http://127.0.0.1:1/accounts/reset/MQ/t/')
    await tick()
    const r = net.made[0]!
    r.emit('redirect', 302, 'GET', 'http://127.0.0.1:1/accounts/reset/MQ/set-password/', {
      location: ['/accounts/reset/MQ/set-password/'],
      'set-cookie': ['sessionid=s; Path=/'],
    })
    // Electron then fails the request ("Redirect was cancelled"); that must not matter any more.
    r.emit('error', new Error('Redirect was cancelled'))
    const response = await pending
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/accounts/reset/MQ/set-password/')
    expect(response.headers.getSetCookie()).toEqual(['sessionid=s; Path=/'])
    expect(r.aborted).toBe(true)
    expect(net.made).toHaveLength(1)
  })

  test('errors reject; an abort rejects and aborts the request, also mid-body', async () => {
    const net = fakeNet()
    const failing = net.fetch('http://127.0.0.1:1/')
    await tick()
    net.made[0]!.emit('error', new Error('net::ERR_CONNECTION_REFUSED'))
    await expect(failing).rejects.toThrow('net::ERR_CONNECTION_REFUSED')

    const controller = new AbortController()
    const hanging = net.fetch('http://127.0.0.1:1/', { signal: controller.signal })
    await tick()
    controller.abort(new Error('deadline'))
    await expect(hanging).rejects.toThrow('deadline')
    expect(net.made[1]!.aborted).toBe(true)

    const midBody = new AbortController()
    const streaming = net.fetch('http://127.0.0.1:1/', { signal: midBody.signal })
    await tick()
    const res = incoming(200, { 'content-type': 'text/plain' })
    net.made[2]!.emit('response', res)
    res.emit('data', Buffer.from('part'))
    const response = await streaming
    const text = response.text()
    midBody.abort(new Error('stalled'))
    await expect(text).rejects.toThrow('stalled')
    expect(net.made[2]!.aborted).toBe(true)
  })

  test('204 has no body', async () => {
    const net = fakeNet()
    const pending = net.fetch('http://127.0.0.1:1/', { method: 'POST', body: 'x' })
    await tick()
    net.made[0]!.emit('response', incoming(204, {}))
    const response = await pending
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
  })

  // Electron passes these through (statuses up to 999, headers decoded as UTF-8: a Latin-1 byte becomes U+FFFD);
  // `new Response()` refuses each of them.
  test.each([
    ['status 999', incomingWith(999, 'Whatever', {})],
    ['status 103', incomingWith(103, 'Early Hints', {})],
    ['a Cyrillic reason phrase', incomingWith(200, 'ОК', {})],
    ['a Cyrillic header value', incomingWith(200, 'OK', { 'x-note': 'Привет' })],
    [
      'a U+FFFD header value (Latin-1 bytes)',
      incomingWith(200, 'OK', { 'content-disposition': 'caf\uFFFD' }),
    ],
  ])(
    '%s: the call settles with a typed unexpected-response and the request is aborted',
    async (_what, res) => {
      const net = fakeNet()
      const pending = net.fetch('http://127.0.0.1:1/')
      await tick()
      net.made[0]!.emit('response', res)
      const error = await pending.then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(UnreadableResponseError)
      expect(transportFailureToAppError(classifyTransportError(error), false, '127.0.0.1:1')).toMatchObject({
        kind: 'unexpected-response',
      })
      expect(net.made[0]!.aborted).toBe(true)
    },
  )

  test('a redirect with a header no Response can hold settles too', async () => {
    const net = fakeNet()
    const pending = net.fetch('http://127.0.0.1:1/')
    await tick()
    net.made[0]!.emit('redirect', 302, 'GET', '/x', { location: ['/caf\uFFFD'] })
    await expect(pending).rejects.toBeInstanceOf(UnreadableResponseError)
  })

  // The deadline and Cancel are one AbortSignal: whatever state the call is in, aborting settles it.
  test.each([
    ['before any answer', (_r: FakeRequest) => {}],
    ['after an unreadable answer', (r: FakeRequest) => void r.emit('response', incomingWith(999, 'X', {}))],
    ['after a redirect', (r: FakeRequest) => void r.emit('redirect', 302, 'GET', '/x', { location: ['/x'] })],
    [
      'mid-body',
      (r: FakeRequest) => {
        const res = incomingWith(200, 'OK', {})
        r.emit('response', res)
        res.emit('data', Buffer.from('part'))
      },
    ],
  ])('abort %s: the call and its body settle', async (_state, drive) => {
    const net = fakeNet()
    const controller = new AbortController()
    const pending = net.fetch('http://127.0.0.1:1/', { signal: controller.signal })
    const outcome = pending.then(
      (response) =>
        response.text().then(
          () => 'body ended',
          () => 'body errored',
        ),
      () => 'rejected',
    )
    await tick()
    drive(net.made[0]!)
    await tick()
    controller.abort(new Error('deadline'))
    expect(['rejected', 'body errored', 'body ended']).toContain(await outcome)
  })
})

describe('createNetRequestFetch: what is sent, what has no body, late events', () => {
  test('headers Chromium sets itself are never set on the request; the others are', async () => {
    const net = fakeNet()
    // Node's Request lets every one of these through (it is not a browser), so each reaches the net request.
    const managed = {
      Host: 'example.com',
      Connection: 'keep-alive',
      'Keep-Alive': 'timeout=5',
      'Accept-Encoding': 'gzip',
      Expect: '100-continue',
      Upgrade: 'websocket',
      TE: 'trailers',
      Trailer: 'X-Checksum',
      'Transfer-Encoding': 'chunked',
    }
    const pending = net.fetch('https://example.com/', {
      method: 'POST',
      headers: { ...managed, 'X-CSRFToken': 'c', Referer: 'https://example.com/' },
      body: 'a=1',
    })
    await tick()
    const r = net.made[0]!
    for (const name of Object.keys(managed)) expect(r.headers, name).not.toHaveProperty(name.toLowerCase())
    expect(r.headers['x-csrftoken']).toBe('c')
    expect(r.headers['referer']).toBe('https://example.com/')
    r.emit('response', incoming(204, {}))
    await pending
  })

  test('a GET writes no body; a POST with an empty body writes nothing either', async () => {
    const net = fakeNet()
    const get = net.fetch('https://example.com/')
    const post = net.fetch('https://example.com/', { method: 'POST', body: '' })
    await tick()
    for (const r of net.made) {
      expect(r.written).toEqual([])
      expect(r.ended).toBe(true)
      r.emit('response', incoming(204, {}))
    }
    await Promise.all([get, post])
  })

  test.each([101, 205, 304])('status %i has no body, whatever Electron streams', async (status) => {
    const net = fakeNet()
    const pending = net.fetch('https://example.com/')
    await tick()
    const res = incoming(status, { etag: '"v1"' })
    net.made[0]!.emit('response', res)
    res.emit('data', Buffer.from('ignored'))
    res.emit('end')
    if (status === 101) {
      // A fetch Response cannot hold 101: it settles as an unreadable answer.
      await expect(pending).rejects.toBeInstanceOf(UnreadableResponseError)
      return
    }
    const response = await pending
    expect(response.status).toBe(status)
    expect(response.body).toBeNull()
    expect(response.headers.get('etag')).toBe('"v1"')
  })

  test('a HEAD has no body', async () => {
    const net = fakeNet()
    const pending = net.fetch('https://example.com/', { method: 'HEAD' })
    await tick()
    expect(net.made[0]!.options.method).toBe('HEAD')
    net.made[0]!.emit('response', incoming(200, { 'content-length': '10' }))
    const response = await pending
    expect(response.body).toBeNull()
  })

  test('an already aborted signal rejects before anything is sent', async () => {
    const net = fakeNet()
    const controller = new AbortController()
    controller.abort(new Error('cancelled before'))
    await expect(net.fetch('https://example.com/', { signal: controller.signal })).rejects.toThrow(
      'cancelled before',
    )
    expect(net.made).toHaveLength(0)
  })

  test('an error mid-body errors the body; later events change nothing', async () => {
    const net = fakeNet()
    const pending = net.fetch('https://example.com/')
    await tick()
    const r = net.made[0]!
    const res = incoming(200, {})
    r.emit('response', res)
    res.emit('data', Buffer.from('par'))
    const response = await pending
    const text = response.text()
    r.emit('error', new Error('net::ERR_CONNECTION_RESET'))
    await expect(text).rejects.toThrow('net::ERR_CONNECTION_RESET')
    r.emit('response', incoming(500, {}))
    r.emit('redirect', 302, 'GET', '/x', { location: ['/x'] })
    r.emit('error', new Error('late'))
    expect(response.status).toBe(200)
  })

  test('the incoming message’s own error errors the body', async () => {
    const net = fakeNet()
    const pending = net.fetch('https://example.com/')
    await tick()
    const res = incoming(200, {})
    net.made[0]!.emit('response', res)
    const response = await pending
    const text = response.text()
    res.emit('error', new Error('stream broke'))
    await expect(text).rejects.toThrow('stream broke')
  })

  test('a body read to its end, then an abort, changes nothing; cancelling the body aborts the request', async () => {
    const net = fakeNet()
    const controller = new AbortController()
    const pending = net.fetch('https://example.com/', { signal: controller.signal })
    await tick()
    const res = incoming(200, {})
    net.made[0]!.emit('response', res)
    res.emit('data', Buffer.from('all'))
    res.emit('end')
    expect(await (await pending).text()).toBe('all')
    controller.abort(new Error('too late'))
    expect(net.made[0]!.aborted).toBe(false)

    const cancelled = net.fetch('https://example.com/')
    await tick()
    net.made[1]!.emit('response', incoming(200, {}))
    await (await cancelled).body?.cancel()
    expect(net.made[1]!.aborted).toBe(true)
  })

  test('a header Chromium refuses rejects the call with its error and aborts the request', async () => {
    const made: FakeRequest[] = []
    const refusing = createNetRequestFetch((options) => {
      const r = new FakeRequest(options)
      r.setHeader = () => {
        throw new TypeError('Invalid value for header')
      }
      made.push(r)
      return r as unknown as NetClientRequest
    })
    await expect(refusing('https://example.com/', { headers: { 'X-Odd': 'v' } })).rejects.toThrow(
      'Invalid value for header',
    )
    expect(made[0]!.aborted).toBe(true)
    expect(made[0]!.ended).toBe(false)
  })
})

function incomingWith(statusCode: number, statusMessage: string, headers: Record<string, string | string[]>) {
  return Object.assign(new EventEmitter(), { statusCode, statusMessage, headers })
}
