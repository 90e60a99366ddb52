import { fail, ok, type AppError, type ErrorKind, type Result } from '../../shared/errors'
import {
  DETECTED_SOFTWARE,
  kindForSoftware,
  type DetectedSignIn,
  type DetectedSoftware,
} from '../../shared/server-detection'
import type { ServerDetection, ServerFinding } from '../../shared/contract'
import type { HttpResponse } from '../http/client'
import { isHtmlContentType, isJsonContentType, isRecord } from '../http/json'
import { readForm } from './django-html'
import {
  allauthLoginMethods,
  signInFieldFromAllauthInput,
  signInFieldFromAllauthMethods,
  signInFieldFromDrfMetadata,
  signInFieldFromInput,
} from './sign-in-field'

/**
 * The decision half of "Add server finds the kind" (detect-kind.ts asks, this judges): what each read-only request
 * answered, and which kinds of server those answers prove. Pure: no network, no clock.
 */

/** One probe's outcome: the answer (after same-origin redirects), a redirect to another site, or a failure. */
export type Seen =
  | { type: 'answer'; response: HttpResponse }
  | { type: 'elsewhere'; host: string }
  | { type: 'failed'; error: AppError }

/** The requests the probe makes, each named for what it looks for. */
export interface Observations {
  /** `GET /_allauth/app/v1/config` (allauth's headless API, app client). */
  allauthConfig: Seen
  /** `GET /auth/users/me/` without credentials (djoser on DRF: 401 or 403 with `detail`). */
  djoserMe: Seen
  /** `OPTIONS /auth/token/login/` (DRF's metadata: the field people sign in with). */
  djoserLogin: Seen
  /** `GET /accounts/login/` (Django's LoginView or allauth's login page). */
  loginPage: Seen
  /** `GET /accounts/password_reset/` (Django's PasswordResetView). */
  resetPage: Seen
}

export const PROBE_PATHS: Record<keyof Observations, { method: 'GET' | 'OPTIONS'; path: string }> = {
  allauthConfig: { method: 'GET', path: '/_allauth/app/v1/config' },
  djoserMe: { method: 'GET', path: '/auth/users/me/' },
  djoserLogin: { method: 'OPTIONS', path: '/auth/token/login/' },
  loginPage: { method: 'GET', path: '/accounts/login/' },
  resetPage: { method: 'GET', path: '/accounts/password_reset/' },
}

function jsonOf(seen: Seen): { status: number; body: unknown } | null {
  if (seen.type !== 'answer' || !isJsonContentType(seen.response.headers['content-type'])) return null
  try {
    return { status: seen.response.status, body: JSON.parse(seen.response.body) as unknown }
  } catch {
    return null
  }
}

function htmlOf(seen: Seen): { html: string; url: string } | null {
  if (seen.type !== 'answer' || seen.response.status !== 200) return null
  if (!isHtmlContentType(seen.response.headers['content-type'])) return null
  return { html: seen.response.body, url: seen.response.url }
}

/** allauth's headless config answered 200, read by the adapter's own reader (sign-in-field.ts). */
export function allauthHeadless(seen: Seen): ServerFinding | null {
  const json = jsonOf(seen)
  if (!json || json.status !== 200) return null
  const methods = allauthLoginMethods(json.body)
  if (!methods) return null
  return finding('allauth-headless', signInFieldFromAllauthMethods(methods)?.signInWith)
}

/**
 * djoser's `users/me/` asked without credentials: DRF refuses with 401 (token authentication) or 403 (session
 * authentication only) and a JSON `detail`. The token endpoint's metadata, when DRF gives it, names the field.
 */
export function djoser(me: Seen, login: Seen): ServerFinding | null {
  const json = jsonOf(me)
  if (!json || (json.status !== 401 && json.status !== 403)) return null
  if (!isRecord(json.body) || typeof json.body['detail'] !== 'string') return null
  const metadata = jsonOf(login)
  const field = metadata?.status === 200 ? signInFieldFromDrfMetadata(metadata.body) : null
  return finding('djoser', field?.signInWith)
}

/**
 * The login page: allauth's form has a `login` input, Django's LoginView `username`; both post a password with
 * Django's CSRF token. Django's own views also have the page that mails a reset link.
 */
export function loginPages(login: Seen, reset: Seen): ServerFinding | null {
  const page = htmlOf(login)
  if (!page) return null
  const allauthForm = readForm(page.html, page.url, ['login', 'password'])
  if (allauthForm?.csrf) {
    const input = allauthForm.inputs.find((i) => i.name === 'login')
    return finding('allauth-html', input ? signInFieldFromAllauthInput(input).signInWith : undefined)
  }
  const djangoForm = readForm(page.html, page.url, ['username', 'password'])
  if (!djangoForm?.csrf) return null
  const input = djangoForm.inputs.find((i) => i.name === 'username')
  const resetPage = htmlOf(reset)
  const forgotPage = !!resetPage && !!readForm(resetPage.html, resetPage.url, ['email'])?.csrf
  return {
    ...finding('django-forms', input ? signInFieldFromInput(input).signInWith : undefined),
    forgotPage,
  }
}

function finding(software: DetectedSoftware, signIn: DetectedSignIn | undefined): ServerFinding {
  return { software, kind: kindForSoftware(software), ...(signIn ? { signIn } : {}) }
}

/** Which failure to report when nothing answered: the one that says most about why. */
const FAILURE_ORDER: ErrorKind[] = ['offline', 'proxy', 'tls', 'unreachable', 'timeout', 'cancelled']

/**
 * What the server is, from what it answered: every kind its answers prove, most wanted first, and the site its
 * sign-in page sends people to when that is another one (single sign-on). When nothing answered at all, the
 * failure that says why (nothing listening, no network, a bad certificate, no answer in time).
 */
export function decide(seen: Observations, baseUrl: string): Result<ServerDetection> {
  const all = Object.values(seen)
  if (all.every((s) => s.type === 'failed')) {
    const errors = all.flatMap((s) => (s.type === 'failed' ? [s.error] : []))
    const rank = (e: AppError) => {
      const at = FAILURE_ORDER.indexOf(e.kind)
      return at < 0 ? FAILURE_ORDER.length : at
    }
    const first = [...errors].sort((a, b) => rank(a) - rank(b))[0]
    if (first) return fail(first)
  }
  const found = [
    allauthHeadless(seen.allauthConfig),
    djoser(seen.djoserMe, seen.djoserLogin),
    loginPages(seen.loginPage, seen.resetPage),
  ]
    .filter((f): f is ServerFinding => f !== null)
    .sort((a, b) => DETECTED_SOFTWARE.indexOf(a.software) - DETECTED_SOFTWARE.indexOf(b.software))
  const elsewhere = seen.loginPage.type === 'elsewhere' ? seen.loginPage.host : undefined
  return ok({ baseUrl, found, ...(elsewhere && found.length === 0 ? { signInElsewhere: elsewhere } : {}) })
}
