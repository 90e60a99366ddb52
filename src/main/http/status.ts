import type { AppError } from '../../shared/errors'
import type { HttpResponse } from './client'
import { isJsonContentType } from './json'
import { isRedirectStatus, redirectTarget } from './redirects'
import { parseRetryAfter } from './retry-after'

/** `detail` (DRF) or a plain string from a JSON error body; null for anything else. */
export function serverDetail(response: HttpResponse): string | null {
  if (!isJsonContentType(response.headers['content-type'])) return null
  try {
    const body = JSON.parse(response.body) as unknown
    if (typeof body === 'string' && body.trim()) return body
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const detail = (body as Record<string, unknown>)['detail']
      if (typeof detail === 'string' && detail.trim()) return detail
    }
  } catch {
    // not JSON after all: no server message to show
  }
  return null
}

/**
 * The failures every endpoint shares: throttling, proxies, captive portals, server errors, and redirects the
 * caller did not expect. Null when the status is for the caller to judge.
 */
export function commonStatusError(response: HttpResponse, nowMs: number): AppError | null {
  const { status } = response
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(response.headers['retry-after'], nowMs)
    return {
      kind: 'rate-limited',
      message: { code: 'rate-limited', seconds: retryAfterSeconds },
      ...withServerMessage(serverDetail(response)),
      retryAfterSeconds,
    }
  }
  if (status === 407) return { kind: 'proxy', message: { code: 'proxy.sign-in' } }
  if (status === 511) return { kind: 'unexpected-response', message: { code: 'captive-portal' }, status }
  if (status >= 500 && status <= 599) {
    const detail = serverDetail(response)
    return {
      kind: 'server',
      status,
      message: {
        code: status === 502 || status === 503 || status === 504 ? 'server.unavailable' : 'server.problem',
        status,
      },
      ...withServerMessage(detail),
    }
  }
  return null
}

/** A redirect the caller does not follow, said as a code. */
export function unexpectedRedirect(response: HttpResponse, requestUrl: string): AppError | null {
  if (!isRedirectStatus(response.status)) return null
  const target = redirectTarget(response, requestUrl)
  if (target.kind === 'other-origin')
    return {
      kind: 'unexpected-response',
      status: response.status,
      message: { code: 'redirect.other-site', host: target.host },
    }
  return {
    kind: 'unexpected-response',
    status: response.status,
    message: { code: 'redirect.refused', status: response.status },
  }
}

/** `{ serverMessage }` when the server said something, else nothing: spread into an AppError. */
export const withServerMessage = (text: string | null | undefined): { serverMessage?: string } =>
  text ? { serverMessage: text } : {}
