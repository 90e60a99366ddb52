import { z } from 'zod'
import { allauthHtml } from '../../shared/backend-kinds/allauth-html'
import { fail, ok, type AppError, type FieldErrors, type Result } from '../../shared/errors'
import type { ServerProfile } from '../../shared/profile'
import { CookieJar } from '../http/cookies'
import type { Deadline } from '../http/deadline'
import { isHtmlContentType } from '../http/json'
import { isRedirectStatus, redirectTarget } from '../http/redirects'
import { RETRY_AFTER_DEFAULT_SECONDS } from '../http/retry-after'
import { withServerMessage } from '../http/status'
import { hasForm, readForm } from './django-html'
import { djangoViews, type OpenedForm } from './django-views'
import { firstMessage } from './field-errors'
import type { FormBrowser } from './form-browser'
import { MESSAGES } from './messages'
import { checkLinkShape, logOutcome, withDeadline } from './operation'
import { cookieSchema, sessionCodec } from './session'
import { signInFieldFromAllauthInput } from './sign-in-field'
import type { AllauthHtmlBackend, BackendDeps, BackendSession, LinkStatus } from './types'

/**
 * An allauth HTML session: the cookie jar, the name people signed in with (the pages do not say it), and the
 * origin that set the cookies. The cookies go only to that origin: a profile whose address changed since asks
 * people to sign in again.
 */
const sessions = sessionCodec(
  z.object({
    v: z.literal(1),
    kind: z.literal(allauthHtml.id),
    serverId: z.string(),
    origin: z.string(),
    username: z.string().max(254),
    cookies: z.array(cookieSchema).max(50),
  }),
)

/** The inputs that make a page the form of each flow (allauth 0.51 to 65 alike). */
const EXPECTED = {
  login: ['login', 'password'],
  change: ['oldpassword', 'password1', 'password2'],
  reset: ['email'],
  confirm: ['password1', 'password2'],
} as const

/** allauth's form fields → the app's. */
export const ALLAUTH_FORM_FIELDS: Readonly<Record<string, string>> = {
  login: 'username',
  password: 'password',
  email: 'email',
  oldpassword: 'currentPassword',
  password1: 'newPassword',
  password2: 'retypePassword',
  __all__: 'form',
}

/**
 * allauth's lockout after failed sign-ins (ACCOUNT_LOGIN_ATTEMPTS_LIMIT before 0.62, the `login_failed` rate
 * limit since): the login form again with "Too many failed login attempts. Try again later." as its own error.
 * The HTML says no period: the app waits as long as for allauth's headless code `too_many_login_attempts`.
 */
const TOO_MANY_ATTEMPTS = /too many failed login attempts/i

/**
 * What a refused sign-in form says, as the app's error: the lockout is `rate-limited`, a form error alone (allauth's
 * "The username and/or password you specified are not correct.") is wrong credentials, field errors are for the
 * fields.
 */
export function signInRefusal(fields: FieldErrors): AppError {
  const all = Object.values(fields).flat()
  const lockout = all.find((m) => TOO_MANY_ATTEMPTS.test(m))
  if (lockout)
    return {
      kind: 'rate-limited',
      message: { code: 'rate-limited', seconds: RETRY_AFTER_DEFAULT_SECONDS },
      serverMessage: lockout,
      retryAfterSeconds: RETRY_AFTER_DEFAULT_SECONDS,
    }
  if (Object.keys(fields).every((f) => f === 'form'))
    return {
      kind: 'auth',
      message: MESSAGES.wrongCredentials,
      ...withServerMessage(firstMessage(fields)),
      sessionExpired: false,
    }
  return { kind: 'validation', message: MESSAGES.checkFields, fields }
}

/**
 * django-allauth's HTML views (docs/server-protocol.md, "django-allauth's pages") under the profile's prefix
 * (`/accounts/`): `login/` (its `login` input takes a username or an address, as the server is set up),
 * `password/change/`, `password/reset/`, `logout/`, and the key link `password/reset/key/<uidb36>-<key>/`, which
 * redirects to `…/<uidb36>-set-password/` with the key in the session. The same reader of Django forms as
 * django-forms.ts (django-views.ts, django-html.ts); allauth's messages verbatim.
 */
