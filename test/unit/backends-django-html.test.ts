import { describe, expect, test } from 'vitest'
import { hasAnyForm, hasForm, readForm, readFormTarget } from '../../src/main/backends/django-html'

const CSRF = 'y8X1XVAuQpMox7IbIGZa34BU8C49NhzZ7PhIetTuyQwcuWSqoDZ6KElnFAfFb3mQ'
const OTHER_CSRF = 'OtherFormToken0123456789abcdefOtherFormToken0123456789abcdefABCD'
const PAGE = 'https://accounts.example.org/accounts/password_reset/'
const CONFIRM = ['new_password1', 'new_password2']
const CHANGE = ['old_password', 'new_password1', 'new_password2']

/** Django 3.2's `{{ form.as_p }}` for SetPasswordForm after a mismatch, as the test server renders it. */
const AS_P = `<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"><p><label for="id_new_password1">New password:</label> <input type="password" name="new_password1" autocomplete="new-password" required id="id_new_password1"><span class="helptext"><ul><li>Your password can&#x27;t be too similar to your other personal information.</li></ul></span></p>
<ul class="errorlist"><li>The two password fields didn’t match.</li></ul>
<p><label for="id_new_password2">New password confirmation:</label> <input type="password" name="new_password2" autocomplete="new-password" required id="id_new_password2"></p><button type="submit">Change my password</button></form>`

/** LoginView with wrong credentials: a non-field error. */
const LOGIN = `<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"><ul class="errorlist nonfield"><li>Please enter a correct username and password. Note that both fields may be case-sensitive.</li></ul>
<p><label for="id_username">Username:</label> <input type="text" name="username" value="alice" autofocus autocapitalize="none" autocomplete="username" maxlength="150" required id="id_username"></p>
<p><label for="id_password">Password:</label> <input type="password" name="password" autocomplete="current-password" required id="id_password"></p></form>`

/** `as_table`, and the Django 5.2 `div` template whose error lists carry the field in their id. */
const AS_TABLE = `<form method="post"><table><tr><th><label for="id_old_password">Old password:</label></th><td><ul class="errorlist"><li>Your old password was entered incorrectly. Please enter it again.</li></ul><input type="password" name="old_password" id="id_old_password"></td></tr>
<tr><th></th><td><input type="password" name="new_password1"></td></tr><tr><th></th><td><input type="password" name="new_password2"></td></tr></table></form>`
const DIV_52 = `<form method="post"><div><label for="id_email">Email:</label><ul class="errorlist" id="id_email_error"><li>Enter a valid email address.</li></ul><input type="email" name="email" aria-invalid="true" aria-describedby="id_email_error" id="id_email"></div></form>`

/** django-crispy-forms with crispy-bootstrap5, exactly as `{% crispy form %}` renders a failed change. */
const CRISPY_BS5 = `<form method="post" action="/accounts/password_change/"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}">
<div class="alert alert-block alert-danger"><ul class="m-0"><li>Something about the whole form.</li></ul></div>
<div id="div_id_old_password" class="mb-3"> <label for="id_old_password" class="form-label requiredField">
                Old password<span class="asteriskField">*</span> </label> <input type="password" name="old_password" autocomplete="current-password" autofocus class="passwordinput form-control is-invalid" required aria-invalid="true" id="id_old_password"> <span id="error_1_id_old_password" class="invalid-feedback"><strong>Your old password was entered incorrectly. Please enter it again.</strong></span> </div>
<div id="div_id_new_password1" class="mb-3"> <label for="id_new_password1" class="form-label requiredField">New password<span class="asteriskField">*</span></label> <input type="password" name="new_password1" autocomplete="new-password" class="passwordinput form-control is-invalid" required aria-invalid="true" id="id_new_password1"> <span id="error_1_id_new_password1" class="invalid-feedback"><strong>This password is too short. It must contain at least 8 characters.</strong></span><span id="error_2_id_new_password1" class="invalid-feedback"><strong>This password is too common.</strong></span> <div id="id_new_password1_helptext" class="form-text"><ul><li>Your password can’t be too similar to your other personal information.</li></ul></div> </div>
<div id="div_id_new_password2" class="mb-3"> <label for="id_new_password2" class="form-label requiredField">New password confirmation<span class="asteriskField">*</span></label> <input type="password" name="new_password2" autocomplete="new-password" class="passwordinput form-control" required id="id_new_password2"> <div class="invalid-feedback">Please repeat the new password.</div></div>
<input type="submit" name="submit" value="Change my password" class="btn btn-primary" id="submit-id-submit"></form>`

