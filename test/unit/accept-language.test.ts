import { describe, expect, test } from 'vitest'
import { acceptLanguageHeader } from '../../src/main/http/accept-language'
import { appLanguages } from '../../src/main/shell/app-languages'
import { browserShellLanguages } from '../../tools/browser-shell/main'

describe('the Accept-Language header', () => {
  test('tags in order with falling weights; POSIX underscores become hyphens; duplicates once', () => {
    expect(acceptLanguageHeader(['de-DE', 'de', 'en_US', 'DE-de'])).toBe('de-DE, de;q=0.9, en-US;q=0.8')
  })

  test('anything that is not a language tag is left out, so nothing odd reaches a header', () => {
    expect(acceptLanguageHeader(['de\r\nX-Evil: 1', '', '*', 'en-US'])).toBe('en-US')
    expect(acceptLanguageHeader(['', ' '])).toBeUndefined()
  })

  test('a tag is 1–8 letters, then subtags of 1–8 letters or digits; spaces around it are dropped', () => {
    expect(
      acceptLanguageHeader([' de ', 'abcdefgh', 'abcdefghi', 'sr-Latn-RS', 'es-419', 'x-12345678']),
    ).toBe('de, abcdefgh;q=0.9, sr-Latn-RS;q=0.8, es-419;q=0.7, x-12345678;q=0.6')
    for (const odd of ['de-', '-de', 'de--at', 'de-123456789', '1de', 'de at', 'de.at', 'd\u00e9'])
      expect(acceptLanguageHeader([odd]), odd).toBeUndefined()
  })

  test('at most ten tags', () => {
    const many = Array.from({ length: 12 }, (_, i) => `x${String.fromCharCode(97 + i)}`)
    const header = acceptLanguageHeader(many)
    expect(header?.split(', ')).toHaveLength(10)
    expect(header?.split(', ')[9]).toBe('xj;q=0.1')
  })
})

describe('the app’s languages', () => {
  test('Electron: the app’s locale, then the system’s preferred languages', () => {
    expect(
      appLanguages({ getLocale: () => 'de', getPreferredSystemLanguages: () => ['de-AT', 'en-GB'] }),
    ).toEqual(['de', 'de-AT', 'en-GB'])
    expect(appLanguages({ getLocale: () => '', getPreferredSystemLanguages: () => [] })).toEqual([])
  })

  test('browser shell: ACCOUNT_DESK_LANGUAGES, else Node’s default locale', () => {
    expect(browserShellLanguages({ ACCOUNT_DESK_LANGUAGES: 'de-DE, en' })).toEqual(['de-DE', 'en'])
    expect(browserShellLanguages({})).toEqual([Intl.DateTimeFormat().resolvedOptions().locale])
  })
})