export function createAllauthHtmlBackend(profile: ServerProfile, deps: BackendDeps): AllauthHtmlBackend {
  const views = djangoViews(profile, deps, ALLAUTH_FORM_FIELDS)
  const { now, browser, htmlPage, unexpectedStatus, usableForm, openForm, validation } = views
  const { sessionExpired, wrongSession, unrecognised, submit } = views
  const { logger } = deps
  const origin = new URL(profile.baseUrl).origin
  const url = (path: string) => `${profile.baseUrl}${profile.prefix}${path}`
  const loginUrl = url('login/')
  const changeUrl = url('password/change/')
  const resetUrl = url('password/reset/')
  const logoutUrl = url('logout/')
  const linkUrl = (uid: string, token: string) => url(`password/reset/key/${uid}-${token}/`)

  const { readPost } = views

  const isLoginPage = (to: URL) => to.pathname === new URL(loginUrl).pathname

  function held(session: BackendSession) {
    const data = sessions.read(session, profile.id)
    return data && data.origin === origin ? { data, jar: new CookieJar(data.cookies, now) } : null
  }
  const sessionFrom = (username: string, jar: CookieJar) =>
    sessions.make({
      v: 1,
      kind: allauthHtml.id,
      serverId: profile.id,
      origin,
      username,
      cookies: jar.toJSON(),
    })

  const openLoginForm = (b: FormBrowser) =>
    openForm(b, loginUrl, EXPECTED.login, 'sign-in', 'allauth_html.login_page', readForm)

  /**
   * The change-password page of a session: its form when signed in; signed out when allauth's login_required
   * sends to the login page. Who am I, sign out and change all start here.
   */
  async function changePage(b: FormBrowser, label: string): Promise<Result<OpenedForm | 'signed-out'>> {
    const got = await b.get(changeUrl, label, false)
    if (!got.ok) return got
    if (isRedirectStatus(got.value.status)) {
      const target = redirectTarget(got.value, changeUrl)
      return target.kind === 'same-origin' ? ok('signed-out') : fail(unexpectedStatus(got.value))
    }
    const html = htmlPage(got.value)
    if (!html.ok) return html
    return usableForm(html.value, changeUrl, EXPECTED.change, 'change-password')
  }

  /** After the login form redirected: signed in only if the change page now answers with its form. */
  async function confirmSignIn(b: FormBrowser, to: URL, username: string): Promise<Result<BackendSession>> {
    if (isLoginPage(to))
      return fail({ kind: 'auth', message: MESSAGES.wrongCredentials, sessionExpired: false })
    const got = await b.get(changeUrl, 'allauth_html.confirm_sign_in', false)
    if (!got.ok) return got
    const { status, headers, body } = got.value
    if (status === 200 && isHtmlContentType(headers['content-type']) && hasForm(body, EXPECTED.change))
      return ok(sessionFrom(username, b.jar))
    // A pending step: verify the address, a second factor, a code by mail.
    return fail({
      kind: 'auth',
      message: MESSAGES.signInOnWebsite,
      sessionExpired: false,
      signInOnWebsite: true,
    })
  }

  const withSession = <T>(
    session: BackendSession,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    run: (b: FormBrowser, username: string, deadline: Deadline) => Promise<Result<T>>,
  ) =>
    withDeadline(timeoutMs, signal, async (deadline) => {
      const h = held(session)
      if (!h) return wrongSession()
      return run(browser(deadline, h.jar), h.data.username, deadline)
    })

  const backend: AllauthHtmlBackend = {
    kind: allauthHtml.id,
    profile,
    canCheckLink: allauthHtml.canCheckLink,

    signInField: (options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const form = await openLoginForm(browser(deadline))
        if (!form.ok) return logOutcome(logger, 'signInField', form)
        const input = form.value.form.inputs.find((i) => i.name === 'login')
        if (!input) return logOutcome(logger, 'signInField', unrecognised('sign-in'))
        return logOutcome(logger, 'signInField', ok(signInFieldFromAllauthInput(input)))
      }),

    signIn: (username, password, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const b = browser(deadline)
        const form = await openLoginForm(b)
        if (!form.ok) return logOutcome(logger, 'signIn', form)
        // Signing in updates last_login, which ends outstanding reset keys: never retried.
        const next = new URL(changeUrl).pathname
        const posted = await submit(b, form.value, { login: username, password, next }, 'allauth_html.login')
        if (!posted.ok) return logOutcome(logger, 'signIn', posted)
        const read = readPost(posted.value, EXPECTED.login)
        if (!read.ok) return logOutcome(logger, 'signIn', read)
        if (read.value.kind === 'redirected')
          return logOutcome(logger, 'signIn', await confirmSignIn(b, read.value.to, username))
        const { fields } = read.value
        if (Object.keys(fields).length === 0) return logOutcome(logger, 'signIn', unrecognised('sign-in'))
        return logOutcome(logger, 'signIn', fail(signInRefusal(fields)))
      }),

    whoAmI: (session, options) =>
      withSession(session, profile.timeoutMs, options?.signal, async (b, username) => {
        // allauth's pages have no "who am I"; the change form answers only a live session.
        const page = await changePage(b, 'allauth_html.whoami')
        if (!page.ok) return logOutcome(logger, 'whoAmI', page)
        if (page.value === 'signed-out') return logOutcome(logger, 'whoAmI', sessionExpired())
        return logOutcome(logger, 'whoAmI', ok({ username }))
      }),

    signOut: (session, options) =>
      withSession(session, profile.timeoutMs, options?.signal, async (b) => {
        const page = await changePage(b, 'allauth_html.logout_page')
        if (!page.ok) return logOutcome(logger, 'signOut', page)
        // Already signed out on the server: nothing left to end.
        if (page.value === 'signed-out') return logOutcome(logger, 'signOut', ok(undefined))
        // ACCOUNT_LOGOUT_ON_GET is off by default: a GET only asks.
        const ended = await views.logout(b, logoutUrl, page.value.csrf, changeUrl, 'allauth_html.logout')
        return logOutcome(logger, 'signOut', ended)
      }),

    // allauth before 0.52 (and later with ACCOUNT_PREVENT_ENUMERATION off) says an address is unknown. A reset
    // is done when allauth redirects to its "password changed" page (or, with ACCOUNT_LOGIN_ON_PASSWORD_RESET,
    // into a session the app never keeps). The session hash changed: the account's other sessions ended.
    ...views.resetOperations({
      resetUrl,
      linkUrl,
      expected: EXPECTED,
      confirmFields: { newPassword: 'password1', retypePassword: 'password2' },
      labels: {
        resetPage: 'allauth_html.reset_page',
        reset: 'allauth_html.reset',
        confirm: 'allauth_html.confirm',
      },
      otherSessionsAfterReset: allauthHtml.otherSessions.afterReset,
    }),

    changePassword: (session, input, options) =>
      withSession(session, profile.timeoutMs, options?.signal, async (b, username) => {
        const page = await changePage(b, 'allauth_html.change_page')
        if (!page.ok) return logOutcome(logger, 'changePassword', page)
        if (page.value === 'signed-out') return logOutcome(logger, 'changePassword', sessionExpired())
        const values = { oldpassword: input.current, password1: input.new, password2: input.retype }
        const posted = await submit(b, page.value, values, 'allauth_html.change')
        if (!posted.ok) return logOutcome(logger, 'changePassword', posted)
        const read = readPost(posted.value, EXPECTED.change)
        if (!read.ok) return logOutcome(logger, 'changePassword', read)
        if (read.value.kind === 'redirected') {
          // Signed out between the two requests: login_required sent the post to the sign-in page.
          if (isLoginPage(read.value.to) && read.value.to.searchParams.has('next'))
            return logOutcome(logger, 'changePassword', sessionExpired())
          // Changed. allauth keeps this session (under a new key) unless ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE: ask.
          const after = await changePage(b, 'allauth_html.after_change')
          const kept = after.ok && after.value !== 'signed-out'
          return logOutcome(
            logger,
            'changePassword',
            ok({ session: kept ? sessionFrom(username, b.jar) : null, otherSessions: 'signed-out' as const }),
          )
        }
        const { fields } = read.value
        if (Object.keys(fields).length === 0)
          return logOutcome(logger, 'changePassword', unrecognised('change-password'))
        return logOutcome(logger, 'changePassword', fail(validation(fields)))
      }),

    checkLink: (link, options) =>
      withDeadline<LinkStatus>(profile.timeoutMs, options?.signal, async (deadline) => {
        const shape = checkLinkShape(link)
        if (shape) return fail(shape)
        // A GET of the link does not use it up: the key only moves into a throw-away session.
        const page = await views.openLink(
          browser(deadline),
          linkUrl(link.uid, link.token),
          EXPECTED.confirm,
          false,
        )
        if (!page.ok) return logOutcome(logger, 'checkLink', page)
        return logOutcome(logger, 'checkLink', ok(page.value.status === 'dead' ? 'dead' : 'valid'))
      }),

    serializeSession: sessions.serialize,
    restoreSession: (serialized) => {
      const restored = sessions.restore(serialized, profile.id)
      return restored && held(restored) ? restored : null
    },
  }
  return backend
}
