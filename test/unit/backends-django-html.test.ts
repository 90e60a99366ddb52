import { describe, expect, test } from 'vitest'
import { decodeHtmlEntities, findCsrfToken, formErrors, hasInput } from '../../src/main/backends/django-html'

const CSRF = 'y8X1XVAuQpMox7IbIGZa34BU8C49NhzZ7PhIetTuyQwcuWSqoDZ6KElnFAfFb3mQ'

/** Django 3.2's `{{ form.as_p }}` for SetPasswordForm after a mismatch, as the test server renders it. */
const AS_P = `<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"><p><label for="id_new_password1">New password:</label> <input type="password" name="new_password1" autocomplete="new-password" required id="id_new_password1"><span class="helptext"><ul><li>Your password can&#x27;t be too similar to your other personal information.</li></ul></span></p>
<ul class="errorlist"><li>The two password fields didn’t match.</li></ul>
<p><label for="id_new_password2">New password confirmation:</label> <input type="password" name="new_password2" autocomplete="new-password" required id="id_new_password2"></p><button type="submit">Change my password</button></form>`

/** LoginView with wrong credentials: a non-field error. */
const LOGIN = `<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"><ul class="errorlist nonfield"><li>Please enter a correct username and password. Note that both fields may be case-sensitive.</li></ul>
<p><label for="id_username">Username:</label> <input type="text" name="username" value="alice" autofocus autocapitalize="none" autocomplete="username" maxlength="150" required id="id_username"></p>`

/** `as_table`, and the Django 5.2 `div` template whose error lists carry the field in their id. */
const AS_TABLE = `<tr><th><label for="id_old_password">Old password:</label></th><td><ul class="errorlist"><li>Your old password was entered incorrectly. Please enter it again.</li></ul><input type="password" name="old_password" id="id_old_password"></td></tr>`
const DIV_52 = `<div><label for="id_email">Email:</label><ul class="errorlist" id="id_email_error"><li>Enter a valid email address.</li></ul><input type="email" name="email" aria-describedby="id_email_error" id="id_email"></div>`

describe('reading Django’s forms', () => {
  test('finds the CSRF token and the inputs', () => {
    expect(findCsrfToken(AS_P)).toBe(CSRF)
    expect(findCsrfToken(`<input value='${CSRF}' type='hidden' name='csrfmiddlewaretoken'>`)).toBe(CSRF)
    expect(findCsrfToken('<input type="hidden" name="csrfmiddlewaretoken" value="<script>">')).toBeNull()
    expect(findCsrfToken('<p>no form</p>')).toBeNull()
    expect(hasInput(AS_P, 'new_password1')).toBe(true)
    expect(hasInput(AS_P, 'old_password')).toBe(false)
    expect(hasInput('<p>The password reset link was invalid</p>', 'new_password1')).toBe(false)
  })

  test('puts each errorlist on the field it precedes, verbatim (typographic apostrophe kept)', () => {
    expect(formErrors(AS_P)).toEqual({ new_password2: ['The two password fields didn’t match.'] })
    expect(formErrors(LOGIN)).toEqual({
      __all__: ['Please enter a correct username and password. Note that both fields may be case-sensitive.'],
    })
    expect(formErrors(AS_TABLE)).toEqual({
      old_password: ['Your old password was entered incorrectly. Please enter it again.'],
    })
    expect(formErrors(DIV_52)).toEqual({ email: ['Enter a valid email address.'] })
  })

  test('keeps several messages in order and decodes entities', () => {
    const html = `<ul class="errorlist"><li>This password is too short. It must contain at least 8 characters.</li><li>This password is too common.</li><li>Don&#x27;t &amp; &quot;won&#39;t&quot; &lt;b&gt;</li></ul><input type="password" name="new_password2">`
    expect(formErrors(html)).toEqual({
      new_password2: [
        'This password is too short. It must contain at least 8 characters.',
        'This password is too common.',
        'Don\'t & "won\'t" <b>',
      ],
    })
    expect(decodeHtmlEntities('&rsquo;&#8217;&#x2019;&bogus;&#0;')).toBe('’’’&bogus;&#0;')
  })

  test('a page without error lists has no errors; an empty list is ignored', () => {
    expect(formErrors('<form><input name="email"></form>')).toEqual({})
    expect(formErrors('<ul class="errorlist"></ul><input name="email">')).toEqual({})
  })
})
