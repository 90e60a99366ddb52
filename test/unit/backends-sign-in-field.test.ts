import { describe, expect, test } from 'vitest'
import {
  signInFieldFromAllauthInput,
  signInFieldFromDrfMetadata,
  signInFieldFromInput,
} from '../../src/main/backends/sign-in-field'

/** djoser 2.1's OPTIONS answer on token/login/, as the test server gives it (LOGIN_FIELD = 'email'). */
const EMAIL_METADATA = {
  name: 'Token Create',
  description: 'Use this endpoint to obtain user authentication token.',
  renders: ['application/json', 'text/html'],
  parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
  actions: {
    POST: {
      password: { type: 'string', required: false, read_only: false, label: 'Password' },
      email: { type: 'string', required: false, read_only: false, label: 'Email' },
    },
  },
}

describe('what a server signs people in with', () => {
  test('djoser’s DRF metadata: the field beside the password', () => {
    expect(signInFieldFromDrfMetadata(EMAIL_METADATA)).toEqual({ name: 'email', signInWith: 'email' })
    const username = { actions: { POST: { password: {}, username: { label: 'Username' } } } }
    expect(signInFieldFromDrfMetadata(username)).toEqual({ name: 'username', signInWith: 'username' })
    // A custom USERNAME_FIELD: its name as is, e-mail when its label says so.
    const custom = { actions: { POST: { password: {}, login: { label: 'E-mail address' } } } }
    expect(signInFieldFromDrfMetadata(custom)).toEqual({ name: 'login', signInWith: 'email' })
  })

  test('metadata without the sign-in fields says nothing', () => {
    for (const body of [null, [], 'x', {}, { actions: {} }, { actions: { POST: { username: {} } } }])
      expect(signInFieldFromDrfMetadata(body)).toBeNull()
    expect(signInFieldFromDrfMetadata({ actions: { POST: { password: {} } } })).toBeNull()
  })

  test('Django’s login form: the input’s name, type, autofill hint or label', () => {
    const input = { name: 'username', type: 'text', autocomplete: 'username', label: 'Username' }
    expect(signInFieldFromInput(input)).toEqual({ name: 'username', signInWith: 'username' })
    expect(signInFieldFromInput({ ...input, type: 'email' }).signInWith).toBe('email')
    expect(signInFieldFromInput({ ...input, autocomplete: 'email' }).signInWith).toBe('email')
    expect(signInFieldFromInput({ ...input, label: 'Email address' }).signInWith).toBe('email')
    expect(signInFieldFromInput({ ...input, name: 'email', label: '' })).toEqual({
      name: 'email',
      signInWith: 'email',
    })
  })

  test('allauth’s login input: its label says username, e-mail, or either', () => {
    const login = (label: string, type = 'text') => ({ name: 'login', type, autocomplete: '', label })
    expect(signInFieldFromAllauthInput(login('Username'))).toEqual({ name: 'login', signInWith: 'username' })
    expect(signInFieldFromAllauthInput(login('Email', 'email'))).toEqual({
      name: 'login',
      signInWith: 'email',
    })
    expect(signInFieldFromAllauthInput(login('E-mail'))).toEqual({ name: 'login', signInWith: 'email' })
    for (const label of ['Username or email', 'Username or e-mail', 'User name or E-mail'])
      expect(signInFieldFromAllauthInput(login(label))).toEqual({
        name: 'username-or-email',
        signInWith: 'username-or-email',
      })
  })
})
