import i18next from 'i18next'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  addPseudoLocale,
  isPseudoLocale,
  pseudoLocaleAsked,
  pseudoLocalize,
  pseudoLocalizeString,
} from '../../src/renderer/src/i18n/pseudo'
import { i18n, initI18n } from '../../src/renderer/src/i18n'

const RLO = '\u202e'
const PDF = '\u202c'
const letters = (s: string) => s.replace(/[^\p{L}]/gu, '').length

describe('en-XA: accented, longer, bracketed', () => {
  test('every ASCII letter is accented and the string is wrapped in ⟦ ⟧', () => {
    const out = pseudoLocalizeString('Sign in')
    expect(out.startsWith('⟦Šîĝñ îñ ')).toBe(true)
    expect(out.endsWith('⟧')).toBe(true)
    expect(out).not.toMatch(/[A-Za-z]/)
  })

  test('about 30 % more letters, at least two more for the shortest strings', () => {
    const long = 'Choose a new password for your account on this server'
    expect(letters(pseudoLocalizeString(long))).toBeGreaterThanOrEqual(Math.ceil(letters(long) * 1.3))
    expect(letters(pseudoLocalizeString(long))).toBeLessThanOrEqual(Math.ceil(letters(long) * 1.4) + 1)
    expect(letters(pseudoLocalizeString('OK'))).toBe(4)
  })

  test('interpolations, nesting and <Trans> tags are kept as they are', () => {
    const out = pseudoLocalizeString(
      'Signed out of {{server}} as {{- user}}: $t(common:again, {"n": 1}) <1>here</1><br/> {{when, datetime}}',
    )
    for (const kept of [
      '{{server}}',
      '{{- user}}',
      '$t(common:again, {"n": 1})',
      '<1>',
      '</1>',
      '<br/>',
      '{{when, datetime}}',
    ])
      expect(out).toContain(kept)
    expect(out).toContain('Šîĝñéð')
  })

  test('any text: the placeholders in, the same placeholders out, and no ASCII letter outside them', () => {
    const word = fc.stringMatching(/^[A-Za-z ,.:!?'’-]{0,12}$/)
    const token = fc.constantFrom('{{count}}', '{{name}}', '$t(errors:x)', '<0>', '</0>', '<strong>')
    fc.assert(
      fc.property(fc.array(fc.oneof(word, token), { maxLength: 8 }), (pieces) => {
        const text = pieces.join('')
        const out = pseudoLocalizeString(text)
        const tokens = (s: string) => s.match(/\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\w+>/g) ?? []
        expect(tokens(out)).toEqual(tokens(text))
        expect(out.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\w+>/g, '')).not.toMatch(/[A-Za-z]/)
      }),
    )
  })
})

describe('ar-XB: right to left', () => {
  test('each run of words is a right-to-left run; the placeholders stay outside those runs', () => {
    const out = pseudoLocalizeString('Hello {{name}}, welcome', { rtl: true })
    expect(out).toMatch(new RegExp(`^⟦${RLO}Ĥéļļö ${PDF}\\{\\{name\\}\\}${RLO}, ŵéļçöɱé${PDF} ${RLO}`))
    expect(out.endsWith(`${PDF}⟧`)).toBe(true)
  })
})

describe('catalogs', () => {
  const english = {
    title: 'Your accounts',
    rateLimit: { countdown_one: 'in {{count}} second', countdown_other: 'in {{count}} seconds' },
  }

  test('same keys (plural suffixes included), every string pseudo-localized', () => {
    const out = pseudoLocalize(english)
    expect(Object.keys(out)).toEqual(['title', 'rateLimit'])
    expect(out['rateLimit']).toEqual({
      countdown_one: pseudoLocalizeString('in {{count}} second'),
      countdown_other: pseudoLocalizeString('in {{count}} seconds'),
    })
  })

  test("a language's missing plural forms are filled from _other, the ones there kept", () => {
    const out = pseudoLocalize(english, { pluralCategories: ['zero', 'one', 'two', 'few', 'many', 'other'] })
    const forms = out['rateLimit'] as Record<string, string>
    expect(Object.keys(forms).sort()).toEqual(
      ['few', 'many', 'one', 'other', 'two', 'zero'].map((c) => `countdown_${c}`),
    )
    expect(forms['countdown_few']).toBe(forms['countdown_other'])
    expect(forms['countdown_one']).toBe(pseudoLocalizeString('in {{count}} second'))
  })

  test('through i18next: en-XA and ar-XB made from the loaded English, interpolated and pluralised', async () => {
    const i18n = i18next.createInstance()
    await i18n.init({
      lng: 'en',
      fallbackLng: 'en',
      resources: { en: { common: english } },
      ns: ['common'],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
    })
    addPseudoLocale(i18n, 'en-XA', ['common', 'absent'])
    addPseudoLocale(i18n, 'ar-XB', ['common'])
    await i18n.changeLanguage('en-XA')
    expect(i18n.t('rateLimit.countdown', { count: 1 })).toMatch(/^⟦îñ 1 šéçöñð [^⟧]*⟧$/)
    expect(i18n.t('rateLimit.countdown', { count: 7 })).toMatch(/^⟦îñ 7 šéçöñðš [^⟧]*⟧$/)
    expect(i18n.dir()).toBe('ltr')
    await i18n.changeLanguage('ar-XB')
    expect(i18n.dir()).toBe('rtl')
    // 3 is "few" in Arabic: a form English does not have, still pseudo-localized.
    expect(i18n.t('rateLimit.countdown', { count: 3 })).toContain(`${PDF}3${RLO}`)
    expect(i18n.t('rateLimit.countdown', { count: 3 })).toMatch(/^⟦.*⟧$/s)
    expect(i18n.hasResourceBundle('en-XA', 'absent')).toBe(false)
  })
})

describe('asking for one', () => {
  test('?pseudo=en-XA or ar-XB in the address, else VITE_PSEUDO_LOCALE; anything else is ignored', () => {
    expect(pseudoLocaleAsked('?pseudo=en-XA')).toBe('en-XA')
    expect(pseudoLocaleAsked('?x=1&pseudo=ar-XB', 'en-XA')).toBe('ar-XB')
    expect(pseudoLocaleAsked('', 'ar-XB')).toBe('ar-XB')
    for (const other of ['', '?pseudo=de', '?pseudo=toString', '?pseudo=EN-XA', '?lang=en-XA'])
      expect(pseudoLocaleAsked(other), other).toBeNull()
    expect(pseudoLocaleAsked('?pseudo=de', 'en-XA'), 'an address that asks for another wins').toBeNull()
    expect(isPseudoLocale('constructor')).toBe(false)
  })
})

describe('in the app', () => {
  test('initI18n takes a pseudo-locale first in the list: made from English, <html lang> and dir set', async () => {
    await initI18n(['en-XA', 'de'])
    expect(document.documentElement.lang).toBe('en-XA')
    expect(document.documentElement.dir).toBe('ltr')
    expect(i18n.t('app.name')).toBe(pseudoLocalizeString(i18n.t('app.name', { lng: 'en' })))
    await initI18n(['ar-XB'])
    expect(document.documentElement.dir).toBe('rtl')
    expect(i18n.t('app.name')).toMatch(/^⟦\u202e/)
    // Further down the list it is a region of English like any other.
    await initI18n(['fr', 'en-XA'])
    expect(i18n.language).toBe('en')
  })
})
