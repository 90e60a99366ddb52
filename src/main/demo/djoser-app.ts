import { commonPasswords } from '../../shared/common-passwords'
import { validatePassword } from '../../shared/password-validators'
import type { IncomingHttpHeaders } from 'node:http'
import type { DemoStore, DemoUser } from './demo-store'
import { checkPassword, makePassword } from './password-hasher'
import { composeResetMail, type DemoMail } from './reset-mail'
import { requestLanguage } from './request-language'
import { checkToken, decodeUid, encodeUid, makeToken } from './reset-tokens'
import { throttledDetail, type RateThrottle } from './throttle'

/**
 * The six djoser endpoints the app calls (docs/demo-server.md), with djoser's status codes, error shapes and
 * field order, Django's password validators and reset tokens, and DRF's throttling. Transport-free: index.ts hands
 * it a request with a JSON body and writes back what it returns. Everything else is Django's 404 page.
 */
export interface DemoRequest {
  method: string
  path: string
  /** Node's request headers: lowercased names. */
  headers: IncomingHttpHeaders
  body: string
}

export type DemoResponse = { status: number; headers: Array<[string, string]>; body: string }

export interface AppContext {
  store: DemoStore
  now: () => Date
  /** null: no throttling (stock djoser). */
  throttles: { login: RateThrottle; resetPassword: RateThrottle } | null
  /** djoser's SITE_NAME: the name in the reset mail; the request's host when absent. */
  siteName?: string
  sendMail: (mail: DemoMail) => void
}

/** Django's ALLOWED_HOSTS: a page on another name (DNS rebinding) gets Django's 400. */
const ALLOWED_HOSTS = ['127.0.0.1', 'localhost']
const SECURITY_HEADERS: Array<[string, string]> = [
  ['X-Frame-Options', 'DENY'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'same-origin'],
]

/** A DRF response: JSON (no charset) and Django's security headers; `data` undefined is an empty body. */
function drf(status: number, data?: unknown, extra: Array<[string, string]> = []): DemoResponse {
  const body = data === undefined ? '' : JSON.stringify(data)
  const type: Array<[string, string]> = data === undefined ? [] : [['Content-Type', 'application/json']]
  return { status, headers: [...type, ...extra, ...SECURITY_HEADERS], body }
}

/** Django's own HTML pages (DEBUG=False): 400 and 404. */
function page(status: number, title: string, text = ''): DemoResponse {
  const body = `<!doctype html>\n<html lang="en">\n<head><title>${title}</title></head>\n<body><h1>${title}</h1><p>${text}</p></body>\n</html>\n`
  return { status, headers: [['Content-Type', 'text/html; charset=utf-8'], ...SECURITY_HEADERS], body }
}

type Data = Record<string, unknown>
type Errors = Record<string, string[]>

/** DRF's CharField: required, not null, a string or number, trimmed, not blank (EmailField: its `invalid`). */
function charField(data: Data, name: string, errors: Errors, invalid = 'Not a valid string.') {
  const raw = data[name]
  let problem: string | null = null
  if (raw === undefined) problem = 'This field is required.'
  else if (raw === null) problem = 'This field may not be null.'
  else if (typeof raw !== 'string' && typeof raw !== 'number') problem = invalid
  else if (String(raw).trim() === '') problem = 'This field may not be blank.'
  if (problem) errors[name] = [problem]
  return problem ? undefined : String(raw).trim()
}

/** The request body as DRF's JSONParser reads it, or the error response. */
function parseBody(req: DemoRequest): { data: Data } | DemoResponse {
  if (req.method !== 'POST' || req.body.trim() === '') return { data: {} }
  const type = req.headers['content-type'] ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type))
    return drf(415, { detail: `Unsupported media type "${type}" in request.` })
  let parsed: unknown
  try {
    parsed = JSON.parse(req.body)
  } catch (error) {
    return drf(400, { detail: `JSON parse error - ${(error as Error).message}` })
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { data: parsed as Data }
  const got = Array.isArray(parsed) ? 'list' : parsed === null ? 'NoneType' : typeof parsed
  return drf(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] })
}

