import type { Logger } from '../log'
import { DemoStore, type DemoUser } from './demo-store'
import {
  errorsToObject,
  initialValue,
  notAMapping,
  runCharField,
  runFields,
  type CharFieldSpec,
  type FieldErrors,
  type RequestData,
} from './drf-fields'
import { negotiate } from './negotiation'
import { PyNumber } from './python-json'
import { checkPassword, makePassword, mustUpdate } from './password-hasher'
import { validatePassword, type PasswordUser } from '../../shared/password-validators'
import { commonPasswords } from '../../shared/common-passwords'
import { parseRequestBody } from './request-body'
import {
  appendSlashRedirect,
  badRequestPage,
  drfResponse,
  notFoundPage,
  resetLinkPage,
  serverErrorPage,
  type DemoResponse,
} from './responses'
import { composeResetMail, type DemoMail } from './reset-mail'
import { checkToken, decodeUid, encodeUid, makeToken, pythonInt } from './reset-tokens'
import { RateThrottle, throttledDetail } from './throttle'

/**
 * djoser 2.1 on Django 3.2 and DRF 3.14, as the demo server answers it: routing (with CommonMiddleware's
 * trailing-slash redirect), DRF's request pipeline (content negotiation → authentication → permissions →
 * throttles → method → serializer), and djoser's views. Transport-free: the HTTP server (server.ts) hands it a
 * parsed request and writes back what it returns.
 */

export interface DemoRequest {
  method: string
  /** The path as sent, before `?`. */
  path: string
  /** The query string without `?` ('' when none). */
  query: string
  /** Lowercased header names; values as received (Latin-1). */
  headers: Record<string, string | undefined>
  /** null when the request carried no Content-Length (or 0). */
  body: Buffer | null
  /** Used for throttle keys only. */
  client: string
}

export interface DjoserSettings {
  /** PASSWORD_RESET_CONFIRM_RETYPE */
  passwordResetConfirmRetype: boolean
  /** SET_PASSWORD_RETYPE */
  setPasswordRetype: boolean
  /** PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND */
  passwordResetShowEmailNotFound: boolean
  /** LOGOUT_ON_PASSWORD_CHANGE */
  logoutOnPasswordChange: boolean
  /** PASSWORD_RESET_CONFIRM_URL */
  passwordResetConfirmUrl: string
}

export const DEFAULT_DJOSER_SETTINGS: DjoserSettings = {
  passwordResetConfirmRetype: false,
  setPasswordRetype: false,
  passwordResetShowEmailNotFound: false,
  logoutOnPasswordChange: false,
  passwordResetConfirmUrl: 'reset/{uid}/{token}',
}

export interface AppContext {
  store: DemoStore
  logger: Logger
  now: () => Date
  iterations: number
  resetTimeoutSeconds: number
  /** Seconds added to the reset-token clock only (the test server's "advance clock" control). */
  tokenClockOffset: () => number
  settings: DjoserSettings
  throttles: { login: RateThrottle | null; resetPassword: RateThrottle | null }
  /** Hosts Django's ALLOWED_HOSTS would take. */
  allowedHosts: readonly string[]
  /** The Host to assume when a request has none (Django falls back to SERVER_NAME:SERVER_PORT). */
  defaultHost: string
  sendMail: (mail: DemoMail) => void
}

const MSG = {
  notAuthenticated: 'Authentication credentials were not provided.',
  invalidToken: 'Invalid token.',
  noCredentials: 'Invalid token header. No credentials provided.',
  spaces: 'Invalid token header. Token string should not contain spaces.',
  badChars: 'Invalid token header. Token string should not contain invalid characters.',
  inactive: 'User inactive or deleted.',
  notFound: 'Not found.',
  notAcceptable: 'Could not satisfy the request Accept header.',
  methodNotAllowed: (m: string) => `Method "${m}" not allowed.`,
  invalidCredentials: 'Unable to log in with provided credentials.',
  invalidUid: "Invalid user id or user doesn't exist.",
  invalidResetToken: 'Invalid token for given user.',
  mismatch: "The two password fields didn't match.",
  invalidPassword: 'Invalid password.',
  emailNotFound: 'User with given email does not exist.',
  usernameTaken: 'A user with that username already exists.',
  usernameInvalid:
    'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
  cannotCreate: 'Unable to create account.',
  staleToken: 'Stale token for given user.',
  permissionDenied: 'You do not have permission to perform this action.',
} as const

