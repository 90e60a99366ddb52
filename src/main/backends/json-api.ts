import { fail, type Result } from '../../shared/errors'
import { createHttpClient, type HttpClient, type HttpResponse } from '../http/client'
import type { Deadline } from '../http/deadline'
import { commonStatusError, unexpectedRedirect } from '../http/status'
import type { BackendDeps } from './types'

/** The HTTP client of one adapter, from what it was given. */
export const adapterHttp = (deps: BackendDeps): HttpClient =>
  createHttpClient({
    fetch: deps.fetch,
    logger: deps.logger,
    userAgent: deps.userAgent,
    languages: deps.languages,
  })

export interface JsonCall {
  /** Below the API's base: `users/me/`, `auth/session`. */
  path: string
  /** What the request is for, for the log (never a URL). */
  label: string
  deadline: Deadline
  /** The API's own headers: a token, a key. */
  headers?: Record<string, string>
  /** Sent as JSON with a POST. */
  body?: unknown
  idempotent?: boolean
}

/**
 * The calls of a JSON API below `base` (the server's address and the profile's prefix), as djoser and allauth's
 * headless API want them: `Accept: application/json`, a JSON body on a POST. The failures every endpoint shares
 * (throttling, server errors, proxies, redirects) come back as errors; every other status is the caller's.
 */
export function jsonApi(http: HttpClient, base: string, now: () => number) {
  return async function call(
    method: 'GET' | 'POST' | 'OPTIONS' | 'DELETE',
    c: JsonCall,
  ): Promise<Result<HttpResponse>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...c.headers }
    if (method === 'POST') headers['Content-Type'] = 'application/json'
    const target = `${base}${c.path}`
    const sent = await http.send({
      method,
      url: target,
      headers,
      body: method === 'POST' ? JSON.stringify(c.body ?? {}) : undefined,
      deadline: c.deadline,
      label: c.label,
      idempotent: c.idempotent,
    })
    if (!sent.ok) return sent
    const common = commonStatusError(sent.value, now()) ?? unexpectedRedirect(sent.value, target)
    return common ? fail(common) : sent
  }
}
