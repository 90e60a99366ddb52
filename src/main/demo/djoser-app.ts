import { commonPasswords } from '../../shared/common-passwords'
import { validatePassword } from '../../shared/password-validators'
import type { Logger } from '../log'
import type { DemoStore, DemoUser } from './demo-store'
import { checkPassword, makePassword, mustUpdate } from './password-hasher'
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
  /** Lowercased header names. */
  headers: Record<string, string | undefined>
  body: string
  /** The client's address, for throttle keys. */
  client: string
}

export type DemoResponse = { status: number; headers: Array<[string, string]>; body: string }

export interface AppContext {
  store: DemoStore
  logger: Logger
  now: () => Date
  iterations: number
  resetTimeoutSeconds: number
  /** Seconds added to the reset-token clock only (for tests of expiry). */
  tokenClockOffset: () => number
  throttles: { login: RateThrottle | null; resetPassword: RateThrottle | null }
  /** Hosts Django's ALLOWED_HOSTS would take: a page on another name (DNS rebinding) gets Django's 400. */
  allowedHosts: readonly string[]
  /** djoser's SITE_NAME: the name in the reset mail; the request's host when absent. */
  siteName?: string
  sendMail: (mail: DemoMail) => void
}

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

/** Django's own HTML pages (DEBUG=False): 400, 404, 500. */
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

const me = ({ email, id, username }: DemoUser) => ({ email, id, username })
const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)

/** `user` is undefined only for endpoints that do not need a signed-in user. */
type Handler = (req: DemoRequest, data: Data, user?: DemoUser) => Promise<DemoResponse>
interface Endpoint {
  method: 'GET' | 'POST'
  signedIn: boolean
  throttle?: { which: 'login' | 'resetPassword'; field: string }
  handler: Handler
}

export class DjoserApp {
  private readonly endpoints: Record<string, Endpoint>

  constructor(private readonly ctx: AppContext) {
    const post = (signedIn: boolean, handler: Handler, throttle?: Endpoint['throttle']): Endpoint => ({
      method: 'POST',
      signedIn,
      handler,
      ...(throttle ? { throttle } : {}),
    })
    this.endpoints = {
      '/auth/token/login/': post(false, (_r, data) => this.login(data), {
        which: 'login',
        field: 'username',
      }),
      '/auth/token/logout/': post(true, (_r, _d, user) => this.logout(user as DemoUser)),
      '/auth/users/me/': {
        method: 'GET',
        signedIn: true,
        handler: async (_r, _d, user) => drf(200, me(user as DemoUser)),
      },
      '/auth/users/reset_password/': post(false, (req, data) => this.resetPassword(req, data), {
        which: 'resetPassword',
        field: 'email',
      }),
      '/auth/users/reset_password_confirm/': post(false, (_r, data) => this.resetPasswordConfirm(data)),
      '/auth/users/set_password/': post(true, (_r, data, user) => this.setPassword(user as DemoUser, data)),
    }
  }

  /** Answers one request; the route name is for the log (a path can hold a reset token). Never throws. */
  async handle(req: DemoRequest): Promise<{ response: DemoResponse; route: string }> {
    const host = (req.headers['host'] ?? '').replace(/:\d+$/, '').toLowerCase()
    if (!this.ctx.allowedHosts.includes(host))
      return { response: page(400, 'Bad Request (400)'), route: 'disallowed-host' }
    const endpoint = this.endpoints[req.path]
    if (!endpoint)
      return { response: page(404, 'Not Found', 'The requested resource was not found.'), route: 'not-found' }
    const route = req.path.slice('/auth/'.length, -1)
    try {
      return { response: await this.view(req, endpoint), route }
    } catch (error) {
      this.ctx.logger.error('demo.request.failed', { error })
      return { response: page(500, 'Server Error (500)'), route }
    }
  }