/** crispy-bootstrap4: the same conventions inside a form-group, the input in its own div. */
const CRISPY_BS4 = `<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"><div id="div_id_email" class="form-group"><label for="id_email" class=" requiredField">Email<span class="asteriskField">*</span></label><div><input type="email" name="email" maxlength="254" class="emailinput form-control is-invalid" required id="id_email"><span id="error_1_id_email" class="invalid-feedback"><strong>Enter a valid email address.</strong></span></div></div></form>`

describe('finding the form', () => {
  test('finds the CSRF token, the inputs, their labels and the action', () => {
    const form = readForm(AS_P, PAGE, CONFIRM)
    expect(form?.csrf).toBe(CSRF)
    expect(form?.method).toBe('post')
    expect(form?.action).toBe(PAGE)
    expect(form?.inputs.map((i) => [i.name, i.type, i.label])).toEqual([
      ['new_password1', 'password', 'New password'],
      ['new_password2', 'password', 'New password confirmation'],
    ])
    expect(readForm(AS_P, PAGE, ['old_password'])).toBeNull()
    expect(readForm('<p>The password reset link was invalid</p>', PAGE, CONFIRM)).toBeNull()
    const quoted = readForm(
      `<form method=POST><input value='${CSRF}' type='hidden' name='csrfmiddlewaretoken'><input name=email></form>`,
      PAGE,
      ['email'],
    )
    expect(quoted?.csrf).toBe(CSRF)
    expect(quoted?.method).toBe('post')
    const forged = readForm(
      '<form><input type="hidden" name="csrfmiddlewaretoken" value="<script>"><input name="email"></form>',
      PAGE,
      ['email'],
    )
    expect(forged?.csrf).toBeNull()
    expect(forged?.method).toBe('get')
  })

  test('honours the action, resolved against the page it came from', () => {
    const at = (action: string) =>
      readForm(`<form method="post" action="${action}"><input name="email"></form>`, PAGE, ['email'])?.action
    expect(at('/accounts/reset/start/')).toBe('https://accounts.example.org/accounts/reset/start/')
    expect(at('?step=2')).toBe('https://accounts.example.org/accounts/password_reset/?step=2')
    expect(at('https://elsewhere.example.net/steal')).toBe('https://elsewhere.example.net/steal')
    expect(at('')).toBe(PAGE)
  })

  test('the form that holds the expected inputs: another form contributes neither its token nor its errors', () => {
    const html = `<form method="get" action="/search/"><input type="hidden" name="csrfmiddlewaretoken" value="${OTHER_CSRF}"><input type="hidden" name="scope" value="all"><ul class="errorlist nonfield"><li>Search is down.</li></ul><ul class="errorlist"><li>Type something.</li></ul><input name="q"></form>
<form method="post" action="/accounts/password_reset/"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"><ul class="errorlist"><li>Enter a valid email address.</li></ul><input type="email" name="email"></form>`
    const form = readForm(
      html.replace('<input type="email"', '<input type="hidden" name="step" value="2"><input type="email"'),
      PAGE,
      ['email'],
    )
    expect(form?.csrf).toBe(CSRF)
    expect(form?.errors).toEqual({ email: ['Enter a valid email address.'] })
    // Its own hidden inputs, to send back as a browser would; not the other form's, not the token.
    expect(form?.hidden).toEqual({ step: '2' })
  })

  test('a page with no form but in comments, templates or scripts has none', () => {
    expect(hasAnyForm(AS_P)).toBe(true)
    expect(hasAnyForm('<!-- <form> --><template><form></form></template><script>"<form>"</script>')).toBe(
      false,
    )
  })

  test('ignores comments, <template> and script text', () => {
    const html = `<!-- <form method="post"><input name="csrfmiddlewaretoken" value="${OTHER_CSRF}"><input name="email"></form> -->
<template><form method="post"><input name="email"></form></template>
<script>document.write('<form method="post"><input name="email"></form>')</script>
<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"><!-- <input name="email"> --><input name="username"></form>`
    expect(readForm(html, PAGE, ['email'])).toBeNull()
    const form = readForm(html, PAGE, ['username'])
    expect(form?.csrf).toBe(CSRF)
    expect(form?.inputs.map((i) => i.name)).toEqual(['username'])
  })

  test('an attribute value containing > hides nothing', () => {
    const html = `<form method="post" data-confirm="a > b" action="/accounts/password_reset/"><input type="text" title="-> type your address" name="email" placeholder="you@example.org > here"><input type="hidden" data-x=">" name="csrfmiddlewaretoken" value="${CSRF}"></form>`
    const form = readForm(html, PAGE, ['email'])
    expect(form?.csrf).toBe(CSRF)
    expect(form?.action).toBe('https://accounts.example.org/accounts/password_reset/')
  })

  test('an input outside the form that names it with form= belongs to it', () => {
    const html = `<form id="reset" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"></form><input form="reset" name="email">`
    expect(readForm(html, PAGE, ['email'])?.csrf).toBe(CSRF)
  })
})

