import { describe, expect, it } from 'vitest'
import { fieldMessages, formMessages, hasFieldMessages } from '../../src/renderer/src/errors/fields'
import { isRetrySafe } from '../../src/renderer/src/errors/describe'
import type { AppError } from '../../src/shared/errors'

const validation = (fields: Record<string, string[]>): AppError => ({
  kind: 'validation',
  message: 'x',
  fields,
})

describe('server field names → the fields on screen', () => {
  it.each([
    ['newPassword', 'newPassword'],
    ['new_password', 'newPassword'],
    ['new_password1', 'newPassword'],
    ['retypePassword', 'retypePassword'],
    ['re_new_password', 'retypePassword'],
    ['new_password2', 'retypePassword'],
    ['currentPassword', 'currentPassword'],
    ['current_password', 'currentPassword'],
    ['old_password', 'currentPassword'],
    ['email', 'email'],
  ] as const)('%s goes on %s', (serverName, field) => {
    const error = validation({ [serverName]: ['msg'] })
    expect(fieldMessages(error, field)).toEqual(['msg'])
    expect(formMessages(error, [field])).toEqual([])
    expect(hasFieldMessages(error, [field])).toBe(true)
  })

  it.each(['form', 'non_field_errors', '__all__', 'detail'])('%s goes to the form alert', (name) => {
    expect(formMessages(validation({ [name]: ['whole form'] }), ['newPassword'])).toEqual(['whole form'])
  })

  it('never loses a message for a field the screen does not show (e.g. djoser’s uid), form ones first', () => {
    const error = validation({
      uid: ['Invalid user id.'],
      non_field_errors: ['Mismatch.'],
      new_password: ['Too short.'],
    })
    expect(formMessages(error, ['newPassword', 'retypePassword'])).toEqual(['Mismatch.', 'Invalid user id.'])
  })

  it('has nothing for errors that are not validation errors', () => {
    const error: AppError = { kind: 'offline', message: 'Offline.' }
    expect(fieldMessages(error, 'email')).toEqual([])
    expect(formMessages(error, [])).toEqual([])
  })
})

describe('when "try again" is safe', () => {
  it.each([
    [{ kind: 'offline', message: '' }, false, true],
    [{ kind: 'proxy', message: '' }, false, true],
    [{ kind: 'timeout', message: '', mayHaveApplied: false }, false, true],
    [{ kind: 'timeout', message: '', mayHaveApplied: true }, true, false],
    [{ kind: 'server', message: '', status: 502 }, false, false],
    [{ kind: 'server', message: '', status: 502 }, true, true],
    [{ kind: 'auth', message: '', sessionExpired: false }, true, false],
    [{ kind: 'rate-limited', message: '', retryAfterSeconds: 3 }, true, false],
  ] as [AppError, boolean, boolean][])('%o (idempotent %s) → %s', (error, idempotent, safe) => {
    expect(isRetrySafe(error, idempotent)).toBe(safe)
  })
})
