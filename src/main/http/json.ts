import { fail, ok, type Result } from '../../shared/errors'
import type { HttpResponse } from './client'

export const isJsonContentType = (value: string | undefined): boolean =>
  !!value && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(value.trim())

export const isHtmlContentType = (value: string | undefined): boolean =>
  !!value && /^(?:text\/html|application\/xhtml\+xml)\s*(?:;|$)/i.test(value.trim())

/** The body as JSON, required to be declared and to parse. Anything else is an unexpected answer. */
export function readJson(response: HttpResponse): Result<unknown> {
  const type = response.headers['content-type']
  if (!isJsonContentType(type)) {
    if (isHtmlContentType(type) || /^\s*</.test(response.body))
      return fail({
        kind: 'unexpected-response',
        message: { code: 'captive-portal' },
        status: response.status,
      })
    return fail({
      kind: 'unexpected-response',
      message: { code: 'response.not-readable', status: response.status },
      status: response.status,
    })
  }
  try {
    return ok(JSON.parse(response.body) as unknown)
  } catch {
    return fail({
      kind: 'unexpected-response',
      message: { code: 'response.bad-json', status: response.status },
      status: response.status,
    })
  }
}

/** For answers that must be empty or JSON (a 204, or a 200 with `{}`): an HTML page here is never success. */
export function requireEmptyOrJson(response: HttpResponse): Result<unknown> {
  if (response.body.trim() === '') return ok(null)
  return readJson(response)
}

/** A JSON object (not an array, not null). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
