import type { AppError } from '../../shared/errors'

/**
 * What went wrong below HTTP, read from an error thrown by Node's fetch (undici codes in `cause`) or by
 * Electron's net.fetch (`net::ERR_*` messages). Only codes and names are read, never request data.
 */
export type TransportFailure =
  /** This computer's own network is down: nothing can reach any server. */
  | 'offline'
  /** Nothing reached this server: refused (nothing listening), no such name, no route to it, no answer to connect. */
  | 'unreachable'
  | 'tls'
  | 'proxy'
  /** The connection broke after it was open: the request may have reached the server. */
  | 'broken'
  /** Electron's net.fetch in `redirect: 'manual'` mode refuses every redirect with this error. */
  | 'redirect-refused'
  /** The server's answer is not HTTP the client can read. */
  | 'bad-http'
  | 'too-large'
  | 'unknown'

/** The user's own network: no interface up, no route out, no name server answering. */
const OFFLINE = new Set([
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'ERR_INTERNET_DISCONNECTED',
  'ERR_NAME_RESOLUTION_FAILED',
  'ERR_NETWORK_CHANGED',
  'ERR_NETWORK_ACCESS_DENIED',
  'ERR_NETWORK_IO_SUSPENDED',
])
/** This one server: nothing listening, no such name, no route to that host, no answer to the connect. */
const UNREACHABLE = new Set([
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
  'BAD_PORT',
])
const PROXY = new Set([
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
])
const BROKEN = new Set([
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
])
const BAD_HTTP = new Set([
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
])
const TLS_CODE =
  /^(CERT_|ERR_TLS_|ERR_SSL_|ERR_CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_VERIFY_LEAF_SIGNATURE$|UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_DECRYPT_CERT|ERR_BAD_SSL_CLIENT_AUTH_CERT$|HOSTNAME_MISMATCH$|ERR_OSSL_)/

/** Codes found on the error and its `cause` chain, including `net::ERR_X` taken from messages. */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const record = current as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown }
    if (typeof record.code === 'string') codes.push(record.code)
    if (typeof record.message === 'string') {
      for (const match of record.message.matchAll(/net::(ERR_[A-Z0-9_]+)/g))
        if (match[1]) codes.push(match[1])
      if (/^Redirect was cancelled/i.test(record.message)) codes.push('REDIRECT_CANCELLED')
      if (/maxContentLength size of \d+ exceeded/.test(record.message)) codes.push('TOO_LARGE')
      // Node's fetch refuses ports browsers block (6000, 6667, …) before connecting: nothing was sent.
      if (/^bad port$/i.test(record.message)) codes.push('BAD_PORT')
      if (/other side closed|^terminated$|socket hang up/i.test(record.message)) codes.push('UND_ERR_SOCKET')
    }
    if (
      record.name === 'HTTPParserError' ||
      (typeof record.code === 'string' && record.code.startsWith('HPE_'))
    )
      codes.push('ERR_INVALID_HTTP_RESPONSE')
    current = record.cause
  }
  return codes
}

export function classifyTransportError(error: unknown): TransportFailure {
  const codes = errorCodes(error)
  if (codes.includes('REDIRECT_CANCELLED')) return 'redirect-refused'
  if (codes.includes('TOO_LARGE')) return 'too-large'
  if (codes.some((c) => PROXY.has(c))) return 'proxy'
  if (codes.some((c) => TLS_CODE.test(c))) return 'tls'
  if (codes.some((c) => UNREACHABLE.has(c))) return 'unreachable'
  if (codes.some((c) => OFFLINE.has(c))) return 'offline'
  if (codes.some((c) => BAD_HTTP.has(c))) return 'bad-http'
  if (codes.some((c) => BROKEN.has(c))) return 'broken'
  return 'unknown'
}

/**
 * The error for people. `idempotent` decides whether a broken connection may have changed something; `host`
 * (the server's host and port, never a path: paths can hold reset tokens) names the server nobody answered at.
 */
export function transportFailureToAppError(
  failure: TransportFailure,
  idempotent: boolean,
  host: string,
): AppError {
  const unreachable = (code: 'unreachable' | 'connection.broken' | 'request.failed'): AppError => ({
    kind: 'unreachable',
    host,
    message: { code },
  })
  switch (failure) {
    case 'offline':
      return { kind: 'offline', message: { code: 'offline' } }
    case 'unreachable':
      return unreachable('unreachable')
    case 'tls':
      return { kind: 'tls', message: { code: 'tls' } }
    case 'proxy':
      return { kind: 'proxy', message: { code: 'proxy.failed' } }
    case 'broken':
      return idempotent
        ? unreachable('connection.broken')
        : { kind: 'unexpected-response', message: { code: 'connection.broken-may-have-applied' } }
    case 'redirect-refused':
      return { kind: 'unexpected-response', message: { code: 'redirect.not-followed' } }
    case 'bad-http':
      return { kind: 'unexpected-response', message: { code: 'response.bad-http' } }
    case 'too-large':
      return { kind: 'unexpected-response', message: { code: 'response.too-large' } }
    case 'unknown':
      return idempotent
        ? unreachable('request.failed')
        : { kind: 'unexpected-response', message: { code: 'request.failed-may-have-applied' } }
  }
}
