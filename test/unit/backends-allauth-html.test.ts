import { describe, expect, test } from 'vitest'
import { ALLAUTH_FORM_FIELDS, signInRefusal } from '../../src/main/backends/allauth-html'

describe('allauth’s sign-in form errors as the app’s error kinds', () => {
  test('the lockout is a rate limit with the server’s words and the headless side’s countdown', () => {
    expect(signInRefusal({ form: ['Too many failed login attempts. Try again later.'] })).toEqual({
      kind: 'rate-limited',
      message: { code: 'rate-limited', seconds: 60 },
      serverMessage: 'Too many failed login attempts. Try again later.',
      retryAfterSeconds: 60,
    })
  })

  test('a form error alone is wrong credentials, verbatim', () => {
    const message = 'The username and/or password you specified are not correct.'
    expect(signInRefusal({ form: [message] })).toEqual({
      kind: 'auth',
      message: { code: 'auth.wrong-credentials' },
      serverMessage: message,
      sessionExpired: false,
    })
  })

  test('field errors stay on their fields', () => {
    expect(signInRefusal({ username: ['This field is required.'] })).toEqual({
      kind: 'validation',
      message: { code: 'form.check-fields' },
      fields: { username: ['This field is required.'] },
    })
  })

  test('every input of allauth’s forms has its field in the app', () => {
    expect(ALLAUTH_FORM_FIELDS).toEqual({
      login: 'username',
      password: 'password',
      email: 'email',
      oldpassword: 'currentPassword',
      password1: 'newPassword',
      password2: 'retypePassword',
      __all__: 'form',
    })
  })
})
