import { appMessageSchema } from '../../src/shared/messages'
import { describe, expect, test } from 'vitest'
import {
  classifyTransportError,
  errorCodes,
  transportFailureToAppError,
  type TransportFailure,
} from '../../src/main/http/transport-errors'

/**
 * Every code the classifier knows, each on its own, as Node's fetch reports it (the code on the `cause`) and, for
 * Chromium's, as Electron does (`net::ERR_X` in the message). The class decides what people read and whether a
 * GET is retried, so a code falling into another class is a real change.
 */
const CLASSES: Record<Exclude<TransportFailure, 'redirect-refused' | 'too-large' | 'unknown'>, string[]> = {
  offline: [
    'EAI_AGAIN',
    'ENETUNREACH',
    'ENETDOWN',
    'EADDRNOTAVAIL',
    'ERR_INTERNET_DISCONNECTED',
    'ERR_NAME_RESOLUTION_FAILED',
    'ERR_NETWORK_CHANGED',
    'ERR_NETWORK_ACCESS_DENIED',
    'ERR_NETWORK_IO_SUSPENDED',
  ],
  unreachable: [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_NONAME',
    'EAI_FAIL',
    'EHOSTUNREACH',
    'EHOSTDOWN',
    'UND_ERR_CONNECT_TIMEOUT',
    'ERR_NAME_NOT_RESOLVED',
    'ERR_CONNECTION_REFUSED',
    'ERR_ADDRESS_UNREACHABLE',
    'ERR_ADDRESS_INVALID',
    'ERR_CONNECTION_TIMED_OUT',
    'ERR_CONNECTION_FAILED',
    'ERR_UNSAFE_PORT',
  ],
  proxy: [
    'ERR_PROXY_CONNECTION_FAILED',
    'ERR_TUNNEL_CONNECTION_FAILED',
    'ERR_PROXY_AUTH_REQUESTED',
    'ERR_PROXY_AUTH_UNSUPPORTED',
    'ERR_PROXY_CERTIFICATE_INVALID',
    'ERR_MANDATORY_PROXY_CONFIGURATION_FAILED',
    'ERR_PAC_SCRIPT_FAILED',
    'ERR_PAC_NOT_IN_DHCP',
    'ERR_NO_SUPPORTED_PROXIES',
    'ERR_PROXY_HTTP_1_1_REQUIRED',
    'UND_ERR_PRX_TLS',
  ],
  broken: [
    'ECONNRESET',
    'EPIPE',
    'ECONNABORTED',
    'ETIMEDOUT',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'ERR_CONNECTION_RESET',
    'ERR_CONNECTION_CLOSED',
    'ERR_CONNECTION_ABORTED',
    'ERR_EMPTY_RESPONSE',
    'ERR_INCOMPLETE_CHUNKED_ENCODING',
    'ERR_CONTENT_LENGTH_MISMATCH',
    'ERR_TIMED_OUT',
  ],
  'bad-http': [
    'UND_ERR_RESPONSE_STATUS_CODE',
    'UND_ERR_INVALID_ARG',
    'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
    'ERR_INVALID_HTTP_RESPONSE',
    'ERR_INVALID_RESPONSE',
    'ERR_RESPONSE_HEADERS_TOO_BIG',
    'ERR_CONTENT_DECODING_FAILED',
    'ERR_INVALID_CHUNKED_ENCODING',
    'ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION',
    'ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH',
  ],
  tls: [
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'ERR_CERT_AUTHORITY_INVALID',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
    'ERR_BAD_SSL_CLIENT_AUTH_CERT',
    'HOSTNAME_MISMATCH',
    'ERR_OSSL_EVP_UNSUPPORTED',
  ],
}

const asCause = (code: string) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code }) })

describe('each transport code on its own', () => {
  const cases = Object.entries(CLASSES).flatMap(([failure, codes]) => codes.map((code) => [code, failure]))

  test.each(cases)('%s → %s', (code, failure) => {
    expect(classifyTransportError(asCause(code))).toBe(failure)
    if (code.startsWith('ERR_')) expect(classifyTransportError(new Error(`net::${code}`))).toBe(failure)
  })

  test('a TLS-looking code is only TLS when it matches a whole known name or prefix', () => {
    for (const code of [
      'XCERT_HAS_EXPIRED',
      'DEPTH_ZERO_SELF_SIGNED_CERTX',
      'SELF_SIGNED_CERT_IN_CHAINX',
      'UNABLE_TO_VERIFY_LEAF_SIGNATUREX',
      'ERR_BAD_SSL_CLIENT_AUTH_CERTX',
      'HOSTNAME_MISMATCHX',
    ])
      expect(classifyTransportError(asCause(code))).toBe('unknown')
  })

  test('when an error carries codes of several classes, the most specific class wins', () => {
    const chain = (...codes: string[]) =>
      codes.reduceRight<unknown>((cause, code) => Object.assign(new Error('x'), { code, cause }), undefined)
    expect(classifyTransportError(chain('ECONNRESET', 'ERR_PROXY_CONNECTION_FAILED'))).toBe('proxy')
    expect(classifyTransportError(chain('ECONNREFUSED', 'CERT_HAS_EXPIRED'))).toBe('tls')
    expect(classifyTransportError(chain('ERR_PROXY_CONNECTION_FAILED', 'CERT_HAS_EXPIRED'))).toBe('proxy')
    expect(classifyTransportError(chain('ENETUNREACH', 'ECONNREFUSED'))).toBe('unreachable')
    expect(classifyTransportError(chain('ERR_INVALID_RESPONSE', 'ENETUNREACH'))).toBe('offline')
    expect(classifyTransportError(chain('ECONNRESET', 'ERR_INVALID_RESPONSE'))).toBe('bad-http')
    const tooLargeAndBroken = Object.assign(new Error('maxContentLength size of 9 exceeded'), {
      code: 'ECONNRESET',
    })
    expect(classifyTransportError(tooLargeAndBroken)).toBe('too-large')
    const redirectAndProxy = Object.assign(new Error('Redirect was cancelled'), {
      code: 'ERR_PROXY_CONNECTION_FAILED',
    })
    expect(classifyTransportError(redirectAndProxy)).toBe('redirect-refused')
  })
})

