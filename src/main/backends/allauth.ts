import { z } from 'zod'
import { allauth } from '../../shared/backend-kinds/allauth'
import { fail, ok, type AppError, type Result } from '../../shared/errors'
import type { ServerProfile } from '../../shared/profile'
import type { HttpResponse } from '../http/client'
import type { Deadline } from '../http/deadline'
import { isRecord, readJson } from '../http/json'
import { allauthError, allauthErrors, type AllauthCall } from './allauth-errors'
import { adapterHttp, jsonApi, type JsonCall } from './json-api'
import { MESSAGES } from './messages'
import {
  checkLinkShape,
  logOutcome,
  passwordsDifferError,
  sessionTokenOperation,
  withDeadline,
} from './operation'
import { sessionCodec } from './session'
import { ALLAUTH_EITHER, signInFieldFromAllauthConfig, type SignInField } from './sign-in-field'
import type { AllauthBackend, BackendDeps, BackendSession, Identity, LinkStatus } from './types'

const TOKEN = /^[A-Za-z0-9._~+/=-]{1,512}$/

/**
 * An allauth session: the headless session token, and the origin it was issued by. The token goes only to that
 * origin: a profile whose address changed since asks people to sign in again.
 */
const sessions = sessionCodec(
  z.object({
    v: z.literal(1),
    kind: z.literal(allauth.id),
    serverId: z.string(),
    origin: z.string(),
    token: z.string().regex(TOKEN),
  }),
)

type Envelope = { status?: unknown; data?: unknown; meta?: unknown }

/**
 * django-allauth's headless API for apps (docs/server-protocol.md, "django-allauth"), under the profile's prefix
 * (`/_allauth/app/v1/`): `config`, `auth/login`, `auth/session` (who am I, sign out), `account/password/change`,
 * `auth/password/request`, `auth/password/reset` (check a key, set the password). JSON in and out, no trailing
 * slashes, the session token in `X-Session-Token`, the reset key (`<uidb36>-<token>`) in `X-Password-Reset-Key`
 * or the body. Errors are coded (allauth-errors.ts); messages are kept verbatim.
 */
