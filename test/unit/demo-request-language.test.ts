import { describe, expect, it } from 'vitest'
import { requestLanguage } from '../../src/main/demo/request-language'
import { composeResetMail } from '../../src/main/demo/reset-mail'

describe('the demo server’s language of a request (Django’s LocaleMiddleware)', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['de', 'de'],
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['en-GB, de;q=0.9', 'en'],
    ['fr, de;q=0.5', 'de'],
    ['en;q=0.4, de;q=0.8', 'de'],
    ['de;q=0, en', 'en'],
    ['*', 'en'],
    ['ja, zh;q=0.9', 'en'],
  ] as const)('%j → %s', (header, language) => {
    expect(requestLanguage(header)).toBe(language)
  })
})

describe('the demo reset mail', () => {
  const input = {
    to: 'a@example.com',
    username: 'a<b',
    domain: '127.0.0.1:8000',
    uid: 'MQ',
    token: 'abc-0123456789abcdef0123',
    date: new Date(0),
  }

  it('is English unless asked otherwise, German when asked, the link and escaping alike', () => {
    const en = composeResetMail(input)
    const de = composeResetMail({ ...input, language: 'de' })
    expect(en.subject).toBe('Password reset on 127.0.0.1:8000')
    expect(de.subject).toBe('Passwort auf 127.0.0.1:8000 zurücksetzen')
    expect(de.text).toContain('Ihr Benutzername, falls Sie ihn vergessen haben: a&lt;b')
    expect(de.text).toContain('\nhttp://127.0.0.1:8000/reset/MQ/abc-0123456789abcdef0123\n')
    expect(de.link).toBe(en.link)
  })
})