// ---------------------------------------------------------------------------------------------------------------
// Routing

type RouteName =
  | 'root'
  | 'users'
  | 'me'
  | 'detail'
  | 'set_password'
  | 'reset_password'
  | 'reset_password_confirm'
  | 'activation'
  | 'resend_activation'
  | 'set_username'
  | 'reset_username'
  | 'reset_username_confirm'
  | 'login'
  | 'logout'

interface Route {
  name: RouteName
  format: string | null
  id?: string
}

/** djoser's UserViewSet actions (all POST-only), in the router's order. */
const ACTIONS = [
  'activation',
  'resend_activation',
  'reset_password',
  'reset_password_confirm',
  'reset_username',
  'reset_username_confirm',
  'set_password',
  'set_username',
] as const
const FORMAT = '(?:\\.(?<format>[a-z0-9]+)/?)'

/** djoser's URLconf under /auth/ (DefaultRouter with format suffixes, then the authtoken patterns). */
function resolve(path: string): Route | null {
  const m = (re: string) => new RegExp(`^/auth/${re}$`).exec(path)
  const fmt = (x: RegExpExecArray) => x.groups?.['format'] ?? null
  let x: RegExpExecArray | null
  if ((x = m(`users(?:/|${FORMAT})`))) return { name: 'users', format: fmt(x) }
  if ((x = m(`users/me(?:/|${FORMAT})`))) return { name: 'me', format: fmt(x) }
  for (const action of ACTIONS)
    if ((x = m(`users/${action}(?:/|${FORMAT})`))) return { name: action, format: fmt(x) }
  if ((x = m(`users/(?<id>[^/.]+)(?:/|${FORMAT})`)))
    return { name: 'detail', format: fmt(x), id: x.groups?.['id'] as string }
  if ((x = m(`(?:|${FORMAT})`))) return { name: 'root', format: fmt(x) }
  if (/^\/auth\/token\/login\/?$/.test(path)) return { name: 'login', format: null }
  if (/^\/auth\/token\/logout\/?$/.test(path)) return { name: 'logout', format: null }
  return null
}

/** Django's PATH_INFO: percent-decoded, UTF-8. */
function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** Django's validate_host against ALLOWED_HOSTS. */
function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const lower = host.toLowerCase()
  const match = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(:\d+)?$/.exec(lower)
  if (!match) return false
  let domain = match[1] as string
  if (domain.endsWith('.')) domain = domain.slice(0, -1)
  return allowed.includes(domain)
}

// ---------------------------------------------------------------------------------------------------------------
// Views

/** Allow header of each view (DRF lists the methods the view has). */
const ALLOW: Record<RouteName, string> = {
  root: 'GET, HEAD, OPTIONS',
  users: 'GET, POST, HEAD, OPTIONS',
  me: 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS',
  detail: 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS',
  set_password: 'POST, OPTIONS',
  reset_password: 'POST, OPTIONS',
  reset_password_confirm: 'POST, OPTIONS',
  activation: 'POST, OPTIONS',
  resend_activation: 'POST, OPTIONS',
  set_username: 'POST, OPTIONS',
  reset_username: 'POST, OPTIONS',
  reset_username_confirm: 'POST, OPTIONS',
  login: 'POST, OPTIONS',
  logout: 'POST, OPTIONS',
}

const PARSES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']
const USER_FIELDS_METADATA = {
  email: { type: 'email', required: false, read_only: false, label: 'Email address', max_length: 254 },
  id: { type: 'integer', required: false, read_only: true, label: 'ID' },
  username: {
    type: 'string',
    required: false,
    read_only: true,
    label: 'Username',
    help_text: 'Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.',
  },
}

