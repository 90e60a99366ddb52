import { describe, expect, test } from 'vitest'
import type { HttpResponse } from '../../src/main/http/client'
import { isHtmlContentType, isJsonContentType, readJson, requireEmptyOrJson } from '../../src/main/http/json'
import { isRedirectStatus, redirectTarget } from '../../src/main/http/redirects'
import { commonStatusError, serverDetail, unexpectedRedirect } from '../../src/main/http/status'

const CAPTIVE_PORTAL_MESSAGE = { code: 'captive-portal' }

const NOW = Date.parse('2026-11-30T12:00:00Z')
const URL_ASKED = 'https://accounts.example.org:8443/auth/users/me/'

const answer = (status: number, headers: Record<string, string> = {}, body = ''): HttpResponse => ({
  status,
  headers,
  setCookies: [],
  body,
  url: URL_ASKED,
})
const json = (status: number, body: string, headers: Record<string, string> = {}) =>
  answer(status, { 'content-type': 'application/json', ...headers }, body)

describe('content types', () => {
  test.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['  Application/JSON  ', true],
    ['application/json ;charset=utf-8', true],
    ['application/problem+json', true],
    ['application/vnd.api.v1+json', true],
    ['application/jsonp', false],
    ['application/json-seq', false],
    ['text/json', false],
    ['xapplication/json', false],
    ['application/+json', false],
    ['text/html', false],
    ['', false],
    [undefined, false],
  ])('%j is JSON: %s', (value, expected) => {
    expect(isJsonContentType(value)).toBe(expected)
  })

  test.each([
    ['text/html', true],
    ['text/html; charset=utf-8', true],
    [' TEXT/HTML ', true],
    ['application/xhtml+xml', true],
    ['application/xhtml+xml;charset=utf-8', true],
    ['text/htmlx', false],
    ['application/xhtmlxxml', false],
    ['xtext/html', false],
    ['application/json', false],
    ['', false],
    [undefined, false],
  ])('%j is HTML: %s', (value, expected) => {
    expect(isHtmlContentType(value)).toBe(expected)
  })
})

describe('readJson', () => {
  test('a declared JSON body is parsed', () => {
    expect(readJson(json(200, '{"a":[1,"x"]}'))).toEqual({ ok: true, value: { a: [1, 'x'] } })
  })

  test('JSON that does not parse is a cut-off answer, with its status', () => {
    expect(readJson(json(200, '{"auth_'))).toEqual({
      ok: false,
      error: {
        kind: 'unexpected-response',
        message: { code: 'response.bad-json', status: 200 },
        status: 200,
      },
    })
  })

  test('an HTML page, declared or merely looking like one, is the captive-portal answer', () => {
    for (const response of [
      answer(200, { 'content-type': 'text/html' }, 'Sign in to the Wi-Fi'),
      answer(200, {}, '  \n<!doctype html><p>hotel</p>'),
      answer(403, { 'content-type': 'text/plain' }, '<html>'),
    ])
      expect(readJson(response)).toEqual({
        ok: false,
        error: { kind: 'unexpected-response', message: CAPTIVE_PORTAL_MESSAGE, status: response.status },
      })
  })

  test('any other format is named as one the app does not read, with its status', () => {
    for (const response of [
      answer(200, { 'content-type': 'text/plain' }, 'ok <b>'),
      answer(418, {}, '{"a":1}'),
    ])
      expect(readJson(response)).toEqual({
        ok: false,
        error: {
          kind: 'unexpected-response',
          message: { code: 'response.not-readable', status: response.status },
          status: response.status,
        },
      })
  })

  test('requireEmptyOrJson: an empty or blank body is fine, anything else must be JSON', () => {
    expect(requireEmptyOrJson(answer(204))).toEqual({ ok: true, value: null })
    expect(requireEmptyOrJson(answer(200, { 'content-type': 'text/html' }, ' \n '))).toEqual({
      ok: true,
      value: null,
    })
    expect(requireEmptyOrJson(json(200, '{}'))).toEqual({ ok: true, value: {} })
    expect(requireEmptyOrJson(answer(200, { 'content-type': 'text/html' }, '<p>portal</p>'))).toMatchObject({
      ok: false,
      error: { message: CAPTIVE_PORTAL_MESSAGE },
    })
  })
})

describe('redirects', () => {
  test.each([
    [300, false],
    [301, true],
    [302, true],
    [303, true],
    [304, false],
    [305, false],
    [307, true],
    [308, true],
    [200, false],
  ])('%i is a redirect: %s', (status, expected) => {
    expect(isRedirectStatus(status)).toBe(expected)
  })

  test('a relative or same-origin location is the same origin, resolved', () => {
    expect(redirectTarget(answer(302, { location: '/accounts/login/?next=/x' }), URL_ASKED)).toEqual({
      kind: 'same-origin',
      url: 'https://accounts.example.org:8443/accounts/login/?next=/x',
    })
    expect(
      redirectTarget(answer(302, { location: 'https://accounts.example.org:8443/done/' }), URL_ASKED),
    ).toEqual({ kind: 'same-origin', url: 'https://accounts.example.org:8443/done/' })
  })

  test('another scheme, host or port is another origin, named by host and port only', () => {
    for (const [location, host] of [
      ['http://accounts.example.org:8443/x', 'accounts.example.org:8443'],
      ['https://accounts.example.org/x', 'accounts.example.org'],
      ['https://portal.hotel.example/login?token=secret', 'portal.hotel.example'],
    ] as const)
      expect(redirectTarget(answer(302, { location }), URL_ASKED)).toEqual({ kind: 'other-origin', host })
  })

  test('no location, an unparsable one, or a scheme other than http(s) is invalid', () => {
    for (const headers of [
      {} as Record<string, string>,
      { location: '' },
      { location: 'http://[::1' },
      { location: 'javascript:alert(1)' },
      { location: 'file:///etc/passwd' },
      { location: 'accountdesk://reset/x' },
    ])
      expect(redirectTarget(answer(302, headers), URL_ASKED)).toEqual({ kind: 'invalid' })
    expect(redirectTarget(answer(302, { location: 'http://127.0.0.1/' }), 'http://127.0.0.1/a')).toEqual({
      kind: 'same-origin',
      url: 'http://127.0.0.1/',
    })
  })
})

