import { z } from 'zod'
import { djoser } from '../../shared/backend-kinds/djoser'
import { fail, ok, type AppError, type Result } from '../../shared/errors'
import type { ServerProfile } from '../../shared/profile'
import type { HttpResponse } from '../http/client'
import type { Deadline } from '../http/deadline'
import { readJson, requireEmptyOrJson } from '../http/json'
import { serverDetail, withServerMessage } from '../http/status'
import { drfFieldErrors, firstMessage, DJOSER_FIELDS } from './field-errors'
import { adapterHttp, jsonApi, type JsonCall } from './json-api'
import { MESSAGES } from './messages'

/** DRF's AuthTokenSerializer wording for a wrong username or password; a server's own wording is kept. */
const DRF_BAD_CREDENTIALS = 'Unable to log in with provided credentials.'
import {
  checkLinkShape,
  deadLinkError,
  logOutcome,
  passwordsDifferError,
  sessionTokenOperation,
  withDeadline,
} from './operation'
import { sessionCodec } from './session'
import { signInFieldFromDrfMetadata, type SignInField } from './sign-in-field'
import type { BackendDeps, BackendSession, DjoserBackend, Identity } from './types'

/** A djoser session: the API token. */
const sessions = sessionCodec(
  z.object({
    v: z.literal(1),
    kind: z.literal(djoser.id),
    serverId: z.string(),
    token: z.string().regex(/^[A-Za-z0-9._~+/=-]{1,512}$/),
  }),
)

/**
 * The djoser REST API (docs/server-protocol.md, "djoser"): token login, `users/me/`, `users/reset_password/`,
 * `users/reset_password_confirm/`, `users/set_password/`, token logout. Trailing slashes always,
 * `Accept: application/json`, `Authorization: Token …`.
 */