/** DRF's SimpleMetadata answers to OPTIONS, as djoser's views produce them with the JSON renderer only. */
function metadata(route: RouteName, ownDetail: boolean): Record<string, unknown> {
  const base = (name: string, description = '') => ({
    name,
    description,
    renders: ['application/json'],
    parses: PARSES,
  })
  switch (route) {
    case 'root':
      return base('Api Root', 'The default basic root view for DefaultRouter')
    case 'users':
      return { ...base('User List'), actions: { POST: USER_FIELDS_METADATA } }
    case 'detail':
      return ownDetail
        ? { ...base('User Instance'), actions: { PUT: USER_FIELDS_METADATA } }
        : base('User Instance')
    case 'set_password':
    case 'reset_password':
    case 'reset_password_confirm':
    case 'activation':
    case 'resend_activation':
    case 'set_username':
    case 'reset_username':
    case 'reset_username_confirm': {
      // DRF names an extra action after its function: "reset_password_confirm" → "Reset password confirm".
      const words = route.replace(/_/g, ' ')
      return { ...base(words[0]?.toUpperCase() + words.slice(1)), actions: { POST: USER_FIELDS_METADATA } }
    }
    case 'login':
      return {
        ...base('Token Create', 'Use this endpoint to obtain user authentication token.'),
        actions: {
          POST: {
            password: { type: 'string', required: false, read_only: false, label: 'Password' },
            username: { type: 'string', required: false, read_only: false, label: 'Username' },
          },
        },
      }
    case 'logout':
      return base('Token Destroy', 'Use this endpoint to logout user (remove user authentication token).')
    default:
      return base('')
  }
}

/** The permission each (view, method) runs under: 'any' (AllowAny) or 'user' (authenticated). */
function permissionFor(route: RouteName, method: string): 'any' | 'user' {
  switch (route) {
    case 'root':
    case 'login':
      return 'any'
    case 'users':
      return method === 'POST' ? 'any' : 'user'
    case 'reset_password':
    case 'reset_password_confirm':
    case 'activation':
    case 'resend_activation':
    case 'reset_username':
    case 'reset_username_confirm':
      return method === 'POST' ? 'any' : 'user'
    default:
      return 'user'
  }
}

type Auth = { ok: true; user: DemoUser | null } | { ok: false; detail: string }

/** DRF's TokenAuthentication.authenticate. */
function authenticate(header: string | undefined, store: DemoStore): Auth {
  if (header === undefined) return { ok: true, user: null }
  const bytes = Buffer.from(header, 'latin1')
  const parts = bytes
    .toString('latin1')
    .split(/[ \t\n\r\v\f]+/)
    .filter((p) => p.length > 0)
  if (parts.length === 0 || parts[0]?.replace(/[A-Z]/g, (c) => c.toLowerCase()) !== 'token')
    return { ok: true, user: null }
  if (parts.length === 1) return { ok: false, detail: MSG.noCredentials }
  if (parts.length > 2) return { ok: false, detail: MSG.spaces }
  let key: string
  try {
    key = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(parts[1] as string, 'latin1'))
  } catch {
    return { ok: false, detail: MSG.badChars }
  }
  const user = store.userForToken(key)
  if (!user) return { ok: false, detail: MSG.invalidToken }
  if (!user.isActive) return { ok: false, detail: MSG.inactive }
  return { ok: true, user }
}

const userRepr = (u: DemoUser) => ({ email: u.email, id: u.id, username: u.username })
const passwordUser = (u: DemoUser): PasswordUser => ({
  username: u.username,
  first_name: u.firstName,
  last_name: u.lastName,
  email: u.email,
})

/** The query string's last value for a name, as Django's QueryDict.get. */
function queryParam(query: string, name: string): string | null {
  let found: string | null = null
  for (const pair of query.split('&')) {
    if (!pair) continue
    const eq = pair.indexOf('=')
    const key = decodeQueryPart(eq < 0 ? pair : pair.slice(0, eq))
    if (key === name) found = decodeQueryPart(eq < 0 ? '' : pair.slice(eq + 1))
  }
  return found
}

function decodeQueryPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

const USERNAME_RE = /^[\p{L}\p{N}_.@+-]+$/u

/** BaseUserManager.normalize_email: the domain part lowercased. */
function normalizeEmail(email: string): string {
  const at = email.trim().lastIndexOf('@')
  if (at < 0) return email
  const trimmed = email.trim()
  return trimmed.slice(0, at) + '@' + trimmed.slice(at + 1).toLowerCase()
}

export class DjoserApp {
  constructor(private readonly ctx: AppContext) {}

  /** Answers one request. Never throws: an unexpected failure is Django's 500 page. */
  async handle(req: DemoRequest): Promise<{ response: DemoResponse; route: string }> {
    try {
      return await this.dispatch(req)
    } catch (error) {
      this.ctx.logger.error('demo.request.failed', { error })
      return { response: serverErrorPage(), route: 'error' }
    }
  }

