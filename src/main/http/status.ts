import type { AppError } from '../../shared/errors'
import type { HttpResponse } from './client'
import { CAPTIVE_PORTAL_MESSAGE, isJsonContentType } from './json'
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
      message: serverDetail(response) ?? `Too many attempts. Try again in ${formatWait(retryAfterSeconds)}.`,
      retryAfterSeconds,
    }
  }
  if (status === 407)
    return {
      kind: 'proxy',
      message: 'The network proxy asks for a sign-in that the app cannot give. Ask your IT team.',
    }
  if (status === 511) return { kind: 'unexpected-response', message: CAPTIVE_PORTAL_MESSAGE, status }
  if (status >= 500 && status <= 599) {
    const detail = serverDetail(response)
    return {
      kind: 'server',
      status,
      message:
        detail ??
        (status === 502 || status === 503 || status === 504
          ? `The server is not available right now (HTTP ${status}). Try again in a few minutes.`
          : `The server ran into a problem (HTTP ${status}). Try again later; if it keeps happening, tell the server’s administrators.`),
    }
  }
  return null
}

/** A redirect the caller does not follow, in words for people. */
export function unexpectedRedirect(response: HttpResponse, requestUrl: string): AppError | null {
  if (!isRedirectStatus(response.status)) return null
  const target = redirectTarget(response, requestUrl)
  if (target.kind === 'other-origin')
    return {
      kind: 'unexpected-response',
      status: response.status,
      message: `The server sent the request on to another site (${target.host}). The app does not follow that; check the server address, or sign in to the network first if it needs that.`,
    }
  return {
    kind: 'unexpected-response',
    status: response.status,
    message: `The server redirected the request (HTTP ${response.status}). Check the server address and type in the server settings.`,
  }
}

export function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `${minutes} minutes`
}
