import { appMessageSchema } from '../../src/shared/messages'
import { describe, expect, test } from 'vitest'
import { classifyTransportError, transportFailureToAppError } from '../../src/main/http/transport-errors'

/** Node's fetch: TypeError('fetch failed') with the system error in `cause`. */
const undici = (code: string, message = code) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) })
/** axios wraps it again. */
const axiosWrapped = (inner: unknown) =>
  Object.assign(new Error('Network Error'), { code: 'ERR_NETWORK', cause: inner })
const electron = (code: string) => new Error(`net::${code}`)

describe('transport errors', () => {
  test.each([
    [undici('ECONNREFUSED'), 'unreachable'],
    [undici('ENOTFOUND'), 'unreachable'],
    [undici('EAI_AGAIN'), 'offline'],
    [undici('UND_ERR_CONNECT_TIMEOUT'), 'unreachable'],
    [axiosWrapped(undici('ENETUNREACH')), 'offline'],
    [axiosWrapped(undici('ECONNREFUSED')), 'unreachable'],
    [Object.assign(new TypeError('fetch failed'), { cause: new Error('bad port') }), 'unreachable'],
    [electron('ERR_INTERNET_DISCONNECTED'), 'offline'],
    [electron('ERR_NAME_NOT_RESOLVED'), 'unreachable'],
    [electron('ERR_CONNECTION_REFUSED'), 'unreachable'],
    [undici('CERT_HAS_EXPIRED'), 'tls'],
    [undici('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls'],
    [undici('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls'],
    [undici('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'tls'],
    [electron('ERR_CERT_AUTHORITY_INVALID'), 'tls'],
    [electron('ERR_CERT_DATE_INVALID'), 'tls'],
    [electron('ERR_CERT_COMMON_NAME_INVALID'), 'tls'],
    [electron('ERR_SSL_PROTOCOL_ERROR'), 'tls'],
    [electron('ERR_PROXY_CONNECTION_FAILED'), 'proxy'],
    [electron('ERR_TUNNEL_CONNECTION_FAILED'), 'proxy'],
    [electron('ERR_PROXY_AUTH_UNSUPPORTED'), 'proxy'],
    [undici('ECONNRESET'), 'broken'],
    [undici('UND_ERR_SOCKET', 'other side closed'), 'broken'],
    [new TypeError('terminated'), 'broken'],
    [electron('ERR_CONNECTION_RESET'), 'broken'],
    [electron('ERR_EMPTY_RESPONSE'), 'broken'],
    [new Error('Redirect was cancelled'), 'redirect-refused'],
    [
      Object.assign(new Error('Parse Error: Invalid header value char'), {
        code: 'HPE_INVALID_HEADER_TOKEN',
      }),
      'bad-http',
    ],
    [new Error('maxContentLength size of 2097152 exceeded'), 'too-large'],
    [new Error('something else'), 'unknown'],
    [undefined, 'unknown'],
    ['a string', 'unknown'],
  ])('%s → %s', (error, failure) => {
    expect(classifyTransportError(error)).toBe(failure)
  })

  test('a broken connection is harmless for a GET and “may have applied” for a POST', () => {
    const get = transportFailureToAppError('broken', true, 'h:1')
    expect(get.kind).toBe('unreachable')
    expect(get.message).toEqual({ code: 'connection.broken' })
    const post = transportFailureToAppError('broken', false, 'h:1')
    expect(post.kind).toBe('unexpected-response')
    expect(post.message).toEqual({ code: 'connection.broken-may-have-applied' })
  })

  test('every failure has words for people and no technical code', () => {
    for (const failure of [
      'offline',
      'unreachable',
      'tls',
      'proxy',
      'broken',
      'redirect-refused',
      'bad-http',
      'too-large',
      'unknown',
    ] as const) {
      for (const idempotent of [true, false]) {
        const error = transportFailureToAppError(failure, idempotent, 'h:1')
        // A code from the closed list, never the transport's own words.
        expect(appMessageSchema.parse(error.message)).toEqual(error.message)
        expect(JSON.stringify(error)).not.toMatch(/ERR_|E[A-Z]{4,}|undici/)
      }
    }
  })
})

test('a refused or unreachable server never reads "may have been made", even for a POST', () => {
  for (const idempotent of [true, false]) {
    const error = transportFailureToAppError('unreachable', idempotent, 'example.org:8443')
    expect(error).toMatchObject({ kind: 'unreachable', host: 'example.org:8443' })
    expect(error.message).toEqual({ code: 'unreachable' })
  }
})