describe('the streamed readers (hasForm, readFormTarget) agree with the full read', () => {
  /** What readFormTarget gives, taken from readForm. */
  const targetOf = (html: string, expected: readonly string[]) => {
    const form = readForm(html, PAGE, expected)
    return form && { action: form.action, method: form.method, csrf: form.csrf, hidden: form.hidden }
  }
  const agree = (html: string, expected: readonly string[]) => {
    expect(hasForm(html, expected)).toBe(targetOf(html, expected) !== null)
    expect(readFormTarget(html, PAGE, expected)).toEqual(targetOf(html, expected))
  }

  test('on every page above, with every flow’s inputs', () => {
    const pages = [AS_P, LOGIN, AS_TABLE, DIV_52, CRISPY_BS5, CRISPY_BS4]
    const flows = [['password'], ['email'], CONFIRM, CHANGE, ['username', 'password'], [], ['nothing']]
    let found = 0
    for (const html of pages)
      for (const expected of flows) {
        agree(html, expected)
        if (hasForm(html, expected)) found++
      }
    // Both answers are checked: [] on all six; password and username+password on LOGIN; CONFIRM on AS_P, AS_TABLE
    // and CRISPY_BS5; CHANGE on AS_TABLE and CRISPY_BS5; email on DIV_52 and CRISPY_BS4.
    expect(found).toBe(15)
  })

  test('an input naming a form further down the page belongs to it', () => {
    const html = `<input form="reset" name="email"><form id="reset" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"></form>`
    expect(hasForm(html, ['email'])).toBe(true)
    expect(readFormTarget(html, PAGE, ['email'])?.csrf).toBe(CSRF)
    agree(html, ['email'])
    // …or further up: the last input completes the form.
    const after = `<form id="reset" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"></form><input form="reset" name="email">`
    expect(hasForm(after, ['email'])).toBe(true)
    agree(after, ['email'])
  })

  test('a later form= input can make an earlier form the first complete one', () => {
    const html = `<form id="a" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"><input type="hidden" name="step" value="1"></form>
<form id="b" method="get"><input type="hidden" name="csrfmiddlewaretoken" value="${OTHER_CSRF}"><input name="email"></form>
<input form="a" name="email"><input form="a" type="hidden" name="step" value="2">`
    expect(readFormTarget(html, PAGE, ['email'])).toEqual({
      action: PAGE,
      method: 'post',
      csrf: CSRF,
      hidden: { step: '2' }, // the later one, as a browser sends it
    })
    agree(html, ['email'])
  })

  test('a token outside the form, naming it, counts when the form has none of its own', () => {
    const html = `<form id="f" method="post"><input name="email"></form><input form="f" type="hidden" name="csrfmiddlewaretoken" value="${CSRF}">`
    expect(readFormTarget(html, PAGE, ['email'])?.csrf).toBe(CSRF)
    agree(html, ['email'])
  })

  test('form="" names no form; nothing counts inside <template>, <noscript> or comments', () => {
    const html = `<form id="" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"></form><input form="" name="email">
<form id="t" method="post"></form><template><input form="t" name="email"></template><noscript><input form="t" name="email"><form><input name="email"></form></noscript><!-- <input form="t" name="email"> -->`
    expect(hasForm(html, ['email'])).toBe(false)
    expect(readFormTarget(html, PAGE, ['email'])).toBeNull()
    expect(hasForm(html, [])).toBe(true)
    agree(html, ['email'])
  })

  test('an input with form= belongs to the form it names, not the one around it', () => {
    const html = `<form id="outer" method="post"><input form="other" name="email"><input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}"></form><form id="other" method="post"></form>`
    expect(readFormTarget(html, PAGE, ['email'])).toEqual({
      action: PAGE,
      method: 'post',
      csrf: null,
      hidden: {},
    })
    agree(html, ['email'])
  })

  test('a button or hidden input holds no expected field; select and textarea do', () => {
    const html = `<form method="post"><input type="hidden" name="email" value="x"><button name="password">Go</button><select name="country"></select><textarea name="note"></textarea></form>`
    expect(hasForm(html, ['email'])).toBe(false)
    expect(hasForm(html, ['password'])).toBe(false)
    expect(hasForm(html, ['country', 'note'])).toBe(true)
    agree(html, ['email'])
    agree(html, ['country', 'note'])
  })
})