  private async dispatch(req: DemoRequest): Promise<{ response: DemoResponse; route: string }> {
    const host = req.headers['host'] ?? this.ctx.defaultHost
    if (!hostAllowed(host, this.ctx.allowedHosts))
      return { response: badRequestPage(), route: 'disallowed-host' }
    const path = decodePath(req.path)
    const route = resolve(path)
    if (!route) {
      if (!path.endsWith('/') && resolve(`${path}/`))
        return {
          response: appendSlashRedirect(`${req.path}/${req.query ? `?${req.query}` : ''}`),
          route: 'append-slash',
        }
      if (req.method === 'GET' || req.method === 'HEAD') {
        if (/^\/reset\/[^/]+\/[^/]+\/?$/.test(path))
          return { response: resetLinkPage(), route: 'reset-link-page' }
      }
      return { response: notFoundPage(), route: 'not-found' }
    }
    return { response: await this.drfView(req, route, host), route: route.name }
  }

  /** APIView.dispatch: initial() (negotiation, authentication, permissions, throttles), then the handler. */
  private async drfView(req: DemoRequest, route: Route, host: string): Promise<DemoResponse> {
    const allow = ALLOW[route.name]
    const negotiated = negotiate(req.headers['accept'], route.format ?? queryParam(req.query, 'format'))
    if (!negotiated.ok)
      return negotiated.status === 404
        ? drfResponse(404, { detail: MSG.notFound }, { allow })
        : drfResponse(406, { detail: MSG.notAcceptable }, { allow })
    const indent = negotiated.indent
    const respond = (
      status: number,
      data?: unknown,
      extra: Partial<Parameters<typeof drfResponse>[2]> = {},
    ) => drfResponse(status, data, { allow, indent, ...extra })

    const auth = authenticate(req.headers['authorization'], this.ctx.store)
    if (!auth.ok) return respond(401, { detail: auth.detail }, { wwwAuthenticate: true })
    const user = auth.user
    const method = req.method
    if (permissionFor(route.name, method) === 'user' && !user)
      return respond(401, { detail: MSG.notAuthenticated }, { wwwAuthenticate: true })

    let parsedBody: ReturnType<typeof parseRequestBody> | undefined
    const body = () => (parsedBody ??= parseRequestBody(req.body, req.headers['content-type']))
    const throttled = this.checkThrottle(route.name, method, req, body)
    if (throttled !== null) {
      const { detail, retryAfter } = throttledDetail(throttled)
      return respond(429, { detail }, { retryAfter })
    }

    if (method === 'OPTIONS') {
      // djoser's `me` action has no OPTIONS handling: DRF's metadata calls get_object() without an id (a 500).
      if (route.name === 'me') return serverErrorPage()
      const own = route.name === 'detail' && user !== null && pythonInt(route.id ?? '') === user.id
      return respond(200, metadata(route.name, own))
    }

    const withData = async (handler: (data: RequestData) => Promise<DemoResponse>): Promise<DemoResponse> => {
      const parsed = body()
      if (!parsed.ok) {
        if (parsed.status === 'bad-request-page') return badRequestPage()
        if (parsed.status === 'server-error') return serverErrorPage()
        return respond(parsed.status, { detail: parsed.detail })
      }
      const notDict = notAMapping(parsed.data)
      if (notDict) return respond(400, { non_field_errors: [notDict] })
      return handler(parsed.data)
    }
    const notAllowed = () => respond(405, { detail: MSG.methodNotAllowed(method) })
    const fieldErrors = (errors: FieldErrors) => respond(400, errorsToObject(errors))

    switch (route.name) {
      case 'root':
        if (method !== 'GET' && method !== 'HEAD') return notAllowed()
        return respond(200, {
          users: `http://${host}/auth/${route.format ? `users.${route.format}` : 'users/'}`,
        })

      case 'login':
        if (method !== 'POST') return notAllowed()
        return withData((data) => this.login(data, respond, fieldErrors))

      case 'logout':
        if (method !== 'POST') return notAllowed()
        await this.ctx.store.deleteToken((user as DemoUser).id)
        return respond(204)

      case 'users':
        if (method === 'GET' || method === 'HEAD') return respond(200, [userRepr(user as DemoUser)])
        if (method === 'POST') return withData((data) => this.createUser(data, respond, fieldErrors))
        return notAllowed()

      case 'me':
      case 'detail': {
        const self = user as DemoUser
        const id = route.name === 'detail' ? pythonInt(route.id ?? '') : self.id
        if (id !== self.id) {
          // Someone else's account: djoser hides it (404), except that deleting an existing one is a 403.
          if (method === 'DELETE' && id !== null && this.ctx.store.byId(id))
            return respond(403, { detail: MSG.permissionDenied })
          if (['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'].includes(method))
            return respond(404, { detail: MSG.notFound })
          return notAllowed()
        }
        // djoser's `me` returns nothing for HEAD: DRF asserts on the missing Response (a 500).
        if (method === 'HEAD') return route.name === 'me' ? serverErrorPage() : respond(200, userRepr(self))
        if (method === 'GET') return respond(200, userRepr(self))
        if (method === 'PUT' || method === 'PATCH')
          return withData((data) => this.updateMe(self, data, method === 'PATCH', respond, fieldErrors))
        if (method === 'DELETE') return withData((data) => this.deleteMe(self, data, respond, fieldErrors))
        return notAllowed()
      }

      case 'set_password':
        if (method !== 'POST') return notAllowed()
        return withData((data) => this.setPassword(user as DemoUser, data, respond, fieldErrors))

      case 'reset_password':
        if (method !== 'POST') return notAllowed()
        return withData((data) => this.resetPassword(data, host, respond, fieldErrors))

      case 'reset_password_confirm':
        if (method !== 'POST') return notAllowed()
        return withData((data) => this.resetPasswordConfirm(data, respond, fieldErrors))

      case 'activation':
        if (method !== 'POST') return notAllowed()
        return withData((data) => this.activation(data, respond, fieldErrors))

      case 'resend_activation':
        if (method !== 'POST') return notAllowed()
        return withData((data) => this.resendActivation(data, respond, fieldErrors))

      case 'set_username':
        if (method !== 'POST') return notAllowed()
        return withData((data) => this.setUsername(user as DemoUser, data, respond, fieldErrors))

      case 'reset_username':
        if (method !== 'POST') return notAllowed()
        return withData((data) => this.resetUsername(data, respond, fieldErrors))

      case 'reset_username_confirm':
        if (method !== 'POST') return notAllowed()
        return withData((data) => this.resetUsernameConfirm(data, respond, fieldErrors))
    }
  }

