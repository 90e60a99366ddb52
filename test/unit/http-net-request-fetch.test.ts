import { EventEmitter } from 'node:events'
import { describe, expect, test } from 'vitest'
import {
  createNetRequestFetch,
  type NetClientRequest,
  type NetRequestOptions,
} from '../../src/main/http/net-request-fetch'

/** A scripted ClientRequest: what Electron's net.request returns, reduced to its events. */
class FakeRequest extends EventEmitter {
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

const incoming = (statusCode: number, headers: Record<string, string | string[]>) => {
  const message = Object.assign(new EventEmitter(), { statusCode, statusMessage: 'X', headers })
  return message
}

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
})