describe('reading the errors', () => {
  test('Django’s stock renderings: errors before the input, verbatim (typographic apostrophe kept)', () => {
    expect(readForm(AS_P, PAGE, CONFIRM)?.errors).toEqual({
      new_password2: ['The two password fields didn’t match.'],
    })
    expect(readForm(LOGIN, PAGE, ['password'])?.errors).toEqual({
      __all__: ['Please enter a correct username and password. Note that both fields may be case-sensitive.'],
    })
    expect(readForm(AS_TABLE, PAGE, CHANGE)?.errors).toEqual({
      old_password: ['Your old password was entered incorrectly. Please enter it again.'],
    })
    expect(readForm(DIV_52, PAGE, ['email'])?.errors).toEqual({ email: ['Enter a valid email address.'] })
  })

  test('crispy-forms Bootstrap 5: invalid-feedback of inputs marked is-invalid, the alert as non-field', () => {
    expect(readForm(CRISPY_BS5, PAGE, CHANGE)?.errors).toEqual({
      __all__: ['Something about the whole form.'],
      old_password: ['Your old password was entered incorrectly. Please enter it again.'],
      new_password1: [
        'This password is too short. It must contain at least 8 characters.',
        'This password is too common.',
      ],
    })
  })

  test('crispy-forms Bootstrap 4', () => {
    expect(readForm(CRISPY_BS4, PAGE, ['email'])?.errors).toEqual({ email: ['Enter a valid email address.'] })
  })

  test('errors after the input land on that input', () => {
    const html = `<form method="post"><div class="field"><input type="password" name="new_password1"><ul class="errorlist"><li>This password is too common.</li></ul></div>
<div class="field"><input type="password" name="new_password2"><ul class="errorlist"><li>The two password fields didn’t match.</li></ul></div></form>`
    expect(readForm(html, PAGE, CONFIRM)?.errors).toEqual({
      new_password1: ['This password is too common.'],
      new_password2: ['The two password fields didn’t match.'],
    })
  })

  test('aria-describedby from an invalid input to its message', () => {
    const html = `<form method="post"><p id="email-problem" class="text-danger">Enter a valid email address.</p><p id="email-help">We never share it.</p><input name="email" aria-invalid="true" aria-describedby="email-help email-problem"></form>`
    // A described-by that is not an error (help text) is not one; the error's id says so.
    const withErrorId = html.replace(/email-problem/g, 'email-error')
    expect(readForm(withErrorId, PAGE, ['email'])?.errors).toEqual({
      email: ['Enter a valid email address.'],
    })
    expect(readForm(html, PAGE, ['email'])?.errors).toEqual({})
  })

  test('non-field errors wherever the template puts them, even above the form', () => {
    const html = `<div class="container"><p class="errornote">Please correct the error below.</p></div><form method="post"><input name="username"><input type="password" name="password"></form>`
    expect(readForm(html, PAGE, ['password'])?.errors).toEqual({
      __all__: ['Please correct the error below.'],
    })
  })

  test('several messages in order, entities decoded, comments left out', () => {
    const html = `<form method="post"><ul class="errorlist"><li>This password is too short. It must contain at least 8 characters.</li><li>This password is too common.</li><li>Don&#x27;t &amp; &quot;won&#39;t&quot; &lt;b&gt;<!-- not shown --></li></ul><input type="password" name="new_password2"><input type="password" name="new_password1"></form>`
    expect(readForm(html, PAGE, CONFIRM)?.errors).toEqual({
      new_password2: [
        'This password is too short. It must contain at least 8 characters.',
        'This password is too common.',
        'Don\'t & "won\'t" <b>',
      ],
    })
  })

  test('a page without error lists has no errors; an empty list is ignored', () => {
    expect(readForm('<form><input name="email"></form>', PAGE, ['email'])?.errors).toEqual({})
    expect(
      readForm('<form><ul class="errorlist"></ul><input name="email"></form>', PAGE, ['email'])?.errors,
    ).toEqual({})
  })
})
