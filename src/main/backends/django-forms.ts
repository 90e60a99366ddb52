import { z } from 'zod'
import { djangoForms } from '../../shared/backend-kinds/django-forms'
import { fail, ok, type AppError, type FieldErrors, type Result } from '../../shared/errors'
import type { ServerProfile } from '../../shared/profile'
import type { HttpResponse } from '../http/client'
import { CookieJar } from '../http/cookies'
import type { Deadline } from '../http/deadline'
import { isHtmlContentType } from '../http/json'
import { isRedirectStatus, redirectTarget } from '../http/redirects'
import { unexpectedRedirect, withServerMessage } from '../http/status'
import { hasAnyForm, hasForm, readForm, type DjangoForm, type FormInput } from './django-html'
import { DJANGO_FORM_FIELDS, firstMessage } from './field-errors'
import { FormBrowser } from './form-browser'
import { signInFieldFromInput } from './sign-in-field'
import { adapterHttp } from './json-api'
import { MESSAGES, type FormPage } from './messages'
import { checkLinkShape, deadLinkError, logOutcome, withDeadline } from './operation'
import { sessionCodec } from './session'
import type { BackendDeps, BackendSession, DjangoFormsBackend, LinkStatus } from './types'

const cookieSchema = z.object({
  name: z.string().min(1).max(256),
  value: z.string().max(4096),
  path: z.string().max(1024),
  expiresAt: z.number().optional(),
  secure: z.boolean().optional(),
})

/** A Django session: the user's name (the pages do not say it) and the cookie jar. */
const sessions = sessionCodec(
  z.object({
    v: z.literal(1),
    kind: z.literal(djangoForms.id),
    serverId: z.string(),
    username: z.string().max(254),
    cookies: z.array(cookieSchema).max(50),
  }),
)

/**
 * Django's stock auth views (docs/server-protocol.md, "Django's pages"): `LoginView`, `PasswordChangeView`,
 * `PasswordResetView`, `PasswordResetConfirmView`, `LogoutView`, under the profile's prefix (`/accounts/`).
 * CSRF cookie and token, form posts, the confirm link's redirect to `set-password/` with its session, and the
 * messages of Django's `errorlist`s, verbatim (typographic apostrophes included).
 */