describe('errorCodes', () => {
  test('reads codes and net:: names down the cause chain, six levels deep and no further', () => {
    const nested = (depth: number) => {
      let error: unknown = Object.assign(new Error('deepest'), { code: 'ECONNREFUSED' })
      for (let i = 1; i < depth; i++) error = Object.assign(new Error(`level ${i}`), { cause: error })
      return error
    }
    expect(errorCodes(nested(6))).toEqual(['ECONNREFUSED'])
    expect(errorCodes(nested(7))).toEqual([])
    expect(errorCodes(new Error('net::ERR_CONNECTION_RESET then net::ERR_TIMED_OUT'))).toEqual([
      'ERR_CONNECTION_RESET',
      'ERR_TIMED_OUT',
    ])
    expect(errorCodes({ code: 42, message: 7, cause: { code: 'EPIPE' } })).toEqual(['EPIPE'])
  })

  test('recognises the messages that carry no code', () => {
    expect(errorCodes(new Error('redirect WAS cancelled by the client'))).toEqual(['REDIRECT_CANCELLED'])
    expect(errorCodes(new Error('It said: Redirect was cancelled'))).toEqual([])
    expect(errorCodes(new Error('maxContentLength size of 12 exceeded'))).toEqual(['TOO_LARGE'])
    expect(errorCodes(new Error('maxContentLength size of  exceeded'))).toEqual([])
    expect(errorCodes(new Error('Bad Port'))).toEqual(['BAD_PORT'])
    expect(errorCodes(new Error('a bad port'))).toEqual([])
    expect(errorCodes(new Error('bad port 6000'))).toEqual([])
    for (const message of ['other side closed', 'Socket hang up', 'terminated'])
      expect(errorCodes(new Error(message))).toEqual(['UND_ERR_SOCKET'])
    expect(errorCodes(new Error('not terminated yet'))).toEqual([])
  })

  test('an HTTP parser error, by name or by an HPE_ code, is an invalid HTTP answer', () => {
    expect(errorCodes(Object.assign(new Error('x'), { name: 'HTTPParserError' }))).toEqual([
      'ERR_INVALID_HTTP_RESPONSE',
    ])
    expect(errorCodes(Object.assign(new Error('x'), { code: 'HPE_INVALID_CONSTANT' }))).toEqual([
      'HPE_INVALID_CONSTANT',
      'ERR_INVALID_HTTP_RESPONSE',
    ])
    expect(errorCodes(Object.assign(new Error('x'), { code: 'XHPE_' }))).toEqual(['XHPE_'])
  })
})

describe('transportFailureToAppError', () => {
  test.each([
    ['offline', true, 'offline'],
    ['offline', false, 'offline'],
    ['unreachable', false, 'unreachable'],
    ['tls', true, 'tls'],
    ['proxy', true, 'proxy'],
    ['broken', true, 'unreachable'],
    ['broken', false, 'unexpected-response'],
    ['redirect-refused', true, 'unexpected-response'],
    ['bad-http', true, 'unexpected-response'],
    ['too-large', true, 'unexpected-response'],
    ['unknown', true, 'unreachable'],
    ['unknown', false, 'unexpected-response'],
  ] as const)('%s (idempotent: %s) → %s', (failure, idempotent, kind) => {
    const error = transportFailureToAppError(failure, idempotent, 'example.org:8443')
    expect(error.kind).toBe(kind)
    if (kind === 'unreachable') expect(error).toMatchObject({ host: 'example.org:8443' })
  })

  test('each failure has its own words', () => {
    const messages = new Set<string>()
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
    ] as const)
      for (const idempotent of [true, false])
        messages.add(transportFailureToAppError(failure, idempotent, 'h').message.code)
    // unreachable, offline, tls, proxy, redirect-refused, bad-http, too-large: one each; broken, unknown: two each.
    expect(messages.size).toBe(11)
    expect([...messages].every((code) => appMessageSchema.safeParse({ code }).success)).toBe(true)
  })

  test('“may have been made” only for what was not safe to send twice', () => {
    for (const [failure, code] of [
      ['broken', 'connection.broken'],
      ['unknown', 'request.failed'],
    ] as const) {
      expect(transportFailureToAppError(failure, true, 'h').message).toEqual({ code })
      expect(transportFailureToAppError(failure, false, 'h').message).toEqual({
        code: `${code}-may-have-applied`,
      })
    }
  })
})
