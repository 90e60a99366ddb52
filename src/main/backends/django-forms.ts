import { z } from 'zod'
import { djangoForms } from '../../shared/backend-kinds/django-forms'
import { fail, ok, type Result } from '../../shared/errors'
import type { ServerProfile } from '../../shared/profile'
import { CookieJar } from '../http/cookies'
import { isHtmlContentType } from '../http/json'
import { isRedirectStatus, redirectTarget } from '../http/redirects'
import { withServerMessage } from '../http/status'
import { hasForm, readForm, readFormTarget, type DjangoForm, type FormInput } from './django-html'
import { djangoViews, type OpenedForm } from './django-views'
import { DJANGO_FORM_FIELDS, firstMessage } from './field-errors'
import type { FormBrowser } from './form-browser'
import { signInFieldFromInput } from './sign-in-field'
import { MESSAGES } from './messages'
import { checkLinkShape, logOutcome, withDeadline } from './operation'
import { cookieSchema, sessionCodec } from './session'
import type { BackendDeps, BackendSession, DjangoFormsBackend, LinkStatus } from './types'

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
  const views = djangoViews(profile, deps, DJANGO_FORM_FIELDS)
  const { now, browser, htmlPage, unexpectedStatus, usableForm, openForm, validation } = views
  const { sessionExpired, wrongSession, submit } = views
  const { logger } = deps
  const url = (path: string) => `${profile.baseUrl}${profile.prefix}${path}`
  const loginUrl = url('login/')
  const changeUrl = url('password_change/')
  const resetUrl = url('password_reset/')
  const logoutUrl = url('logout/')
  // Django's own route for the link (django.contrib.auth.urls: reset/<uidb64>/<token>/).
  const linkUrl = (uid: string, token: string) => url(`reset/${uid}/${token}/`)

  /** The inputs that make a page the form of each flow. */
  const EXPECTED = {
    login: ['password'],
    change: ['old_password', 'new_password1', 'new_password2'],
    reset: ['email'],
    confirm: ['new_password1', 'new_password2'],
  } as const

  /** The field people identify themselves with: the form's text or e-mail input (`username` in Django's). */
  const identifierInput = (form: DjangoForm) =>
    form.inputs.find((i) => i.name === 'username') ??
    form.inputs.find((i) => (i.type === 'text' || i.type === 'email') && i.name !== 'password')

  /** The sign-in form and the input people identify themselves in. */
  async function openLoginForm(
    b: FormBrowser,
  ): Promise<Result<OpenedForm<DjangoForm> & { identifier: FormInput }>> {
    const form = await openForm(b, loginUrl, EXPECTED.login, 'sign-in', 'forms.login_page', readForm)
    if (!form.ok) return form
    const identifier = identifierInput(form.value.form)
    if (!identifier)
      return fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.formNotFound('sign-in') })
    return ok({ ...form.value, identifier })
  }

  const { readPost } = views

  /** Django's login_required sends to LOGIN_URL with `?next=`: the session is gone. */
  const isLoginRedirect = (to: URL) =>
    to.searchParams.has('next') || to.pathname === new URL(loginUrl).pathname

  function jarOf(session: BackendSession) {
    const data = sessions.read(session, profile.id)
    return data ? { data, jar: new CookieJar(data.cookies, now) } : null
  }

  const sessionFrom = (username: string, jar: CookieJar) =>
    sessions.make({ v: 1, kind: djangoForms.id, serverId: profile.id, username, cookies: jar.toJSON() })

  const openLink = (b: FormBrowser, uid: string, token: string, open: boolean) =>
    views.openLink(b, linkUrl(uid, token), EXPECTED.confirm, open)

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
        const next = new URL(changeUrl).pathname
        const values = { [identifier.name]: username, password, next }
        const posted = await submit(b, form.value, values, 'forms.login')
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
        const csrf = readFormTarget(html.value, changeUrl, EXPECTED.change)?.csrf
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
        // Django 5 refuses GET on LogoutView.
        return logOutcome(
          logger,
          'signOut',
          await views.logout(b, logoutUrl, csrf, changeUrl, 'forms.logout'),
        )
      }),

    // A password change ends the user's other Django sessions (the session auth hash changes).
    ...views.resetOperations({
      resetUrl,
      linkUrl,
      expected: EXPECTED,
      confirmFields: { newPassword: 'new_password1', retypePassword: 'new_password2' },
      labels: { resetPage: 'forms.reset_page', reset: 'forms.reset', confirm: 'forms.confirm' },
      otherSessionsAfterReset: djangoForms.otherSessions.afterReset,
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
        const values = { old_password: input.current, new_password1: input.new, new_password2: input.retype }
        const posted = await submit(b, form.value, values, 'forms.change')
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
