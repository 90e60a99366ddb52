import type { HttpResponse } from './client'

export const isRedirectStatus = (status: number): boolean => [301, 302, 303, 307, 308].includes(status)

export type RedirectTarget =
  { kind: 'same-origin'; url: string } | { kind: 'other-origin'; host: string } | { kind: 'invalid' }

/** Where a 3xx points, judged against the URL that was requested. Only the very same origin is "same". */
export function redirectTarget(response: HttpResponse, requestUrl: string): RedirectTarget {
  const location = response.headers['location']
  if (!location) return { kind: 'invalid' }
  let target: URL
  try {
    target = new URL(location, requestUrl)
  } catch {
    return { kind: 'invalid' }
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return { kind: 'invalid' }
  if (target.origin !== new URL(requestUrl).origin) return { kind: 'other-origin', host: target.host }
  return { kind: 'same-origin', url: target.href }
}