const me = ({ email, id, username }: DemoUser) => ({ email, id, username })
const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)

/** An endpoint for anyone (optionally throttled per value of a body field), or for a signed-in user. */
type Endpoint = { method: 'GET' | 'POST' } & (
  | {
      throttle?: { which: 'login' | 'resetPassword'; field: string }
      anyone: (req: DemoRequest, data: Data) => Promise<DemoResponse>
    }
  | { signedIn: (user: DemoUser, data: Data) => Promise<DemoResponse> }
)

export class DjoserApp {
  private readonly endpoints: Record<string, Endpoint> = {
    '/auth/token/login/': {
      method: 'POST',
      throttle: { which: 'login', field: 'username' },
      anyone: (_req, data) => this.login(data),
    },
    '/auth/token/logout/': { method: 'POST', signedIn: (user) => this.logout(user) },
    '/auth/users/me/': { method: 'GET', signedIn: async (user) => drf(200, me(user)) },
    '/auth/users/reset_password/': {
      method: 'POST',
      throttle: { which: 'resetPassword', field: 'email' },
      anyone: (req, data) => this.resetPassword(req, data),
    },
    '/auth/users/reset_password_confirm/': { method: 'POST', anyone: (_req, data) => this.confirm(data) },
    '/auth/users/set_password/': { method: 'POST', signedIn: (user, data) => this.setPassword(user, data) },
  }

  /** Seconds added to the reset-token clock only (for tests of expiry). */
  tokenClockOffset = 0

  constructor(private readonly ctx: AppContext) {}

