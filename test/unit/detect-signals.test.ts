import { describe, expect, test } from 'vitest'
import {
  allauthHeadless,
  decide,
  djoser,
  loginPages,
  type Observations,
  type Seen,
} from '../../src/main/backends/detect-signals'
import { BACKEND_KINDS } from '../../src/shared/backend-kinds'
import type { AppError } from '../../src/shared/errors'
import { DETECTED_SOFTWARE, kindForSoftware } from '../../src/shared/server-detection'

/**
 * The decision half of Add server's check: which answers prove which kind. The answers here are shaped after
 * what the real servers send (the Django test servers for djoser and Django's pages, allauth 65's templates and
 * headless config); the probe itself runs against real servers in test/integration/detect-kind-*.test.ts.
 */
const BASE = 'https://accounts.example.com'
const CSRF = 'a'.repeat(64)

const answer = (status: number, type: string, body: string, url = `${BASE}/x`): Seen => ({
  type: 'answer',
  response: { status, headers: { 'content-type': type }, setCookies: [], body, url },
})
const json = (status: number, body: unknown) => answer(status, 'application/json', JSON.stringify(body))
const page = (body: string, status = 200) => answer(status, 'text/html; charset=utf-8', body)
const failed = (error: AppError): Seen => ({ type: 'failed', error })
const notFound = page('<h1>Not Found</h1>', 404)

const DRF_401 = json(401, { detail: 'Authentication credentials were not provided.' })
const DRF_METADATA = (field: string, label: string) =>
  json(200, {
    name: 'Token Create',
    actions: {
      POST: {
        password: { type: 'string', label: 'Password' },
        [field]: { type: 'string', label },
      },
    },
  })
const DJANGO_LOGIN = `<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}">
  <label for="id_username">Username:</label><input type="text" name="username" id="id_username" autocomplete="username">
  <label for="id_password">Password:</label><input type="password" name="password" id="id_password"></form>`
const DJANGO_RESET = `<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}">
  <label for="id_email">Email:</label><input type="email" name="email" id="id_email"></form>`
const allauthLogin = (
  label: string,
  type: string,
) => `<form class="login" method="post" action="/accounts/login/">
  <input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}">
  <p><label for="id_login">${label}:</label> <input type="${type}" name="login" placeholder="${label}" autocomplete="${type === 'email' ? 'email' : 'username'}" required id="id_login"></p>
  <p><label for="id_password">Password:</label> <input type="password" name="password" required id="id_password"></p>
  <p><input type="checkbox" name="remember" id="id_remember"></p><button type="submit">Sign In</button></form>`

const nothing: Observations = {
  allauthConfig: notFound,
  djoserMe: notFound,
  djoserLogin: notFound,
  loginPage: notFound,
  resetPage: notFound,
}

describe('allauth’s headless config', () => {
  test('65.x login_methods, and the older authentication_method', () => {
    const config = (account: unknown) => json(200, { status: 200, data: { account, socialaccount: {} } })
    expect(allauthHeadless(config({ login_methods: ['email'], is_open_for_signup: true }))).toMatchObject({
      software: 'allauth-headless',
      signIn: 'email',
    })
    expect(allauthHeadless(config({ login_methods: ['username'] }))?.signIn).toBe('username')
    expect(allauthHeadless(config({ authentication_method: 'username_email' }))?.signIn).toBe(
      'username-or-email',
    )
    expect(allauthHeadless(config({}))).toMatchObject({ software: 'allauth-headless' })
    expect(allauthHeadless(config({}))?.signIn).toBeUndefined()
  })

  test('anything else is not allauth: no account, an HTML page, a 404 in JSON, broken JSON', () => {
    expect(allauthHeadless(json(200, { status: 200, data: {} }))).toBeNull()
    expect(allauthHeadless(json(200, { account: {} }))).toBeNull()
    expect(allauthHeadless(page('<p>{"data":{"account":{}}}</p>'))).toBeNull()
    expect(allauthHeadless(json(404, { status: 404, data: { account: {} } }))).toBeNull()
    expect(allauthHeadless(answer(200, 'application/json', '{"data":{"account":'))).toBeNull()
  })
})

describe('djoser', () => {
  test('users/me/ refused with DRF’s JSON detail (401 token, 403 session); the metadata names the field', () => {
    expect(djoser(DRF_401, DRF_METADATA('username', 'Username'))).toEqual({
      software: 'djoser',
      kind: 'djoser',
      signIn: 'username',
    })
    expect(djoser(DRF_401, DRF_METADATA('email', 'Email address'))?.signIn).toBe('email')
    const forbidden = json(403, { detail: 'Authentication credentials were not provided.' })
    // Metadata switched off (405): djoser all the same, the field unknown.
    expect(djoser(forbidden, json(405, { detail: 'Method "OPTIONS" not allowed.' }))).toEqual({
      software: 'djoser',
      kind: 'djoser',
    })
  })

  test('not djoser: an HTML 401, JSON without detail, a 200 (no sign-in needed), nothing there', () => {
    const metadata = DRF_METADATA('username', 'Username')
    expect(djoser(page('<h1>Unauthorized</h1>', 401), metadata)).toBeNull()
    expect(djoser(json(401, { error: 'unauthorized' }), metadata)).toBeNull()
    expect(djoser(json(200, { username: 'x' }), metadata)).toBeNull()
    expect(djoser(notFound, metadata)).toBeNull()
    expect(
      djoser(
        failed({ kind: 'timeout', message: { code: 'timeout.try-again' }, mayHaveApplied: false }),
        metadata,
      ),
    ).toBeNull()
  })
})