  /** The demo's throttles (djoser has none by default): wait seconds when refused. */
  private checkThrottle(
    route: RouteName,
    method: string,
    req: DemoRequest,
    body: () => ReturnType<typeof parseRequestBody>,
  ): number | null {
    if (method !== 'POST') return null
    const throttle =
      route === 'login'
        ? this.ctx.throttles.login
        : route === 'reset_password'
          ? this.ctx.throttles.resetPassword
          : null
    if (!throttle) return null
    const field = route === 'login' ? 'username' : 'email'
    const parsed = body()
    let subject = ''
    if (parsed.ok && !notAMapping(parsed.data)) {
      const value = initialValue(parsed.data, field)
      if (typeof value === 'string') subject = value.trim().toLowerCase()
    }
    const verdict = throttle.check(`${req.client}|${subject}`)
    return verdict.allowed ? null : verdict.waitSeconds
  }

  private tokenClock() {
    const now = new Date(this.ctx.now().getTime() + this.ctx.tokenClockOffset() * 1000)
    return { secret: this.ctx.store.secretKey, now, timeoutSeconds: this.ctx.resetTimeoutSeconds }
  }

  private validate(password: string, user: DemoUser | null): string[] {
    return validatePassword(password, {
      user: user ? passwordUser(user) : null,
      commonPasswords: commonPasswords(),
    })
  }

  /** AbstractBaseUser.check_password, with Django's hash upgrade on success. */
  private async checkUserPassword(user: DemoUser, password: string): Promise<boolean> {
    const good = await checkPassword(password, user.password)
    if (good && mustUpdate(user.password, this.ctx.iterations))
      await this.ctx.store.update(user.id, {
        password: await makePassword(password, { iterations: this.ctx.iterations }),
      })
    return good
  }

