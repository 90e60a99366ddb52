import { describe, expect, test } from 'vitest'
import { allauthError, allauthErrors, type AllauthError } from '../../src/main/backends/allauth-errors'
import { allauthHeadless } from '../../src/main/backends/detect-signals'
import {
  ALLAUTH_EITHER,
  allauthLoginMethods,
  signInFieldFromAllauthConfig,
} from '../../src/main/backends/sign-in-field'
import { RETRY_AFTER_DEFAULT_SECONDS } from '../../src/main/http/retry-after'

/** The answers below are django-allauth 65.19's own (docs/server-protocol.md, "django-allauth"). */
const TOO_COMMON = { message: 'This password is too common.', code: 'password_too_common' }

describe("allauth's error answers", () => {
  test('reads the entries of an error answer, skipping what is not a message', () => {
    expect(
      allauthErrors({
        status: 400,
        errors: [
          { ...TOO_COMMON, param: 'password' },
          { message: '', code: 'blank' },
          'not an entry',
          { message: 'About the whole request.' },
          { message: 'Odd types dropped.', code: 7, param: null },
        ],
      }),
    ).toEqual([
      { ...TOO_COMMON, param: 'password' },
      { message: 'About the whole request.' },
      { message: 'Odd types dropped.' },
    ])
    for (const body of [null, [], 'text', { status: 400 }, { errors: {} }, { errors: [{ code: 'x' }] }])
      expect(allauthErrors(body)).toBeNull()
  })

  test('a weak password goes on the form field that holds it, for a reset and for a change', () => {
    const weak = (param: string): AllauthError[] => [
      {
        message: 'This password is too short. It must contain at least 8 characters.',
        code: 'password_too_short',
        param,
      },
      { ...TOO_COMMON, param },
      { message: 'This password is entirely numeric.', code: 'password_entirely_numeric', param },
    ]
    const reset = allauthError(weak('password'), 'reset', 's')
    expect(reset).toEqual({
      kind: 'validation',
      message: { code: 'form.check-fields' },
      fields: { newPassword: weak('password').map((e) => e.message) },
    })
    const change = allauthError(
      [
        ...weak('new_password'),
        {
          message: 'Please type your current password.',
          code: 'enter_current_password',
          param: 'current_password',
        },
      ],
      'change',
      's',
    )
    expect(change.kind === 'validation' && Object.keys(change.fields)).toEqual([
      'newPassword',
      'currentPassword',
    ])
  })

  test('wrong credentials are an auth failure in the server’s words, on sign-in only', () => {
    for (const code of ['username_password_mismatch', 'email_password_mismatch', 'phone_password_mismatch']) {
      const message = `The ${code.split('_')[0]} and/or password you specified are not correct.`
      expect(allauthError([{ message, code, param: 'password' }], 'signIn', 's')).toEqual({
        kind: 'auth',
        message: { code: 'auth.wrong-credentials' },
        serverMessage: message,
        sessionExpired: false,
      })
    }
    // A required input on sign-in is the form's business, on the name field.
    expect(
      allauthError([{ message: 'This field is required.', code: 'required', param: 'email' }], 'signIn', 's'),
    ).toEqual({
      kind: 'validation',
      message: { code: 'form.check-fields' },
      fields: { username: ['This field is required.'] },
    })
  })

  test('too many failed sign-ins (a 400 in allauth) counts down like a 429', () => {
    const message = 'Too many failed login attempts. Try again later.'
    expect(allauthError([{ message, code: 'too_many_login_attempts' }], 'signIn', 's')).toEqual({
      kind: 'rate-limited',
      message: { code: 'rate-limited', seconds: RETRY_AFTER_DEFAULT_SECONDS },
      serverMessage: message,
      retryAfterSeconds: RETRY_AFTER_DEFAULT_SECONDS,
    })
  })

  test('a refused reset key is a dead link of that server; elsewhere it stays a field message', () => {
    const invalid = {
      message: 'The password reset token was invalid.',
      code: 'invalid_password_reset',
      param: 'key',
    }
    expect(allauthError([invalid], 'reset', 'corp')).toMatchObject({
      kind: 'link-invalid',
      reason: 'dead',
      serverId: 'corp',
    })
    expect(allauthError([invalid], 'change', 'corp')).toMatchObject({
      kind: 'validation',
      fields: { key: [invalid.message] },
    })
  })

  test('an entry without param is about the whole form; an unknown param keeps its name', () => {
    expect(
      allauthError(
        [
          { message: 'Whole form.', code: 'x' },
          { message: 'Phone.', param: 'phone_number' },
          { message: 'Address.', code: 'invalid', param: 'email' },
        ],
        'request',
        's',
      ),
    ).toEqual({
      kind: 'validation',
      message: { code: 'form.check-fields' },
      fields: { form: ['Whole form.'], phone_number: ['Phone.'], email: ['Address.'] },
    })
  })
})

describe("allauth's config: what people sign in with", () => {
  const config = (methods: unknown) => ({ status: 200, data: { account: { login_methods: methods } } })
  test('username, e-mail or both', () => {
    expect(signInFieldFromAllauthConfig(config(['username']))).toEqual({
      name: 'username',
      signInWith: 'username',
    })
    expect(signInFieldFromAllauthConfig(config(['email']))).toEqual({ name: 'email', signInWith: 'email' })
    expect(signInFieldFromAllauthConfig(config(['email', 'username']))).toEqual({
      name: ALLAUTH_EITHER,
      signInWith: 'username-or-email',
    })
    expect(signInFieldFromAllauthConfig(config(['phone', 'email']))).toEqual({
      name: 'email',
      signInWith: 'email',
    })
  })
  test('before 65.4 the config said authentication_method: read the same way', () => {
    const older = (method: unknown) => ({ status: 200, data: { account: { authentication_method: method } } })
    expect(allauthLoginMethods(older('username_email'))).toEqual(['username', 'email'])
    expect(signInFieldFromAllauthConfig(older('username_email'))).toEqual({
      name: ALLAUTH_EITHER,
      signInWith: 'username-or-email',
    })
    expect(signInFieldFromAllauthConfig(older('email'))).toEqual({ name: 'email', signInWith: 'email' })
    expect(signInFieldFromAllauthConfig(older('username'))).toEqual({
      name: 'username',
      signInWith: 'username',
    })
    // login_methods wins where both are given (65.4 and later still carry neither twice, but a proxy might).
    expect(
      allauthLoginMethods({
        data: { account: { login_methods: ['email'], authentication_method: 'username' } },
      }),
    ).toEqual(['email'])
  })
  test('Add server and the adapter read one config the same way', () => {
    for (const account of [
      { login_methods: ['username'] },
      { login_methods: ['email', 'username'] },
      { login_methods: ['phone'] },
      { authentication_method: 'username_email' },
      { authentication_method: 'email' },
      {},
    ]) {
      const body = { status: 200, data: { account } }
      const seen = {
        type: 'answer' as const,
        response: {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          setCookies: [],
          url: 'https://a.example/_allauth/app/v1/config',
        },
      }
      expect(allauthHeadless(seen)?.signIn).toBe(signInFieldFromAllauthConfig(body)?.signInWith)
    }
  })
  test('anything else is not a config the app can read', () => {
    for (const body of [
      null,
      {},
      config(undefined),
      config('username'),
      config([]),
      config(['phone']),
      { data: [] },
    ])
      expect(signInFieldFromAllauthConfig(body)).toBeNull()
  })
})