describe('the sign-in pages', () => {
  test('Django’s LoginView (username, password, CSRF), with or without its reset page', () => {
    expect(loginPages(page(DJANGO_LOGIN), page(DJANGO_RESET))).toEqual({
      software: 'django-forms',
      kind: 'django-forms',
      signIn: 'username',
      forgotPage: true,
    })
    expect(loginPages(page(DJANGO_LOGIN), notFound)).toMatchObject({ forgotPage: false })
    const byEmail = DJANGO_LOGIN.replace('type="text"', 'type="email"').replace('Username:', 'Email address:')
    expect(loginPages(page(byEmail), page(DJANGO_RESET))?.signIn).toBe('email')
  })

  test('allauth’s login page: its `login` field says e-mail, username, or either', () => {
    expect(loginPages(page(allauthLogin('Email', 'email')), notFound)).toEqual({
      software: 'allauth-html',
      kind: kindForSoftware('allauth-html'),
      signIn: 'email',
    })
    expect(loginPages(page(allauthLogin('Username', 'text')), notFound)?.signIn).toBe('username')
    expect(loginPages(page(allauthLogin('Username or email', 'text')), notFound)?.signIn).toBe(
      'username-or-email',
    )
  })

  test('not a Django sign-in page: no CSRF token, a search form, a 404, a page served as text', () => {
    expect(loginPages(page(DJANGO_LOGIN.replace(/<input type="hidden"[^>]*>/, '')), notFound)).toBeNull()
    expect(loginPages(page('<form><input name="q"></form>'), notFound)).toBeNull()
    expect(loginPages(page(DJANGO_LOGIN, 404), notFound)).toBeNull()
    expect(loginPages(answer(200, 'text/plain', DJANGO_LOGIN), notFound)).toBeNull()
    // A form only inside a comment or a <template> is not on the page.
    expect(
      loginPages(page(`<!-- ${DJANGO_LOGIN} --><template>${DJANGO_LOGIN}</template>`), notFound),
    ).toBeNull()
  })
})

describe('the decision', () => {
  test('everything found, API first: allauth headless, djoser, then the pages', () => {
    const result = decide(
      {
        allauthConfig: json(200, { status: 200, data: { account: { login_methods: ['email'] } } }),
        djoserMe: DRF_401,
        djoserLogin: DRF_METADATA('username', 'Username'),
        loginPage: page(DJANGO_LOGIN),
        resetPage: page(DJANGO_RESET),
      },
      BASE,
    )
    expect(result.ok && result.value.found.map((f) => f.software)).toEqual([
      'allauth-headless',
      'djoser',
      'django-forms',
    ])
    expect(DETECTED_SOFTWARE.indexOf('djoser')).toBeLessThan(DETECTED_SOFTWARE.indexOf('django-forms'))
  })

  test('reachable but none of them: an empty list, and the single sign-on site when the login page goes there', () => {
    expect(decide(nothing, BASE)).toEqual({ ok: true, value: { baseUrl: BASE, found: [] } })
    expect(decide({ ...nothing, loginPage: { type: 'elsewhere', host: 'login.example.net' } }, BASE)).toEqual(
      {
        ok: true,
        value: { baseUrl: BASE, found: [], signInElsewhere: 'login.example.net' },
      },
    )
    // Found something: the other site is not worth a word.
    expect(
      decide(
        { ...nothing, djoserMe: DRF_401, loginPage: { type: 'elsewhere', host: 'sso.example.net' } },
        BASE,
      ),
    ).toEqual({ ok: true, value: { baseUrl: BASE, found: [{ software: 'djoser', kind: 'djoser' }] } })
  })

  test('one probe failing does not hide what the others found', () => {
    const timeout = failed({ kind: 'timeout', message: { code: 'timeout.try-again' }, mayHaveApplied: false })
    expect(decide({ ...nothing, allauthConfig: timeout, djoserMe: DRF_401 }, BASE)).toMatchObject({
      ok: true,
      value: { found: [{ software: 'djoser' }] },
    })
  })

  test('nothing answered: the failure that says most (no network, then unreachable, then a timeout)', () => {
    const unreachable: AppError = {
      kind: 'unreachable',
      host: 'accounts.example.com',
      message: { code: 'unreachable' },
    }
    const timeout: AppError = {
      kind: 'timeout',
      message: { code: 'timeout.try-again' },
      mayHaveApplied: false,
    }
    const offline: AppError = { kind: 'offline', message: { code: 'offline' } }
    const all = (errors: AppError[]): Observations => {
      const [a, b, c, d, e] = errors.map(failed)
      return { allauthConfig: a!, djoserMe: b!, djoserLogin: c!, loginPage: d!, resetPage: e! }
    }
    expect(decide(all([timeout, timeout, unreachable, timeout, timeout]), BASE)).toEqual({
      ok: false,
      error: unreachable,
    })
    expect(decide(all([timeout, unreachable, unreachable, offline, timeout]), BASE)).toEqual({
      ok: false,
      error: offline,
    })
    expect(decide(all([timeout, timeout, timeout, timeout, timeout]), BASE)).toEqual({
      ok: false,
      error: timeout,
    })
  })
})

describe('what the app can speak', () => {
  test('each finding names the registered kind that speaks it, or null for one this build lacks', () => {
    expect(kindForSoftware('djoser')).toBe('djoser')
    expect(kindForSoftware('allauth-headless')).toBe('allauth')
    expect(kindForSoftware('django-forms')).toBe('django-forms')
    const ids: readonly string[] = BACKEND_KINDS.map((k) => k.id)
    for (const software of DETECTED_SOFTWARE) {
      const kind = kindForSoftware(software)
      if (kind !== null) expect(ids).toContain(kind)
    }
  })
})