  // ------------------------------------------------------------------------------------------------ endpoints

  private async login(data: RequestData, respond: Respond, fieldErrors: (e: FieldErrors) => DemoResponse) {
    const { values, errors } = runFields(data, [
      { name: 'password', required: false },
      { name: 'username', required: false },
    ])
    if (errors.size) return fieldErrors(errors)
    const username = values.get('username')
    const password = values.get('password')
    const refuse = () => respond(400, { non_field_errors: [MSG.invalidCredentials] })
    // ModelBackend.authenticate: nothing to check without both; an unknown user still costs one hash.
    if (username === undefined || password === undefined) return refuse()
    const user = this.ctx.store.byUsername(username)
    if (!user) {
      await makePassword(password, { iterations: this.ctx.iterations })
      return refuse()
    }
    if (!(await this.checkUserPassword(user, password)) || !user.isActive) return refuse()
    const key = await this.ctx.store.tokenFor(user.id)
    // user_logged_in → update_last_login: this ends every outstanding reset link of the user.
    await this.ctx.store.update(user.id, { lastLogin: this.ctx.now().toISOString() })
    return respond(200, { auth_token: key })
  }

  private async createUser(
    data: RequestData,
    respond: Respond,
    fieldErrors: (e: FieldErrors) => DemoResponse,
  ) {
    const email: CharFieldSpec = {
      name: 'email',
      required: false,
      allowBlank: true,
      maxLength: 254,
      email: true,
    }
    const errors: FieldErrors = new Map()
    const emailResult = runCharField(data, email)
    if (emailResult.ok === false) errors.set('email', emailResult.errors)
    const usernameResult = runCharField(data, this.usernameField('username'))
    if (usernameResult.ok === false) errors.set('username', usernameResult.errors)
    const username = usernameResult.ok === true ? usernameResult.value : ''
    const passwordResult = runCharField(data, { name: 'password' })
    if (passwordResult.ok === false) errors.set('password', passwordResult.errors)
    if (errors.size) return fieldErrors(errors)
    const emailValue = emailResult.ok === true ? emailResult.value : ''
    const password = (passwordResult as { value: string }).value
    const problems = validatePassword(password, {
      user: { username, email: emailValue, first_name: '', last_name: '' },
      commonPasswords: commonPasswords(),
    })
    if (problems.length) return respond(400, { password: problems })
    const normalizedUsername = username.normalize('NFKC')
    if (this.ctx.store.byUsername(normalizedUsername)) return respond(400, [MSG.cannotCreate])
    const user = await this.ctx.store.createUser({
      username: normalizedUsername,
      email: normalizeEmail(emailValue),
      password,
    })
    return respond(201, { email: user.email, username: user.username, id: user.id })
  }

  private async updateMe(
    user: DemoUser,
    data: RequestData,
    partial: boolean,
    respond: Respond,
    fieldErrors: (e: FieldErrors) => DemoResponse,
  ) {
    const result = runCharField(
      data,
      { name: 'email', required: false, allowBlank: true, maxLength: 254, email: true },
      partial,
    )
    if (result.ok === false) return fieldErrors(new Map([['email', result.errors]]))
    // A changed e-mail ends outstanding reset links (it is part of the token's hash).
    const updated = result.ok === true ? await this.ctx.store.update(user.id, { email: result.value }) : user
    return respond(200, userRepr(updated))
  }

  private async deleteMe(
    user: DemoUser,
    data: RequestData,
    respond: Respond,
    fieldErrors: (e: FieldErrors) => DemoResponse,
  ) {
    const result = runCharField(data, { name: 'current_password' })
    if (result.ok === false) return fieldErrors(new Map([['current_password', result.errors]]))
    if (!(await this.checkUserPassword(user, (result as { value: string }).value)))
      return fieldErrors(new Map([['current_password', [MSG.invalidPassword]]]))
    await this.ctx.store.deleteToken(user.id)
    await this.ctx.store.deleteUser(user.id)
    return respond(204)
  }