export function createDjoserBackend(profile: ServerProfile, deps: BackendDeps): DjoserBackend {
  const { logger } = deps
  const api = jsonApi(adapterHttp(deps), `${profile.baseUrl}${profile.prefix}`, deps.now ?? Date.now)

  /** One call of the API, with the token in DRF's `Authorization: Token …`. */
  const call = (
    method: 'GET' | 'POST' | 'OPTIONS',
    { token, ...c }: Omit<JsonCall, 'headers'> & { token?: string },
  ) => api(method, { ...c, ...(token ? { headers: { Authorization: `Token ${token}` } } : {}) })

  /** 4xx answers that are not the endpoint's own business. */
  function otherStatus(response: HttpResponse): AppError {
    const { status } = response
    if (status === 401)
      return {
        kind: 'auth',
        message: MESSAGES.sessionEnded,
        ...withServerMessage(serverDetail(response)),
        sessionExpired: true,
      }
    if (status === 404 || status === 405)
      return { kind: 'unexpected-response', status, message: MESSAGES.notFound(status) }
    if (status === 403)
      return {
        kind: 'auth',
        message: MESSAGES.unexpectedStatus(status),
        ...withServerMessage(serverDetail(response)),
        sessionExpired: false,
      }
    return {
      kind: 'unexpected-response',
      status,
      message: MESSAGES.unexpectedStatus(status),
      ...withServerMessage(serverDetail(response)),
    }
  }

  /** A 400: the server's messages on their fields. */
  function validation(response: HttpResponse): AppError {
    const body = readJson(response)
    if (!body.ok) return body.error
    const fields = drfFieldErrors(body.value, DJOSER_FIELDS)
    if (!fields)
      return { kind: 'unexpected-response', status: response.status, message: MESSAGES.unexpectedShape }
    return { kind: 'validation', message: MESSAGES.checkFields, fields }
  }

  /** The message of djoser's "no account has this address" answer: a bare list of strings. */
  function emailNotFound(body: unknown): string | undefined {
    if (!Array.isArray(body) || body.length === 0) return undefined
    const messages = body.filter((m): m is string => typeof m === 'string' && m.length > 0)
    return messages.length === body.length ? messages.join(' ') : undefined
  }

  const tokenOf = (session: BackendSession) => sessions.read(session, profile.id)?.token ?? null
  const withToken = sessionTokenOperation(profile.timeoutMs, tokenOf)

  async function fetchIdentity(token: string, deadline: Deadline): Promise<Result<Identity>> {
    const sent = await call('GET', { path: 'users/me/', label: 'djoser.me', deadline, token })
    if (!sent.ok) return sent
    if (sent.value.status !== 200) return fail(otherStatus(sent.value))
    const body = readJson(sent.value)
    if (!body.ok) return body
    const me = body.value as Record<string, unknown> | null
    if (!me || typeof me !== 'object' || Array.isArray(me))
      return fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.unexpectedShape })
    const email = typeof me['email'] === 'string' && me['email'] ? me['email'] : undefined
    // A custom user model may log in by e-mail and have no `username` field.
    const username = typeof me['username'] === 'string' && me['username'] ? me['username'] : email
    if (!username)
      return fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.unexpectedShape })
    // djoser's `id` is the user's primary key: the uid in a reset link is its base64url form.
    const id =
      typeof me['id'] === 'number' || (typeof me['id'] === 'string' && me['id'])
        ? String(me['id'])
        : undefined
    return ok({ username, ...(email ? { email } : {}), ...(id ? { id } : {}) })
  }

  /** What the server said its sign-in field is; asked once per adapter. */
  let told: SignInField | null = null
  async function askSignInField(deadline: Deadline): Promise<Result<SignInField>> {
    if (told) return ok(told)
    const sent = await call('OPTIONS', { path: 'token/login/', label: 'djoser.login_options', deadline })
    if (!sent.ok) return sent
    if (sent.value.status !== 200) return fail(otherStatus(sent.value))
    const body = readJson(sent.value)
    if (!body.ok) return body
    const field = signInFieldFromDrfMetadata(body.value)
    if (!field) return fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.unexpectedShape })
    told = field
    return ok(field)
  }
  const fromProfile = (): SignInField => {
    const signInWith = profile.signInWith ?? djoser.signInField
    // djoser's LOGIN_FIELD is the field's name: `email` or `username` (a profile's "either one" is a username).
    return { name: signInWith === 'email' ? 'email' : 'username', signInWith }
  }

  // Always sent: a server with PASSWORD_RESET_CONFIRM_RETYPE / SET_PASSWORD_RETYPE requires it, and every djoser
  // generation (2.1, 2.3.1, 2.3.3) ignores it when retyping is off. So no one has to know how the server is set.
  const retype = (input: { newPassword: string; retypePassword: string }) => ({
    re_new_password: input.retypePassword,
  })

  const backend: DjoserBackend = {
    kind: djoser.id,
    profile,
    canCheckLink: djoser.canCheckLink,

    signInField: (options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const asked = await askSignInField(deadline)
        if (asked.ok || asked.error.kind === 'cancelled') return logOutcome(logger, 'signInField', asked)
        // A server whose metadata is off (OPTIONS refused) leaves it to the profile.
        return logOutcome(logger, 'signInField', ok(fromProfile()))
      }),

    signIn: (username, password, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        // djoser takes its LOGIN_FIELD, not always `username`: what the server said (signInField, asked when
        // the server was added and kept on the profile), else the profile. Not asked here: one request per
        // sign-in, and never a second request to a server that failed the first.
        const field = told ?? fromProfile()
        // Signing in is safe to repeat, but it updates last_login (which ends outstanding reset links): no retry.
        const sent = await call('POST', {
          path: 'token/login/',
          label: 'djoser.login',
          deadline,
          body: { [field.name]: username, password },
        })
        if (!sent.ok) return logOutcome(logger, 'signIn', sent)
        const response = sent.value
        if (response.status === 200) {
          const body = readJson(response)
          if (!body.ok) return body
          const token = (body.value as Record<string, unknown> | null)?.['auth_token']
          if (typeof token !== 'string' || !/^[A-Za-z0-9._~+/=-]{1,512}$/.test(token))
            return fail({ kind: 'unexpected-response', status: 200, message: MESSAGES.unexpectedShape })
          return logOutcome(
            logger,
            'signIn',
            ok(sessions.make({ v: 1, kind: djoser.id, serverId: profile.id, token })),
          )
        }
        if (response.status === 400) {
          const error = validation(response)
          // "Unable to log in with provided credentials." comes as a non-field error: wrong credentials.
          if (error.kind === 'validation' && Object.keys(error.fields).every((f) => f === 'form'))
            return logOutcome(
              logger,
              'signIn',
              fail({
                kind: 'auth',
                message: MESSAGES.wrongCredentials,
                // DRF's own "Unable to log in…" is worded by the app; any other server's text is shown as it is.
                ...withServerMessage(
                  firstMessage(error.fields) === DRF_BAD_CREDENTIALS ? null : firstMessage(error.fields),
                ),
                sessionExpired: false,
              }),
            )
          return logOutcome(logger, 'signIn', fail(error))
        }
        return logOutcome(logger, 'signIn', fail(otherStatus(response)))
      }),

    whoAmI: (session, options) =>
      withToken(session, options?.signal, async (token, deadline) => {
        return logOutcome(logger, 'whoAmI', await fetchIdentity(token, deadline))
      }),

    signOut: (session, options) =>
      withToken(session, options?.signal, async (token, deadline) => {
        // Deleting a token twice is harmless: the request is idempotent.
        const sent = await call('POST', {
          path: 'token/logout/',
          label: 'djoser.logout',
          deadline,
          token,
          idempotent: true,
        })
        if (!sent.ok) return logOutcome(logger, 'signOut', sent)
        const { status } = sent.value
        if (status === 204 || status === 200 || status === 401)
          return logOutcome(logger, 'signOut', ok(undefined))
        return logOutcome(logger, 'signOut', fail(otherStatus(sent.value)))
      }),

    requestReset: (email, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const sent = await call('POST', {
          path: 'users/reset_password/',
          label: 'djoser.reset',
          deadline,
          body: { email },
        })
        if (!sent.ok) return logOutcome(logger, 'requestReset', sent)
        const response = sent.value
        if (response.status === 204 || response.status === 200) {
          const body = requireEmptyOrJson(response)
          return logOutcome(logger, 'requestReset', body.ok ? ok(undefined) : body)
        }
        if (response.status === 400) {
          const body = readJson(response)
          // PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND answers an unknown address with a bare list of messages: the
          // server's owner chose to say so, and no mail is coming, so the user is told, on the e-mail field.
          const notFound = body.ok ? emailNotFound(body.value) : undefined
          if (notFound)
            return logOutcome(
              logger,
              'requestReset',
              fail({ kind: 'validation', message: MESSAGES.checkFields, fields: { email: [notFound] } }),
            )
          return logOutcome(logger, 'requestReset', fail(validation(response)))
        }
        return logOutcome(logger, 'requestReset', fail(otherStatus(response)))
      }),

    confirmReset: (input, options) =>
      withDeadline(profile.timeoutMs, options?.signal, async (deadline) => {
        const shape = checkLinkShape(input)
        if (shape) return fail(shape)
        // Without RETYPE the server ignores the second field: check it here so a typo never becomes the password.
        if (!profile.retypeField && input.newPassword !== input.retypePassword)
          return fail(passwordsDifferError())
        const sent = await call('POST', {
          path: 'users/reset_password_confirm/',
          label: 'djoser.confirm',
          deadline,
          body: { uid: input.uid, token: input.token, new_password: input.newPassword, ...retype(input) },
        })
        if (!sent.ok) return logOutcome(logger, 'confirmReset', sent)
        const response = sent.value
        if (response.status === 204 || response.status === 200) {
          const body = requireEmptyOrJson(response)
          // djoser never revokes API tokens on a reset.
          return logOutcome(
            logger,
            'confirmReset',
            body.ok ? ok({ otherSessions: djoser.otherSessions.afterReset }) : body,
          )
        }
        if (response.status === 400) {
          const error = validation(response)
          if (error.kind === 'validation') {
            const names = Object.keys(error.fields)
            // Password errors come before link errors (djoser validates in that order): show them first.
            if (names.every((n) => n === 'uid' || n === 'token'))
              return logOutcome(logger, 'confirmReset', fail(deadLinkError(profile.id)))
          }
          return logOutcome(logger, 'confirmReset', fail(error))
        }
        return logOutcome(logger, 'confirmReset', fail(otherStatus(response)))
      }),

    changePassword: (session, input, options) =>
      withToken(session, options?.signal, async (token, deadline) => {
        if (!profile.retypeField && input.new !== input.retype) return fail(passwordsDifferError())
        const sent = await call('POST', {
          path: 'users/set_password/',
          label: 'djoser.set_password',
          deadline,
          token,
          body: {
            current_password: input.current,
            new_password: input.new,
            ...retype({ newPassword: input.new, retypePassword: input.retype }),
          },
        })
        if (!sent.ok) return logOutcome(logger, 'changePassword', sent)
        const response = sent.value
        if (response.status === 204 || response.status === 200) {
          const body = requireEmptyOrJson(response)
          if (!body.ok) return logOutcome(logger, 'changePassword', body)
          // LOGOUT_ON_PASSWORD_CHANGE deletes the token, which every client of this user shares: ask.
          const still = await fetchIdentity(token, deadline)
          if (still.ok)
            return logOutcome(logger, 'changePassword', ok({ session, otherSessions: 'may-remain' as const }))
          if (still.error.kind === 'auth')
            return logOutcome(
              logger,
              'changePassword',
              ok({ session: null, otherSessions: 'signed-out' as const }),
            )
          return logOutcome(logger, 'changePassword', ok({ session, otherSessions: 'unknown' as const }))
        }
        if (response.status === 400) return logOutcome(logger, 'changePassword', fail(validation(response)))
        return logOutcome(logger, 'changePassword', fail(otherStatus(response)))
      }),

    // djoser has no way to look at a link without using it.
    checkLink: async (link) => {
      const shape = checkLinkShape(link)
      return shape ? fail(shape) : ok('unknown' as const)
    },

    serializeSession: sessions.serialize,
    restoreSession: (serialized) => sessions.restore(serialized, profile.id),
  }
  return backend
}