  /** Answers one request; the route name is for the log (a path can hold a reset token). */
  async handle(req: DemoRequest): Promise<{ response: DemoResponse; route: string }> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
    if (!ALLOWED_HOSTS.includes(host))
      return { response: page(400, 'Bad Request (400)'), route: 'disallowed-host' }
    const endpoint = this.endpoints[req.path]
    if (!endpoint)
      return { response: page(404, 'Not Found', 'The requested resource was not found.'), route: 'not-found' }
    return { response: await this.view(req, endpoint), route: req.path.slice('/auth/'.length, -1) }
  }

  /** DRF's order: authentication, permission, method, the body, throttle, then the serializer. */
  private async view(req: DemoRequest, endpoint: Endpoint): Promise<DemoResponse> {
    const unauthorized = (detail: string) => drf(401, { detail }, [['WWW-Authenticate', 'Token']])
    const auth = /^Token\s+(\S+)$/i.exec(req.headers.authorization ?? '')
    const user = auth ? this.ctx.store.userForToken(auth[1] as string) : undefined
    if (auth && !user) return unauthorized('Invalid token.')
    if ('signedIn' in endpoint && !user) return unauthorized('Authentication credentials were not provided.')
    if (req.method !== endpoint.method) return drf(405, { detail: `Method "${req.method}" not allowed.` })
    const body = parseBody(req)
    if (!('data' in body)) return body
    if ('signedIn' in endpoint) return endpoint.signedIn(user as DemoUser, body.data)

    if (endpoint.throttle && this.ctx.throttles) {
      // DRF would add the client's address to the key: on 127.0.0.1 it is always the same.
      const subject = body.data[endpoint.throttle.field]
      const key = typeof subject === 'string' ? subject.trim().toLowerCase() : ''
      const verdict = this.ctx.throttles[endpoint.throttle.which].check(key)
      if (!verdict.allowed) {
        const { detail, retryAfter } = throttledDetail(verdict.waitSeconds)
        return drf(429, { detail }, [['Retry-After', String(retryAfter)]])
      }
    }
    return endpoint.anyone(req, body.data)
  }

  private async logout(user: DemoUser): Promise<DemoResponse> {
    await this.ctx.store.update(user, { tokenSerial: null })
    return drf(204)
  }

  private async login(data: Data): Promise<DemoResponse> {
    const errors: Errors = {}
    const password = data['password'] === undefined ? undefined : charField(data, 'password', errors)
    const username = data['username'] === undefined ? undefined : charField(data, 'username', errors)
    if (Object.keys(errors).length) return drf(400, errors)
    const refuse = () => drf(400, { non_field_errors: ['Unable to log in with provided credentials.'] })
    if (username === undefined || password === undefined) return refuse()
    const user = this.ctx.store.byUsername(username)
    if (!user) {
      // An unknown user costs one hash too, as in Django: the answer's time does not tell who exists.
      await makePassword(password)
      return refuse()
    }
    if (!(await checkPassword(password, user.password))) return refuse()
    const key = await this.ctx.store.tokenFor(user)
    // Django's update_last_login: this ends every outstanding reset link of the user.
    await this.ctx.store.update(user, { lastLogin: this.ctx.now().toISOString() })
    return drf(200, { auth_token: key })
  }

  private async resetPassword(req: DemoRequest, data: Data): Promise<DemoResponse> {
    const errors: Errors = {}
    const email = charField(data, 'email', errors, 'Enter a valid email address.')
    if (email !== undefined && !looksLikeEmail(email)) errors['email'] = ['Enter a valid email address.']
    if (Object.keys(errors).length) return drf(400, errors)
    // djoser's answer is the same whether the address is known or not; only a known one gets mail.
    const user = this.ctx.store.users().find((u) => u.email === email)
    if (user) {
      this.ctx.sendMail(
        composeResetMail({
          to: user.email,
          username: user.username,
          domain: req.headers.host ?? '127.0.0.1',
          siteName: this.ctx.siteName,
          uid: encodeUid(user.id),
          token: makeToken(user, this.tokenClock()),
          date: this.ctx.now(),
          language: requestLanguage(req.headers['accept-language']),
        }),
      )
    }
    return drf(204)
  }

  private async confirm(data: Data): Promise<DemoResponse> {
    const errors: Errors = {}
    const uid = charField(data, 'uid', errors)
    const token = charField(data, 'token', errors)
    const newPassword = charField(data, 'new_password', errors)
    if (uid === undefined || token === undefined || newPassword === undefined) return drf(400, errors)
    // djoser validates against request.user, the anonymous user: the similarity rule never sees the account.
    const problems = validatePassword(newPassword, { user: null, commonPasswords: commonPasswords() })
    if (problems.length) return drf(400, { new_password: problems })
    const user = this.userForUid(uid)
    if (!user) return drf(400, { uid: ["Invalid user id or user doesn't exist."] })
    if (!checkToken(user, token, this.tokenClock()))
      return drf(400, { token: ['Invalid token for given user.'] })
    // A new hash and last_login: the link is used up.
    await this.ctx.store.update(user, {
      password: await makePassword(newPassword),
      lastLogin: this.ctx.now().toISOString(),
    })
    return drf(204)
  }

  private async setPassword(user: DemoUser, data: Data): Promise<DemoResponse> {
    const errors: Errors = {}
    const newPassword = charField(data, 'new_password', errors)
    const current = charField(data, 'current_password', errors)
    // A field-level check in djoser: it runs with the other fields and stops before the validators.
    if (current !== undefined && !(await checkPassword(current, user.password)))
      errors['current_password'] = ['Invalid password.']
    if (newPassword === undefined || Object.keys(errors).length) return drf(400, errors)
    const problems = validatePassword(newPassword, {
      user: { username: user.username, email: user.email, first_name: '', last_name: '' },
      commonPasswords: commonPasswords(),
    })
    if (problems.length) return drf(400, { new_password: problems })
    await this.ctx.store.update(user, { password: await makePassword(newPassword) })
    return drf(204)
  }

  /** Whether a reset link's uid and token would still be accepted (not used, superseded or expired). */
  linkWorks(uid: string, token: string): boolean {
    const user = this.userForUid(uid)
    return user !== undefined && checkToken(user, token, this.tokenClock())
  }

  private userForUid(uid: string): DemoUser | undefined {
    const pk = decodeUid(uid)
    return pk === null ? undefined : this.ctx.store.byId(pk)
  }

  private tokenClock() {
    const now = new Date(this.ctx.now().getTime() + this.tokenClockOffset * 1000)
    return { secret: this.ctx.store.secretKey, now }
  }
}