export function createAllauthBackend(profile: ServerProfile, deps: BackendDeps): AllauthBackend {
  const { logger } = deps
  const origin = new URL(profile.baseUrl).origin
  const api = jsonApi(adapterHttp(deps), `${profile.baseUrl}${profile.prefix}`, deps.now ?? Date.now)

  type Call = Omit<JsonCall, 'headers' | 'idempotent'> & { token?: string; resetKey?: string }
  /** One call of the API, with the session token and the reset key in allauth's headers. */
  const call = (method: 'GET' | 'POST' | 'DELETE', { token, resetKey, ...c }: Call) =>
    api(method, {
      ...c,
      headers: {
        ...(token ? { 'X-Session-Token': token } : {}),
        ...(resetKey ? { 'X-Password-Reset-Key': resetKey } : {}),
      },
    })

  /** The JSON envelope allauth answers with (`{status, data, meta}` or `{status, errors}`). */
  function envelope(response: HttpResponse): Result<Envelope> {
    const body = readJson(response)
    if (!body.ok) return body
    if (!isRecord(body.value)) return fail(unexpectedShape(response.status))
    return ok(body.value)
  }

  /** A 400: allauth's coded errors as the app's. */
  function refusal(response: HttpResponse, kind: AllauthCall): AppError {
    const body = readJson(response)
    if (!body.ok) return body.error
    const errors = allauthErrors(body.value)
    return errors ? allauthError(errors, kind, profile.id) : unexpectedShape(response.status)
  }

  /** Answers that are not the endpoint's own business. */
  function otherStatus(response: HttpResponse): AppError {
    const { status } = response
    // 401: not signed in (any more); 410: the session token is unknown or expired.
    if (status === 401 || status === 410)
      return { kind: 'auth', message: MESSAGES.sessionEnded, sessionExpired: true }
    if (status === 404 || status === 405)
      return { kind: 'unexpected-response', status, message: MESSAGES.notFound(status) }
    if (status === 403)
      return { kind: 'auth', message: MESSAGES.unexpectedStatus(status), sessionExpired: false }
    return { kind: 'unexpected-response', status, message: MESSAGES.unexpectedStatus(status) }
  }

  const tokenOf = (session: BackendSession): string | null => {
    const data = sessions.read(session, profile.id)
    return data && data.origin === origin ? data.token : null
  }
  const withToken = sessionTokenOperation(profile.timeoutMs, tokenOf)
  const makeSession = (token: string) =>
    sessions.make({ v: 1, kind: allauth.id, serverId: profile.id, origin, token })

  /** The session token in an answer's `meta`, when the server gave one. */
  const sessionTokenIn = (body: Envelope): string | null => {
    const token = isRecord(body.meta) ? body.meta['session_token'] : undefined
    return typeof token === 'string' && TOKEN.test(token) ? token : null
  }

  /** `data.user` of an authenticated answer. */
  function identityIn(body: Envelope, status: number): Result<Identity> {
    const user = isRecord(body.data) ? body.data['user'] : undefined
    if (!isRecord(user)) return fail(unexpectedShape(status))
    const email = typeof user['email'] === 'string' && user['email'] ? user['email'] : undefined
    // A user model without usernames: allauth leaves `username` out and shows the address (`display`).
    const username =
      typeof user['username'] === 'string' && user['username']
        ? user['username']
        : (email ?? (typeof user['display'] === 'string' && user['display'] ? user['display'] : undefined))
    if (!username) return fail(unexpectedShape(status))
    const id =
      typeof user['id'] === 'number' || (typeof user['id'] === 'string' && user['id'])
        ? String(user['id'])
        : undefined
    return ok({ username, ...(email ? { email } : {}), ...(id ? { id } : {}) })
  }

  async function fetchIdentity(token: string, deadline: Deadline): Promise<Result<Identity>> {
    const sent = await call('GET', { path: 'auth/session', label: 'allauth.session', deadline, token })
    if (!sent.ok) return sent
    if (sent.value.status !== 200) return fail(otherStatus(sent.value))
    const body = envelope(sent.value)
    return body.ok ? identityIn(body.value, 200) : body
  }

  /** Ends a session the server opened on its own (a reset that signs the user in): the app did not ask for it. */
  async function endSession(token: string, deadline: Deadline): Promise<void> {
    const ended = await call('DELETE', { path: 'auth/session', label: 'allauth.logout', deadline, token })
    if (!ended.ok || ![200, 401, 410].includes(ended.value.status))
      logger.info('backend.unended-session', { operation: 'confirmReset' })
  }

  /** What the server's config says people sign in with; asked once per adapter. */
  let told: SignInField | null = null
  async function askSignInField(deadline: Deadline): Promise<Result<SignInField>> {
    if (told) return ok(told)
    const sent = await call('GET', { path: 'config', label: 'allauth.config', deadline })
    if (!sent.ok) return sent
    if (sent.value.status !== 200) return fail(otherStatus(sent.value))
    const body = readJson(sent.value)
    if (!body.ok) return body
    const field = signInFieldFromAllauthConfig(body.value)
    if (!field) return fail(unexpectedShape(200))
    told = field
    return ok(field)
  }
  const fromProfile = (): SignInField => {
    const signInWith = profile.signInWith ?? allauth.signInField
    return { name: signInWith, signInWith }
  }
  /** The login input for what the person typed: allauth takes `username` or `email`. */
  const loginInput = (field: SignInField, typed: string): 'username' | 'email' => {
    if (field.name === ALLAUTH_EITHER) return typed.includes('@') ? 'email' : 'username'
    return field.name === 'email' ? 'email' : 'username'
  }

  const resetKey = (link: { uid: string; token: string }) => `${link.uid}-${link.token}`

  const backend: AllauthBackend = {
    kind: allauth.id,
    profile,
    canCheckLink: allauth.canCheckLink,

    signInField: (options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) =>
        logOutcome(logger, 'signInField', await askSignInField(deadline)),
      ),

    signIn: (username, password, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        // The config is one cheap GET: asked before the first sign-in so the right input is sent.
        const asked = told ? ok(told) : await askSignInField(deadline)
        if (!asked.ok && asked.error.kind === 'cancelled') return asked
        const field = asked.ok ? asked.value : fromProfile()
        // Signing in updates last_login, which ends outstanding reset keys: never retried.
        const sent = await call('POST', {
          path: 'auth/login',
          label: 'allauth.login',
          deadline,
          body: { [loginInput(field, username)]: username, password },
        })
        if (!sent.ok) return logOutcome(logger, 'signIn', sent)
        const response = sent.value
        if (response.status === 200) {
          const body = envelope(response)
          if (!body.ok) return logOutcome(logger, 'signIn', body)
          const token = sessionTokenIn(body.value)
          if (!token) return logOutcome(logger, 'signIn', fail(unexpectedShape(200)))
          return logOutcome(logger, 'signIn', ok(makeSession(token)))
        }
        if (response.status === 400) return logOutcome(logger, 'signIn', fail(refusal(response, 'signIn')))
        // 401 after a good password: a pending step the app cannot take (verify the address, a second factor).
        if (response.status === 401)
          return logOutcome(
            logger,
            'signIn',
            fail({
              kind: 'auth',
              message: MESSAGES.signInOnWebsite,
              sessionExpired: false,
              signInOnWebsite: true,
            }),
          )
        return logOutcome(logger, 'signIn', fail(otherStatus(response)))
      }),

    whoAmI: (session, options) =>
      withToken(session, options?.signal, async (token, deadline) => {
        return logOutcome(logger, 'whoAmI', await fetchIdentity(token, deadline))
      }),

    signOut: (session, options) =>
      withToken(session, options?.signal, async (token, deadline) => {
        const sent = await call('DELETE', { path: 'auth/session', label: 'allauth.logout', deadline, token })
        if (!sent.ok) return logOutcome(logger, 'signOut', sent)
        // 401: signed out now; 410: the server had already forgotten the session.
        if ([200, 401, 410].includes(sent.value.status)) return logOutcome(logger, 'signOut', ok(undefined))
        return logOutcome(logger, 'signOut', fail(otherStatus(sent.value)))
      }),

    requestReset: (email, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const sent = await call('POST', {
          path: 'auth/password/request',
          label: 'allauth.reset_request',
          deadline,
          body: { email },
        })
        if (!sent.ok) return logOutcome(logger, 'requestReset', sent)
        const response = sent.value
        if (response.status === 200) {
          const body = envelope(response)
          return logOutcome(logger, 'requestReset', body.ok ? ok(undefined) : body)
        }
        if (response.status === 400)
          return logOutcome(logger, 'requestReset', fail(refusal(response, 'request')))
        return logOutcome(logger, 'requestReset', fail(otherStatus(response)))
      }),

    confirmReset: (input, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const shape = checkLinkShape(input)
        if (shape) return fail(shape)
        // allauth takes the new password once: check the retyped one here so a typo never becomes the password.
        if (input.newPassword !== input.retypePassword) return fail(passwordsDifferError())
        const sent = await call('POST', {
          path: 'auth/password/reset',
          label: 'allauth.reset',
          deadline,
          body: { key: resetKey(input), password: input.newPassword },
        })
        if (!sent.ok) return logOutcome(logger, 'confirmReset', sent)
        const response = sent.value
        const done = ok({ otherSessions: allauth.otherSessions.afterReset })
        // 401 with the login flow: the password is set and nobody is signed in (allauth's default).
        if (response.status === 401) return logOutcome(logger, 'confirmReset', done)
        // 200: set, and the server signed the user in (ACCOUNT_LOGIN_ON_PASSWORD_RESET). The app did not ask
        // for that session: it ends it, and the person signs in as usual.
        if (response.status === 200) {
          const body = envelope(response)
          const token = body.ok ? sessionTokenIn(body.value) : null
          if (token) await endSession(token, deadline)
          return logOutcome(logger, 'confirmReset', done)
        }
        if (response.status === 400)
          return logOutcome(logger, 'confirmReset', fail(refusal(response, 'reset')))
        return logOutcome(logger, 'confirmReset', fail(otherStatus(response)))
      }),

    changePassword: (session, input, options) =>
      withToken(session, options?.signal, async (token, deadline) => {
        if (input.new !== input.retype) return fail(passwordsDifferError())
        const sent = await call('POST', {
          path: 'account/password/change',
          label: 'allauth.password_change',
          deadline,
          token,
          body: { current_password: input.current, new_password: input.new },
        })
        if (!sent.ok) return logOutcome(logger, 'changePassword', sent)
        const response = sent.value
        if (response.status === 200) {
          const body = envelope(response)
          if (!body.ok) return logOutcome(logger, 'changePassword', body)
          // allauth cycles the session: the answer carries the token to use from now on.
          const next = sessionTokenIn(body.value)
          return logOutcome(
            logger,
            'changePassword',
            ok({ session: next ? makeSession(next) : session, otherSessions: 'signed-out' as const }),
          )
        }
        // ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE: changed, and this session ended with the others.
        if (response.status === 401)
          return logOutcome(
            logger,
            'changePassword',
            ok({ session: null, otherSessions: 'signed-out' as const }),
          )
        if (response.status === 400)
          return logOutcome(logger, 'changePassword', fail(refusal(response, 'change')))
        return logOutcome(logger, 'changePassword', fail(otherStatus(response)))
      }),

    checkLink: (link, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline): Promise<Result<LinkStatus>> => {
        const shape = checkLinkShape(link)
        if (shape) return fail(shape)
        const sent = await call('GET', {
          path: 'auth/password/reset',
          label: 'allauth.reset_check',
          deadline,
          resetKey: resetKey(link),
        })
        if (!sent.ok) return logOutcome(logger, 'checkLink', sent)
        const { status } = sent.value
        if (status === 200) return logOutcome(logger, 'checkLink', ok('valid' as const))
        if (status === 400) {
          const error = refusal(sent.value, 'reset')
          if (error.kind === 'link-invalid') return logOutcome(logger, 'checkLink', ok('dead' as const))
          return logOutcome(logger, 'checkLink', fail(error))
        }
        return logOutcome(logger, 'checkLink', fail(otherStatus(sent.value)))
      }),

    serializeSession: sessions.serialize,
    restoreSession: (serialized) => {
      const restored = sessions.restore(serialized, profile.id)
      return restored && tokenOf(restored) ? restored : null
    },
  }
  return backend
}

const unexpectedShape = (status: number): AppError => ({
  kind: 'unexpected-response',
  status,
  message: MESSAGES.unexpectedShape,
})