  private async setPassword(
    user: DemoUser,
    data: RequestData,
    respond: Respond,
    fieldErrors: (e: FieldErrors) => DemoResponse,
  ) {
    const retype = this.ctx.settings.setPasswordRetype
    const specs: CharFieldSpec[] = [{ name: 'new_password' }]
    if (retype) specs.push({ name: 're_new_password' })
    specs.push({ name: 'current_password' })
    const { values, errors } = runFields(data, specs)
    const current = values.get('current_password')
    // validate_current_password is a field-level check: it runs with the fields and stops validate().
    if (current !== undefined && !(await this.checkUserPassword(user, current)))
      errors.set('current_password', [MSG.invalidPassword])
    if (errors.size) return fieldErrors(reorder(errors, specs))
    const newPassword = values.get('new_password') as string
    const problems = this.validate(newPassword, user)
    if (problems.length) return respond(400, { new_password: problems })
    if (retype && newPassword !== values.get('re_new_password'))
      return respond(400, { non_field_errors: [MSG.mismatch] })
    await this.ctx.store.update(user.id, {
      password: await makePassword(newPassword, { iterations: this.ctx.iterations }),
    })
    if (this.ctx.settings.logoutOnPasswordChange) await this.ctx.store.deleteToken(user.id)
    return respond(204)
  }

  private async resetPassword(
    data: RequestData,
    host: string,
    respond: Respond,
    fieldErrors: (e: FieldErrors) => DemoResponse,
  ) {
    const result = runCharField(data, { name: 'email', email: true })
    if (result.ok === false) return fieldErrors(new Map([['email', result.errors]]))
    const found = this.userForEmail((result as { value: string }).value, true, respond)
    if ('response' in found) return found.response
    const user = found.user
    if (user) {
      this.ctx.sendMail(
        composeResetMail({
          to: user.email,
          username: user.username,
          domain: host,
          protocol: 'http',
          uid: encodeUid(user.id),
          token: makeToken(user, this.tokenClock()),
          date: this.ctx.now(),
          confirmUrl: this.ctx.settings.passwordResetConfirmUrl,
        }),
      )
    }
    return respond(204)
  }

  private async resetPasswordConfirm(
    data: RequestData,
    respond: Respond,
    fieldErrors: (e: FieldErrors) => DemoResponse,
  ) {
    const retype = this.ctx.settings.passwordResetConfirmRetype
    const specs: CharFieldSpec[] = [{ name: 'uid' }, { name: 'token' }, { name: 'new_password' }]
    if (retype) specs.push({ name: 're_new_password' })
    const { values, errors } = runFields(data, specs)
    if (errors.size) return fieldErrors(errors)
    const newPassword = values.get('new_password') as string
    // djoser validates against request.user, the AnonymousUser: the similarity rule never sees the account.
    const problems = this.validate(newPassword, null)
    if (problems.length) return respond(400, { new_password: problems })
    if (retype && newPassword !== values.get('re_new_password'))
      return respond(400, { non_field_errors: [MSG.mismatch] })
    const link = this.userFromLink(data, respond)
    if ('response' in link) return link.response
    await this.ctx.store.update(link.user.id, {
      password: await makePassword(newPassword, { iterations: this.ctx.iterations }),
      lastLogin: this.ctx.now().toISOString(),
    })
    return respond(204)
  }

  /**
   * The second half of djoser's UidAndTokenSerializer.validate: the uid and token are read from the raw input,
   * not the cleaned fields, so a number crashes djoser (a 500), and a falsy token (0) is simply invalid.
   */
  private userFromLink(data: RequestData, respond: Respond): { user: DemoUser } | { response: DemoResponse } {
    const rawUid = initialValue(data, 'uid')
    if (typeof rawUid !== 'string') return { response: serverErrorPage() }
    const decoded = decodeUid(rawUid)
    const pk = decoded === null ? null : pythonInt(decoded)
    const user = pk === null ? undefined : this.ctx.store.byId(pk)
    if (!user) return { response: respond(400, { uid: [MSG.invalidUid] }) }
    const rawToken = initialValue(data, 'token')
    if (rawToken instanceof PyNumber && rawToken.value !== 0) return { response: serverErrorPage() }
    if (!checkToken(user, rawToken, this.tokenClock()))
      return { response: respond(400, { token: [MSG.invalidResetToken] }) }
    return { user }
  }

