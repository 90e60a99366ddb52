import { fail, ok, type Result } from '../../shared/errors'
import type { HttpClient, HttpResponse } from '../http/client'
import type { CookieJar } from '../http/cookies'
import type { Deadline } from '../http/deadline'
import { isRedirectStatus, redirectTarget } from '../http/redirects'
import { commonStatusError, unexpectedRedirect } from '../http/status'

const ACCEPT_HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8'
const MAX_HOPS = 5

/**
 * What Django's HTML views need from a client: a cookie jar carried across requests and redirects, form posts,
 * and redirects followed only within the server's own origin (never to another host, never more than five).
 */
export class FormBrowser {
  constructor(
    private readonly http: HttpClient,
    readonly jar: CookieJar,
    private readonly deadline: Deadline,
    private readonly now: () => number,
  ) {}

  /** GET, following same-origin redirects when `follow` is set. The response's `url` is where it ended. */
  async get(url: string, label: string, follow = true): Promise<Result<HttpResponse>> {
    let current = url
    for (let hop = 0; ; hop++) {
      const sent = await this.send('GET', current, label)
      if (!sent.ok) return sent
      const response = sent.value
      if (!follow || !isRedirectStatus(response.status)) return ok(response)
      const target = redirectTarget(response, current)
      if (target.kind !== 'same-origin') return fail(unexpectedRedirect(response, current)!)
      if (hop >= MAX_HOPS)
        return fail({
          kind: 'unexpected-response',
          status: response.status,
          message: { code: 'redirect.too-many' },
        })
      current = target.url
    }
  }

  /** A form post (urlencoded), never followed: the caller reads the redirect to know what happened. */
  post(url: string, fields: Record<string, string>, label: string, referer: string, idempotent = false) {
    return this.send('POST', url, label, new URLSearchParams(fields).toString(), referer, idempotent)
  }

  private async send(
    method: 'GET' | 'POST',
    url: string,
    label: string,
    body?: string,
    referer?: string,
    idempotent?: boolean,
  ): Promise<Result<HttpResponse>> {
    const headers: Record<string, string> = { Accept: ACCEPT_HTML }
    const cookie = this.jar.headerFor(url)
    if (cookie) headers['Cookie'] = cookie
    // Django's CSRF check on https requires a same-origin Referer.
    if (referer) headers['Referer'] = referer
    if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded'
    const sent = await this.http.send({
      method,
      url,
      headers,
      body,
      deadline: this.deadline,
      label,
      idempotent,
    })
    if (!sent.ok) return sent
    this.jar.store(sent.value.setCookies)
    const common = commonStatusError(sent.value, this.now())
    if (common) return fail(common)
    return ok({ ...sent.value, url })
  }
}