describe('serverDetail', () => {
  test('DRF’s detail, or a JSON string body', () => {
    expect(serverDetail(json(429, '{"detail":"Request was throttled."}'))).toBe('Request was throttled.')
    expect(serverDetail(json(500, '"Database down"'))).toBe('Database down')
  })

  test('nothing for blank texts, other shapes, bad JSON or a body not declared JSON', () => {
    for (const response of [
      json(500, '{"detail":"  "}'),
      json(500, '"  "'),
      json(500, '{"detail":["a list"]}'),
      json(500, '["detail"]'),
      json(500, 'null'),
      json(500, '42'),
      json(500, '{"message":"x"}'),
      json(500, '{"detail":'),
      answer(500, { 'content-type': 'text/plain' }, '{"detail":"not declared JSON"}'),
    ])
      expect(serverDetail(response)).toBeNull()
  })
})

describe('commonStatusError', () => {
  test('429: rate limited for the Retry-After time, in words, or with the server’s own detail', () => {
    expect(commonStatusError(answer(429, { 'retry-after': '30' }), NOW)).toEqual({
      kind: 'rate-limited',
      message: { code: 'rate-limited', seconds: 30 },
      retryAfterSeconds: 30,
    })
    expect(commonStatusError(answer(429, { 'retry-after': 'Mon, 30 Nov 2026 12:05:00 GMT' }), NOW)).toEqual({
      kind: 'rate-limited',
      message: { code: 'rate-limited', seconds: 300 },
      retryAfterSeconds: 300,
    })
    expect(commonStatusError(answer(429), NOW)).toMatchObject({ retryAfterSeconds: 60 })
    expect(commonStatusError(json(429, '{"detail":"Slow down."}', { 'retry-after': '7' }), NOW)).toEqual({
      kind: 'rate-limited',
      message: { code: 'rate-limited', seconds: 7 },
      serverMessage: 'Slow down.',
      retryAfterSeconds: 7,
    })
  })

  test('407 is the proxy, 511 a captive portal', () => {
    expect(commonStatusError(answer(407), NOW)).toEqual({
      kind: 'proxy',
      message: { code: 'proxy.sign-in' },
    })
    expect(commonStatusError(answer(511), NOW)).toEqual({
      kind: 'unexpected-response',
      message: CAPTIVE_PORTAL_MESSAGE,
      status: 511,
    })
  })

  test('5xx: “not available right now” for gateways, “ran into a problem” for the others', () => {
    for (const status of [502, 503, 504])
      expect(commonStatusError(answer(status), NOW)).toEqual({
        kind: 'server',
        status,
        message: { code: 'server.unavailable', status },
      })
    for (const status of [500, 501, 505, 599])
      expect(commonStatusError(answer(status), NOW)).toEqual({
        kind: 'server',
        status,
        message: { code: 'server.problem', status },
      })
    expect(commonStatusError(json(503, '{"detail":"Maintenance until 14:00."}'), NOW)).toEqual({
      kind: 'server',
      status: 503,
      message: { code: 'server.unavailable', status: 503 },
      serverMessage: 'Maintenance until 14:00.',
    })
  })

  test('everything else is for the caller to judge', () => {
    for (const status of [200, 204, 302, 400, 401, 403, 404, 428, 430, 499, 600])
      expect(commonStatusError(answer(status), NOW)).toBeNull()
  })
})

describe('unexpectedRedirect', () => {
  test('a redirect to another site names that site, never the path', () => {
    const error = unexpectedRedirect(
      answer(302, { location: 'https://portal.hotel.example/login?token=secret' }),
      URL_ASKED,
    )
    expect(error).toEqual({
      kind: 'unexpected-response',
      status: 302,
      message: { code: 'redirect.other-site', host: 'portal.hotel.example' },
    })
  })

  test('a redirect within the server, or without a usable location, asks to check the address', () => {
    for (const [status, headers] of [
      [301, { location: '/elsewhere/' }],
      [308, {}],
    ] as const)
      expect(unexpectedRedirect(answer(status, headers), URL_ASKED)).toEqual({
        kind: 'unexpected-response',
        status,
        message: { code: 'redirect.refused', status },
      })
  })

  test('not a redirect, no error', () => {
    for (const status of [200, 304, 400]) expect(unexpectedRedirect(answer(status), URL_ASKED)).toBeNull()
  })
})
