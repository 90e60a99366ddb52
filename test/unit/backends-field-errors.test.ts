import { describe, expect, test } from 'vitest'
import { drfFieldErrors, firstMessage } from '../../src/main/backends/field-errors'

describe('DRF error shapes → field errors', () => {
  test.each([
    [{ new_password: ['This password is too common.'] }, { newPassword: ['This password is too common.'] }],
    [{ current_password: ['Invalid password.'] }, { currentPassword: ['Invalid password.'] }],
    [{ re_new_password: ['This field is required.'] }, { retypePassword: ['This field is required.'] }],
    [
      { non_field_errors: ["The two password fields didn't match."] },
      { form: ["The two password fields didn't match."] },
    ],
    [{ detail: 'JSON parse error - Expecting value' }, { form: ['JSON parse error - Expecting value'] }],
    [['User with given email does not exist.'], { form: ['User with given email does not exist.'] }],
    [
      { email: ['Enter a valid email address.'], extra_field: ['Kept as is.'] },
      { email: ['Enter a valid email address.'], extra_field: ['Kept as is.'] },
    ],
    [{ nested: { deeper: ['x'] } }, { nested: ['x'] }],
  ])('%j', (body, fields) => {
    expect(drfFieldErrors(body)).toEqual(fields)
  })

  test.each([null, {}, [], 5, { new_password: [] }, { a: [1, 2] }])('no message in %j → null', (body) => {
    expect(drfFieldErrors(body)).toBeNull()
  })

  test('firstMessage takes the first message of the first field', () => {
    expect(firstMessage({ newPassword: ['A.', 'B.'], form: ['C.'] })).toBe('A.')
    expect(firstMessage({})).toBe('')
  })
})