export function createDjangoFormsBackend(profile: ServerProfile, deps: BackendDeps): DjangoFormsBackend {
  const http = adapterHttp(deps)
  const now = deps.now ?? Date.now
  const { logger } = deps
  const url = (path: string) => `${profile.baseUrl}${profile.prefix}${path}`
  const loginUrl = url('login/')
  const changeUrl = url('password_change/')
  const resetUrl = url('password_reset/')
  const logoutUrl = url('logout/')
  // Django's own route for the link (django.contrib.auth.urls: reset/<uidb64>/<token>/).
  const linkUrl = (uid: string, token: string) => url(`reset/${uid}/${token}/`)

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

  /** The inputs that make a page the form of each flow. */
  const EXPECTED = {
    login: ['password'],
    change: ['old_password', 'new_password1', 'new_password2'],
    reset: ['email'],
    confirm: ['new_password1', 'new_password2'],
  } as const

  type OpenedForm = { form: DjangoForm; csrf: string; url: string }

  /**
   * The form of a page, checked before anything is sent: it has its CSRF token, it posts (a GET would put the
   * password in the address), and its `action` stays on the server's origin.
   */
  function usableForm(
    html: string,
    pageUrl: string,
    expected: readonly string[],
    what: FormPage,
    form = readForm(html, pageUrl, expected),
  ): Result<OpenedForm> {
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

  async function openForm(
    b: FormBrowser,
    pageUrl: string,
    expected: readonly string[],
    what: FormPage,
    label: string,
  ): Promise<Result<OpenedForm>> {
    const got = await b.get(pageUrl, label)
    if (!got.ok) return got
    const html = htmlPage(got.value)
    if (!html.ok) return html
    return usableForm(html.value, got.value.url, expected, what)
  }

  /** The field people identify themselves with: the form's text or e-mail input (`username` in Django's). */
  const identifierInput = (form: DjangoForm) =>
    form.inputs.find((i) => i.name === 'username') ??
    form.inputs.find((i) => (i.type === 'text' || i.type === 'email') && i.name !== 'password')

  /** The sign-in form and the input people identify themselves in. */
  async function openLoginForm(b: FormBrowser): Promise<Result<OpenedForm & { identifier: FormInput }>> {
    const form = await openForm(b, loginUrl, EXPECTED.login, 'sign-in', 'forms.login_page')
    if (!form.ok) return form
    const identifier = identifierInput(form.value.form)
    if (!identifier)
      return fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.formNotFound('sign-in') })
    return ok({ ...form.value, identifier })
  }

  const looksLikePortal = (html: string) => (hasAnyForm(html) ? null : MESSAGES.captivePortal)

  /** What a form post answered: a same-origin redirect (accepted), or the form again with its errors. */
  type Posted = { kind: 'redirected'; to: URL } | { kind: 'errors'; fields: FieldErrors; html: string }

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
      const key = DJANGO_FORM_FIELDS[name] ?? name
      fields[key] = [...(fields[key] ?? []), ...messages]
    }
    return ok({ kind: 'errors', fields, html: html.value })
  }

  const validation = (fields: FieldErrors): AppError => ({
    kind: 'validation',
    message: MESSAGES.checkFields,
    fields,
  })

  /** Django's login_required sends to LOGIN_URL with `?next=`: the session is gone. */
  const isLoginRedirect = (to: URL) =>
    to.searchParams.has('next') || to.pathname === new URL(loginUrl).pathname

  const sessionExpired = (): Result<never> =>
    fail({ kind: 'auth', message: MESSAGES.sessionEnded, sessionExpired: true })
  const wrongSession = (): Result<never> =>
    fail({ kind: 'auth', message: MESSAGES.wrongSessionKind, sessionExpired: true })

  function jarOf(session: BackendSession) {
    const data = sessions.read(session, profile.id)
    return data ? { data, jar: new CookieJar(data.cookies, now) } : null
  }

  const sessionFrom = (username: string, jar: CookieJar) =>
    sessions.make({ v: 1, kind: djangoForms.id, serverId: profile.id, username, cookies: jar.toJSON() })

  type LinkPage = { status: 'dead' } | ({ status: 'valid' } & OpenedForm) | { status: 'valid-unopened' }

  /**
   * The confirm page behind a link. Django answers a live link with a redirect to `…/set-password/` that sets
   * the session now holding the token, and a dead one with a 200 "Password reset unsuccessful" page without a
   * form. With `open` false, the redirect alone is the answer (one request, nothing used up).
   */
  async function openLink(
    b: FormBrowser,
    uid: string,
    token: string,
    open: boolean,
  ): Promise<Result<LinkPage>> {
    let current = linkUrl(uid, token)
    for (let hop = 0; hop <= 5; hop++) {
      const got = await b.get(current, 'forms.link', false)
      if (!got.ok) return got
      const response = got.value
      if (isRedirectStatus(response.status)) {
        const target = redirectTarget(response, current)
        if (target.kind !== 'same-origin') return fail(unexpectedStatus(response))
        current = target.url
        if (!/\/set-password\/?$/.test(new URL(target.url).pathname)) continue
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
      const read = readForm(html.value, current, EXPECTED.confirm)
      if (!read) return ok({ status: 'dead' })
      const form = usableForm(html.value, current, EXPECTED.confirm, 'set-password', read)
      if (!form.ok) return form
      return ok({ status: 'valid', ...form.value })
    }
    return fail({ kind: 'unexpected-response', message: MESSAGES.tooManyRedirects })
  }

  /**
   * After the login form redirected: a redirect back to the login page means wrong credentials; otherwise the
   * session counts only when the password-change page answers with its form. Anything else (a lockout page, a
   * second factor) is a step the app cannot do: the user signs in on the website.
   */
  async function confirmSignIn(b: FormBrowser, to: URL, username: string): Promise<Result<BackendSession>> {
    if (to.pathname === new URL(loginUrl).pathname)
      return fail({ kind: 'auth', message: MESSAGES.wrongCredentials, sessionExpired: false })
    const got = await b.get(changeUrl, 'forms.confirm_sign_in', false)
    if (!got.ok) return got
    const { status, headers, body } = got.value
    if (status === 200 && isHtmlContentType(headers['content-type']) && hasForm(body, EXPECTED.change))
      return ok(sessionFrom(username, b.jar))
    return fail({
      kind: 'auth',
      message: MESSAGES.signInOnWebsite,
      sessionExpired: false,
      signInOnWebsite: true,
    })
  }

  const backend: DjangoFormsBackend = {
    kind: djangoForms.id,
    profile,
    canCheckLink: djangoForms.canCheckLink,

    signInField: (options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const form = await openLoginForm(browser(deadline))
        if (!form.ok) return logOutcome(logger, 'signInField', form)
        // The form says e-mail outright, or says nothing the profile does not know better (a stock
        // AuthenticationForm still reads "Username" on a site whose backend takes e-mail addresses).
        const field = signInFieldFromInput(form.value.identifier)
        const signInWith =
          field.signInWith === 'email' ? 'email' : (profile.signInWith ?? djangoForms.signInField)
        return logOutcome(logger, 'signInField', ok({ ...field, signInWith }))
      }),

    signIn: (username, password, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const b = browser(deadline)
        const form = await openLoginForm(b)
        if (!form.ok) return logOutcome(logger, 'signIn', form)
        const { identifier } = form.value
        const posted = await b.post(
          form.value.form.action,
          {
            ...form.value.form.hidden,
            csrfmiddlewaretoken: form.value.csrf,
            [identifier.name]: username,
            password,
            next: new URL(changeUrl).pathname,
          },
          'forms.login',
          form.value.url,
        )
        if (!posted.ok) return logOutcome(logger, 'signIn', posted)
        const read = readPost(posted.value, EXPECTED.login)
        if (!read.ok) return logOutcome(logger, 'signIn', read)
        if (read.value.kind === 'redirected')
          return logOutcome(logger, 'signIn', await confirmSignIn(b, read.value.to, username))
        const { fields } = read.value
        if (Object.keys(fields).length === 0)
          return logOutcome(
            logger,
            'signIn',
            fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.formNotFound('sign-in') }),
          )
        // "Please enter a correct username and password. …" is a non-field error: wrong credentials.
        if (Object.keys(fields).every((f) => f === 'form'))
          return logOutcome(
            logger,
            'signIn',
            fail({
              kind: 'auth',
              message: MESSAGES.wrongCredentials,
              ...withServerMessage(firstMessage(fields)),
              sessionExpired: false,
            }),
          )
        return logOutcome(logger, 'signIn', fail(validation(fields)))
      }),

    whoAmI: (session, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const held = jarOf(session)
        if (!held) return wrongSession()
        // Django's views have no "who am I"; the change form answers only a live session.
        const got = await browser(deadline, held.jar).get(changeUrl, 'forms.whoami', false)
        if (!got.ok) return logOutcome(logger, 'whoAmI', got)
        if (isRedirectStatus(got.value.status)) {
          const target = redirectTarget(got.value, changeUrl)
          return logOutcome(
            logger,
            'whoAmI',
            target.kind === 'same-origin' ? sessionExpired() : fail(unexpectedStatus(got.value)),
          )
        }
        const html = htmlPage(got.value)
        if (!html.ok) return logOutcome(logger, 'whoAmI', html)
        if (!hasForm(html.value, EXPECTED.change))
          return logOutcome(
            logger,
            'whoAmI',
            fail({
              kind: 'unexpected-response',
              status: 200,
              message: MESSAGES.formNotFound('change-password'),
            }),
          )
        return logOutcome(logger, 'whoAmI', ok({ username: held.data.username }))
      }),

    signOut: (session, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const held = jarOf(session)
        if (!held) return wrongSession()
        const b = browser(deadline, held.jar)
        const page = await b.get(changeUrl, 'forms.logout_page', false)
        if (!page.ok) return logOutcome(logger, 'signOut', page)
        // Already signed out on the server: nothing left to end.
        if (isRedirectStatus(page.value.status)) return logOutcome(logger, 'signOut', ok(undefined))
        const html = htmlPage(page.value)
        if (!html.ok) return logOutcome(logger, 'signOut', html)
        const csrf = readForm(html.value, changeUrl, EXPECTED.change)?.csrf
        if (!csrf)
          return logOutcome(
            logger,
            'signOut',
            fail({
              kind: 'unexpected-response',
              status: 200,
              message: MESSAGES.formNotFound('change-password'),
            }),
          )
        // POST: Django 5 refuses GET on LogoutView. Ending a session twice is harmless.
        const posted = await b.post(logoutUrl, { csrfmiddlewaretoken: csrf }, 'forms.logout', changeUrl, true)
        if (!posted.ok) return logOutcome(logger, 'signOut', posted)
        const { status } = posted.value
        if (status === 200) return logOutcome(logger, 'signOut', ok(undefined))
        if (isRedirectStatus(status) && redirectTarget(posted.value, logoutUrl).kind === 'same-origin')
          return logOutcome(logger, 'signOut', ok(undefined))
        return logOutcome(logger, 'signOut', fail(unexpectedStatus(posted.value)))
      }),

    requestReset: (email, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const b = browser(deadline)
        const form = await openForm(b, resetUrl, EXPECTED.reset, 'password-reset', 'forms.reset_page')
        if (!form.ok) return logOutcome(logger, 'requestReset', form)
        const posted = await b.post(
          form.value.form.action,
          { ...form.value.form.hidden, csrfmiddlewaretoken: form.value.csrf, email },
          'forms.reset',
          form.value.url,
        )
        if (!posted.ok) return logOutcome(logger, 'requestReset', posted)
        const read = readPost(posted.value, EXPECTED.reset)
        if (!read.ok) return logOutcome(logger, 'requestReset', read)
        if (read.value.kind === 'redirected') return logOutcome(logger, 'requestReset', ok(undefined))
        const { fields } = read.value
        if (Object.keys(fields).length === 0)
          return logOutcome(
            logger,
            'requestReset',
            fail({
              kind: 'unexpected-response',
              status: 200,
              message: MESSAGES.formNotFound('password-reset'),
            }),
          )
        return logOutcome(logger, 'requestReset', fail(validation(fields)))
      }),

    confirmReset: (input, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const shape = checkLinkShape(input)
        if (shape) return fail(shape)
        const b = browser(deadline)
        const page = await openLink(b, input.uid, input.token, true)
        if (!page.ok) return logOutcome(logger, 'confirmReset', page)
        if (page.value.status !== 'valid')
          return logOutcome(logger, 'confirmReset', fail(deadLinkError(profile.id)))
        const posted = await b.post(
          page.value.form.action,
          {
            ...page.value.form.hidden,
            csrfmiddlewaretoken: page.value.csrf,
            new_password1: input.newPassword,
            new_password2: input.retypePassword,
          },
          'forms.confirm',
          page.value.url,
        )
        if (!posted.ok) return logOutcome(logger, 'confirmReset', posted)
        const read = readPost(posted.value, EXPECTED.confirm)
        if (!read.ok) return logOutcome(logger, 'confirmReset', read)
        // A password change ends the user's other Django sessions (the session auth hash changes).
        if (read.value.kind === 'redirected')
          return logOutcome(
            logger,
            'confirmReset',
            ok({ otherSessions: djangoForms.otherSessions.afterReset }),
          )
        const { fields, html } = read.value
        if (Object.keys(fields).length > 0)
          return logOutcome(logger, 'confirmReset', fail(validation(fields)))
        // Used up between our GET and our POST (another tab, another device).
        if (!hasForm(html, EXPECTED.confirm))
          return logOutcome(logger, 'confirmReset', fail(deadLinkError(profile.id)))
        return logOutcome(
          logger,
          'confirmReset',
          fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.unexpectedShape }),
        )
      }),

    changePassword: (session, input, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const held = jarOf(session)
        if (!held) return wrongSession()
        const b = browser(deadline, held.jar)
        const page = await b.get(changeUrl, 'forms.change_page', false)
        if (!page.ok) return logOutcome(logger, 'changePassword', page)
        if (isRedirectStatus(page.value.status)) {
          const target = redirectTarget(page.value, changeUrl)
          return logOutcome(
            logger,
            'changePassword',
            target.kind === 'same-origin' ? sessionExpired() : fail(unexpectedStatus(page.value)),
          )
        }
        const html = htmlPage(page.value)
        if (!html.ok) return logOutcome(logger, 'changePassword', html)
        const form = usableForm(html.value, changeUrl, EXPECTED.change, 'change-password')
        if (!form.ok) return logOutcome(logger, 'changePassword', form)
        const posted = await b.post(
          form.value.form.action,
          {
            ...form.value.form.hidden,
            csrfmiddlewaretoken: form.value.csrf,
            old_password: input.current,
            new_password1: input.new,
            new_password2: input.retype,
          },
          'forms.change',
          changeUrl,
        )
        if (!posted.ok) return logOutcome(logger, 'changePassword', posted)
        const read = readPost(posted.value, EXPECTED.change)
        if (!read.ok) return logOutcome(logger, 'changePassword', read)
        if (read.value.kind === 'redirected') {
          // Signed out between the two requests: login_required sent the post to the sign-in page.
          if (isLoginRedirect(read.value.to)) return logOutcome(logger, 'changePassword', sessionExpired())
          // update_session_auth_hash keeps this session (under a new key); the user's other sessions end.
          return logOutcome(
            logger,
            'changePassword',
            ok({ session: sessionFrom(held.data.username, b.jar), otherSessions: 'signed-out' as const }),
          )
        }
        const { fields } = read.value
        if (Object.keys(fields).length === 0)
          return logOutcome(
            logger,
            'changePassword',
            fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.unexpectedShape }),
          )
        return logOutcome(logger, 'changePassword', fail(validation(fields)))
      }),

    checkLink: (link, options) =>
      withDeadline<LinkStatus>(profile.timeoutMs, options?.signal, async (deadline) => {
        const shape = checkLinkShape(link)
        if (shape) return fail(shape)
        // A GET of the link does not use it up: the token only moves into a throw-away session.
        const page = await openLink(browser(deadline), link.uid, link.token, false)
        if (!page.ok) return logOutcome(logger, 'checkLink', page)
        return logOutcome(logger, 'checkLink', ok(page.value.status === 'dead' ? 'dead' : 'valid'))
      }),

    serializeSession: sessions.serialize,
    restoreSession: (serialized) => sessions.restore(serialized, profile.id),
  }
  return backend
}