  /** A model username field as DRF builds it: Django's pattern and uniqueness first, then the length. */
  private usernameField(name: string): CharFieldSpec {
    return {
      name,
      maxLength: 150,
      modelValidators: [
        (v) => (USERNAME_RE.test(v) ? null : MSG.usernameInvalid),
        (v) => (this.ctx.store.byUsername(v) ? MSG.usernameTaken : null),
      ],
    }
  }

  /** UserFunctionsMixin.get_user: the account with a usable password at that address, or what to answer. */
  private userForEmail(
    email: string,
    active: boolean,
    respond: Respond,
  ): { user: DemoUser | null } | { response: DemoResponse } {
    const matches = this.ctx.store.users().filter((u) => u.isActive === active && u.email === email)
    // Django does not make e-mails unique: two accounts on one address is User.MultipleObjectsReturned.
    if (matches.length > 1) return { response: serverErrorPage() }
    const user = matches[0]
    if (user && !user.password.startsWith('!')) return { user }
    if (this.ctx.settings.passwordResetShowEmailNotFound)
      return { response: respond(400, [MSG.emailNotFound]) }
    return { user: null }
  }

  private async activation(
    data: RequestData,
    respond: Respond,
    fieldErrors: (e: FieldErrors) => DemoResponse,
  ) {
    const { errors } = runFields(data, [{ name: 'uid' }, { name: 'token' }])
    if (errors.size) return fieldErrors(errors)
    const link = this.userFromLink(data, respond)
    if ('response' in link) return link.response
    if (link.user.isActive) return respond(403, { detail: MSG.staleToken })
    await this.ctx.store.update(link.user.id, { isActive: true })
    return respond(204)
  }

  /** Without SEND_ACTIVATION_EMAIL (djoser's default) this always ends in an empty 400. */
  private async resendActivation(
    data: RequestData,
    respond: Respond,
    fieldErrors: (e: FieldErrors) => DemoResponse,
  ) {
    const result = runCharField(data, { name: 'email', email: true })
    if (result.ok === false) return fieldErrors(new Map([['email', result.errors]]))
    const found = this.userForEmail((result as { value: string }).value, false, respond)
    if ('response' in found) return found.response
    return respond(400)
  }

  private async setUsername(
    user: DemoUser,
    data: RequestData,
    respond: Respond,
    fieldErrors: (e: FieldErrors) => DemoResponse,
  ) {
    const specs: CharFieldSpec[] = [{ name: 'current_password' }, this.usernameField('new_username')]
    const { values, errors } = runFields(data, specs)
    const current = values.get('current_password')
    if (current !== undefined && !(await this.checkUserPassword(user, current)))
      errors.set('current_password', [MSG.invalidPassword])
    if (errors.size) return fieldErrors(reorder(errors, specs))
    await this.ctx.store.update(user.id, { username: values.get('new_username') as string })
    return respond(204)
  }

  /** Stock djoser has no USERNAME_RESET_CONFIRM_URL: mailing a known address crashes it (a 500). */
  private async resetUsername(
    data: RequestData,
    respond: Respond,
    fieldErrors: (e: FieldErrors) => DemoResponse,
  ) {
    const result = runCharField(data, { name: 'email', email: true })
    if (result.ok === false) return fieldErrors(new Map([['email', result.errors]]))
    const found = this.userForEmail((result as { value: string }).value, true, respond)
    if ('response' in found) return found.response
    return found.user ? serverErrorPage() : respond(204)
  }

  private async resetUsernameConfirm(
    data: RequestData,
    respond: Respond,
    fieldErrors: (e: FieldErrors) => DemoResponse,
  ) {
    // djoser's serializer is a ModelSerializer limited to the username: uid and token are not fields.
    const result = runCharField(data, this.usernameField('new_username'))
    if (result.ok === false) return fieldErrors(new Map([['new_username', result.errors]]))
    const link = this.userFromLink(data, respond)
    if ('response' in link) return link.response
    await this.ctx.store.update(link.user.id, {
      username: (result as { value: string }).value,
      lastLogin: this.ctx.now().toISOString(),
    })
    return respond(204)
  }
}

type Respond = (status: number, data?: unknown) => DemoResponse

/** Errors in the serializer's field order. */
function reorder(errors: FieldErrors, specs: CharFieldSpec[]): FieldErrors {
  const out: FieldErrors = new Map()
  for (const spec of specs) {
    const e = errors.get(spec.name)
    if (e) out.set(spec.name, e)
  }
  return out
}
