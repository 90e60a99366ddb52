import { describe, expect, test } from 'vitest'
import { linksWillNotOpenNotice } from '../../src/main/links/registration-notice'
import { isValidSchemeName, MAX_SCHEME_LENGTH, schemeNameProblem } from '../../src/main/links/scheme-name'
import { words } from '../helpers/catalog'

describe('the app’s URL scheme name', () => {
  test.each([
    'about',
    'app',
    'blob',
    'chrome',
    'chrome-extension',
    'data',
    'devtools',
    'file',
    'filesystem',
    'ftp',
    'http',
    'https',
    'javascript',
    'mailto',
    'ms-settings',
    'tel',
    'view-source',
    'ws',
    'wss',
  ])('refuses %j: it belongs to the browser or the system', (name) => {
    expect(schemeNameProblem(name)).toBe(`The URL scheme "${name}" belongs to the browser or the system.`)
    expect(isValidSchemeName(name)).toBe(false)
  })

  test('2 to 64 characters', () => {
    expect(MAX_SCHEME_LENGTH).toBe(64)
    const length = 'The URL scheme name must be 2 to 64 characters long.'
    expect(schemeNameProblem('a')).toBe(length)
    expect(schemeNameProblem('a'.repeat(65))).toBe(length)
    expect(schemeNameProblem('ab')).toBeNull()
    expect(schemeNameProblem('a'.repeat(64))).toBeNull()
  })

  test('empty or not text at all', () => {
    for (const name of ['', undefined, null, 42, ['accountdesk']])
      expect(schemeNameProblem(name)).toBe('The URL scheme name is empty.')
  })

  test('a lowercase letter first, then lowercase letters, digits, “+”, “-” and “.” only', () => {
    for (const name of ['a1+-.', 'x9', 'org.contoso.desk']) expect(isValidSchemeName(name)).toBe(true)
    for (const name of ['9a', '-ab', 'aB', 'a_b', 'a b', 'ab:', 'ab/', 'éa', ' ab', 'ab\n'])
      expect(schemeNameProblem(name), name).toBe(
        'The URL scheme name must start with a lowercase letter and hold only lowercase letters, digits, "+", "-" and ".".',
      )
  })
})

test('the notice for links the system will not hand to the app names the app and the way around it', () => {
  expect(linksWillNotOpenNotice('Contoso Accounts')).toEqual({
    level: 'warning',
    message: { code: 'notice.links-will-not-open', app: 'Contoso Accounts' },
  })
  // The renderer's words for it name the app and the way around it.
  expect(words('en', 'message.notice.links-will-not-open', 'errors')).toMatch(
    /will not open \{\{app\}\}.*choose “Forgot a password” and paste it/,
  )
})
