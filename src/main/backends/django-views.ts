import { fail, ok, type AppError, type FieldErrors, type Result } from '../../shared/errors'
import type { ServerProfile } from '../../shared/profile'
import type { HttpResponse } from '../http/client'
import { CookieJar } from '../http/cookies'
import type { Deadline } from '../http/deadline'
import { isHtmlContentType } from '../http/json'
import { isRedirectStatus, redirectTarget } from '../http/redirects'
import { unexpectedRedirect } from '../http/status'
import { hasAnyForm, hasForm, readForm, readFormTarget, type FormTarget } from './django-html'
import { FormBrowser } from './form-browser'
import { checkLinkShape, deadLinkError, logOutcome, withDeadline, wrongSessionError } from './operation'
import { adapterHttp } from './json-api'
import { MESSAGES, type FormPage } from './messages'
import type { Backend, BackendDeps, OtherSessions } from './types'

/**
 * A form of a page, checked: its CSRF token, and the page it came from (the Referer of its post). Its target
 * alone (read streamed, no DOM), or with its inputs' labels and errors (readForm) where the flow needs them.
 */
export type OpenedForm<F extends FormTarget = FormTarget> = { form: F; csrf: string; url: string }

/** How a page's form is read: its target only (readFormTarget), or with labels and errors (readForm). */
type FormReader<F extends FormTarget> = (
  html: string,
  pageUrl: string,
  expected: readonly string[],
) => F | null

/** What a form post answered: a same-origin redirect (accepted), or the form again with its errors. */
export type Posted = { kind: 'redirected'; to: URL } | { kind: 'errors'; fields: FieldErrors; html: string }

/** The page behind a reset link: dead, open with its form, or known good without opening it. */
export type LinkPage = { status: 'dead' } | ({ status: 'valid' } & OpenedForm) | { status: 'valid-unopened' }

/**
 * What every adapter of Django HTML views shares (django-forms.ts for Django's own, allauth-html.ts for
 * django-allauth's): a FormBrowser per operation, pages read as HTML, forms checked before anything is sent, a
 * post's answer read as a redirect or the form's errors (renamed to the app's fields), and the reset link's
 * redirect to its `set-password` page that holds the token in the session.
 */