  /** DRF's order: authentication, permission, throttle, method, then the body and the serializer. */
  private async view(req: DemoRequest, endpoint: Endpoint): Promise<DemoResponse> {
    const unauthorized = (detail: string) => drf(401, { detail }, [['WWW-Authenticate', 'Token']])
    const auth = /^Token\s+(\S+)$/i.exec(req.headers['authorization'] ?? '')
    const user = auth ? this.ctx.store.userForToken(auth[1] as string) : null
    if (auth && (!user || !user.isActive)) return unauthorized('Invalid token.')
    if (endpoint.signedIn && !user) return unauthorized('Authentication credentials were not provided.')
    if (req.method !== endpoint.method) return drf(405, { detail: `Method "${req.method}" not allowed.` })

    let data: Data = {}
    if (req.method === 'POST' && req.body.trim() !== '') {
      const type = req.headers['content-type'] ?? ''
      if (!/^application\/json\s*(;|$)/i.test(type))
        return drf(415, { detail: `Unsupported media type "${type}" in request.` })
      let parsed: unknown
      try {
        parsed = JSON.parse(req.body)
      } catch (error) {
        return drf(400, { detail: `JSON parse error - ${(error as Error).message}` })
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        const got = Array.isArray(parsed) ? 'list' : parsed === null ? 'NoneType' : typeof parsed
        return drf(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] })
      }
      data = parsed as Data
    }

    const throttle = endpoint.throttle && this.ctx.throttles[endpoint.throttle.which]
    if (throttle && endpoint.throttle) {
      const subject = data[endpoint.throttle.field]
      const key = `${req.client}|${typeof subject === 'string' ? subject.trim().toLowerCase() : ''}`
      const verdict = throttle.check(key)
      if (!verdict.allowed) {
        const { detail, retryAfter } = throttledDetail(verdict.waitSeconds)
        return drf(429, { detail }, [['Retry-After', String(retryAfter)]])
      }
    }
    return endpoint.handler(req, data, user ?? undefined)
  }

  private async logout(user: DemoUser): Promise<DemoResponse> {
    await this.ctx.store.deleteToken(user.id)
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
      await makePassword(password, { iterations: this.ctx.iterations })
      return refuse()
    }
    if (!(await this.checkUserPassword(user, password)) || !user.isActive) return refuse()
    const key = await this.ctx.store.tokenFor(user.id)
    // Django's update_last_login: this ends every outstanding reset link of the user.
    await this.ctx.store.update(user.id, { lastLogin: this.ctx.now().toISOString() })
    return drf(200, { auth_token: key })
  }

  private async resetPassword(req: DemoRequest, data: Data): Promise<DemoResponse> {
    const errors: Errors = {}
    const email = charField(data, 'email', errors, 'Enter a valid email address.')
    if (email !== undefined && !looksLikeEmail(email)) errors['email'] = ['Enter a valid email address.']
    if (Object.keys(errors).length) return drf(400, errors)
    // djoser's answer is the same whether the address is known or not; only a known, active, usable one gets mail.
    const user = this.ctx.store.users().find((u) => u.isActive && u.email === email)
    if (user && !user.password.startsWith('!')) {
      const domain = req.headers['host'] ?? '127.0.0.1'
      const token = makeToken(user, this.tokenClock())
      const mail = { to: user.email, username: user.username, domain, uid: encodeUid(user.id), token }
      const siteName = this.ctx.siteName
      this.ctx.sendMail(
        composeResetMail({
          ...mail,
          ...(siteName ? { siteName } : {}),
          protocol: 'http',
          date: this.ctx.now(),
          language: requestLanguage(req.headers['accept-language']),
        }),
      )
    }
    return drf(204)
  }

  private async resetPasswordConfirm(data: Data): Promise<DemoResponse> {
    const errors: Errors = {}
    const uid = charField(data, 'uid', errors)
    const token = charField(data, 'token', errors)
    const newPassword = charField(data, 'new_password', errors)
    if (Object.keys(errors).length) return drf(400, errors)
    // djoser validates against request.user, the anonymous user: the similarity rule never sees the account.
    const problems = validatePassword(newPassword as string, {
      user: null,
      commonPasswords: commonPasswords(),
    })
    if (problems.length) return drf(400, { new_password: problems })
    const pk = decodeUid(uid as string)
    const user = pk === null ? undefined : this.ctx.store.byId(pk)
    if (!user) return drf(400, { uid: ["Invalid user id or user doesn't exist."] })
    if (!checkToken(user, token as string, this.tokenClock()))
      return drf(400, { token: ['Invalid token for given user.'] })
    // A new hash and last_login: the link is used up.
    await this.ctx.store.update(user.id, {
      password: await makePassword(newPassword as string, { iterations: this.ctx.iterations }),
      lastLogin: this.ctx.now().toISOString(),
    })
    return drf(204)
  }

  private async setPassword(user: DemoUser, data: Data): Promise<DemoResponse> {
    const errors: Errors = {}
    const newPassword = charField(data, 'new_password', errors)
    const current = charField(data, 'current_password', errors)
    // A field-level check in djoser: it runs with the other fields and stops before the validators.
    if (current !== undefined && !(await this.checkUserPassword(user, current)))
      errors['current_password'] = ['Invalid password.']
    if (Object.keys(errors).length) return drf(400, errors)
    const problems = validatePassword(newPassword as string, {
      user: { username: user.username, email: user.email, first_name: '', last_name: '' },
      commonPasswords: commonPasswords(),
    })
    if (problems.length) return drf(400, { new_password: problems })
    await this.ctx.store.update(user.id, {
      password: await makePassword(newPassword as string, { iterations: this.ctx.iterations }),
    })
    return drf(204)
  }

  /** Whether a reset link's uid and token would still be accepted (not used, superseded or expired). */
  linkWorks(uid: string, token: string): boolean {
    const pk = decodeUid(uid)
    const user = pk === null ? undefined : this.ctx.store.byId(pk)
    return user !== undefined && checkToken(user, token, this.tokenClock())
  }

  private tokenClock() {
    const now = new Date(this.ctx.now().getTime() + this.ctx.tokenClockOffset() * 1000)
    return { secret: this.ctx.store.secretKey, now, timeoutSeconds: this.ctx.resetTimeoutSeconds }
  }

  /** Django's check_password, with its hash upgrade on success (which also ends outstanding links). */
  private async checkUserPassword(user: DemoUser, password: string): Promise<boolean> {
    const good = await checkPassword(password, user.password)
    if (good && mustUpdate(user.password, this.ctx.iterations))
      await this.ctx.store.update(user.id, {
        password: await makePassword(password, { iterations: this.ctx.iterations }),
      })
    return good
  }
}
