import { describe, expect, it } from 'vitest'
import { fieldMessages, formMessages, hasFieldMessages } from '../../src/renderer/src/errors/fields'
import { isRetrySafe } from '../../src/renderer/src/errors/describe'
import { i18n, loadLanguage } from '../../src/renderer/src/i18n'
import type { AppError } from '../../src/shared/errors'

const t = i18n.getFixedT('en', 'errors')
const server = (text: string) => ({ server: text })

const validation = (fields: Record<string, string[]>): AppError => ({
  kind: 'validation',
  message: { code: 'form.check-fields' },
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
    expect(fieldMessages(error, field, t)).toEqual([server('msg')])
    expect(formMessages(error, [field], t)).toEqual([])
    expect(hasFieldMessages(error, [field], t)).toBe(true)
  })

  it.each(['form', 'non_field_errors', '__all__', 'detail'])('%s goes to the form alert', (name) => {
    expect(formMessages(validation({ [name]: ['whole form'] }), ['newPassword'], t)).toEqual([
      server('whole form'),
    ])
  })

  it('never loses a message for a field the screen does not show (e.g. djoser’s uid), form ones first', () => {
    const error = validation({
      uid: ['Invalid user id.'],
      non_field_errors: ['Mismatch.'],
      new_password: ['Too short.'],
    })
    expect(formMessages(error, ['newPassword', 'retypePassword'], t)).toEqual([
      server('Mismatch.'),
      server('Invalid user id.'),
    ])
  })

  it('has nothing for errors that are not validation errors', () => {
    const error: AppError = { kind: 'offline', message: { code: 'offline' } }
    expect(fieldMessages(error, 'email', t)).toEqual([])
    expect(formMessages(error, [], t)).toEqual([])
  })

  it('words the app’s own field messages (codes) and keeps the server’s verbatim, app’s first', async () => {
    const error: AppError = {
      kind: 'validation',
      message: { code: 'server.check-details' },
      fields: { baseUrl: ['Host not allowed.'] },
      fieldCodes: { baseUrl: [{ code: 'server.already-listed' }] },
    }
    expect(fieldMessages(error, 'baseUrl', t)).toEqual([
      'That server is already in the list.',
      server('Host not allowed.'),
    ])
    await loadLanguage('de')
    expect(fieldMessages(error, 'baseUrl', i18n.getFixedT('de', 'errors'))[0]).toBe(
      'Dieser Server ist bereits in der Liste.',
    )
  })
})

describe('when "try again" is safe', () => {
  it.each([
    [{ kind: 'offline', message: { code: 'offline' } }, false, true],
    [{ kind: 'proxy', message: { code: 'proxy.failed' } }, false, true],
    [{ kind: 'timeout', message: { code: 'timeout.try-again' }, mayHaveApplied: false }, false, true],
    [{ kind: 'timeout', message: { code: 'timeout.try-again' }, mayHaveApplied: true }, true, false],
    [{ kind: 'server', message: { code: 'server.problem' }, status: 502 }, false, false],
    [{ kind: 'server', message: { code: 'server.problem' }, status: 502 }, true, true],
    [{ kind: 'auth', message: { code: 'auth.wrong-credentials' }, sessionExpired: false }, true, false],
    [
      {
        kind: 'rate-limited',
        message: { code: 'rate-limited', seconds: 30 },
        serverMessage: '',
        retryAfterSeconds: 3,
      },
      true,
      false,
    ],
  ] as [AppError, boolean, boolean][])('%o (idempotent %s) → %s', (error, idempotent, safe) => {
    expect(isRetrySafe(error, idempotent)).toBe(safe)
  })
})