export function djangoViews(
  profile: ServerProfile,
  deps: BackendDeps,
  /** The server's form fields → the app's (`__all__` → `form`). */
  rename: Readonly<Record<string, string>>,
) {
  const http = adapterHttp(deps)
  const now = deps.now ?? Date.now

  const browser = (deadline: Deadline, jar = new CookieJar([], now)) =>
    new FormBrowser(http, jar, deadline, now)

  /** A page the adapter must read as HTML. */
  function htmlPage(response: HttpResponse): Result<string> {
    if (response.status !== 200) return fail(unexpectedStatus(response))
    if (!isHtmlContentType(response.headers['content-type']))
      return fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.unexpectedStatus(200) })
    return ok(response.body)
  }

  function unexpectedStatus(response: HttpResponse): AppError {
    const { status } = response
    if (status === 403 && /CSRF/i.test(response.body))
      return { kind: 'unexpected-response', status, message: MESSAGES.csrfRefused }
    if (status === 404 || status === 405)
      return { kind: 'unexpected-response', status, message: MESSAGES.notFound(status) }
    return (
      unexpectedRedirect(response, response.url) ?? {
        kind: 'unexpected-response',
        status,
        message: MESSAGES.unexpectedStatus(status),
      }
    )
  }

  const looksLikePortal = (html: string) => (hasAnyForm(html) ? null : MESSAGES.captivePortal)

  /**
   * The form of a page, checked before anything is sent: it has its CSRF token, it posts (a GET would put the
   * password in the address), and its `action` stays on the server's origin.
   */
  function checkedForm<F extends FormTarget>(
    html: string,
    pageUrl: string,
    what: FormPage,
    form: F | null,
  ): Result<OpenedForm<F>> {
    if (!form?.csrf)
      return fail({
        kind: 'unexpected-response',
        status: 200,
        message: looksLikePortal(html) ?? MESSAGES.formNotFound(what),
      })
    if (form.method !== 'post' || new URL(form.action).origin !== new URL(profile.baseUrl).origin)
      return fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.formSendsElsewhere(what) })
    return ok({ form, csrf: form.csrf, url: pageUrl })
  }

  /** A page's form by its target (what a post needs), checked. */
  const usableForm = (html: string, pageUrl: string, expected: readonly string[], what: FormPage) =>
    checkedForm(html, pageUrl, what, readFormTarget(html, pageUrl, expected))

  async function openForm<F extends FormTarget>(
    b: FormBrowser,
    pageUrl: string,
    expected: readonly string[],
    what: FormPage,
    label: string,
    read: FormReader<F>,
  ): Promise<Result<OpenedForm<F>>> {
    const got = await b.get(pageUrl, label)
    if (!got.ok) return got
    const html = htmlPage(got.value)
    if (!html.ok) return html
    return checkedForm(html.value, got.value.url, what, read(html.value, got.value.url, expected))
  }

  /** A post's answer; the form's errors under the app's names. */
  function readPost(response: HttpResponse, expected: readonly string[]): Result<Posted> {
    if (isRedirectStatus(response.status)) {
      const target = redirectTarget(response, response.url)
      if (target.kind !== 'same-origin') return fail(unexpectedStatus(response))
      return ok({ kind: 'redirected', to: new URL(target.url) })
    }
    const html = htmlPage(response)
    if (!html.ok) return html
    const fields: FieldErrors = {}
    const errors = readForm(html.value, response.url, expected)?.errors ?? {}
    for (const [name, messages] of Object.entries(errors)) {
      const key = rename[name] ?? name
      fields[key] = [...(fields[key] ?? []), ...messages]
    }
    return ok({ kind: 'errors', fields, html: html.value })
  }

  const validation = (fields: FieldErrors): AppError => ({
    kind: 'validation',
    message: MESSAGES.checkFields,
    fields,
  })

  /**
   * The confirm page behind a link. Django and allauth answer a live link with a redirect to a page whose path
   * ends in `set-password/` (Django: `…/set-password/`, allauth: `…/<uidb36>-set-password/`) and set the session
   * now holding the token, and a dead one with a 200 page without the form. With `open` false, the redirect alone
   * is the answer (one request, nothing used up).
   */
  async function openLink(
    b: FormBrowser,
    linkUrl: string,
    expected: readonly string[],
    open: boolean,
  ): Promise<Result<LinkPage>> {
    let current = linkUrl
    for (let hop = 0; hop <= 5; hop++) {
      const got = await b.get(current, 'forms.link', false)
      if (!got.ok) return got
      const response = got.value
      if (isRedirectStatus(response.status)) {
        const target = redirectTarget(response, current)
        if (target.kind !== 'same-origin') return fail(unexpectedStatus(response))
        current = target.url
        if (!/set-password\/?$/.test(new URL(target.url).pathname)) continue
        if (!open) return ok({ status: 'valid-unopened' })
        // Without the session cookie of that redirect the next page would look like a dead link: say what
        // really happened instead (a fetch that hides Set-Cookie on redirects, or a proxy that strips it).
        if (response.setCookies.length === 0)
          return fail({
            kind: 'unexpected-response',
            status: response.status,
            message: MESSAGES.linkSessionLost,
          })
        continue
      }
      const html = htmlPage(response)
      if (!html.ok) return html
      const read = readFormTarget(html.value, current, expected)
      if (!read) return ok({ status: 'dead' })
      const form = checkedForm(html.value, current, 'set-password', read)
      if (!form.ok) return form
      return ok({ status: 'valid', ...form.value })
    }
    return fail({ kind: 'unexpected-response', message: MESSAGES.tooManyRedirects })
  }

  /** Fills a checked form with `values` (its hidden inputs and CSRF token kept) and posts it from its page. */
  const submit = (b: FormBrowser, opened: OpenedForm, values: Record<string, string>, label: string) =>
    b.post(
      opened.form.action,
      { ...opened.form.hidden, csrfmiddlewaretoken: opened.csrf, ...values },
      label,
      opened.url,
    )

  /**
   * Asks for a reset mail on the page's form. A redirect is done (whether or not the address has an account, as
   * both Django and allauth answer by default); the form again holds what was wrong with the address.
   */
  async function requestReset(
    deadline: Deadline,
    pageUrl: string,
    expected: readonly string[],
    values: Record<string, string>,
    labels: { page: string; post: string },
  ): Promise<Result<void>> {
    const b = browser(deadline)
    const form = await openForm(b, pageUrl, expected, 'password-reset', labels.page, readFormTarget)
    if (!form.ok) return form
    const posted = await submit(b, form.value, values, labels.post)
    if (!posted.ok) return posted
    const read = readPost(posted.value, expected)
    if (!read.ok) return read
    if (read.value.kind === 'redirected') return ok(undefined)
    const { fields } = read.value
    if (Object.keys(fields).length === 0) return unrecognised('password-reset')
    return fail(validation(fields))
  }

  /**
   * Sets a new password through a reset link: opens it (the session now holds the token), posts the form. A
   * redirect is done; the form again says why not; a page without the form means the link was used up between
   * the two requests (another tab, another device).
   */
  async function confirmReset(
    deadline: Deadline,
    linkUrl: string,
    expected: readonly string[],
    values: Record<string, string>,
    label: string,
  ): Promise<Result<void>> {
    const b = browser(deadline)
    const page = await openLink(b, linkUrl, expected, true)
    if (!page.ok) return page
    if (page.value.status !== 'valid') return fail(deadLinkError(profile.id))
    const posted = await submit(b, page.value, values, label)
    if (!posted.ok) return posted
    const read = readPost(posted.value, expected)
    if (!read.ok) return read
    if (read.value.kind === 'redirected') return ok(undefined)
    const { fields, html } = read.value
    if (Object.keys(fields).length > 0) return fail(validation(fields))
    if (!hasForm(html, expected)) return fail(deadLinkError(profile.id))
    return fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.unexpectedShape })
  }

  /**
   * A backend's two reset operations on these views, each under the profile's deadline and logged by its name:
   * the adapter says where its pages are, which inputs make its forms, which names its confirm form gives the new
   * password, its requests' labels, and what a reset does to the account's other sessions.
   */
  function resetOperations(spec: {
    resetUrl: string
    linkUrl: (uid: string, token: string) => string
    expected: { reset: readonly string[]; confirm: readonly string[] }
    confirmFields: { newPassword: string; retypePassword: string }
    labels: { resetPage: string; reset: string; confirm: string }
    otherSessionsAfterReset: OtherSessions
  }): Pick<Backend, 'requestReset' | 'confirmReset'> {
    const { logger } = deps
    return {
      requestReset: (email, options) =>
        withDeadline(profile.timeoutMs, options?.signal, async (deadline) =>
          logOutcome(
            logger,
            'requestReset',
            await requestReset(
              deadline,
              spec.resetUrl,
              spec.expected.reset,
              { email },
              {
                page: spec.labels.resetPage,
                post: spec.labels.reset,
              },
            ),
          ),
        ),

      confirmReset: (input, options) =>
        withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
          const shape = checkLinkShape(input)
          if (shape) return fail(shape)
          const values = {
            [spec.confirmFields.newPassword]: input.newPassword,
            [spec.confirmFields.retypePassword]: input.retypePassword,
          }
          const done = await confirmReset(
            deadline,
            spec.linkUrl(input.uid, input.token),
            spec.expected.confirm,
            values,
            spec.labels.confirm,
          )
          const outcome = done.ok ? ok({ otherSessions: spec.otherSessionsAfterReset }) : done
          return logOutcome(logger, 'confirmReset', outcome)
        }),
    }
  }

  /**
   * Ends a session: a POST of the CSRF token to the logout view (Django 5 and allauth refuse a GET, or only ask
   * there). Its page or a same-origin redirect means signed out; ending a session twice is harmless, so it may be
   * retried.
   */
  async function logout(
    b: FormBrowser,
    logoutUrl: string,
    csrf: string,
    referer: string,
    label: string,
  ): Promise<Result<void>> {
    const posted = await b.post(logoutUrl, { csrfmiddlewaretoken: csrf }, label, referer, true)
    if (!posted.ok) return posted
    const { status } = posted.value
    if (status === 200) return ok(undefined)
    if (isRedirectStatus(status) && redirectTarget(posted.value, logoutUrl).kind === 'same-origin')
      return ok(undefined)
    return fail(unexpectedStatus(posted.value))
  }

  const sessionExpired = (): Result<never> =>
    fail({ kind: 'auth', message: MESSAGES.sessionEnded, sessionExpired: true })
  const wrongSession = (): Result<never> => fail(wrongSessionError())
  /** A page or a post that gave nothing the flow knows (no errors, no redirect). */
  const unrecognised = (what: FormPage): Result<never> =>
    fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.formNotFound(what) })

  return {
    now,
    browser,
    htmlPage,
    unexpectedStatus,
    usableForm,
    openForm,
    readPost,
    validation,
    openLink,
    submit,
    logout,
    resetOperations,
    sessionExpired,
    wrongSession,
    unrecognised,
  }
}
